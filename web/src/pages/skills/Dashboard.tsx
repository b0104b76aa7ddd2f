// A skills programme's dashboard (/skills/{p}): the funnel, by track and by
// country (LDC and SIDS of that year, beside the country's capacity
// results), and the paired before/after per competency. For a sponsor,
// counts of 1 to 4 come as null and read "fewer than 5".
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useAsync, useTitle } from '../../hooks';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { useSession } from '../../session';
import { skills, type Count, type Funnel } from '../../skills';
import './skills.css';

const STEPS = ['applied', 'selected', 'enrolled', 'active', 'completed', 'withdrawn'] as const;

export function CountCell({ n }: { n: Count }) {
  return n === null ? <td class="num suppressed">{t('skSuppressed')}</td> : <td class="num">{n}</td>;
}

function FunnelHead({ first }: { first: string }) {
  return (
    <thead><tr><th scope="col">{first}</th>{STEPS.map((s) => <th scope="col" class="num" key={s}>{t(('skSt_' + s) as 'skSt_applied')}</th>)}</tr></thead>
  );
}

const cells = (f: Funnel) => STEPS.map((s) => <CountCell key={s} n={f[s]} />);

export function SkillsDashboard({ route }: { route: Route }) {
  const s = useSession(true);
  const p = route.id!;
  const d = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    return skills.dashboard(p);
  }, [p, s.status]);
  useTitle(t('skDashTitle'));
  if (d.state === 'error') return <AccessError title={t('skDashTitle')} error={d.error} route={route} retry={d.retry} />;
  if (d.state === 'loading') return <div class="page"><h1>{t('skDashTitle')}</h1><Loading /></div>;
  const x = d.data;
  return (
    <div class="page page-wide skills">
      <h1>{t('skDashTitle')}</h1>
      <p class="lead">{t('skDashLead', { p: x.programme })}</p>
      {x.suppressed_cells && <div class="panel panel-info"><p>{t('skSuppressedNote')}</p></div>}
      <section aria-labelledby="sk-funnel">
        <h2 id="sk-funnel">{t('skFunnel')}</h2>
        <div class="table-wrap">
          <table data-testid="sk-funnel">
            <caption class="visually-hidden">{t('skFunnel')}</caption>
            <FunnelHead first={t('skProgramme')} />
            <tbody><tr><th scope="row">{x.programme}</th>{cells(x.funnel)}</tr></tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="sk-tracks">
        <h2 id="sk-tracks">{t('skByTrack')}</h2>
        <div class="table-wrap">
          <table data-testid="sk-tracks">
            <caption class="visually-hidden">{t('skByTrack')}</caption>
            <FunnelHead first={t('skTrack')} />
            <tbody>{x.by_track.map((r) => <tr key={r.track}><th scope="row">{r.name}</th>{cells(r)}</tr>)}</tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="sk-countries">
        <h2 id="sk-countries">{t('skByCountry')}</h2>
        <p>{t('skReached', { n: x.countries_reached.countries, ldc: x.countries_reached.ldc, sids: x.countries_reached.sids, year: x.countries_reached.year })}</p>
        <div class="table-wrap">
          <table data-testid="sk-countries">
            <caption class="visually-hidden">{t('skByCountry')}</caption>
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
          <table data-testid="sk-learning">
            <caption class="visually-hidden">{t('skLearning')}</caption>
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
    </div>
  );
}
