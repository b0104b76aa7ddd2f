// Bars either side of zero, one row per unit: a rise to the right, a fall
// to the left (the movers between two editions). Each bar ends with its
// signed value, and a row's note (a change of level) is written after its
// label, so nothing is told by colour or side alone. Right to left
// (Arabic) the chart is mirrored: names on the right, a rise leftwards
// (towards the end of the reading), the signed numbers left to right.
import { useWidth } from '../hooks';
import { num, numShort } from '../format';
import { FONT, linear, mirror, niceTicks, textWidth, truncate } from './scale';

export interface DivRow { key: string; label: string; value: number; note?: string }

const RISE = '#0b5fa5', FALL = '#c44e00';

export function Diverging(props: { rows: DivRow[]; precision: number; ariaLabel: string; axisLabel: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const { rows, precision: p } = props;
  const wide = W >= 620;
  const label = (r: DivRow) => r.label + (r.note ? ' · ' + r.note : '');
  const labelW = wide ? Math.min(W * 0.45, Math.max(...rows.map((r) => textWidth(label(r)))) + 10) : 0;
  const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '') + num(Math.abs(v), p);
  const valueW = Math.max(...rows.map((r) => textWidth(signed(r.value), 12))) + 8;
  const lo = Math.min(0, ...rows.map((r) => r.value));
  const hi = Math.max(0, ...rows.map((r) => r.value));
  // the scale runs from the largest fall to the largest rise (not symmetric: one side may be small)
  const span = hi - lo || 1;
  const nice = niceTicks(span, W < 420 ? 3 : 5);
  const step = nice.length > 1 ? nice[1] - nice[0] : span;
  const ticks = nice.filter((v) => v <= Math.max(hi, -lo) + 1e-9 && Number.isInteger(+(v / step).toFixed(6)));
  const min = lo, max = hi;
  const x = linear(min, max || 1, labelW + (lo < 0 ? valueW : 0), W - (hi > 0 ? valueW : 4));
  // on a phone the name goes above its bar, and a change of level on a line of its own
  const lines = (r: DivRow) => (wide ? 0 : r.note ? 2 : 1);
  const barH = 18, rowGap = wide ? 8 : 6;
  const tops: number[] = [];
  let yy = 0;
  for (const r of rows) { tops.push(yy + lines(r) * 17); yy += lines(r) * 17 + barH + rowGap; }
  const plotBottom = yy;
  const H = plotBottom + 34;
  const m = mirror(W);
  const allTicks = [...ticks.filter((v) => v <= max), ...ticks.filter((v) => v > 0 && -v >= min).map((v) => -v)];
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {allTicks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={m.X(x(tv))} x2={m.X(x(tv))} y1={0} y2={plotBottom} stroke={tv === 0 ? '#111' : '#e3e3e3'} />
            <text {...m.nums(x(tv), 'middle')} y={plotBottom + 16} font-size="12" fill="#555">{tv === 0 ? '0' : (tv > 0 ? '+' : '−') + numShort(Math.abs(tv), p)}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = tops[i];
          const a = x(Math.min(0, r.value)), b = x(Math.max(0, r.value));
          const v = signed(r.value);
          return (
            <g key={r.key} class="div-row" data-unit={r.key} data-change={r.value}>
              {wide
                ? <text {...m.words(labelW - 8, 'end')} y={y + barH / 2 + 4.5} font-size="13" fill="#222">{m.label(r.label, r.note ? ' · ' + r.note : '', labelW - 8)}</text>
                : <>
                  <text {...m.words(0)} y={y - 5 - (r.note ? 17 : 0)} font-size="13" fill="#222">{m.label(r.label, '', W)}</text>
                  {r.note && <text {...m.words(0)} y={y - 5} font-size="12" fill="#444">{truncate(r.note, W, 12)}</text>}
                </>}
              <rect x={m.R(a, Math.max(1, b - a))} y={y} width={Math.max(1, b - a)} height={barH} fill={r.value >= 0 ? RISE : FALL} />
              <text {...m.nums(r.value >= 0 ? b + 4 : a - 4, r.value >= 0 ? 'start' : 'end')} y={y + barH / 2 + 4} font-size="12" fill="#222">{v}</text>
            </g>
          );
        })}
        <text {...m.words(W - 4, 'end')} y={plotBottom + 31} font-size="12" fill="#555">{props.axisLabel}</text>
      </svg>
    </div>
  );
}
