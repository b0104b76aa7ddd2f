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

let pen: CanvasRenderingContext2D | null | undefined;

/** The width of a label in px at a font size, measured in the chart's font
 * (a fixed share of the size per character would be far short for Chinese
 * and for long Russian words); without a canvas, a rough estimate. */
export function textWidth(s: string, size = 13, weight = 400): number {
  if (pen === undefined) pen = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!pen) return s.length * size * (weight > 500 ? 0.62 : 0.56);
  pen.font = `${weight} ${size}px ${FONT}`;
  return pen.measureText(s).width;
}

/** s cut to at most px (ending in "…"), by the same measure. */
export function truncate(s: string, px: number, size = 13, weight = 400): string {
  if (textWidth(s, size, weight) <= px) return s;
  let lo = 1, hi = s.length - 1;   // the longest prefix that fits with its ellipsis
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(s.slice(0, mid) + '…', size, weight) <= px) lo = mid; else hi = mid - 1;
  }
  return s.slice(0, lo).trimEnd() + '…';
}

/** Words of s in lines of at most px (by the same estimate); a word longer than a line stays whole. */
export function wrap(s: string, px: number, size = 13, weight = 400): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const w of s.split(' ')) {
    if (cur && textWidth(cur + ' ' + w, size, weight) > px) { lines.push(cur); cur = w; } else cur = cur ? cur + ' ' + w : w;
  }
  if (cur) lines.push(cur);
  return lines;
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
 * does in HTML). Names are content (a unit, a team, an action's title may
 * be in any script): auto() gives one its own direction (as dir="auto"
 * does), so an English title keeps its "?" and "…" where English puts
 * them; label() cuts a name and the words the chart adds after it to px.
 * The svg itself says direction="ltr".
 */
export function mirror(W: number) {
  const rtl = isRtl();
  const X = (x: number) => (rtl ? W - x : x);
  const flip = (a: Anchor): Anchor => (rtl && a !== 'middle' ? (a === 'start' ? 'end' : 'start') : a);
  const dir = rtl ? 'rtl' : 'ltr';
  const auto = (s: string) => (rtl ? '\u2068' + s + '\u2069' : s);
  return {
    rtl,
    X,
    R: (x: number, w: number) => (rtl ? W - x - w : x),
    words: (x: number, a: Anchor = 'start') => ({ x: X(x), 'text-anchor': a, direction: dir }),
    nums: (x: number, a: Anchor = 'start') => ({ x: X(x), 'text-anchor': flip(a), direction: 'ltr' }),
    iso: (s: string) => (rtl ? '\u2066' + s + '\u2069' : s),
    auto,
    label: (name: string, rest = '', px = Infinity, size = 13) => {
      const whole = name + rest, cut = truncate(whole, px, size);
      return cut === whole ? auto(name) + rest : auto(cut);
    },
    dir,
  };
}
