// The monitoring figures shared by the dashboard and the printable report:
// progress by objective (a chart with its table, RAG named in text), the
// overdue and blocked actions, the KPIs baseline -> latest -> target with
// on track or not, and the re-measurement of every linked node.
import { t } from '../../i18n';
import { date, int } from '../../format';
import { ChartFrame, DataTable, type TableData } from '../../components/ChartFrame';
import { HBars } from '../../charts/HBars';
import type { Action, Kpi, Monitoring, NodeChange, Plan } from '../../plans';
import { RagTag, pct, statusName, val } from './common';

const ragName = (r: string | null) => (r ? t(('plRag_' + r) as 'plRag_red') : t('plRagNone'));

export function ObjectiveChart({ plan, m }: { plan: Plan; m: Pick<Monitoring, 'objectives' | 'progress' | 'weighting'> }) {
  const rows = m.objectives.map((o) => ({ key: String(o.id), label: o.title, values: [o.progress], note: '(' + ragName(o.rag) + ')' }));
  const table: TableData = {
    columns: [{ label: t('plObjective') }, { label: t('plProgress'), numeric: true, format: (v) => pct(v as number | null) },
      { label: t('plExpected'), numeric: true, format: (v) => pct(v as number | null) }, { label: t('plStatusRag') },
      { label: t('plCounted'), numeric: true }, { label: t('plOverdue'), numeric: true }, { label: t('plBlocked'), numeric: true }],
    rows: [...m.objectives.map((o) => [o.title, o.progress, o.expected, ragName(o.rag), o.counted, o.overdue, o.blocked]),
      [t('plWholePlan'), m.progress.overall, m.progress.expected, ragName(m.progress.rag), m.progress.counted, m.progress.overdue, m.progress.blocked]],
  };
  return (
    <ChartFrame title={t('plObjChartTitle', { p: pct(m.progress.overall), rag: ragName(m.progress.rag) })}
      subtitle={t(m.weighting === 'budget' ? 'plObjChartSubBudget' : 'plObjChartSub')}
      source={t('plSource', { plan: plan.title, date: date(plan.at) })} table={table} file={'progress-' + plan.id}>
      <HBars rows={rows} series={[{ label: t('plProgress'), color: '#0b5fa5' }]} max={100} precision={0} ariaLabel={t('plObjChartAria')} axisLabel={t('plProgress')} />
    </ChartFrame>
  );
}

export function ObjectiveRags({ m }: { m: Pick<Monitoring, 'objectives'> }) {
  return (
    <ul class="rag-list" data-testid="objective-rags">
      {m.objectives.map((o) => <li key={o.id} data-objective={o.id}><RagTag rag={o.rag} /> {o.title}: {pct(o.progress)}</li>)}
    </ul>
  );
}

export function ActionList({ title, actions, empty, testid }: { title: string; actions: Action[]; empty: string; testid: string }) {
  return (
    <section class="work-section" data-testid={testid}>
      <h2>{title}</h2>
      {!actions.length ? <p class="muted">{empty}</p> : (
        <ul>{actions.map((a) => <li key={a.id} data-action={a.id}><strong>{a.title}</strong>: {statusName(a.status)}, {a.owner || t('plNoOwner')}{a.due ? ', ' + t('plDueOn', { d: date(a.due) }) : ''}</li>)}</ul>
      )}
    </section>
  );
}

const track = (k: Kpi) => (k.on_track == null ? t('plTrackUnknown') : k.on_track ? t('plOnTrack') : t('plOffTrack'));

export function KpiTable({ kpis, title }: { kpis: (Kpi & { action: number })[]; title: string }) {
  const data: TableData = {
    columns: [{ label: t('plKpi') }, { label: t('plKpiUnit') }, { label: t('plKpiBaseline'), numeric: true }, { label: t('plLatest'), numeric: true },
      { label: t('plKpiTarget'), numeric: true }, { label: t('plOnTrackQ') }],
    rows: kpis.map((k) => [k.name, k.unit, val(k.baseline), k.latest ? `${val(k.latest.value)} (${date(k.latest.date)})` : t('noValue'), val(k.target),
      k.reached ? t('plReached') : track(k)]),
  };
  return kpis.length ? <DataTable data={data} caption={title} id="kpi-table" /> : <p class="muted">{t('plNoKpis')}</p>;
}

export function NodesTable({ nodes, title }: { nodes: NodeChange[]; title: string }) {
  const change = (n: NodeChange) => (n.after == null ? t('plNotYet') : n.rose ? t('plRose') : (n.change || 0) < 0 ? t('plFell') : t('plSame'));
  const data: TableData = {
    columns: [{ label: t('plNode') }, { label: t('plBefore'), numeric: true }, { label: t('plAfter'), numeric: true }, { label: t('plChange') }, { label: t('plDoneActions'), numeric: true }],
    rows: nodes.map((n) => [n.label || n.node, `${val(n.before)}${n.before_campaign ? ' (' + n.before_campaign + ')' : ''}`,
      n.after == null ? t('noValue') : `${val(n.after)} (${n.after_campaign})`, change(n), int(n.done_actions)]),
  };
  return nodes.length ? <DataTable data={data} caption={title} id="nodes-table" /> : <p class="muted">{t('plNoNodes')}</p>;
}

export function remeasureSummary(r: Monitoring['remeasurement']) {
  return t('plRemeasure', { done: int(r.rose_done), rose: int(r.rose), compared: int(r.compared), fell: int(r.fell) });
}
