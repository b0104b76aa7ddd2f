// Colour-blind-safe palettes. Sequential: viridis, low values light (yellow)
// and high values dark (purple), so "darker is more" on a white page.
// Categorical: a darkened Okabe-Ito set whose colours keep 3:1 against white.
import type { Framework } from './types';
import { t } from './i18n';
import { numShort } from './format';

const VIRIDIS = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
  [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];

/** Viridis at s in [0, 1] (0 = dark purple, 1 = yellow). */
export function viridis(s: number): string {
  s = Math.min(1, Math.max(0, s)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(s));
  const f = s - i;
  const c = VIRIDIS[i].map((v, k) => Math.round(v + (VIRIDIS[i + 1][k] - v) * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/** Black or white text, whichever contrasts more with the background. */
export function textOn(bg: string): string {
  const l = luminance(bg);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#111111';
}

export const SERIES = ['#0b5fa5', '#c44e00', '#007a5a', '#a23b72', '#555555'];
export const UNIT_COLOR = '#12355b';
export const REGION_COLOR = '#c44e00';
export const WORLD_COLOR = '#6b6b6b';
export const NO_DATA = '#d9d9d9';

export interface Bin {
  lo: number;
  hi: number;
  color: string;
  label: string;       // "Evolving" or "4–8 points"
  range: string;       // "20–55 points"
  level?: string;      // level id at the root
}

/**
 * Classes for colouring points of a node: the framework's levels at the
 * root (named in the legend), five equal steps of the node's maximum elsewhere.
 */
export function binsFor(fw: Framework, max: number, isRoot: boolean): Bin[] {
  const p = fw.precision;
  let raw: { lo: number; hi: number; label?: string; level?: string }[];
  if (isRoot && fw.levels && fw.levels.length) {
    const ls = [...fw.levels].sort((a, b) => a.min - b.min);
    raw = ls.map((l, i) => ({ lo: l.min, hi: i + 1 < ls.length ? ls[i + 1].min : max, label: l.name, level: l.id }));
  } else {
    raw = [0, 1, 2, 3, 4].map((i) => ({ lo: (max * i) / 5, hi: (max * (i + 1)) / 5 }));
  }
  const n = raw.length;
  return raw.map((b, i) => {
    const range = t('rangePoints', { lo: numShort(b.lo, p), hi: numShort(b.hi, p) });
    return {
      ...b,
      color: viridis(n === 1 ? 0.5 : 1 - i / (n - 1)),
      range,
      label: b.label ?? range,
    };
  });
}

export function binOf(bins: Bin[], points: number | null | undefined): Bin | undefined {
  if (points == null) return undefined;
  for (let i = bins.length - 1; i >= 0; i--) if (points >= bins[i].lo) return bins[i];
  return bins[0];
}
