// The stages reached, aspect by aspect: one row per stage group, one
// column per stage (1 … S). A stage reached is a dark cell with a tick, one
// not reached a pale cell with a dot, so the picture holds without colour;
// the row ends with the name of the stage reached. Cells beyond a group's
// own highest stage are left empty. Right to left (Arabic) the picture is
// mirrored: names on the right, stage 1 in the rightmost column.
import { useWidth } from '../hooks';
import { viridis } from '../colors';
import { FONT, mirror, textWidth, truncate } from './scale';

export interface StageRow { label: string; reached: number | null; stages: number; reachedName: string; section?: string }

const ON = viridis(0.12);
const OFF = '#eef1f4';

export function StageHeat(props: { rows: StageRow[]; columns: string[]; ariaLabel: string; excluded: string }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(280, width);
  const k = props.columns.length;
  const wide = W >= 620;
  const labelW = wide ? Math.min(Math.max(160, W * 0.34), Math.max(...props.rows.map((r) => textWidth(r.label, 13))) + 10) : 0;
  const endW = wide ? Math.min(150, Math.max(...props.rows.map((r) => textWidth(r.reachedName, 12.5))) + 14) : 0;
  const cell = Math.max(24, Math.min(90, Math.floor((W - labelW - endW) / Math.max(1, k))));
  const headH = 34;
  const rowH = wide ? 34 : 54;
  const secH = 28;
  // each row's top, with a heading line where a new part begins
  const ys: number[] = [];
  let y = headH;
  props.rows.forEach((r, i) => {
    if (r.section && r.section !== props.rows[i - 1]?.section) y += secH;
    ys.push(y);
    y += rowH;
  });
  const H = y + 4;
  const gx = labelW;
  const m = mirror(W);
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={props.ariaLabel}
        font-family={FONT} style={{ maxWidth: '100%', height: 'auto' }} direction="ltr">
        {props.columns.map((c, j) => (
          <text key={'c' + j} {...m.words(gx + (j + 0.5) * cell, 'middle')} y={headH - 10} font-size="12" fill="#222">
            {truncate(c, cell - 2, 12)}
          </text>
        ))}
        {props.rows.map((r, i) => {
          const y0 = ys[i] + (wide ? 0 : 20);
          const heading = r.section && r.section !== props.rows[i - 1]?.section;
          const h = wide ? rowH - 4 : rowH - 24;
          return (
            <g key={'r' + i}>
              {heading && <text {...m.words(0)} y={ys[i] - 9} font-size="13" font-weight="700" fill="#12355b">{m.label(r.section!, '', W - 4, 13)}</text>}
              {wide
                ? <text {...m.words(labelW - 8, 'end')} y={y0 + h / 2 + 4.5} font-size="13" fill="#222">{m.label(r.label, '', labelW - 10, 13)}</text>
                : (
                  <g>
                    <text {...m.words(0)} y={y0 - 6} font-size="12.5" fill="#222">{m.label(r.label, '', W - textWidth(r.reachedName, 12.5) - 16, 12.5)}</text>
                    <text {...m.words(W - 2, 'end')} y={y0 - 6} font-size="12.5" fill="#222" font-weight="600">{r.reached == null ? props.excluded : r.reachedName}</text>
                  </g>
                )}
              {props.columns.map((_, j) => {
                if (j >= r.stages) return null;
                const on = r.reached != null && j < r.reached;
                const x = gx + j * cell;
                return (
                  <g key={j}>
                    <rect x={m.R(x + 1, cell - 2)} y={y0} width={cell - 2} height={h} fill={r.reached == null ? '#fff' : on ? ON : OFF}
                      stroke={r.reached == null ? '#c3c9cf' : on ? ON : '#c3c9cf'} stroke-dasharray={r.reached == null ? '3 2' : undefined} />
                    <text x={m.X(x + cell / 2)} y={y0 + h / 2 + 5} font-size="14" text-anchor="middle" fill={on ? '#fff' : '#56606a'}>
                      {r.reached == null ? '' : on ? '✓' : '·'}
                    </text>
                  </g>
                );
              })}
              {wide && (
                <text {...m.words(gx + k * cell + 8)} y={y0 + h / 2 + 4.5} font-size="12.5" fill="#222" font-weight="600">
                  {r.reached == null ? props.excluded : r.reachedName}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
