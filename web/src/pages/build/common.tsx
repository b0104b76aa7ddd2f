// Pieces every plan page shares: loading the plan (and the units' names),
// its header with the plan's pages as tabs, status and RAG tags that say
// what they mean in words, percentages and node values.
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { t, type Key } from '../../i18n';
import { href, type Route } from '../../router';
import { api } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { num, unitName } from '../../format';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { useSession, type User } from '../../session';
import { mayEdit, plans, type Plan, type Rag } from '../../plans';
import type { Unit } from '../../types';

export const enc = encodeURIComponent;
export const planHref = (p: string, sub = '', params: Record<string, string | null | undefined> = {}) =>
  href(`/plans/${enc(p)}${sub ? '/' + sub : ''}`, params);

export const pct = (x: number | null | undefined) => (x == null ? t('noValue') : t('plPct', { n: num(x, 0) }));
export const val = (x: number | null | undefined) => (x == null ? t('noValue') : num(x, 2));

const STATUS_TAG: Record<string, string> = {
  proposed: 'tag-white', planned: 'tag-grey', in_progress: 'tag-blue', done: 'tag-green', blocked: 'tag-orange', cancelled: 'tag-grey',
};
export const statusName = (s: string) => t(('plSt_' + s) as Key);
export function ActionStatus({ status }: { status: string }) {
  return <strong class={'tag ' + (STATUS_TAG[status] || 'tag-grey')}>{statusName(status)}</strong>;
}
/** Red, amber, green in words (and a mark), never by colour alone. */
export function RagTag({ rag }: { rag: Rag | undefined }) {
  if (!rag) return <span class="tag tag-white">{t('plRagNone')}</span>;
  return <strong class={'tag rag rag-' + rag}>{t(('plRag_' + rag) as Key)}</strong>;
}

export interface PlanData { plan: Plan; units: Unit[]; user: User | null; edit: boolean; unitLabel: string }

/** Loads plan P (again when TICK changes) for a page titled TITLE; renders CHILDREN with it. */
export function WithPlan({ route, title, tick = 0, children }: {
  route: Route; title: Key; tick?: number; children: (d: PlanData) => ComponentChildren;
}) {
  const s = useSession(true);
  const p = route.id!;
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const [plan, units] = await Promise.all([plans.get(p), api.units().catch(() => [] as Unit[])]);
    return { plan, units };
  }, [p, s.status, user?.id, tick]);
  // Reloading after a change keeps the page (and what it says) in place.
  const last = useRef<typeof data.data>(undefined);
  if (data.data) last.current = data.data;
  const d = data.data || last.current;
  useTitle(d ? t(title) + ', ' + d.plan.title : t(title));
  if (data.state === 'error') return <AccessError title={t(title)} error={data.error} route={route} retry={data.retry} />;
  if (!d) return <div class="page"><h1>{t(title)}</h1><Loading /></div>;
  const unitLabel = unitName(d.units.find((u) => u.id === d.plan.unit), d.plan.unit);
  return <>{children({ plan: d.plan, units: d.units, user, edit: mayEdit(user, d.plan.unit), unitLabel })}</>;
}

const TABS: { sub: string; key: Key; edit?: boolean; cirt?: boolean }[] = [
  { sub: '', key: 'plTabPlan' },
  { sub: 'monitoring', key: 'plTabMonitoring' },
  { sub: 'report', key: 'plTabReport' },
  { sub: 'draft', key: 'plTabDraft', edit: true },
  { sub: 'services', key: 'plTabServices', cirt: true },
];

export function PlanHeader({ d, current, h1, lead }: { d: PlanData; current: string; h1?: string; lead?: string }) {
  const { plan } = d;
  return (
    <>
      <p class="eyebrow">
        <Link href={href('/plans', { unit: plan.unit })}>{t('plPlansOf', { unit: d.unitLabel })}</Link>
        {' · '}{plan.public ? t('plPublic') : t('plPrivate')}
      </p>
      <h1>{h1 || plan.title}</h1>
      {lead && <p class="lead">{lead}</p>}
      <nav class="plan-tabs no-print" aria-label={t('plTabsLabel')}>
        <ul>
          {TABS.filter((x) => (!x.edit || d.edit) && (!x.cirt || plan.template === 'cirt-establishment')).map((x) => (
            <li key={x.sub}><Link href={planHref(plan.id, x.sub)} aria-current={current === x.sub ? 'page' : undefined}>{t(x.key)}</Link></li>
          ))}
        </ul>
      </nav>
    </>
  );
}
