// A correlation matrix as a heatmap: a diverging, colour-blind-safe palette
// (ColorBrewer RdBu: red negative, white 0, blue positive) with the value
// written in each cell, so the colour only repeats what the number says.
// Pairs above a threshold (collinear) are outlined. Column labels are
// slanted and the cells shrink so that the labels fit the width. Right to
// left (Arabic) the matrix is mirrored: names on the right, the columns
// ordered from the right, their labels slanting up to the left; the
// colour key is a number line from −1 to 1 and stays left to right.
import { useWidth } from '../hooks';
import { num } from '../format';
import { textOn } from '../colors';
import { FONT, mirror, textWidth } from './scale';

const RDBU = [
  [103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247],
  [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97],
];

/** The diverging colour of r in [-1, 1]. */
export function diverging(r: number): string {
  const s = (Math.min(1, Math.max(-1, r)) + 1) / 2 * (RDBU.length - 1);
  const i = Math.min(RDBU.length - 2, Math.floor(s));
  const f = s - i;
  const c = RDBU[i].map((v, k) => Math.round(v + (RDBU[i + 1][k] - v) * f));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}

const DIAGONAL = '#e4e7eb';
const SLANT = 40 * Math.PI / 180;

export function Heatmap(props: {
  labels: string[];
  matrix: (number | null)[][];
  /** Sample sizes, for the tooltips. */
  n?: number[][];
  ariaLabel: string;
  legendTitle: string;
  /** |r| above this is outlined, with this note in the legend. */
  outline?: { above: number; note: string };
  cellTitle: (i: number, j: number) => string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(260, width);
  const { labels, matrix } = props;
  const k = labels.length;
  const wide = W >= 520;
  const fsLabel = wide ? 13 : 12;
  const labelW = Math.min(wide ? 220 : Math.floor(W * 0.36), Math.max(...labels.map((l) => textWidth(l, fsLabel))) + 12);
  const gx = labelW + 4;
  const cos = Math.cos(SLANT), sin = Math.sin(SLANT);
  const colMax = wide ? 190 : 120;
  let lens = labels.map((l) => Math.min(colMax, textWidth(l, 12) + 2));
  // the largest cell (at most 84 px) whose slanted labels stay inside the width
  let cell = Math.min(84, (W - gx - 2) / k);
  lens.forEach((len, j) => { cell = Math.min(cell, (W - gx - cos * len - 2) / (j + 0.5)); });
  cell = Math.max(26, Math.floor(cell));
  lens = lens.map((len, j) => Math.max(24, Math.min(len, (W - gx - (j + 0.5) * cell - 2) / cos)));
  const headH = Math.max(...lens) * sin + 16;
  const top = headH;
  const gridBottom = top + k * cell;
  const fs = cell >= 44 ? 13 : cell >= 34 ? 12 : 10.5;
  const prec = 2;
  let outlined = false;

  // legend: eleven steps from -1 to 1
  const blockW = Math.min(26, Math.floor((W - 8) / 11));
  const ly = gridBottom + 30;
  const m = mirror(W);
  const kx = m.rtl ? W - 11 * blockW - 1 : 0;   // the key's left edge

  const cells: preact.JSX.Element[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = matrix[i]?.[j] ?? null;
      const diag = i === j;
      const fill = v == null ? '#ffffff' : diag ? DIAGONAL : diverging(v);
      const cx = gx + j * cell, cy = top + i * cell;
      const hot = !diag && v != null && props.outline && Math.abs(v) > props.outline.above;
      if (hot) outlined = true;
      cells.push(
        <g key={i + ':' + j}>
          <title>{props.cellTitle(i, j)}</title>
          <rect x={m.R(cx, cell)} y={cy} width={cell} height={cell} fill={fill} stroke="#ffffff" stroke-width="1" />
          {hot && <rect x={m.R(cx + 2, cell - 4)} y={cy + 2} width={cell - 4} height={cell - 4} fill="none" stroke="#111" stroke-width="2.5" />}
          <text {...m.nums(cx + cell / 2, 'middle')} y={cy + cell / 2 + fs * 0.36} font-size={fs}
            fill={v == null ? '#555' : textOn(fill)} font-weight={diag ? 400 : 600}>
            {v == null ? '—' : diag ? num(1, 0) : num(v, prec)}
          </text>
        </g>,
      );
    }
  }
  const H = ly + 44 + (outlined ? 22 : 0);
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {labels.map((l, j) => (
          <text key={'c' + j} transform={`translate(${m.X(gx + (j + 0.5) * cell + 3)} ${top - 6}) rotate(${m.rtl ? 40 : -40})`}
            direction={m.dir} font-size="12" fill="#222">
            {m.label(l, '', lens[j], 12)}
          </text>
        ))}
        {labels.map((l, i) => (
          <text key={'r' + i} {...m.words(labelW - 4, 'end')} y={top + (i + 0.5) * cell + fsLabel * 0.36} font-size={fsLabel} fill="#222">
            {m.label(l, '', labelW - 8, fsLabel)}
          </text>
        ))}
        {cells}
        <text {...m.words(0)} y={ly - 8} font-size="12.5" fill="#222" font-weight="600">{props.legendTitle}</text>
        {RDBU.map((_, s) => {
          const r = -1 + (2 * s) / 10;
          return <rect key={'lg' + s} x={kx + s * blockW} y={ly} width={blockW} height={14} fill={diverging(r)} stroke="#8a8a8a" stroke-width="0.5" />;
        })}
        {[-1, -0.5, 0, 0.5, 1].map((r) => {
          const lx = kx + (r + 1) / 2 * 10 * blockW + blockW / 2;
          return (
            <g key={'lt' + r}>
              <line x1={lx} x2={lx} y1={ly + 14} y2={ly + 19} stroke="#555" />
              <text x={lx} y={ly + 31} font-size="12" fill="#555" text-anchor="middle" direction="ltr">{r === 0 ? num(0, 0) : num(r, r % 1 ? 1 : 0)}</text>
            </g>
          );
        })}
        {props.outline && outlined && (
          <g>
            <rect x={m.R(1, 14)} y={ly + 42} width={14} height={14} fill="none" stroke="#111" stroke-width="2.5" />
            <text {...m.words(22)} y={ly + 53} font-size="12" fill="#222">{props.outline.note}</text>
          </g>
        )}
      </svg>
    </div>
  );
}
