// Pieces every risk register page shares: loading the assessment, the
// register and the taxonomies; the header with the register's pages as
// tabs; a risk level as a tag that names it in words (never by colour
// alone); the names of a matrix's levels.
import '../../build/build.css';
import '../measure.css';
import './risk.css';
import type { ComponentChildren } from 'preact';
import { t, type Key } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync, useTitle } from '../../../hooks';
import { textOn } from '../../../colors';
import { Link, Loading } from '../../../components/ui';
import { AccessError } from '../../../components/Gate';
import { useSession } from '../../../session';
import { risks, riskHref, type Matrix, type Risk, type RiskAssessment, type Taxonomies } from '../../../risks';

export interface RegisterData { a: RiskAssessment; list: Risk[]; tax: Taxonomies }

export function LevelTag({ m, level }: { m: Matrix | { levels: Matrix['levels'] }; level: string | null | undefined }) {
  if (!level) return <span class="muted">{t('rkUnrated')}</span>;
  const l = m.levels.find((x) => x.id === level);
  const bg = l?.color || '#ddd';
  return <strong class="tag risk-level" style={{ background: bg, color: textOn(bg) }}>{l?.name || level}</strong>;
}

export const termName = (xs: { id: string; name: string }[], id: string) => xs.find((x) => x.id === id)?.name || id;

/** The names of a matrix's likelihood and impact levels (a dash for none). */
export function levelNames(m: Matrix) {
  const name = (xs: { id: string; name: string }[]) => (id?: string | null) => (id ? termName(xs, id) : t('noValue'));
  return { lname: name(m.likelihood), iname: name(m.impact.levels), dname: name(m.impact.dimensions || []), vname: name(m.levels) };
}

export const phaseName = (p: string) => t(('rkPh_' + p) as 'rkPh_current');

/** Loads register A for a page titled TITLE; renders CHILDREN with it. */
export function WithRegister({ route, title, children }: { route: Route; title: Key; children: (d: RegisterData) => ComponentChildren }) {
  const s = useSession(true);
  const a = route.id!;
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const [as, list, tax] = await Promise.all([risks.get(a), risks.register(a), risks.taxonomies()]);
    return { a: as, list, tax };
  }, [a, s.status, user?.id]);
  useTitle(data.data ? t(title) + ', ' + data.data.a.title : t(title));
  if (data.state === 'error') return <AccessError title={t(title)} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t(title)}</h1><Loading /></div>;
  return <>{children(data.data)}</>;
}

const TABS: { sub: string; key: Key }[] = [
  { sub: '', key: 'rkTabRegister' }, { sub: 'heatmap', key: 'rkTabHeatmap' }, { sub: 'sectors', key: 'rkTabSectors' },
  { sub: 'treatment', key: 'rkTabGain' }, { sub: 'workshop', key: 'rkTabWorkshop' }, { sub: 'report', key: 'rkTabReport' },
  { sub: 'public', key: 'rkTabPublic' },
];

export function RegisterHeader({ a, current, h1 }: { a: { id: string; title: string; unit: string }; current: string; h1: string }) {
  return (
    <>
      <p class="eyebrow">{a.title}</p>
      <h1>{h1}</h1>
      <nav class="plan-tabs no-print" aria-label={t('rkTabsLabel')}>
        <ul>
          {TABS.map((x) => (
            <li key={x.sub}><Link href={href(riskHref(a.id, x.sub))} aria-current={current === x.sub ? 'page' : undefined}>{t(x.key)}</Link></li>
          ))}
        </ul>
      </nav>
    </>
  );
}
