// The monitoring dashboard (/plans/{p}/monitoring): progress overall and by
// objective with RAG in words, the overdue and blocked actions, the KPIs
// (baseline -> latest -> target, on track or not), and the re-measurement:
// every linked node before and after, "actions done on N of M nodes that rose".
import './build.css';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useAsync } from '../../hooks';
import { int } from '../../format';
import { ErrorState, Loading } from '../../components/ui';
import { plans } from '../../plans';
import { PlanHeader, RagTag, WithPlan, pct, type PlanData } from './common';
import { ActionList, KpiTable, NodesTable, ObjectiveChart, ObjectiveRags, remeasureSummary } from './parts';

export function MonitoringPage({ route }: { route: Route }) {
  return <WithPlan route={route} title="plMonTitle">{(d) => <MonitoringView d={d} />}</WithPlan>;
}

function MonitoringView({ d }: { d: PlanData }) {
  const m = useAsync(() => plans.monitoring(d.plan.id), [d.plan.id]);
  const all = d.plan.objectives.flatMap((o) => o.actions);
  return (
    <div class="page page-wide monitoring">
      <PlanHeader d={d} current="monitoring" h1={t('plMonH1', { plan: d.plan.title })} />
      {m.state === 'error' ? <ErrorState error={m.error} retry={m.retry} /> : m.state === 'loading' ? <Loading /> : (() => {
        const x = m.data;
        return (
          <>
            <dl class="figures" data-testid="mon-figures">
              <div><dt>{t('plOverall')}</dt><dd data-testid="mon-overall">{pct(x.progress.overall)}</dd></div>
              <div><dt>{t('plStatusRag')}</dt><dd data-testid="mon-rag"><RagTag rag={x.progress.rag} /></dd></div>
              <div><dt>{t('plCounted')}</dt><dd data-testid="mon-counted">{t('nOfM', { n: int(x.actions.counted), m: int(x.actions.total) })}</dd></div>
              <div><dt>{t('plOverdue')}</dt><dd data-testid="mon-overdue">{int(x.actions.overdue)}</dd></div>
              <div><dt>{t('plBlocked')}</dt><dd data-testid="mon-blocked">{int(x.actions.blocked)}</dd></div>
            </dl>
            <p class="muted">{t(x.weighting === 'budget' ? 'plWeightBudget' : 'plWeightEqual')}{x.weighting_note ? ' ' + x.weighting_note : ''}</p>
            <ObjectiveRags m={x} />
            <ObjectiveChart plan={d.plan} m={x} />
            <div class="two-col">
              <ActionList title={t('plOverdueList', { n: int(x.actions.overdue) })} testid="overdue-list" empty={t('plNoneOverdue')}
                actions={all.filter((a) => x.actions.overdue_actions.includes(a.id))} />
              <ActionList title={t('plBlockedList', { n: int(x.actions.blocked) })} testid="blocked-list" empty={t('plNoneBlocked')}
                actions={all.filter((a) => x.actions.blocked_actions.includes(a.id))} />
            </div>
            <section class="work-section"><h2>{t('plKpisTitle')}</h2><KpiTable kpis={x.kpis} title={t('plKpisTitle')} /></section>
            <section class="work-section" data-testid="remeasure">
              <h2>{t('plRemeasureTitle')}</h2>
              <p class="lead" data-testid="remeasure-summary">{remeasureSummary(x.remeasurement)}</p>
              <NodesTable nodes={x.nodes} title={t('plRemeasureTitle')} />
            </section>
          </>
        );
      })()}
    </div>
  );
}
