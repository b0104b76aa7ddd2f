// How far each rank can move: one row per unit, in the order of its
// published rank, with the published rank (dot), the 5-95 % interval of its
// ranks over the runs (bar) and the median (tick). Units whose interval
// reaches far from the published rank are drawn in a second colour and
// labelled in bold, and every row states its interval in text at its end,
// so nothing is told by colour alone. Rank 1 is at the start of the axis.
import { useWidth } from '../hooks';
import { int } from '../format';
import { FONT, linear, niceTicks, textWidth, truncate } from './scale';

export interface RankRangeRow {
  key: string;
  /** Full label ("Fictional country XAA"), used when there is room. */
  label: string;
  /** Short label (the code), used on narrow screens. */
  short: string;
  nominal: number;
  /** The published rank as shown ("=3" for a shared rank). */
  nominalText: string;
  median: number | null;
  p5: number | null;
  p95: number | null;
  wide: boolean;
  /** Tooltip text of the row. */
  title: string;
}

export const RR_COLORS = { bar: '#4f7fae', wide: '#c44e00', dot: '#12355b', median: '#111111' };

export function RankRange(props: {
  rows: RankRangeRow[];
  /** Highest rank on the axis (the number of ranked units). */
  n: number;
  ariaLabel: string;
  legend: { nominal: string; range: string; median: string; wide: string };
  axisLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const { rows, n } = props;
  const wide = W >= 600;
  const rankW = Math.max(textWidth(int(n), 12), textWidth('=' + int(n), 12)) + 8;
  const nameOf = (r: RankRangeRow) => (wide ? r.label : r.short);
  const nameW = Math.min(wide ? 230 : 64, Math.max(...rows.map((r) => textWidth(nameOf(r), 12)), 20) + 10);
  const labelW = rankW + nameW;
  const rangeW = textWidth(int(n) + '–' + int(n), 12) + 12;
  const x0 = labelW + 8;
  const x1 = W - rangeW;
  const x = linear(1, Math.max(2, n), x0, x1);
  const rowH = rows.length > 150 ? 12 : rows.length > 70 ? 15 : 19;
  const fs = rowH < 15 ? 10.5 : 12;

  // legend, wrapping on narrow screens
  const items = [
    { kind: 'dot', label: props.legend.nominal },
    { kind: 'bar', label: props.legend.range },
    { kind: 'median', label: props.legend.median },
    { kind: 'wide', label: props.legend.wide },
  ];
  const legend: { x: number; y: number; kind: string; label: string }[] = [];
  let lx = 0;
  let ly = 2;
  for (const it of items) {
    const w = textWidth(it.label, it.kind === 'wide' ? 14 : 12.5) + 52;
    if (lx + w > W && lx > 0) { lx = 0; ly += 20; }
    legend.push({ x: lx, y: ly, ...it });
    lx += w;
  }
  const axisTop = ly + 40;
  const plotTop = axisTop + 8;
  const plotBottom = plotTop + rows.length * rowH;
  const H = plotBottom + 40;
  const ticks = [1, ...niceTicks(n, W < 420 ? 4 : 8).filter((v) => v > 1)];

  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {legend.map((l) => (
          <g key={l.kind}>
            {l.kind === 'dot' && <circle cx={l.x + 14} cy={l.y + 8} r={4.5} fill={RR_COLORS.dot} stroke="#fff" stroke-width="1.5" />}
            {l.kind === 'bar' && <rect x={l.x} y={l.y + 4} width={28} height={8} fill={RR_COLORS.bar} />}
            {l.kind === 'median' && <line x1={l.x + 14} x2={l.x + 14} y1={l.y} y2={l.y + 16} stroke={RR_COLORS.median} stroke-width="2" />}
            {l.kind === 'wide' && <rect x={l.x} y={l.y + 4} width={28} height={8} fill={RR_COLORS.wide} />}
            <text x={l.x + 34} y={l.y + 12.5} font-size="12.5" fill="#222" font-weight={l.kind === 'wide' ? 700 : 400}>{l.label}</text>
          </g>
        ))}
        {textWidth(props.axisLabel, 12) + 16 < x0 && <text x={0} y={axisTop} font-size="12" fill="#555">{props.axisLabel}</text>}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={x(tv)} x2={x(tv)} y1={plotTop - 2} y2={plotBottom + 2} stroke="#e1e5ea" />
            <text x={x(tv)} y={axisTop} font-size="12" fill="#555" text-anchor="middle">{int(tv)}</text>
            <text x={x(tv)} y={plotBottom + 17} font-size="12" fill="#555" text-anchor="middle">{int(tv)}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = plotTop + i * rowH;
          const cy = y + rowH / 2;
          const color = r.wide ? RR_COLORS.wide : RR_COLORS.bar;
          const weight = r.wide ? 700 : 400;
          const lo = r.p5 ?? r.nominal;
          const hi = r.p95 ?? r.nominal;
          const bx = x(Math.min(lo, hi));
          const bw = Math.max(2, x(Math.max(lo, hi)) - bx);
          const bh = Math.max(5, rowH * 0.42);
          return (
            <g key={r.key} class="rr-row" data-unit={r.key} data-nominal={r.nominal}>
              <title>{r.title}</title>
              {i % 2 === 0 && <rect x={0} y={y} width={W} height={rowH} fill="#f4f6f8" />}
              <text x={rankW - 6} y={cy + fs * 0.36} font-size={fs} fill="#222" text-anchor="end" font-weight={weight}>{r.nominalText}</text>
              <text x={rankW} y={cy + fs * 0.36} font-size={fs} fill="#222" font-weight={weight}>{truncate(nameOf(r), nameW - 6, fs)}</text>
              <rect x={bx} y={cy - bh / 2} width={bw} height={bh} fill={color} rx={bh / 2} />
              {r.median != null && <line x1={x(r.median)} x2={x(r.median)} y1={cy - rowH * 0.4} y2={cy + rowH * 0.4} stroke={RR_COLORS.median} stroke-width="2" />}
              <circle cx={x(r.nominal)} cy={cy} r={rowH < 15 ? 3.2 : 4.5} fill={RR_COLORS.dot} stroke="#fff" stroke-width="1.5" />
              <text x={W - 2} y={cy + fs * 0.36} font-size={fs} fill="#222" text-anchor="end" font-weight={weight}>
                {lo === hi ? int(lo) : `${int(lo)}–${int(hi)}`}
              </text>
            </g>
          );
        })}
        <text x={x1} y={plotBottom + 33} font-size="12" fill="#555" text-anchor="end">{props.axisLabel}</text>
      </svg>
    </div>
  );
}
