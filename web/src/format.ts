// Numbers, ranks and names as people read them, in the current language.
import { currentLang, t } from './i18n';
import type { Framework, Unit } from './types';

const nf = new Map<string, Intl.NumberFormat>();
function formatter(precision: number): Intl.NumberFormat {
  const key = currentLang() + ':' + precision;
  let f = nf.get(key);
  if (!f) {
    f = new Intl.NumberFormat(currentLang(), { minimumFractionDigits: precision, maximumFractionDigits: precision });
    nf.set(key, f);
  }
  return f;
}

/** A number in the framework's precision; missing values as a dash. */
export function num(x: number | null | undefined, precision = 2): string {
  if (x == null || Number.isNaN(x)) return t('noValue');
  return formatter(precision).format(x);
}

/** Whole numbers and maxima such as 100 or 20: no decimals unless they have some. */
export function numShort(x: number, precision = 2): string {
  const p = Number.isInteger(x) ? 0 : precision;
  return formatter(p).format(x);
}

/** "43.85 of 100 points" */
export function pointsOf(points: number | null | undefined, max: number, precision: number): string {
  if (points == null) return t('notScored');
  return t('pointsOf', { points: num(points, precision), max: numShort(max, precision) });
}

/** "=3" for a shared rank, "3" otherwise. */
export function rank(r: number | null | undefined, tied: boolean): string {
  if (r == null) return t('noValue');
  return (tied ? '=' : '') + formatter(0).format(r);
}

export function int(n: number): string {
  return formatter(0).format(n);
}

export function unitName(u: { id: string; name: string; names?: Record<string, string> } | undefined, fallback = ''): string {
  if (!u) return fallback;
  return u.names?.[currentLang()] || u.name || u.id;
}

export function levelOf(fw: Framework, id: string | null | undefined) {
  if (!id) return undefined;
  return fw.levels?.find((l) => l.id === id);
}

export function date(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : currentLang(), { year: 'numeric', month: 'long', day: 'numeric' }).format(d);
}

export const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));

export type UnitsById = Map<string, Unit>;

let coll: { lang: string; c: Intl.Collator } | null = null;
/** Compares names as readers of the interface's language sort them (Intl.Collator). */
export function collate(a: string, b: string): number {
  if (!coll || coll.lang !== currentLang()) coll = { lang: currentLang(), c: new Intl.Collator(currentLang(), { numeric: true }) };
  return coll.c.compare(a, b);
}

/** A group's name (an ITU or M49 region, a UN list) in the interface's language, else its own. */
export function groupLabel(g: { id: string; name: string }): string {
  const k = ('gname_' + g.id.replace(/[:-]/g, '_')) as Parameters<typeof t>[0];
  const s = t(k);
  return s === k ? g.name : s;
}

/** Text folded for searching in the interface's language: case and accents
 * aside ("Évaluation" finds "evaluation"), any script. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase(currentLang());
}
