// A step chart over a time axis: each series holds its value until its
// next point (a score that changes only when a team solves, unlocks a hint
// or is awarded points). Series are told apart by colour and by dash, and
// labelled at their end (on a phone: numbered, with a key above), so no
// colour alone carries a name. The x axis is formatted by XLABEL. Right
// to left (Arabic) time runs from right to left, the scale on the right;
// the times ("H+1 M+05") and numbers read left to right.
import { useWidth } from '../hooks';
import { num } from '../format';
import { FONT, linear, mirror, niceTicks, textWidth, truncate } from './scale';

export interface StepSeries { label: string; color: string; dash?: string; points: [number, number][] }

export function Steps(props: { series: StepSeries[]; xEnd: number; xLabel: (x: number) => string; ariaLabel: string; height?: number; big?: boolean }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const fs = props.big ? 20 : 12;
  const W = Math.max(280, width);
  const fullEndW = Math.min(props.big ? 320 : 180, Math.max(0, ...props.series.map((s) => textWidth(s.label, fs, 700))) + 14);
  // numbered, with the names in a key, when the names would take too much
  // room or, cut to fit, no longer tell the series apart
  const cut = props.series.map((s) => truncate(s.label, fullEndW - 14, fs, 700));
  const keyed = props.series.length > 0 && (fullEndW > W * 0.3 || new Set(cut).size < cut.length);
  const endW = keyed ? fs * 2.4 : fullEndW;
  const row = fs + 6;
  const left = fs * 3.6, top = 12 + (keyed ? props.series.length * row + 4 : 0), bottom = fs * 3;
  const H = (props.height || 300) + top;
  const values = props.series.flatMap((s) => s.points.map((p) => p[1]));
  const ymax = Math.max(10, ...values), ymin = Math.min(0, ...values);
  const xmax = Math.max(1, props.xEnd, ...props.series.flatMap((s) => s.points.map((p) => p[0])));
  const m = mirror(W);
  const xl = linear(0, xmax, left, W - endW - 8);
  const x = (v: number) => m.X(xl(v));
  const y = linear(ymin, ymax, H - bottom, top);
  const ticks = [...(ymin < 0 ? [ymin] : []), ...niceTicks(ymax, 5)];
  // time ticks far enough apart for their labels (the end, added by niceTicks, may not be)
  const xticks: number[] = [];
  for (const v of niceTicks(xmax, Math.max(2, Math.min(6, Math.floor(W / 140)))))
    if (!xticks.length || xl(v) - xl(xticks[xticks.length - 1]) >= textWidth(props.xLabel(v), fs) + fs) xticks.push(v);
  const path = (s: StepSeries) => {
    let d = `M${x(0).toFixed(1)} ${y(0).toFixed(1)}`, last = 0;
    for (const [px, py] of s.points) { d += `H${x(px).toFixed(1)}V${y(py).toFixed(1)}`; last = py; }
    return { d: d + `H${x(xmax).toFixed(1)}`, last };
  };
  const lines = props.series.map(path);
  const ends = lines.map((l, i) => ({ i, y: y(l.last) })).sort((a, b) => a.y - b.y);
  for (let j = 1; j < ends.length; j++) if (ends[j].y - ends[j - 1].y < row) ends[j].y = ends[j - 1].y + row;
  const endLabel = (i: number) => (keyed ? String(i + 1) : m.auto(cut[i]));
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {keyed && props.series.map((s, i) => (
          <g key={'k' + i}>
            <line x1={m.X(0)} x2={m.X(fs * 2)} y1={i * row + fs * 0.7} y2={i * row + fs * 0.7} stroke={s.color} stroke-width="3" stroke-dasharray={s.dash} />
            <text {...m.words(fs * 2.4)} y={i * row + fs} font-size={fs} fill="currentColor">{m.iso(String(i + 1)) + ' ' + m.label(s.label, '', W - fs * 3.4, fs)}</text>
          </g>
        ))}
        {ticks.map((tv) => (
          <g key={'t' + tv}>
            <line x1={m.X(left)} x2={m.X(W - endW - 8)} y1={y(tv)} y2={y(tv)} stroke={tv === 0 ? '#6f777b' : '#d5d5d5'} />
            <text {...m.nums(left - 6, 'end')} y={y(tv) + fs / 3} font-size={fs} fill="currentColor">{num(tv, 0)}</text>
          </g>
        ))}
        {xticks.map((xv) => (
          <text key={'x' + xv} {...m.nums(xl(xv), 'middle')} y={H - bottom + fs * 1.6} font-size={fs} fill="currentColor">{props.xLabel(xv)}</text>
        ))}
        {props.series.map((s, i) => (
          <path key={'s' + i} d={lines[i].d} fill="none" stroke={s.color} stroke-width={props.big ? 4 : 2.5} stroke-dasharray={s.dash} stroke-linejoin="round" />
        ))}
        {ends.map((e) => (
          <text key={'e' + e.i} {...m.words(W - endW)} y={e.y + fs / 3} font-size={fs} font-weight="700" fill={props.series[e.i].color}>{endLabel(e.i)}</text>
        ))}
      </svg>
    </div>
  );
}
