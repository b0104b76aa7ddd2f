// A skills programme's dashboard (/skills/{p}): the funnel, by track and by
// country (LDC and SIDS of that year, beside the country's capacity
// results), the paired before/after per competency and the knowledge
// checks (N, mean score, share passed). For a sponsor,
// counts of 1 to 4 come as null and read "fewer than 5".
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useTitle } from '../../hooks';
import { href } from '../../router';
import { Link } from '../../components/ui';
import { skills, skillsHref, type Count, type Dashboard, type Funnel, type KnowledgeCheck } from '../../skills';
import { Loaded, useSkills } from './common';
import './skills.css';

const STEPS = ['applied', 'selected', 'enrolled', 'active', 'completed', 'withdrawn'] as const;

export function CountCell({ n }: { n: Count }) {
  return n === null ? <td class="num suppressed">{t('skSuppressed')}</td> : <td class="num">{n}</td>;
}

/** A share from 0 to 1 as a percentage; "–" when there is none (no one, or hidden). */
export const share = (x: number | null) => (x == null ? '–' : Math.round(x * 100) + ' %');

/** The knowledge checks: per check its pass mark, N with a score, the mean score and the share passed. */
export function KnowledgeTable({ id, rows }: { id: string; rows: KnowledgeCheck[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t('skKnowledge')}</h2>
      <p>{t('skKnowledgeLead')}</p>
      {rows.length === 0 ? <p class="muted">{t('skKnowledgeNone')}</p> : (
        <div class="table-wrap">
          <table class="data" data-testid={id}>
            <caption class="sr-only">{t('skKnowledge')}</caption>
            <thead><tr>
              <th scope="col">{t('skCheck')}</th><th scope="col" class="num">{t('skPassMark')}</th>
              <th scope="col" class="num">N</th><th scope="col" class="num">{t('skMeanScore')}</th>
              <th scope="col" class="num">{t('skSharePassed')}</th>
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.module}>
                  <th scope="row">{r.module}</th><td class="num">{r.pass}</td><CountCell n={r.n} />
                  <td class="num">{r.mean ?? '–'}</td><td class="num">{share(r.share_passed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FunnelHead({ first }: { first: string }) {
  return (
    <thead><tr><th scope="col">{first}</th>{STEPS.map((s) => <th scope="col" class="num" key={s}>{t(('skSt_' + s) as 'skSt_applied')}</th>)}</tr></thead>
  );
}

const cells = (f: Funnel) => STEPS.map((s) => <CountCell key={s} n={f[s]} />);

/** A funnel per row (a track, a country) with the programme's total under them. */
export function FunnelTable({ id, title, first, total, funnel, rows }: {
  id: string; title: string; first: string; total: string; funnel: Funnel; rows: { key: string; name: string; f: Funnel }[];
}) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div class="table-wrap">
        <table class="data" data-testid={id}>
          <caption class="sr-only">{title}</caption>
          <FunnelHead first={first} />
          <tbody>{rows.map((r) => <tr key={r.key}><th scope="row">{r.name}</th>{cells(r.f)}</tr>)}</tbody>
          <tfoot><tr><th scope="row">{t('skTotal', { p: total })}</th>{cells(funnel)}</tr></tfoot>
        </table>
      </div>
    </section>
  );
}

export function SkillsDashboard({ route }: { route: Route }) {
  const p = route.id!;
  const d = useSkills(() => skills.dashboard(p), [p]);
  useTitle(t('skDashTitle'));
  return <Loaded d={d} title={t('skDashTitle')} route={route}>{(x) => <DashboardView p={p} x={x} />}</Loaded>;
}

function DashboardView({ p, x }: { p: string; x: Dashboard }) {
  return (
    <div class="page page-wide skills">
      <h1>{t('skDashTitle')}</h1>
      <p class="lead">{t('skDashLead', { p: x.programme })}</p>
      {x.suppressed_cells && <div class="panel panel-info"><p>{t('skSuppressedNote')} {t('skSecondaryNote')}</p></div>}
      <ul class="link-row" data-testid="sk-dash-links">
        {!x.suppressed_cells && <li><Link href={href(skillsHref.cohorts(p))}>{t('skOpenCohorts')}</Link></li>}
        <li><Link href={href(skillsHref.report(p))}>{t('skOpenReport')}</Link></li>
        <li><a href={skillsHref.export(p, 'csv')} download>{t('skCsv')}</a></li>
        <li><a href={skillsHref.export(p, 'xlsx')} download>{t('skXlsx')}</a></li>
      </ul>
      <FunnelTable id="sk-tracks" title={t('skByTrack')} first={t('skTrack')} total={x.programme} funnel={x.funnel}
        rows={x.by_track.map((r) => ({ key: r.track, name: r.name, f: r }))} />
      <section aria-labelledby="sk-countries">
        <h2 id="sk-countries">{t('skByCountry')}</h2>
        <p>{t('skReached', { n: x.countries_reached.countries, ldc: x.countries_reached.ldc, sids: x.countries_reached.sids, year: x.countries_reached.year })}</p>
        <div class="table-wrap">
          <table class="data" data-testid="sk-countries">
            <caption class="sr-only">{t('skByCountry')}</caption>
            <thead><tr>
              <th scope="col">{t('skCountry')}</th>
              <th scope="col" class="num">{t('skSt_applied')}</th>
              <th scope="col" class="num">{t('skSt_completed')}</th>
              <th scope="col" class="num">{t('skCohorts')}</th>
              <th scope="col" class="num">{t('skCapacityDev')}</th>
              <th scope="col" class="num">{t('skEducation')}</th>
            </tr></thead>
            <tbody>
              {x.by_country.map((r) => (
                <tr key={r.country}>
                  <th scope="row">{r.name}{r.ldc && <span class="tag">{t('skLdc')}</span>}{r.sids && <span class="tag">{t('skSids')}</span>}</th>
                  <CountCell n={r.applied} />
                  <CountCell n={r.completed} />
                  <td class="num">{r.cohorts}</td>
                  <td class="num">{r.capacity_development?.score ?? '–'}</td>
                  <td class="num">{r.education_capacity
                    ? <Link href={`/units/${encodeURIComponent(r.country)}?campaign=${encodeURIComponent(r.education_capacity.campaign)}`}>{r.education_capacity.score ?? '–'}</Link>
                    : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="sk-learning">
        <h2 id="sk-learning">{t('skLearning')}</h2>
        <p>{t('skLearningLead')}</p>
        <div class="table-wrap">
          <table class="data" data-testid="sk-learning">
            <caption class="sr-only">{t('skLearning')}</caption>
            <thead><tr>
              <th scope="col">{t('skCompetency')}</th><th scope="col" class="num">N</th>
              <th scope="col" class="num">{t('skBefore')}</th><th scope="col" class="num">{t('skAfter')}</th>
              <th scope="col" class="num">{t('skChange')}</th>
            </tr></thead>
            <tbody>
              {x.learning.map((r) => (
                <tr key={r.competency}>
                  <th scope="row">{r.competency}</th><CountCell n={r.n} />
                  <td class="num">{r.before ?? '–'}</td><td class="num">{r.after ?? '–'}</td><td class="num">{r.change ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <KnowledgeTable id="sk-knowledge" rows={x.knowledge_checks ?? []} />
    </div>
  );
}
