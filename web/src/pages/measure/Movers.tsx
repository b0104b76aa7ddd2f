// Who moved most between two editions the reader chooses (first and latest
// by default): the largest rises and falls of the node's points over the
// units in both, with the level each was in before and after, then every
// unit that changed level. Numbers from GET /trends/movers.
import { api } from '../../api';
import { useAsync } from '../../hooks';
import { setParams, type Route } from '../../router';
import { t } from '../../i18n';
import { ChartFrame, DataTable, type TableData } from '../../components/ChartFrame';
import { Controls, Empty, ErrorState, Loading, Select } from '../../components/ui';
import { Diverging } from '../../charts/Diverging';
import { int, num, numShort, unitName } from '../../format';
import { saveCsv } from '../../download';
import type { Mover, Movers } from '../../types';
import type { TrendCtx } from './Trends';
import { levelRank, levelsOf, type LevelDef } from './trendsData';

/** The most rises (and falls) drawn. */
export const TOP_MOVERS = 10;

export function MoversSection({ ctx, route }: { ctx: TrendCtx; route: Route }) {
  const eds = ctx.editions;
  const ids = eds.map((c) => c.id);
  const from = ids.includes(route.params.get('from') || '') ? route.params.get('from')! : ids[0];
  const to = ids.includes(route.params.get('to') || '') ? route.params.get('to')! : ids[ids.length - 1];
  const options = eds.map((c) => ({ value: c.id, label: c.title }));
  const nodeParam = ctx.nodeId === ctx.fw.id ? null : ctx.nodeId;
  const m = useAsync(() => (from === to ? Promise.resolve(null) : api.movers(ctx.fw.id, from, to, nodeParam)), [ctx.fw.id, from, to, nodeParam]);
  const set = (k: 'from' | 'to', v: string) => setParams({ [k]: v === (k === 'from' ? ids[0] : ids[ids.length - 1]) ? null : v });
  return (
    <section class="tr-movers" aria-labelledby="tr-movers-title">
      <h2 id="tr-movers-title">{t('trMoversH2')}</h2>
      <p class="chart-subtitle">{t('trMoversIntro')}</p>
      <Controls label={t('trMoversChoose')}>
        <Select id="tr-from" label={t('trFrom')} value={from} options={options} onChange={(v) => set('from', v)} />
        <Select id="tr-to" label={t('trTo')} value={to} options={options} onChange={(v) => set('to', v)} />
      </Controls>
      {from === to ? <Empty title={t('trMoversSame')}><p>{t('trMoversSameText')}</p></Empty>
        : m.state === 'loading' || (m.state === 'ok' && !m.data) ? <Loading />
          : m.state === 'error' ? <ErrorState error={m.error} retry={m.retry} />
            : <MoversCharts ctx={ctx} movers={m.data!} />}
    </section>
  );
}

