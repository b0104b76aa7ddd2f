// Sobol sensitivity indices: for each factor a bar for the first-order
// index and one for the total index, each with its bootstrap interval as a
// whisker. Estimates can fall a little below 0 or above 1 (sampling error),
// so the axis runs from below 0 or to above 1 when they do. Values are
// written at the bars' ends with the index's short name.
import { useWidth } from '../hooks';
import { num } from '../format';
import { FONT, linear, textWidth, truncate, wrap } from './scale';

export interface SobolRow {
  key: string;
  label: string;
  first: number | null; firstLo: number | null; firstHi: number | null;
  total: number | null; totalLo: number | null; totalHi: number | null;
}

/** Splits a label into at most two lines of about PX pixels; the last one is shortened if need be. */
function wrap2(s: string, px: number, size = 13, weight = 400): string[] {
  const lines = wrap(s, px, size, weight);
  return [truncate(lines[0] || '', px, size, weight), ...(lines.length > 1 ? [truncate(lines.slice(1).join(' '), px, size, weight)] : [])];
}

export const SOBOL_COLORS = { first: '#0b5fa5', total: '#c44e00' };

export function SobolBars(props: {
  rows: SobolRow[];
  labels: { first: string; total: string; firstShort: string; totalShort: string };
  ariaLabel: string;
  axisLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const { rows, labels } = props;
  const vals = rows.flatMap((r) => [r.first, r.firstLo, r.firstHi, r.total, r.totalLo, r.totalHi])
    .filter((v): v is number => v != null && Number.isFinite(v));
  const lo = Math.floor(Math.min(0, ...vals) * 10) / 10;
  const hi = Math.ceil(Math.max(1, ...vals) * 10) / 10;
  const wide = W >= 560;
  const labelW = wide ? Math.min(Math.max(200, W * 0.3), Math.max(...rows.map((r) => textWidth(r.label)), 60) + 14) : 0;
  const valueW = Math.max(textWidth(labels.firstShort + ' −0.00', 12), textWidth(labels.totalShort + ' −0.00', 12)) + 10;
  const x0 = labelW;
  const x1 = W - valueW;
  const x = linear(lo, hi, x0, x1);
  const barH = 16;
  const gap = 4;
  const rowGap = 18;

  // legend
  const legend: { x: number; y: number; color: string; label: string }[] = [];
  let lx = 0;
  let y = 2;
  for (const [color, label] of [[SOBOL_COLORS.first, labels.first], [SOBOL_COLORS.total, labels.total]]) {
    const w = textWidth(label, 13) + 36;
    if (lx + w > W && lx > 0) { lx = 0; y += 20; }
    legend.push({ x: lx, y, color, label });
    lx += w;
  }
  y += 32;
  const plotTop = y;
  const parts: preact.JSX.Element[] = [];
  for (const r of rows) {
    if (!wide) {
      const lines = wrap2(r.label, W - 4, 13, 600);
      lines.forEach((l, i) => parts.push(<text key={'l' + r.key + i} x={0} y={y + 13 + i * 17} font-size="13" fill="#222" font-weight="600" stroke="#fff" stroke-width="4" paint-order="stroke">{l}</text>));
      y += 4 + lines.length * 17;
    } else {
      const lines = wrap2(r.label, labelW - 14);
      const ly = y + barH + gap / 2 + 4.5 - (lines.length - 1) * 8.5;
      lines.forEach((l, i) => parts.push(<text key={'l' + r.key + i} x={labelW - 10} y={ly + i * 17} text-anchor="end" font-size="13" fill="#222">{l}</text>));
    }
    const series: [number | null, number | null, number | null, string, string][] = [
      [r.first, r.firstLo, r.firstHi, SOBOL_COLORS.first, labels.firstShort],
      [r.total, r.totalLo, r.totalHi, SOBOL_COLORS.total, labels.totalShort],
    ];
    series.forEach(([v, wlo, whi, color, short], i) => {
      const by = y + i * (barH + gap);
      const cy = by + barH / 2;
      if (v != null) {
        const a = x(Math.min(0, v));
        const b = x(Math.max(0, v));
        parts.push(<rect key={`b${r.key}${i}`} x={a} y={by} width={Math.max(1, b - a)} height={barH} fill={color} />);
      }
      let end = v == null ? x(0) : x(Math.max(0, v));
      if (wlo != null && whi != null) {
        const wa = x(wlo), wb = x(whi);
        end = Math.max(end, wb);
        parts.push(
          <g key={`w${r.key}${i}`} stroke="#111" stroke-width="1.5">
            <line x1={wa} x2={wb} y1={cy} y2={cy} />
            <line x1={wa} x2={wa} y1={cy - 5} y2={cy + 5} />
            <line x1={wb} x2={wb} y1={cy - 5} y2={cy + 5} />
          </g>,
        );
      }
      parts.push(
        <text key={`v${r.key}${i}`} x={end + 5} y={cy + 4} font-size="12" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke">
          {short} {v == null ? '—' : num(v, 2)}
        </text>,
      );
    });
    y += 2 * barH + gap + rowGap;
  }
  const plotBottom = y - rowGap + 6;
  const ticks: number[] = [];
  const step = hi - lo > 1.2 ? 0.25 : 0.2;
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(+v.toFixed(2));
  const H = plotBottom + 36;
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {legend.map((l) => (
          <g key={l.label}>
            <rect x={l.x} y={l.y} width={14} height={14} fill={l.color} />
            <text x={l.x + 20} y={l.y + 12} font-size="13" fill="#222">{l.label}</text>
          </g>
        ))}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={x(tv)} x2={x(tv)} y1={plotTop - 4} y2={plotBottom} stroke={tv === 0 ? '#555' : '#e3e3e3'} stroke-width={tv === 0 ? 1.5 : 1} />
            <text x={x(tv)} y={plotBottom + 16} font-size="12" fill="#555" text-anchor={x(tv) < 16 ? 'start' : x(tv) > W - 16 ? 'end' : 'middle'}>{num(tv, step < 0.2 || step === 0.25 ? 2 : 1)}</text>
          </g>
        ))}
        {parts}
        <text x={wide ? x1 : 0} y={plotBottom + 32} font-size="12" fill="#555" text-anchor={wide ? 'end' : 'start'}>{props.axisLabel}</text>
      </svg>
    </div>
  );
}
