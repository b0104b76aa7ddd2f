// Beside a country profile's scores: the progress of the unit's public
// action plan (progress, overdue, RAG in words) linking to the plan. Shown
// only when the unit has a public plan; nothing while loading or on error.
import { get } from '../api';
import { useAsync } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import { int, num } from '../format';
import { Link } from './ui';

interface Row { id: string; title: string; public: boolean; progress: number | null; rag: string | null; overdue: number; end: string }

export function PlanPanel({ unit }: { unit: string }) {
  const r = useAsync(() => get<{ plans: Row[] }>('/plans?unit=' + encodeURIComponent(unit)), [unit]);
  const plan = r.data?.plans.filter((p) => p.public).sort((a, b) => b.end.localeCompare(a.end))[0];
  if (!plan) return null;
  const rag = plan.rag ? t(('plRag_' + plan.rag) as 'plRag_red') : t('plRagNone');
  return (
    <aside class="plan-panel" aria-labelledby="plan-panel-title" data-testid="plan-panel">
      <h2 id="plan-panel-title" class="plan-panel-title">{t('plProfileTitle')}</h2>
      <p>{t('plProfileText', { p: plan.progress == null ? t('noValue') : t('plPct', { n: num(plan.progress, 0) }), overdue: int(plan.overdue), rag })}</p>
      <p class="no-print"><Link href={href('/plans/' + encodeURIComponent(plan.id))}>{t('plProfileLink', { title: plan.title })}</Link></p>
    </aside>
  );
}
