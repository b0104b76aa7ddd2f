// The distribution of points: one dot per unit on the scale from 0 to the
// node's maximum, stacked where they crowd (a beeswarm), over the bands of
// the levels or classes, with the mean and median marked. Dots link to the
// unit's profile in the picture's tooltip; the table view lists every unit.
// A number line, so it stays left to right in Arabic too (on purpose, as
// Arabic mathematics and the framework's scales write it: 0 on the left,
// the maximum on the right); only its words take the reader's language.
import { useWidth } from '../hooks';
import { num } from '../format';
import type { Bin } from '../colors';
import { binOf } from '../colors';
import { FONT, linear, niceTicks } from './scale';

export interface StripPoint { key: string; label: string; value: number }

function swarm(xs: { x: number; i: number }[], r: number): number[] {
  const ys = new Array<number>(xs.length).fill(0);
  const placed: { x: number; y: number }[] = [];
  const sorted = [...xs].sort((a, b) => a.x - b.x);
  for (const p of sorted) {
    let best = 0;
    for (let k = 0; k < 400; k++) {
      const off = k === 0 ? 0 : Math.ceil(k / 2) * (k % 2 ? -1 : 1) * (r * 0.9);
      const ok = placed.every((q) => Math.abs(q.x - p.x) > 2 * r + 0.5 || Math.hypot(q.x - p.x, q.y - off) >= 2 * r + 0.5);
      if (ok) { best = off; break; }
    }
    placed.push({ x: p.x, y: best });
    ys[p.i] = best;
  }
  return ys;
}

export function Strip(props: {
  points: StripPoint[];
  max: number;
  precision: number;
  bins: Bin[];
  mean?: number | null;
  median?: number | null;
  labels: { mean: string; median: string };
  ariaLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const pad = 14;
  const x = linear(0, props.max, pad, W - pad);
  const n = props.points.length;
  const r = n > 150 ? 3.5 : n > 60 ? 5 : 7;
  const ys = swarm(props.points.map((p, i) => ({ x: x(p.value), i })), r);
  const spread = Math.max(r * 2, ...ys.map((v) => Math.abs(v) + r));
  const bandTop = 34;
  const mid = bandTop + 14 + spread;
  const bandBottom = mid + spread + 14;
  const H = bandBottom + 52;
  const ticks = niceTicks(props.max, W < 420 ? 4 : 5);
  const markers = [
    props.median != null ? { v: props.median, label: props.labels.median, dash: '2 3' } : null,
    props.mean != null ? { v: props.mean, label: props.labels.mean, dash: '6 3' } : null,
  ].filter(Boolean) as { v: number; label: string; dash: string }[];
  // keep the two marker labels apart
  const labelled = markers.map((m, i) => ({ ...m, ly: i === 0 ? bandBottom + 30 : bandBottom + 46 }));
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {props.bins.map((b, i) => {
          const bx0 = x(b.lo), bx1 = x(b.hi);
          const showName = bx1 - bx0 > b.label.length * 6.5;
          return (
            <g key={'b' + i}>
              <rect x={bx0} y={bandTop} width={Math.max(0, bx1 - bx0)} height={bandBottom - bandTop} fill={b.color} fill-opacity="0.16" />
              <line x1={bx0} x2={bx0} y1={bandTop - 4} y2={bandBottom} stroke="#8a8a8a" stroke-width="1" />
              {showName && <text x={(bx0 + bx1) / 2} y={bandTop - 8} font-size="12" fill="#333" text-anchor="middle">{b.label}</text>}
            </g>
          );
        })}
        <line x1={x(props.max)} x2={x(props.max)} y1={bandTop - 4} y2={bandBottom} stroke="#8a8a8a" />
        {ticks.map((tv) => (
          <text key={'t' + tv} x={x(tv)} y={bandBottom + 16} font-size="12" fill="#555" text-anchor="middle">{num(tv, 0)}</text>
        ))}
        {labelled.map((m) => (
          <g key={m.label}>
            <line x1={x(m.v)} x2={x(m.v)} y1={bandTop} y2={bandBottom + 20} stroke="#111" stroke-dasharray={m.dash} stroke-width="1.5" />
            <text x={x(m.v)} y={m.ly} font-size="12" fill="#111" text-anchor={x(m.v) > W * 0.75 ? 'end' : x(m.v) < W * 0.25 ? 'start' : 'middle'}>
              {m.label}
            </text>
          </g>
        ))}
        {props.points.map((p, i) => {
          const b = binOf(props.bins, p.value);
          return (
            <circle key={p.key} cx={x(p.value)} cy={mid + ys[i]} r={r} fill={b?.color || '#999'} stroke="#1a1a1a" stroke-width="0.8">
              <title>{p.label}: {num(p.value, props.precision)}</title>
            </circle>
          );
        })}
      </svg>
    </div>
  );
}
