// The frame every chart sits in, in the manner of Our World in Data's
// chart pages: a title stating the finding, a subtitle with the measure and
// scale, the chart (role="img" with a summary) or its table, a source line,
// and downloads of the data (CSV) and the picture (SVG, PNG).
// The table is always in the page: visible in "Table" view, and otherwise
// kept for screen readers, so they get the numbers rather than the drawing.
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { composeSvg, saveCsv, savePng, saveSvg, slug, svgOf, type Cell } from '../download';

export interface Column {
  label: string;
  numeric?: boolean;
  /** How a cell is shown in the table (the CSV keeps the raw value). */
  format?: (v: Cell, row: Cell[]) => string;
}

export interface TableData {
  columns: Column[];
  rows: Cell[][];
  /** Index of the column whose cells are row headers. */
  rowHeader?: number;
}

export function DataTable({ data, caption, id, hidden }: { data: TableData; caption: string; id?: string; hidden?: boolean }) {
  const rh = data.rowHeader ?? 0;
  // A visible table scrolls sideways on a phone, so its wrapper must be focusable.
  // (A hidden one is not a scroll container, so it needs no tab stop.)
  const scroll = hidden ? {} : { tabIndex: 0, role: 'region' as const, 'aria-label': t('tableOf', { title: caption }), class: 'table-wrap' };
  return (
    <div {...scroll}>
      <table class="data" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>{data.columns.map((c, i) => <th key={i} scope="col" class={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {data.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => {
                const c = data.columns[j];
                const text = c?.format ? c.format(v, r) : v == null ? t('noValue') : String(v);
                return j === rh
                  ? <th key={j} scope="row" class={c?.numeric ? 'num' : undefined}>{text}</th>
                  : <td key={j} class={c?.numeric ? 'num' : undefined}>{text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

let nextId = 0;

export function ChartFrame(props: {
  title: string;
  subtitle: string;
  source: string;
  table: TableData;
  /** Name of the downloaded files, without extension. */
  file: string;
  /** The picture to download; by default the first <svg data-chart> inside. */
  picture?: () => { markup: string; width: number; height: number } | null;
  children: ComponentChildren;
  headingLevel?: 2 | 3;
  controls?: ComponentChildren;
  class?: string;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const [id] = useState(() => 'chart' + ++nextId);
  const body = useRef<HTMLDivElement>(null);
  const H = (props.headingLevel === 3 ? 'h3' : 'h2') as 'h2';
  const file = slug(props.file);

  const picture = () => {
    if (props.picture) return props.picture();
    const el = body.current?.querySelector('svg[data-chart]') as SVGSVGElement | null;
    return el ? svgOf(el) : null;
  };
  const exportSvg = () => {
    const p = picture();
    if (!p) return null;
    return composeSvg(p, { title: props.title, subtitle: props.subtitle, source: props.source });
  };

  return (
    <section class={'chart ' + (props.class || '')} aria-labelledby={id + '-title'}>
      <H id={id + '-title'} class="chart-title">{props.title}</H>
      <p class="chart-subtitle">{props.subtitle}</p>
      <div class="chart-toolbar no-print">
        <div class="segmented" role="group" aria-label={t('chartView')}>
          <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>{t('viewChart')}</button>
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>{t('viewTable')}</button>
        </div>
        {props.controls}
      </div>
      <div class="chart-body" ref={body} hidden={view !== 'chart'}>
        {props.children}
      </div>
      <div class={view === 'table' ? 'chart-table' : 'sr-only'}>
        <DataTable data={props.table} caption={props.title} hidden={view !== 'table'} />
      </div>
      <p class="chart-source">{props.source}</p>
      <div class="downloads no-print" role="group" aria-label={t('downloadsFor', { title: props.title })}>
        <span class="downloads-label" aria-hidden="true">{t('download')}</span>
        <button type="button" class="button-link" onClick={() => saveCsv(file + '.csv', props.table.columns.map((c) => c.label), props.table.rows)}>
          {t('downloadCsv')}
        </button>
        <button type="button" class="button-link" onClick={() => { const s = exportSvg(); if (s) saveSvg(file + '.svg', s.svg); }}>
          {t('downloadSvg')}
        </button>
        <button type="button" class="button-link" onClick={() => { const s = exportSvg(); if (s) savePng(file + '.png', s.svg, s.width, s.height); }}>
          {t('downloadPng')}
        </button>
      </div>
    </section>
  );
}
