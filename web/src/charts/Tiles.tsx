// "Units not on the map": one tile per unit without a place on the world
// map (the demo's fictional units), coloured like the map, grouped by
// region, each a link to the unit's profile that says its points and level
// in text. tilesSvg() draws the same picture for the SVG/PNG download.
import type { Bin } from '../colors';
import { NO_DATA, textOn } from '../colors';
import { num } from '../format';
import { Link } from '../components/ui';
import { xmlEscape } from '../download';

export interface Tile {
  id: string;
  name: string;
  points: number | null;
  bin?: Bin;
  href: string;
  aria: string;     // the whole sentence, as a tooltip
  srPoints: string; // said after the number: "of 100 points,"
  sub: string;      // short text under the points (level name)
}

export interface TileSection { key: string; title: string; tiles: Tile[] }

export function Tiles({ sections, precision, headingLevel = 3 }: { sections: TileSection[]; precision: number; headingLevel?: 3 | 4 }) {
  const H = (headingLevel === 4 ? 'h4' : 'h3') as 'h3';
  return (
    <div class="tiles">
      {sections.map((s) => (
        <section key={s.key} class="tile-section" aria-label={s.title}>
          <H class="tile-section-title">{s.title}</H>
          <ul class="tile-list">
            {s.tiles.map((u) => {
              const bg = u.bin?.color || NO_DATA;
              return (
                <li key={u.id}>
                  <Link class="tile" href={u.href} title={u.aria}
                    style={{ background: bg, color: textOn(bg) }}>
                    <span class="tile-code">{u.id}</span>
                    {u.name !== u.id && <span class="sr-only">{u.name},</span>}
                    <span class="tile-points">{u.points == null ? '—' : num(u.points, precision)}</span>
                    <span class="sr-only">{u.srPoints}</span>
                    <span class="tile-level">{u.sub}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function tilesSvg(sections: TileSection[], precision: number, width = 760): { markup: string; width: number; height: number } {
  const tw = 86, th = 58, gap = 6;
  const perRow = Math.max(1, Math.floor((width + gap) / (tw + gap)));
  let y = 0;
  const out: string[] = [];
  for (const s of sections) {
    y += 18;
    out.push(`<text x="0" y="${y}" font-size="14" font-weight="700" fill="#222">${xmlEscape(s.title)}</text>`);
    y += 8;
    s.tiles.forEach((u, i) => {
      const cx = (i % perRow) * (tw + gap);
      const cy = y + Math.floor(i / perRow) * (th + gap);
      const bg = u.bin?.color || NO_DATA;
      const fg = textOn(bg);
      out.push(`<rect x="${cx}" y="${cy}" width="${tw}" height="${th}" rx="4" fill="${bg}"/>` +
        `<text x="${cx + 7}" y="${cy + 17}" font-size="13" font-weight="700" fill="${fg}">${xmlEscape(u.id)}</text>` +
        `<text x="${cx + 7}" y="${cy + 35}" font-size="14" fill="${fg}">${u.points == null ? '—' : xmlEscape(num(u.points, precision))}</text>` +
        `<text x="${cx + 7}" y="${cy + 50}" font-size="10" fill="${fg}">${xmlEscape(u.sub.slice(0, 14))}</text>`);
    });
    y += Math.ceil(s.tiles.length / perRow) * (th + gap) + 6;
  }
  return { markup: `<g>${out.join('')}</g>`, width, height: y };
}

export function Legend({ bins, title, noData }: { bins: Bin[]; title: string; noData?: string }) {
  return (
    <div class="legend">
      <p class="legend-title">{title}</p>
      <ul class="legend-items">
        {bins.map((b) => (
          <li key={b.lo}>
            <span class="swatch" style={{ background: b.color }} aria-hidden="true" />
            <span class="legend-label">{b.label}</span>
            {b.level && <span class="legend-range">{b.range}</span>}
          </li>
        ))}
        {noData && (
          <li>
            <span class="swatch swatch-nodata" aria-hidden="true" />
            <span class="legend-label">{noData}</span>
          </li>
        )}
      </ul>
    </div>
  );
}

export function legendSvg(bins: Bin[], title: string, width = 760): { markup: string; width: number; height: number } {
  const out: string[] = [`<text x="0" y="14" font-size="13" font-weight="700" fill="#222">${xmlEscape(title)}</text>`];
  let x = 0, y = 24;
  for (const b of bins) {
    const label = b.level ? `${b.label} (${b.range})` : b.label;
    const w = 22 + label.length * 7 + 14;
    if (x + w > width && x > 0) { x = 0; y += 22; }
    out.push(`<rect x="${x}" y="${y}" width="16" height="16" fill="${b.color}" stroke="#555" stroke-width="0.5"/>` +
      `<text x="${x + 22}" y="${y + 13}" font-size="12" fill="#222">${xmlEscape(label)}</text>`);
    x += w;
  }
  return { markup: `<g>${out.join('')}</g>`, width, height: y + 24 };
}

/** Stacks several SVG pieces vertically into one. */
export function stackSvg(pieces: ({ markup: string; width: number; height: number } | null)[], gap = 12) {
  let y = 0, w = 0;
  const out: string[] = [];
  for (const p of pieces) {
    if (!p) continue;
    out.push(`<g transform="translate(0 ${y})">${p.markup}</g>`);
    y += p.height + gap;
    w = Math.max(w, p.width);
  }
  return { markup: out.join(''), width: w, height: Math.max(0, y - gap) };
}
