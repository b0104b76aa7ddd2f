// Stacked horizontal bars, one bar per row (an edition), each split into
// segments (the framework's levels, lowest first) by their share of the
// row's total. Every segment wide enough carries its count, the legend
// names every level in text, and each row ends with its N, so nothing is
// told by colour alone. Right to left (Arabic) the chart is mirrored: the
// lowest level on the right, the shares growing leftwards.
import { useWidth } from '../hooks';
import { int } from '../format';
import { t } from '../i18n';
import { textOn } from '../colors';
import { FONT, mirror, textWidth } from './scale';

export interface StackSegment { key: string; label: string; color: string }
export interface StackRow { key: string; label: string; counts: number[]; end: string }

export function Stacked(props: { rows: StackRow[]; segments: StackSegment[]; ariaLabel: string; axisLabel: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const { rows, segments } = props;
  // long row names or row ends go above their bars (the name at the start,
  // the end at the end) when beside them they would take too much room
  const fullLabelW = Math.max(...rows.map((r) => textWidth(r.label, 13))) + 12;
  const fullEndW = Math.max(...rows.map((r) => textWidth(r.end, 12))) + 10;
  const above = fullLabelW > W * 0.3 || fullEndW > W * 0.3;
  const labelW = above ? 0 : fullLabelW;
  const aboveH = above ? 18 : 0;
  const endW = above ? 0 : fullEndW;
  const x0 = labelW, x1 = W - endW;
  const axisX = Math.min(W - 2, Math.max(x1, textWidth(props.axisLabel, 12) * 1.15));
  const barH = 28, gap = 12;
  // legend, wrapped
  const legend: { x: number; y: number; s: StackSegment }[] = [];
  let lx = 0, ly = 4;
  for (const s of segments) {
    const w = textWidth(s.label, 13) + 32;
    if (lx + w > W && lx > 0) { lx = 0; ly += 20; }
    legend.push({ x: lx, y: ly, s });
    lx += w;
  }
  const top = ly + 30;
  const plotBottom = top + rows.length * (barH + gap + aboveH) - gap + 4;
  const H = plotBottom + 38;
  const ticks = W < 420 ? [0, 50, 100] : [0, 25, 50, 75, 100];
  const xAt = (share: number) => x0 + (share / 100) * (x1 - x0);
  const m = mirror(W);
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {legend.map((l) => (
          <g key={'lg' + l.s.key}>
            <rect x={m.R(l.x, 14)} y={l.y} width={14} height={14} fill={l.s.color} stroke="#555" stroke-width="0.5" />
            <text {...m.words(l.x + 20)} y={l.y + 12} font-size="13" fill="#222">{l.s.label}</text>
          </g>
        ))}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={m.X(xAt(tv))} x2={m.X(xAt(tv))} y1={top - 4 + aboveH} y2={plotBottom} stroke="#e3e3e3" />
            <text {...m.nums(xAt(tv), tv === 0 ? 'start' : tv === 100 ? 'end' : 'middle')} y={plotBottom + 16} font-size="12" fill="#555">{t('percent', { v: int(tv) })}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = top + i * (barH + gap + aboveH) + aboveH;
          const total = r.counts.reduce((a, b) => a + b, 0);
          let acc = 0;
          return (
            <g key={r.key} class="stack-row" data-row={r.key}>
              {above
                ? <text {...m.words(0)} y={y - 5} font-size="13" fill="#222">{m.label(r.label, '', W - textWidth(r.end, 12) - 12)}</text>
                : <text {...m.words(labelW - 8, 'end')} y={y + barH / 2 + 5} font-size="13" fill="#222">{m.auto(r.label)}</text>}
              {r.counts.map((c, k) => {
                if (!c || !total) return null;
                const a = xAt((100 * acc) / total), b = xAt((100 * (acc + c)) / total);
                acc += c;
                const s = segments[k];
                const txt = int(c);
                return (
                  <g key={s.key} class="stack-seg" data-level={s.key} data-count={c}>
                    <rect x={m.R(a, Math.max(0.5, b - a))} y={y} width={Math.max(0.5, b - a)} height={barH} fill={s.color} stroke="#fff" stroke-width="1" />
                    {b - a >= textWidth(txt, 12) + 6 && (
                      <text {...m.nums((a + b) / 2, 'middle')} y={y + barH / 2 + 4} font-size="12" font-weight="700" fill={textOn(s.color)}>{txt}</text>
                    )}
                  </g>
                );
              })}
              {above
                ? <text {...m.words(W, 'end')} y={y - 5} font-size="12" fill="#333">{r.end}</text>
                : <text {...m.words(x1 + 6)} y={y + barH / 2 + 4} font-size="12" fill="#333">{r.end}</text>}
            </g>
          );
        })}
        <text {...m.words(axisX, 'end')} y={plotBottom + 33} font-size="12" fill="#555">{props.axisLabel}</text>
      </svg>
    </div>
  );
}
