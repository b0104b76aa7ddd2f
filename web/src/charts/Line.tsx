// A line across editions (campaign years): the unit's points, optionally a
// few series (pillars), each labelled at its end so no legend is needed.
import { useWidth } from '../hooks';
import { num } from '../format';
import { FONT, linear, niceTicks, textWidth } from './scale';

export interface LineSeries { label: string; color: string; values: (number | null)[]; dash?: string; notes?: string[] }

export function Line(props: {
  years: number[];
  series: LineSeries[];
  max: number;
  precision: number;
  ariaLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const multi = props.series.length > 1;
  const endW = multi ? Math.min(170, Math.max(...props.series.map((s) => textWidth(s.label, 12))) + 14) : 20;
  const left = 40, top = 16, bottom = 46;
  const H = multi ? 300 : 250;
  const n = props.years.length;
  const x = n <= 1 ? () => (left + W - endW) / 2 : linear(0, n - 1, left + 24, W - endW - 24);
  const y = linear(0, props.max, H - bottom, top);
  const ticks = niceTicks(props.max, 5);
  // end labels, nudged apart
  const ends = props.series.map((s, i) => {
    let k = s.values.length - 1;
    while (k >= 0 && s.values[k] == null) k--;
    return { i, y: k >= 0 ? y(s.values[k] as number) : 0, k };
  }).sort((a, b) => a.y - b.y);
  for (let j = 1; j < ends.length; j++) if (ends[j].y - ends[j - 1].y < 14) ends[j].y = ends[j - 1].y + 14;
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={left} x2={W - endW} y1={y(tv)} y2={y(tv)} stroke="#e3e3e3" />
            <text x={left - 6} y={y(tv) + 4} font-size="12" fill="#555" text-anchor="end">{num(tv, 0)}</text>
          </g>
        ))}
        {props.years.map((yr, i) => (
          <text key={'y' + yr} x={x(i)} y={H - bottom + 20} font-size="12" fill="#333" text-anchor="middle">{yr}</text>
        ))}
        {props.series.map((s, si) => {
          const pts = s.values.map((v, i) => (v == null ? null : [x(i), y(v)] as [number, number]));
          const d = pts.reduce((acc, p, i) => (p ? acc + (acc && pts[i - 1] ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1) : acc), '');
          return (
            <g key={'s' + si}>
              <path d={d} fill="none" stroke={s.color} stroke-width={multi ? 2 : 3} stroke-dasharray={s.dash} />
              {pts.map((p, i) => p && (
                <g key={i}>
                  <circle cx={p[0]} cy={p[1]} r={multi ? 3.5 : 5} fill="#fff" stroke={s.color} stroke-width="2" />
                  {!multi && (
                    <text x={p[0]} y={p[1] - 10} font-size="13" font-weight="700" fill="#111" text-anchor="middle">{num(s.values[i], props.precision)}</text>
                  )}
                  {!multi && s.notes?.[i] && (
                    <text x={p[0]} y={H - bottom + 36} font-size="12" fill="#555" text-anchor="middle">{s.notes[i]}</text>
                  )}
                </g>
              ))}
            </g>
          );
        })}
        {multi && ends.map((e) => e.k >= 0 && (
          <text key={'e' + e.i} x={W - endW + 6} y={e.y + 4} font-size="12" fill={props.series[e.i].color}>{props.series[e.i].label}</text>
        ))}
      </svg>
    </div>
  );
}
