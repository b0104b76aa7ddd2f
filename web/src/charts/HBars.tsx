// Horizontal bars, one row per item and one bar per series, optionally in
// sections and with a reference line (for example the world mean). Used for
// groups against the world, a unit's pillars against its region and the
// world, and units compared side by side. Values are written at the bars'
// ends (with the series' short name when there are several), so nothing is
// told by colour alone.
import { useWidth } from '../hooks';
import { num } from '../format';
import { FONT, linear, mirror, niceTicks, textWidth } from './scale';

export interface BarSeries { label: string; short?: string; color: string }
export interface BarRow { key: string; label: string; section?: string; values: (number | null)[]; note?: string }

export function HBars(props: {
  rows: BarRow[];
  series: BarSeries[];
  max: number;
  precision: number;
  ariaLabel: string;
  reference?: { value: number; label: string };
  axisLabel?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const { rows, series, max, precision } = props;
  const multi = series.length > 1;
  const wide = W >= 560;
  const labelW = wide ? Math.min(250, Math.max(120, Math.max(...rows.map((r) => textWidth(r.label + (r.note ? ' ' + r.note : '')))) + 12)) : 0;
  const numW = textWidth(num(max, precision), 12) + 10;
  const namedW = Math.max(...series.map((s) => textWidth((multi ? (s.short || '') + ' ' : '') + num(max, precision), 12))) + 10;
  // names beside the values would squeeze the bars (a phone, a language
  // without short group names): each bar's name then goes above it
  const namesAbove = multi && namedW > W * 0.35;
  const valueW = namesAbove ? numW : namedW;
  const nameH = namesAbove ? 14 : 0;
  const x0 = labelW;
  const x1 = W - valueW;
  const x = linear(0, max, x0, x1);
  // Right to left (Arabic): the chart mirrored, labels on the right and
  // bars growing leftwards; the numbers themselves read as ever.
  const m = mirror(W);
  const barH = multi ? 15 : 20;
  const barGap = multi ? 3 : 0;
  const rowGap = multi ? 14 : 8;
  const sectionH = 30;
  const labelAbove = wide ? 0 : 18;
  let y = 0;
  const legendItems: { x: number; y: number; s: BarSeries }[] = [];
  if (multi) {
    let lx = 0;
    y = 4;
    for (const s of series) {
      const w = textWidth(s.label) + 30;
      if (lx + w > W && lx > 0) { lx = 0; y += 20; }
      legendItems.push({ x: lx, y, s });
      lx += w;
    }
    y += 28;
  }
  if (props.reference) y += 18;
  const plotTop = y;
  const parts: preact.JSX.Element[] = [];
  let lastSection: string | undefined;
  for (const r of rows) {
    if (r.section && r.section !== lastSection) {
      if (lastSection !== undefined) y += 6;
      parts.push(<text key={'s' + r.key} {...m.words(0)} y={y + 20} font-size="13" font-weight="700" fill="#333">{m.auto(r.section)}</text>);
      y += sectionH;
      lastSection = r.section;
    }
    const groupH = series.length * (barH + nameH) + (series.length - 1) * barGap;
    const note = r.note ? ' ' + r.note : '';
    if (wide) {
      parts.push(<text key={'l' + r.key} {...m.words(labelW - 8, 'end')} y={y + groupH / 2 + 4.5} font-size="13" fill="#222">{m.label(r.label, note, labelW - 8)}</text>);
    } else {
      parts.push(<text key={'l' + r.key} {...m.words(2)} y={y + 13} font-size="13" fill="#222">{m.label(r.label, note, W - 4)}</text>);
      y += labelAbove;
    }
    r.values.forEach((v, i) => {
      const s = series[i];
      const by = y + i * (barH + barGap + nameH) + nameH;
      const w = v == null ? 0 : Math.max(v > 0 ? 1 : 0, x(v) - x0);
      parts.push(<rect key={`b${r.key}${i}`} x={m.R(x0, w)} y={by} width={w} height={barH} fill={s.color} />);
      const value = v == null ? '—' : num(v, precision);
      const named = multi && s.short && !namesAbove;
      if (namesAbove && s.short) parts.push(<text key={`n${r.key}${i}`} {...m.words(x0)} y={by - 3} font-size="11.5" fill="#444">{m.label(s.short, '', W - 4, 11.5)}</text>);
      parts.push(<text key={`v${r.key}${i}`} {...(named ? m.words(x0 + w + 4) : m.nums(x0 + w + 4))} y={by + barH / 2 + 4} font-size="12" fill="#222" stroke="#fff" stroke-width="3" paint-order="stroke">{named ? s.short + ' ' + m.iso(value) : value}</text>);
    });
    y += groupH + rowGap;
  }
  const plotBottom = y - rowGap + 6;
  const ticks = niceTicks(max, W < 420 ? 4 : 5);
  const H = plotBottom + 34;
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {legendItems.map((l, i) => (
          <g key={'lg' + i}>
            <rect x={m.R(l.x, 14)} y={l.y} width={14} height={14} fill={l.s.color} />
            <text {...m.words(l.x + 20)} y={l.y + 12} font-size="13" fill="#222">{m.auto(l.s.label)}</text>
          </g>
        ))}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={m.X(x(tv))} x2={m.X(x(tv))} y1={plotTop} y2={plotBottom} stroke="#e3e3e3" />
            <text {...m.nums(x(tv), x(tv) < 10 ? 'start' : 'middle')} y={plotBottom + 16} font-size="12" fill="#555">{num(tv, Number.isInteger(tv) ? 0 : 1)}</text>
          </g>
        ))}
        {parts}
        {props.reference && (
          <g>
            <line x1={m.X(x(props.reference.value))} x2={m.X(x(props.reference.value))} y1={plotTop - 4} y2={plotBottom}
              stroke="#111" stroke-width="1.5" stroke-dasharray="4 3" />
            <text {...m.words(x(props.reference.value), x(props.reference.value) > W * 0.7 ? 'end' : 'middle')} y={plotTop - 8} font-size="12" fill="#111">{props.reference.label}</text>
          </g>
        )}
        {props.axisLabel && <text {...m.words(x1, 'end')} y={plotBottom + 31} font-size="12" fill="#555">{props.axisLabel}</text>}
      </svg>
    </div>
  );
}