function MoversCharts({ ctx, movers }: { ctx: TrendCtx; movers: Movers }) {
  const p = ctx.fw.precision;
  const year = (id: string) => ctx.editions.find((c) => c.id === id)?.year ?? id;
  const yf = year(movers.from), yt = year(movers.to);
  const name = (u: string) => unitName(ctx.units.get(u), u);
  // levels of the total: the framework's levels
  const levels = levelsOf(ctx.fw, ctx.fw.id);
  const lname = (id: string | null | undefined) => (id ? levels.find((l) => l.key === id)?.name || id : t('noValue'));
  const note = (m: Mover) => (m.level_from && m.level_to && m.level_from !== m.level_to ? t('trLevelChange', { from: lname(m.level_from), to: lname(m.level_to) }) : undefined);
  const risers = movers.risers.slice(0, TOP_MOVERS), fallers = movers.fallers.slice(0, TOP_MOVERS);
  if (!movers.n) return <Empty title={t('trMoversNone')}><p>{t('trMoversNoneText', { from: yf, to: yt })}</p></Empty>;
  const shown = [...risers, ...[...fallers].reverse()];
  const signed = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±') + num(Math.abs(v), p);
  const r0 = movers.risers[0], f0 = movers.fallers[0];
  const v = {
    riser: r0 && name(r0.unit), rise: r0 && signed(r0.change), faller: f0 && name(f0.unit), fall: f0 && signed(f0.change),
    from: yf, to: yt,
  };
  const title = r0 && f0 ? t('trMoversTitle', v) : r0 ? t('trMoversTitleRiseOnly', v) : f0 ? t('trMoversTitleFallOnly', v) : t('trMoversTitleFlat', v);
  const max = ctx.node.max;
  const columns = [
    { label: t('colUnit') }, { label: t('colCode') },
    { label: t('trColPointsIn', { year: yf }), numeric: true, format: (x: unknown) => num(x as number, p) },
    { label: t('trColPointsIn', { year: yt }), numeric: true, format: (x: unknown) => num(x as number, p) },
    { label: t('trColChange'), numeric: true, format: (x: unknown) => signed(x as number) },
    { label: t('trColLevelIn', { year: yf }) }, { label: t('trColLevelIn', { year: yt }) },
  ];
  const row = (m: Mover) => [name(m.unit), m.unit, m.from, m.to, m.change, lname(m.level_from), lname(m.level_to)];
  const table: TableData = { columns, rows: shown.map(row) };
  const vf = ctx.editions.find((c) => c.id === movers.from)?.framework_version;
  const vt = ctx.editions.find((c) => c.id === movers.to)?.framework_version;
  return (
    <>
      <ChartFrame class="tr-movers-chart" headingLevel={3} file={`movers-${ctx.nodeId}-${movers.from}-${movers.to}`} title={title}
        subtitle={t('trMoversSubtitle', { node: ctx.node.name, max: numShort(max, p), n: int(movers.n), k: TOP_MOVERS, from: yf, to: yt })}
        source={ctx.source} table={table}>
        <Diverging precision={p} axisLabel={t('trMoversAxis', { from: yf, to: yt })}
          rows={shown.map((m) => ({ key: m.unit, label: name(m.unit), value: m.change, note: note(m) }))}
          ariaLabel={t('trMoversAria', { n: int(shown.length), from: yf, to: yt })} />
        {vf && vt && vf !== vt && <p class="chart-note">{t('trMoversVersions', { from: yf, to: yt, a: vf, b: vt })}</p>}
      </ChartFrame>
      {levels.length > 0 && <LevelMoves ctx={ctx} movers={movers} levels={levels} columns={columns} row={row} yf={yf} yt={yt} />}
    </>
  );
}

function LevelMoves({ ctx, movers, levels, columns, row, yf, yt }: {
  ctx: TrendCtx; movers: Movers; levels: LevelDef[]; columns: TableData['columns'];
  row: (m: Mover) => (string | number | null)[]; yf: number | string; yt: number | string;
}) {
  const all = [...movers.risers, ...movers.fallers];
  const up = all.filter((m) => levelRank(levels, m.level_to) > levelRank(levels, m.level_from) && levelRank(levels, m.level_from) >= 0);
  const down = all.filter((m) => levelRank(levels, m.level_to) < levelRank(levels, m.level_from) && levelRank(levels, m.level_to) >= 0);
  const moved = [...up, ...down];
  const caption = t('trLevelMovesTitle', { up: t('nUnits', { n: up.length, count: int(up.length) }), down: int(down.length), from: yf, to: yt });
  const data: TableData = { columns, rows: moved.map(row) };
  return (
    <section class="tr-level-moves" aria-labelledby="tr-level-moves-title">
      <h3 id="tr-level-moves-title" class="chart-title">{caption}</h3>
      <p class="chart-subtitle">{t('trLevelMovesSubtitle', { framework: ctx.fw.title })}</p>
      {moved.length > 0 && <DataTable data={data} caption={caption} />}
      <p class="chart-source">{ctx.source}</p>
      {moved.length > 0 && (
        <div class="downloads no-print">
          <button type="button" class="button-link"
            onClick={() => saveCsv(`level-changes-${movers.from}-${movers.to}.csv`, columns.map((c) => c.label), data.rows)}>{t('downloadCsv')}</button>
        </div>
      )}
    </section>
  );
}
