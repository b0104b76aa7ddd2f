// What the coordinator's skills pages share: the cohort loaded once per
// page (reloaded after a change without blanking the page), its header
// with the tabs (enrolments, sessions and attendance, progress,
// mentoring), the names of statuses, roles and kinds, and the error of a
// refused request as a summary entry at the field it names.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t, type Key } from '../../i18n';
import { href, type Route } from '../../router';
import { ApiError } from '../../api';
import { useAsync, useTitle, type Async } from '../../hooks';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { useSession } from '../../session';
import type { FieldError } from '../../components/forms';
import { skills, skillsHref, type Cohort, type Enrolment } from '../../skills';
import './skills.css';

/** A label of the catalogue named PREFIX + VALUE, or VALUE itself when there is none. */
export function named(prefix: string, value: string): string {
  const k = (prefix + value) as Key;
  const s = t(k);
  return s === k ? value : s;
}
export const statusName = (s: string) => named('skSt_', s);
export const roleName = (r: string) => named('skRole_', r);
export const kindName = (k: string) => named('skKind_', k);
export const stateName = (s: string) => named('skAt_', s);
export const pairStatusName = (s: string) => named('skPs_', s);

/** "Name (role)" of an enrolment; a person erased on request has no name. */
export const who = (e: Enrolment | undefined) => (e?.person?.name ?? t('skErased'));

/** A request's refusal as one summary entry at the field with id FIELD(name) or at FALLBACK. */
export function refusal(e: unknown, fallback: string, field?: (name: string) => string | null): FieldError {
  const err = e instanceof ApiError ? e : new ApiError(0, 'client', String((e as Error)?.message || e));
  if (err.status === 0) return { id: fallback, message: t('errNetwork') };
  const id = (err.field && field?.(err.field)) || fallback;
  return { id: document.getElementById(id) ? id : fallback, message: err.message };
}

/** FN's answer once the session is known (the pages need to know who asks). */
export function useSkills<T>(fn: () => Promise<T>, deps: unknown[]): Async<T> {
  const s = useSession(true);
  return useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    return fn();
  }, [...deps, s.status]);
}

/** The page once D has loaded: its heading and a loading state until then, the refusal if it came. */
export function Loaded<T>({ d, title, route, children }: { d: Async<T>; title: string; route: Route; children: (x: T) => ComponentChildren }) {
  if (d.state === 'error') return <AccessError title={title} error={d.error} route={route} retry={d.retry} />;
  if (d.state === 'loading') return <div class="page"><h1>{title}</h1><Loading /></div>;
  return <>{children(d.data)}</>;
}

/** What FN gives once the session is known, and reload() that keeps the page as it is until the new answer comes. */
export function useLive<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const s = useSession(true);
  useEffect(() => {
    if (s.status === 'unknown') return;
    let live = true;
    fn().then((x) => { if (live) { setData(x); setError(null); } },
      (e) => { if (live) setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e))); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick, s.status]);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { data, error, reload };
}

const TABS = [
  { sub: '', key: 'skTabEnrolments' }, { sub: 'sessions', key: 'skTabSessions' },
  { sub: 'progress', key: 'skTabProgress' }, { sub: 'mentoring', key: 'skTabMentoring' },
] as const;

/** A page of a cohort: its heading, tabs, and CHILDREN(cohort, reload) once loaded. */
export function CohortPage({ route, tab, title, children }: {
  route: Route; tab: string; title: Key; children: (c: Cohort, reload: () => void) => ComponentChildren;
}) {
  const p = route.id!, c = route.unit!;
  const { data, error, reload } = useLive(() => skills.cohort(c), [c]);
  useTitle(data ? `${t(title)}: ${data.name}` : t(title));
  if (error && !data) return <AccessError title={t(title)} error={error} route={route} retry={reload} />;
  if (!data) return <div class="page"><h1>{t(title)}</h1><Loading /></div>;
  return (
    <div class="page page-wide skills" data-testid={'sk-cohort-' + (tab || 'enrolments')}>
      <p class="eyebrow"><Link href={href(skillsHref.cohorts(p))}>{t('skCohortsOf', { p })}</Link></p>
      <h1>{data.name}</h1>
      <p class="lead">{t('skCohortLead', { track: data.track, region: data.region, language: data.language, capacity: data.capacity, edition: data.edition })}</p>
      <nav class="plan-tabs" aria-label={t('skTabsLabel')}>
        <ul>
          {TABS.map((x) => (
            <li key={x.sub}><Link href={href(skillsHref.cohort(p, c, x.sub))} aria-current={tab === x.sub ? 'page' : undefined}>{t(x.key)}</Link></li>
          ))}
        </ul>
      </nav>
      {children(data, reload)}
    </div>
  );
}

/** A polite note of what was just done ("Saved"). */
export function Note({ text }: { text: string }) {
  return <div role="status" aria-live="polite" data-testid="sk-note">{text && <div class="panel panel-success"><p>{text}</p></div>}</div>;
}
