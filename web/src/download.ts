// Downloads built in the browser: CSV of a chart's numbers, the chart as
// SVG (self-contained, with its title, subtitle and source) and as PNG.

export type Cell = string | number | null | undefined;

/**
 * CSV for spreadsheets. A text cell starting with = + - @ (or a tab or a
 * carriage return) would be read as a formula by Excel or LibreOffice
 * (formula injection through a unit's name): it gets a leading ' so that it
 * is shown as text. Numbers are written as they are.
 */
export function toCsv(header: string[], rows: Cell[][]): string {
  const esc = (v: Cell) => {
    if (v == null) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [header, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

export function saveBlob(filename: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function saveCsv(filename: string, header: string[], rows: Cell[][]) {
  saveBlob(filename, new Blob(['\ufeff' + toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }));
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

export const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function wrap(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    if (cur && (cur + ' ' + w).length > maxChars) { lines.push(cur); cur = w; } else cur = cur ? cur + ' ' + w : w;
  }
  if (cur) lines.push(cur);
  return lines;
}

/**
 * A standalone SVG document: title, subtitle, the chart body (an <svg>
 * element's markup with width and height) and the source line.
 */
export function composeSvg(body: { markup: string; width: number; height: number },
  meta: { title: string; subtitle?: string; source?: string }): { svg: string; width: number; height: number } {
  const W = Math.max(body.width, 480) + 32;
  const chars = Math.floor((W - 32) / 9);
  const tl = wrap(meta.title, chars);
  const sl = meta.subtitle ? wrap(meta.subtitle, Math.floor((W - 32) / 7.2)) : [];
  const so = meta.source ? wrap(meta.source, Math.floor((W - 32) / 6.4)) : [];
  let y = 16;
  const parts: string[] = [];
  for (const l of tl) { y += 22; parts.push(`<text x="16" y="${y}" font-size="18" font-weight="700" fill="#111">${xmlEscape(l)}</text>`); }
  for (const l of sl) { y += 19; parts.push(`<text x="16" y="${y}" font-size="14" fill="#444">${xmlEscape(l)}</text>`); }
  y += 14;
  parts.push(`<g transform="translate(16 ${y})">${body.markup}</g>`);
  y += body.height + 8;
  for (const l of so) { y += 16; parts.push(`<text x="16" y="${y}" font-size="12" fill="#555">${xmlEscape(l)}</text>`); }
  const H = y + 16;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${xmlEscape(FONT)}">` +
    `<rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
  return { svg, width: W, height: H };
}

/** Markup of a rendered chart <svg>, namespaced, with its size. */
export function svgOf(el: SVGSVGElement): { markup: string; width: number; height: number } {
  const clone = el.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const vb = el.viewBox?.baseVal;
  const width = vb && vb.width ? vb.width : el.getBoundingClientRect().width;
  const height = vb && vb.height ? vb.height : el.getBoundingClientRect().height;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  clone.removeAttribute('role');
  clone.removeAttribute('aria-label');
  clone.querySelectorAll('a').forEach((a) => {
    const g = document.createElementNS('http://www.w3.org/2000/svg', 'g');
    while (a.firstChild) g.appendChild(a.firstChild);
    a.replaceWith(g);
  });
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

export function saveSvg(filename: string, svg: string) {
  saveBlob(filename, new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
}

export function savePng(filename: string, svg: string, width: number, height: number) {
  const img = new Image();
  // A data: URL, since the server's Content-Security-Policy allows images from 'self' and data: only.
  const url = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg);
  img.onload = () => {
    const scale = 2;
    const c = document.createElement('canvas');
    c.width = width * scale;
    c.height = height * scale;
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    c.toBlob((b) => b && saveBlob(filename, b), 'image/png');
  };
  img.src = url;
}

export const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chart';
