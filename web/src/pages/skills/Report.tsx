// A programme's printable report (/skills/{p}/report), on A4: the same
// figures as the dashboard (for a sponsor with the same suppressed cells),
// one table per question: the funnel by track and by country, attendance
// by session kind, satisfaction, before and after per competency, the
// knowledge checks, mentoring pairs and the follow-up outcomes; with the CSV and XLSX files.
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useTitle } from '../../hooks';
import { PAIR_MOVES, skills, skillsHref, type Count, type Dashboard } from '../../skills';
import { CountCell, FunnelTable, KnowledgeTable, share } from './Dashboard';
import { Loaded, kindName, pairStatusName, stateName, useSkills } from './common';
import './skills.css';

function Table({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: (string | Count | { n: Count })[][] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? <p class="muted">{t('skNothingYet')}</p> : (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">{title}</caption>
            <thead><tr>{head.map((h, i) => <th scope="col" class={i ? 'num' : undefined} key={i}>{h}</th>)}</tr></thead>
            <tbody>{rows.map((r, i) => (
              <tr key={i}>{r.map((c, j) => (j === 0 ? <th scope="row" key={j}>{c as string}</th>
                : c !== null && typeof c === 'object' ? <CountCell key={j} n={c.n} /> : <td class="num" key={j}>{c ?? '–'}</td>))}</tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function SkillsReport({ route }: { route: Route }) {
  const p = route.id!;
  const d = useSkills(() => skills.dashboard(p), [p]);
  useTitle(t('skReportTitle'));
  return <Loaded d={d} title={t('skReportTitle')} route={route}>{(x) => <ReportView p={p} x={x} />}</Loaded>;
}

function ReportView({ p, x }: { p: string; x: Dashboard }) {
  const c = (n: Count) => ({ n });
  return (
    <div class="page skills sk-report" data-testid="sk-report">
      <ul class="link-row no-print">
        <li><button type="button" class="button" onClick={() => window.print()}>{t('rpPrint')}</button></li>
        <li><a href={skillsHref.export(p, 'csv')} download>{t('skCsv')}</a></li>
        <li><a href={skillsHref.export(p, 'xlsx')} download>{t('skXlsx')}</a></li>
      </ul>
      <header class="report-head">
        <h1>{t('skReportTitle')}</h1>
        <p class="lead">{t('skReportLead', { p: x.programme, year: x.countries_reached.year })}</p>
        <p>{t('skReached', { n: x.countries_reached.countries, ldc: x.countries_reached.ldc, sids: x.countries_reached.sids, year: x.countries_reached.year })}</p>
        {x.suppressed_cells && <p class="muted">{t('skSuppressedNote')} {t('skSecondaryNote')}</p>}
      </header>
      <FunnelTable id="rp-tracks" title={t('skByTrack')} first={t('skTrack')} total={x.programme} funnel={x.funnel}
        rows={x.by_track.map((r) => ({ key: r.track, name: r.name, f: r }))} />
      <FunnelTable id="rp-countries" title={t('skByCountry')} first={t('skCountry')} total={x.programme} funnel={x.funnel}
        rows={x.by_country.map((r) => ({ key: r.country, name: r.name, f: r }))} />
      <Table id="rp-att" title={t('skAttendance')} head={[t('skSessionKind'), stateName('present'), stateName('absent'), stateName('excused')]}
        rows={x.attendance.map((a) => [kindName(a.kind), c(a.present), c(a.absent), c(a.excused)])} />
      <Table id="rp-sat" title={t('skSatisfaction')} head={[t('skQuestion'), t('skAnswers'), t('skShareSatisfied')]}
        rows={x.satisfaction.map((r) => [`${r.question} (${r.kind})`, c(r.answers), share(r.share_satisfied)])} />
      <Table id="rp-learn" title={t('skLearning')} head={[t('skCompetency'), 'N', t('skBefore'), t('skAfter'), t('skChange')]}
        rows={x.learning.map((r) => [r.competency, c(r.n), r.before, r.after, r.change])} />
      <KnowledgeTable id="rp-knowledge" rows={x.knowledge_checks ?? []} />
      <Table id="rp-pairs" title={t('skPairs')} head={[t('skStatus'), t('skPairsN')]}
        rows={Object.keys(PAIR_MOVES).map((st) => [pairStatusName(st), c(x.pairs[st] ?? 0)])} />
      <Table id="rp-out" title={t('skOutcomes')} head={[t('skOutcome'), t('skPeople')]}
        rows={x.outcomes.map((o) => [t('skAtMonths', { n: o.months, outcome: o.outcome }), c(o.people)])} />
      <p class="chart-source">{t('skReportSource', { p: x.programme })}</p>
    </div>
  );
}
