// A radar (spider) chart of shares in [0, 1], one spoke per part of a
// framework, one closed line per series (a unit, a target). Rings at 25 %
// steps are labelled; each spoke is labelled with its part and the first
// series' value, so the chart reads without the legend and without colour.
// Needs three spokes or more (the page draws bars otherwise).
import { useWidth } from '../hooks';
import { FONT, textWidth, truncate } from './scale';

export interface RadarSeries { label: string; color: string; values: (number | null)[]; dash?: string; fill?: boolean }

/** Splits a label into at most two lines of about MAX px. */
function lines(s: string, max: number, size: number): string[] {
  if (textWidth(s, size) <= max) return [s];
  const words = s.split(/\s+/);
  let a = '';
  for (const w of words) {
    if (textWidth(a ? a + ' ' + w : w, size) > max && a) break;
    a = a ? a + ' ' + w : w;
  }
  let b = s.slice(a.length).trim();
  const cap = Math.floor(max / (size * 0.56));
  if (b.length > cap) b = b.slice(0, Math.max(1, cap - 1)) + '…';
  return b ? [a, b] : [a];
}

export function Radar(props: { axes: string[]; series: RadarSeries[]; ariaLabel: string; percent: (v: number) => string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, Math.min(760, width));
  const n = props.axes.length;
  const fs = W < 420 ? 11 : 12.5;
  const labelW = Math.min(150, W * 0.28);
  // The legend side by side when every label fits its share of the width
  // (measured: a translated target's name can be long), else one under the
  // other, each cut to the width.
  const ns = props.series.length;
  const stacked = W < 520 || props.series.some((s) => textWidth(s.label, 12.5) + 40 > W / ns);
  const legendH = ns > 1 ? (stacked ? 8 + ns * 18 : 26) : 0;
  // Room for the labels beside the spokes: they stand at 1.12 R, on the left
  // and right as wide as labelW, above and below as tall as three lines.
  const R = Math.max(60, Math.min((W / 2 - labelW - 6) / 1.12, 220));
  const above = 3 * (fs + 3) + 6;
  const cx = W / 2, cy = legendH + 1.12 * R + above;
  const H = cy + 1.12 * R + above - 10;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, v: number) => [cx + Math.cos(angle(i)) * R * v, cy + Math.sin(angle(i)) * R * v] as const;
  const rings = [0.25, 0.5, 0.75, 1];
  const first = props.series[0];
  return (
    <div ref={ref} class="chart-svg chart-radar">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {props.series.length > 1 && props.series.map((s, i) => {
          // side by side when wide, one under the other on a phone
          const x = stacked ? 0 : i * (W / ns), y = stacked ? 12 + i * 18 : 12;
          return (
            <g key={'lg' + i}>
              <line x1={x + 2} x2={x + 26} y1={y} y2={y} stroke={s.color} stroke-width="3" stroke-dasharray={s.dash} />
              <text x={x + 32} y={y + 4} font-size="12.5" fill="#222">{truncate(s.label, W - 40, 12.5)}</text>
            </g>
          );
        })}
        {rings.map((r) => (
          <g key={'r' + r}>
            <polygon points={props.axes.map((_, i) => at(i, r).join(',')).join(' ')} fill="none" stroke={r === 1 ? '#9aa3ab' : '#d5dae0'} />
            <text x={cx + 4} y={cy - R * r + 12} font-size="10.5" fill="#56606a">{props.percent(r)}</text>
          </g>
        ))}
        {props.axes.map((a, i) => {
          const [x, y] = at(i, 1);
          const [lx, ly] = at(i, 1.12);
          const c = Math.cos(angle(i));
          const anchor = Math.abs(c) < 0.2 ? 'middle' : c > 0 ? 'start' : 'end';
          const ls = lines(a, labelW, fs);
          const v = first?.values[i];
          const dy = Math.sin(angle(i)) < -0.5 ? -(ls.length) * (fs + 2) : Math.sin(angle(i)) > 0.5 ? 4 : -((ls.length - 1) * (fs + 2)) / 2;
          return (
            <g key={'a' + i}>
              <line x1={cx} y1={cy} x2={x} y2={y} stroke="#d5dae0" />
              <text x={lx} y={ly + dy} font-size={fs} fill="#222" text-anchor={anchor}>
                {ls.map((l, k) => <tspan key={k} x={lx} dy={k ? fs + 2 : 0}>{l}</tspan>)}
                <tspan x={lx} dy={fs + 3} font-weight="700">{v == null ? '—' : props.percent(v)}</tspan>
              </text>
            </g>
          );
        })}
        {props.series.map((s, si) => {
          const pts = s.values.map((v, i) => at(i, v ?? 0).map((z) => z.toFixed(1)).join(',')).join(' ');
          return (
            <g key={'s' + si}>
              <polygon points={pts} fill={s.fill ? s.color : 'none'} fill-opacity={s.fill ? 0.16 : 0} stroke={s.color}
                stroke-width={si === 0 ? 3 : 2} stroke-dasharray={s.dash} stroke-linejoin="round" />
              {si === 0 && s.values.map((v, i) => v != null && (
                <circle key={i} cx={at(i, v)[0]} cy={at(i, v)[1]} r="4" fill="#fff" stroke={s.color} stroke-width="2" />
              ))}
            </g>
          );
        })}
        <text x={cx + 4} y={cy + 12} font-size="10.5" fill="#56606a">{props.percent(0)}</text>
      </svg>
    </div>
  );
}
