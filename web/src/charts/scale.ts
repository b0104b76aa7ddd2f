// Scales and ticks for the hand-drawn SVG charts.
import { isRtl } from '../i18n';
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => max / s <= count) || raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(+v.toFixed(10));
  if (out[out.length - 1] < max - 1e-9) out.push(max);
  return out;
}

export const linear = (d0: number, d1: number, r0: number, r1: number) =>
  (v: number) => r0 + ((v - d0) / (d1 - d0 || 1)) * (r1 - r0);

export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/** Rough width of a label in px at a font size (no DOM measuring, works in exports). */
export const textWidth = (s: string, size = 13) => s.length * size * 0.56;

export function truncate(s: string, px: number, size = 13): string {
  const max = Math.floor(px / (size * 0.56));
  return s.length <= max ? s : s.slice(0, Math.max(1, max - 1)) + '…';
}

export type Anchor = 'start' | 'middle' | 'end';

/**
 * Right to left (Arabic): a chart whose reading order matters is drawn
 * mirrored. Charts draw in left-to-right coordinates and pass them through
 * here: X mirrors a point within the width W, R a rectangle's left edge.
 * Words take the reader's direction, so that a label mixing scripts reads
 * in order, with the anchor as drawn left to right (in SVG "start" follows
 * the text's direction); numbers and codes stay left to right inside
 * (direction ltr, the anchor flipped instead), so "−1.5" or "12%" never
 * turn round; iso() keeps a number left to right inside words (as <bdi>
 * does in HTML). The svg itself says direction="ltr".
 */
export function mirror(W: number) {
  const rtl = isRtl();
  const X = (x: number) => (rtl ? W - x : x);
  const flip = (a: Anchor): Anchor => (rtl && a !== 'middle' ? (a === 'start' ? 'end' : 'start') : a);
  const dir = rtl ? 'rtl' : 'ltr';
  return {
    rtl,
    X,
    R: (x: number, w: number) => (rtl ? W - x - w : x),
    words: (x: number, a: Anchor = 'start') => ({ x: X(x), 'text-anchor': a, direction: dir }),
    nums: (x: number, a: Anchor = 'start') => ({ x: X(x), 'text-anchor': flip(a), direction: 'ltr' }),
    iso: (s: string) => (rtl ? '\u2066' + s + '\u2069' : s),
    dir,
  };
}
