// A timeline of a plan's actions: one row per action, a bar from its start
// to its due date, today as a line, the status written after each bar (a
// pattern of colour per status, never colour alone); for a phone the title
// goes above its bar. Right to left (Arabic) time flows from right to
// left: titles on the right, each bar from its start on the right to its
// due date on the left.
import { useWidth } from '../hooks';
import { currentLang } from '../i18n';
import { FONT, linear, mirror, textWidth } from './scale';

export interface GanttRow { key: string; label: string; start: number; end: number; color: string; note: string; hatch?: boolean }

const DAY = 86400000;
/** A tick's month (with its year) in the interface's language. */
const monthLabel = (t: number, withYear: boolean) => new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : currentLang(),
  { month: 'short', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }).format(t);

export function Gantt({ rows, from, to, today, ariaLabel, todayLabel }: {
  rows: GanttRow[]; from: number; to: number; today: number; ariaLabel: string; todayLabel: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const W = Math.max(300, width);
  const wide = W >= 640;
  const labelW = wide ? Math.min(280, Math.max(120, ...rows.map((r) => textWidth(r.label))) + 10) : 0;
  const noteW = Math.max(60, ...rows.map((r) => textWidth(r.note, 12))) + 10;
  const x0 = labelW + 4, x1 = W - noteW;
  const x = linear(from, Math.max(to, from + DAY), x0, x1);
  const axisH = 26, barH = 16, rowH = wide ? 26 : 40;
  const H = axisH + rows.length * rowH + 8;
  // month ticks: every month when there is room for a label with its
  // year, else every quarter, half year or year
  const ticks: { t: number; label: string }[] = [];
  const d = new Date(from);
  let m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).getTime();
  const perMonth = (x1 - x0) / Math.max(1, (to - from) / (30 * DAY));
  const need = textWidth(monthLabel(m, true), 11) + 10;
  const step = [1, 3, 6].find((k) => k * perMonth >= need) ?? 12;
  while (m <= to) {
    const dm = new Date(m);
    if (m >= from && dm.getUTCMonth() % step === 0) {
      ticks.push({ t: m, label: monthLabel(m, dm.getUTCMonth() === 0 || !ticks.length) });
    }
    m = Date.UTC(dm.getUTCFullYear(), dm.getUTCMonth() + 1, 1);
  }
  const clamp = (v: number) => Math.min(x1, Math.max(x0, x(v)));
  const mr = mirror(W);
  return (
    <div ref={ref} class="chart-svg">
      <svg data-chart viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={ariaLabel} font-family={FONT} direction="ltr">
        <defs>
          <pattern id="gantt-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fff" /><line x1="0" y1="0" x2="0" y2="6" stroke="#6e3619" stroke-width="3" />
          </pattern>
        </defs>
        {ticks.map((tk) => (
          <g key={tk.t}>
            <line x1={mr.X(x(tk.t))} x2={mr.X(x(tk.t))} y1={axisH - 6} y2={H - 4} stroke="#e1e1e1" />
            <text {...mr.words(x(tk.t) + 2)} y={14} font-size="11" fill="#505a5f">{tk.label}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = axisH + i * rowH + (wide ? 4 : 18);
          const a = clamp(r.start), b = Math.max(clamp(r.end), a + 3);
          return (
            <g key={r.key}>
              {wide
                ? <text {...mr.words(labelW, 'end')} y={y + barH - 3} font-size="12" fill="#0b0c0c">{mr.label(r.label, '', labelW - 8)}</text>
                : <text {...mr.words(x0)} y={y - 4} font-size="12" fill="#0b0c0c">{mr.label(r.label, '', W - x0 - 4)}</text>}
              <rect x={mr.R(a, b - a)} y={y} width={b - a} height={barH} fill={r.hatch ? 'url(#gantt-hatch)' : r.color} stroke={r.color} stroke-width="1.5" rx="2" />
              <text {...mr.words(b + 5)} y={y + barH - 3} font-size="12" fill="#0b0c0c">{r.note}</text>
            </g>
          );
        })}
        {today >= from && today <= to && (
          <g>
            <line x1={mr.X(x(today))} x2={mr.X(x(today))} y1={axisH - 8} y2={H - 2} stroke="#d4351c" stroke-width="2" stroke-dasharray="4 3" />
            <text {...mr.words(x(today) + 3)} y={axisH - 1} font-size="11" fill="#aa2a16">{todayLabel}</text>
          </g>
        )}
      </svg>
    </div>
  );
}
