// A line across editions (campaign years): the unit's points, optionally a
// few series (pillars), each labelled at its end so no legend is needed.
// An edition whose questions changed (`changed[i]`) gets a dotted rule and
// the lines into it are dashed, so that a change of questionnaire does not
// read as a change of capacity; `yearNotes` are written under the years
// (N per edition, "questions changed"). Right to left (Arabic) the years
// run from the right (the latest on the left, where the reading ends) and
// the scale stands on the right.
import { useWidth } from '../hooks';
import { num } from '../format';
import { FONT, linear, mirror, niceTicks, textWidth, wrap } from './scale';

export interface LineSeries {
  label: string; color: string; values: (number | null)[]; dash?: string; notes?: string[];
  /** This series' own edition changes (else the chart's). */
  changed?: boolean[];
}

export function Line(props: {
  years: number[];
  series: LineSeries[];
  max: number;
  precision: number;
  ariaLabel: string;
  changed?: boolean[];
  yearNotes?: string[];
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const multi = props.series.length > 1;
  const fullEndW = multi ? Math.min(170, Math.max(...props.series.map((s) => textWidth(s.label, 12))) + 14) : 20;
  // On a phone the names would squeeze the plot: lines end in a number, named in a key above.
  const keyed = multi && fullEndW > W * 0.3;
  const endW = keyed ? 26 : fullEndW;
  const endLabel = (i: number) => (keyed ? String(i + 1) : m.label(props.series[i].label, '', endW - 8, 12));
  const left = 40, top = 16 + (keyed ? props.series.length * 18 + 4 : 0);
  const n = props.years.length;
  // a year's notes, each line wrapped to the room between two years
  const slot = n <= 1 ? W - 8 : Math.max(60, (W - endW - left - 48) / (n - 1) - 8);
  const yearNotes = (props.yearNotes || []).map((x) => (x ? x.split('\n').flatMap((ln) => wrap(ln, slot, 12)) : []));
  const noteLines = Math.max(0, ...yearNotes.map((x) => x.length));
  // a single line's notes per point (its rank, targets met), wrapped alike, above the year's
  const pointNotes = props.series.map((s) => (multi ? [] : (s.notes || []).map((x) => (x ? wrap(x, slot, 12) : []))));
  const rankLine = Math.max(0, ...pointNotes.flatMap((p) => p.map((x) => x.length)));
  const bottom = 46 + Math.max(0, noteLines + rankLine - 1) * 15;
  const H = (multi ? 300 : 250) + bottom - 46 + top - 16;
  const m = mirror(W);
  const xl = n <= 1 ? () => (left + W - endW) / 2 : linear(0, n - 1, left + 24, W - endW - 24);
  const x = (i: number) => m.X(xl(i));
  const y = linear(0, props.max, H - bottom, top);
  // a note centred under its year, unless that would cut it at an edge
  const under = (i: number, note: string) => {
    const c = xl(i), half = textWidth(note, 12) * 0.6;
    return c - half < 2 ? m.words(2) : c + half > W - 2 ? m.words(W - 2, 'end') : m.words(c, 'middle');
  };
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
        {keyed && props.series.map((s, i) => (
          <g key={'k' + i} class="line-key">
            <line x1={m.X(0)} x2={m.X(22)} y1={i * 18 + 8} y2={i * 18 + 8} stroke={s.color} stroke-width="2.5" stroke-dasharray={s.dash} />
            <text {...m.words(28)} y={i * 18 + 12} font-size="12" fill={s.color}>{m.iso(String(i + 1)) + ' ' + m.label(s.label, '', W - 32, 12)}</text>
          </g>
        ))}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={m.X(left)} x2={m.X(W - endW)} y1={y(tv)} y2={y(tv)} stroke="#e3e3e3" />
            <text {...m.nums(left - 6, 'end')} y={y(tv) + 4} font-size="12" fill="#555">{num(tv, 0)}</text>
          </g>
        ))}
        {props.years.map((yr, i) => (
          <text key={'y' + yr} {...m.nums(xl(i), 'middle')} y={H - bottom + 20} font-size="12" fill="#333">{yr}</text>
        ))}
        {yearNotes.map((lines, i) => lines.map((ln, k) => (
          <text key={`n${i}-${k}`} class="year-note" {...under(i, ln)} y={H - bottom + 36 + (rankLine + k) * 15} font-size="12" fill="#555">{ln}</text>
        )))}
        {props.years.map((_, i) => i > 0 && (props.changed?.[i] || props.series.some((x) => x.changed?.[i])) && (
          <line key={'c' + i} class="edition-change" x1={(x(i - 1) + x(i)) / 2} x2={(x(i - 1) + x(i)) / 2} y1={top} y2={H - bottom}
            stroke="#555" stroke-width="1.5" stroke-dasharray="2 3" />
        ))}
        {props.series.map((s, si) => {
          const pts = s.values.map((v, i) => (v == null ? null : [x(i), y(v)] as [number, number]));
          // solid segments within one questionnaire, dashed ones across a change
          const seg = (p: [number, number], q: [number, number]) => `M${p[0].toFixed(1)} ${p[1].toFixed(1)}L${q[0].toFixed(1)} ${q[1].toFixed(1)}`;
          let d = '', dd = '';
          pts.forEach((p, i) => {
            const q = pts[i - 1];
            if (!p || !q) return;
            if ((s.changed ?? props.changed)?.[i]) dd += seg(q, p); else d += seg(q, p);
          });
          return (
            <g key={'s' + si}>
              <path d={d} fill="none" stroke={s.color} stroke-width={multi ? 2 : 3} stroke-dasharray={s.dash} />
              {dd && <path class="changed-segment" d={dd} fill="none" stroke={s.color} stroke-width={multi ? 2 : 3} stroke-dasharray="6 5" />}
              {pts.map((p, i) => p && (
                <g key={i}>
                  <circle cx={p[0]} cy={p[1]} r={multi ? 3.5 : 5} fill="#fff" stroke={s.color} stroke-width="2" />
                  {!multi && (
                    <text {...m.nums(xl(i), 'middle')} y={p[1] - 10} font-size="13" font-weight="700" fill="#111">{num(s.values[i], props.precision)}</text>
                  )}
                  {pointNotes[si][i]?.map((ln, k) => (
                    <text key={'p' + k} {...under(i, ln)} y={H - bottom + 36 + k * 15} font-size="12" fill="#555">{ln}</text>
                  ))}
                </g>
              ))}
            </g>
          );
        })}
        {multi && ends.map((e) => e.k >= 0 && (
          <text key={'e' + e.i} {...m.words(W - endW + 6)} y={e.y + 4} font-size="12" fill={props.series[e.i].color}>{endLabel(e.i)}</text>
        ))}
      </svg>
    </div>
  );
}
