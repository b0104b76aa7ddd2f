// The periodic progress report of a plan (/plans/{p}/report?period=2026-Q3),
// printable on A4: the summary (progress, RAG in words, counts), the
// objectives, every action with the ones due or changed in the period
// marked and where each came from (the gap, target or element), the KPIs,
// the re-measurement and the chosen services; from
// GET /plans/{p}/report, with the same rows as CSV and XLSX.
import './build.css';
import { t } from '../../i18n';
import { setParams, type Route } from '../../router';
import { useAsync } from '../../hooks';
import { date, int } from '../../format';
import { ErrorState, Loading } from '../../components/ui';
import { DataTable, type TableData } from '../../components/ChartFrame';
import { periods, plans, quarterOf, reportUrl } from '../../plans';
import { PlanHeader, RagTag, WithPlan, pct, statusName, type PlanData } from './common';
import { KpiTable, NodesTable, ObjectiveRags, remeasureSummary } from './parts';
import { sourceShort } from './SourceNote';

export function PlanReportPage({ route }: { route: Route }) {
  return <WithPlan route={route} title="plReportTitle">{(d) => <ReportView d={d} period={route.params.get('period')} />}</WithPlan>;
}

function ReportView({ d, period }: { d: PlanData; period: string | null }) {
  const chosen = period || quarterOf(d.plan.at);
  const r = useAsync(() => plans.report(d.plan.id, chosen), [d.plan.id, chosen]);
  const list = periods(d.plan.at);
  if (!list.includes(chosen)) list.unshift(chosen);
  return (
    <div class="page plan-report" data-testid="plan-report">
      <div class="no-print">
        <PlanHeader d={d} current="report" h1={t('plReportH1')} />
        <form class="controls" aria-label={t('plPeriod')} onSubmit={(e) => e.preventDefault()}>
          <div class="field">
            <label for="rp-period">{t('plPeriod')}</label>
            <select id="rp-period" value={chosen} onChange={(e) => setParams({ period: (e.currentTarget as HTMLSelectElement).value })}>
              {list.map((p) => <option key={p} value={p}>{periodName(p)}</option>)}
            </select>
          </div>
        </form>
        <ul class="link-row">
          <li><button type="button" class="button" onClick={() => window.print()}>{t('rpPrint')}</button></li>
          <li><a href={reportUrl(d.plan.id, 'csv', chosen)} download>{t('plReportCsv')}</a></li>
          <li><a href={reportUrl(d.plan.id, 'xlsx', chosen)} download>{t('plReportXlsx')}</a></li>
        </ul>
      </div>
      {r.state === 'error' ? <ErrorState error={r.error} retry={r.retry} /> : r.state === 'loading' ? <Loading /> : (() => {
        const x = r.data;
        const rows: TableData = {
          columns: [{ label: t('plAction') }, { label: t('plObjective') }, { label: t('plFOwner') }, { label: t('plFStatus') },
            { label: t('plProgress'), numeric: true }, { label: t('plFDue') }, { label: t('plInPeriod') }, { label: t('plSourceCol') }],
          rows: x.rows.map((a) => [a.title, a.objective_title, a.owner || t('plNoOwner'),
            statusName(a.status) + (a.overdue ? ', ' + t('plOverdueMark').toLowerCase() : ''), pct(a.status === 'done' ? 100 : a.progress),
            a.due ? date(a.due) : t('plNoDate'), a.in_period ? t('plYes') : t('plNo'), sourceShort(a.source)]),
        };
        return (
          <article class="report-body">
            <header class="report-head">
              <p class="eyebrow">{t('plPlansOf', { unit: d.unitLabel })}</p>
              <h1 class="print-only">{t('plReportH1')}</h1>
              <h2 class="report-plan">{d.plan.title}</h2>
              <p data-testid="report-period">{t('plReportPeriod', { p: periodName(x.period.id), from: date(x.period.first), to: date(x.period.last), at: date(x.at) })}</p>
            </header>
            <section>
              <h2>{t('rpSummary')}</h2>
              <p>{t('plReportSummary', { p: pct(x.progress.overall), counted: int(x.progress.counted), total: int(x.progress.total), overdue: int(x.progress.overdue), blocked: int(x.progress.blocked), flagged: int(x.flagged) })} <RagTag rag={x.progress.rag} /></p>
              <ObjectiveRags m={x} />
              <p>{remeasureSummary(x.remeasurement)}</p>
            </section>
            <section>
              <h2>{t('plReportActions')}</h2>
              <p class="muted">{t('plReportFlagNote')}</p>
              <DataTable data={rows} caption={t('plReportActions')} id="report-rows" />
            </section>
            <section><h2>{t('plKpisTitle')}</h2><KpiTable kpis={x.rows.flatMap((a) => a.kpis.map((k) => ({ ...k, action: a.id })))} title={t('plKpisTitle')} /></section>
            <section><h2>{t('plRemeasureTitle')}</h2><NodesTable nodes={x.nodes} title={t('plRemeasureTitle')} /></section>
            {x.services.length > 0 && (
              <section><h2>{t('plServicesChosen', { n: int(x.services.length) })}</h2>
                <ul class="cols">{x.services.map((s) => <li key={s.id}>{s.id} {s.name}</li>)}</ul></section>
            )}
            <p class="chart-source">{t('plSource', { plan: d.plan.title, date: date(x.at) })}</p>
          </article>
        );
      })()}
    </div>
  );
}

export function periodName(p: string): string {
  const m = /^(\d{4})-([QH])(\d)$/.exec(p);
  if (!m) return p;
  return m[2] === 'Q' ? t('plQuarter', { n: m[3], y: m[1] }) : t('plHalf', { n: m[3], y: m[1] });
}
