// The charts of the over-time page: the node's mean per edition, the
// lines of its parts, a group against the rest, and the units per level.
// Each title states the finding computed from the data; each chart has its
// table, source and downloads (ChartFrame); an edition whose questionnaire
// changed is named under its year and in a note under the chart.
import { setParams, type Route } from '../../router';
import { t } from '../../i18n';
import { ChartFrame, type TableData } from '../../components/ChartFrame';
import { Select } from '../../components/ui';
import { Line } from '../../charts/Line';
import { Stacked } from '../../charts/Stacked';
import { SERIES, WORLD_COLOR, binsFor, viridis } from '../../colors';
import { int, num, numShort } from '../../format';
import type { TrendEdition } from '../../types';
import type { TrendCtx } from './Trends';
import {
  GAP_GROUPS, atOrAbove, changedEditions, editionChanges, type EditionChange, endpoints, gapFinding, gapPresent, gapSeries, levelsOf, same, thresholdLevel, type GapPoint, type LevelDef,
} from './trendsData';

const REL_KEYS = { superset: 'trRelSuperset', subset: 'trRelSubset', intersect: 'trRelIntersect', not_related: 'trRelNotRelated' } as const;
/** What the crosswalk says of a node across two editions, in plain words. */
const relationWords = (r: string | null | undefined, prev: number | string, year: number) =>
  t(REL_KEYS[(r && r in REL_KEYS ? r : 'intersect') as keyof typeof REL_KEYS], { prev, year });

/** The sentence under a chart for an edition whose questionnaire changed, about the node NAME. */
function noteOf(c: EditionChange, name: string): string {
  const v = { year: c.year, prev: c.prev ?? '', node: name, version: c.version ?? '', relation: relationWords(c.relation, c.prev ?? '', c.year), old: c.renamed ?? '' };
  const base = t(c.kind === 'missing' ? 'trNoteMissing' : c.kind === 'equal' ? 'trNoteEqual' : c.kind === 'mapped' ? 'trNoteMapped' : 'trNoteUnmapped', v);
  return c.renamed ? base + ' ' + t('trNoteRenamed', v) : base;
}

/** Sentences naming each edition whose questionnaire changed, for the node NAME. */
export function editionNotes(changes: (EditionChange | null)[], name: string): string[] {
  return changes.filter((c): c is EditionChange => c != null).map((c) => noteOf(c, name));
}

/**
 * The notes of several parts, one sentence per kind of change, naming the
 * parts it holds for ("For “Legal measures”, “Cooperation”, …"); a renamed
 * part keeps a sentence of its own.
 */
function groupedNotes(changes: (EditionChange | null)[][], names: string[]): string[] {
  const groups = new Map<string, { c: EditionChange; names: string[] }>();
  changes.forEach((cs, i) => cs.forEach((c) => {
    if (!c) return;
    const key = c.renamed ? `${i}|${c.year}` : `${c.year}|${c.kind}|${c.relation ?? ''}`;
    if (!groups.has(key)) groups.set(key, { c, names: [] });
    groups.get(key)!.names.push(names[i]);
  }));
  return [...groups.values()].map((g) => noteOf(g.c, g.names.join('”, “')));
}

/** What is written under each year: N, and whether the questionnaire changed. */
function yearNotes(ctx: TrendCtx, eds: TrendEdition[], first: (e: TrendEdition) => string): string[] {
  return eds.map((e, i) => [
    first(e),
    e.node_missing ? t('trYearMissing') : ctx.changes[i] ? t('trYearChanged') : '',
  ].filter(Boolean).join('\n'));
}

function Notes({ notes }: { notes: string[] }) {
  if (!notes.length) return null;
  return <ul class="chart-notes">{notes.map((n) => <li key={n}>{n}</li>)}</ul>;
}

const pts = (p: number) => (v: unknown) => num(v as number, p);
const signed = (v: number, p: number) => (v > 0 ? '+' : v < 0 ? '−' : '±') + num(Math.abs(v), p);

// ------------------------------------------------------------------ the node

export function NodeLine({ ctx }: { ctx: TrendCtx }) {
  const eds = ctx.view.node.editions;
  const p = ctx.fw.precision;
  const max = ctx.node.max;
  const ep = endpoints(eds, (e) => e.mean);
  const title = !ep ? t('trLineTitleNone', { node: ctx.node.name })
    : t(same(ep.a, ep.b, p) ? 'trLineTitleSame' : ep.b > ep.a ? 'trLineTitleUp' : 'trLineTitleDown', {
      node: ctx.node.name, a: num(ep.a, p), b: num(ep.b, p), from: ep.first.year, to: ep.last.year,
    });
  const table: TableData = {
    columns: [
      { label: t('colYear') }, { label: t('colCampaign') }, { label: t('colN'), numeric: true },
      { label: t('colMean'), numeric: true, format: pts(p) }, { label: t('colMedian'), numeric: true, format: pts(p) },
    ],
    rows: eds.map((e) => [String(e.year), e.title, e.n, e.mean, e.median]),
  };
  return (
    <ChartFrame class="tr-node" file={`trend-${ctx.nodeId}${ctx.balanced ? '-balanced' : ''}`} title={title}
      subtitle={t('trLineSubtitle', { node: ctx.node.name, max: numShort(max, p) })} source={ctx.source} table={table}>
      <Line years={eds.map((e) => e.year)} max={max} precision={p} changed={changedEditions(ctx.changes)}
        series={[{ label: t('trAllUnits'), color: '#12355b', values: eds.map((e) => (e.node_missing ? null : e.mean)) }]}
        yearNotes={yearNotes(ctx, eds, (e) => t('trNShort', { n: int(e.n) }))}
        ariaLabel={t('trLineAria', { node: ctx.node.name, n: int(eds.length) })} />
      <Notes notes={editionNotes(ctx.changes, ctx.node.name)} />
    </ChartFrame>
  );
}

// ------------------------------------------------------------------ parts

export function PartLines({ ctx }: { ctx: TrendCtx }) {
  const eds = ctx.view.node.editions;
  const p = ctx.fw.precision;
  const parts = ctx.view.parts;
  const pmax = Math.max(...parts.map((x) => x.node.max));
  const label = (i: number) => parts[i].node.name || parts[i].node.question || parts[i].node.id;
  const value = (e: TrendEdition | undefined) => (e && !e.node_missing ? e.mean : null);
  // editions are matched by campaign: every call lists the same editions
  const at = (i: number, campaign: string) => parts[i].trends.editions.find((e) => e.campaign === campaign);
  const changes = parts.map((_, i) => {
    const ep = endpoints(eds.map((e) => at(i, e.campaign)), (e) => value(e));
    return ep ? { i, d: ep.b - ep.a, from: ep.first!.year, to: ep.last!.year } : null;
  }).filter((c): c is NonNullable<typeof c> => c != null).sort((a, b) => b.d - a.d);
  let title = t('trPartsTitleNone', { node: ctx.node.name });
  if (changes.length) {
    const best = changes[0], worst = changes[changes.length - 1];
    const v = { best: label(best.i), bd: signed(best.d, p), worst: label(worst.i), wd: signed(worst.d, p), from: best.from, to: best.to };
    const rounded = (d: number) => Math.round(d * 10 ** p);
    if (changes.length === 1) title = t('trPartsTitleOne', v);
    else if (rounded(worst.d) > 0) title = t('trPartsTitleAllUp', v);
    else if (rounded(best.d) < 0) title = t('trPartsTitleAllDown', v);
    else title = t('trPartsTitleMixed', v);
  }
  // notes: each part whose questionnaire changed, or that an edition lacks
  const partEds = parts.map((_, i) => eds.map((e) => at(i, e.campaign) || { ...e, node_missing: true }));
  const partChanges = parts.map((x, i) => editionChanges(partEds[i], x.node.id));
  const notes = groupedNotes(partChanges, parts.map((_, i) => label(i)));
  const series = parts.map((_, i) => ({
    label: label(i), color: SERIES[i % SERIES.length], dash: i >= SERIES.length ? '5 3' : undefined,
    values: eds.map((e) => value(at(i, e.campaign))), changed: changedEditions(partChanges[i]),
  }));
  const table: TableData = {
    columns: [
      { label: t('colYear') }, { label: t('colN'), numeric: true },
      ...parts.map((x, i) => ({ label: t('trColPartMean', { part: label(i), max: numShort(x.node.max, p) }), numeric: true, format: pts(p) })),
    ],
    rows: eds.map((e) => [String(e.year), e.n, ...parts.map((_, i) => value(at(i, e.campaign)))]),
  };
  return (
    <ChartFrame class="tr-parts" file={`trend-parts-${ctx.nodeId}${ctx.balanced ? '-balanced' : ''}`} title={title}
      subtitle={t('trPartsSubtitle', { node: ctx.node.name, max: numShort(pmax, p) })} source={ctx.source} table={table}>
      <Line years={eds.map((e) => e.year)} max={pmax} precision={p} series={series}
        yearNotes={yearNotes(ctx, eds, (e) => t('trNShort', { n: int(e.n) }))}
        ariaLabel={t('trPartsAria', { node: ctx.node.name, n: int(parts.length) })} />
      <Notes notes={notes} />
    </ChartFrame>
  );
}

// ------------------------------------------------------------------ a group against the rest

const SHORT: Record<string, 'groupLdc' | 'groupSids' | 'groupLldc'> = { ldc: 'groupLdc', sids: 'groupSids', lldc: 'groupLldc' };
/** A group's name as the titles use it ("LDCs", "Africa"). */
export const groupLabel = (g: { id: string; name: string }) => (SHORT[g.id] ? t(SHORT[g.id]) : g.name);

const GAP_KEYS = {
  narrowed: 'trGapNarrowed', widened: 'trGapWidened', same: 'trGapSame', leadGrew: 'trGapLeadGrew',
  leadShrank: 'trGapLeadShrank', leadSame: 'trGapLeadSame', overtook: 'trGapOvertook', fellBehind: 'trGapFellBehind', none: 'trGapNone',
} as const;

/** "The gap between LDCs and the rest narrowed from X to Y points, 2025 to 2026" (or widened, or a lead). */
export function gapTitle(series: GapPoint[], name: string, p: number): string {
  const f = gapFinding(series, p);
  return t(GAP_KEYS[f.kind], {
    group: name, a: num(Math.abs(f.from?.gap ?? 0), p), b: num(Math.abs(f.to?.gap ?? 0), p), from: f.from?.year ?? '', to: f.to?.year ?? '',
  });
}

export function GapChart({ ctx, route }: { ctx: TrendCtx; route: Route }) {
  const eds = ctx.view.node.editions;
  const p = ctx.fw.precision;
  const regions = ctx.groups.filter((g) => g.kind === 'itu_region');
  const options = [
    ...GAP_GROUPS.map((id) => ctx.groups.find((g) => g.id === id)).filter((g) => g != null),
    ...regions,
  ].filter((g) => gapPresent(eds, g!.id)).map((g) => ({ value: g!.id, label: groupLabel(g!) }));
  if (!options.length) {
    return (
      <section class="chart tr-gap">
        <h2 class="chart-title">{t('trGapTitleNone')}</h2>
        <p>{t('trGapEmpty')}</p>
      </section>
    );
  }
  const asked = route.params.get('group');
  const group = options.find((o) => o.value === asked) || options[0];
  const name = group.label;
  const series = gapSeries(eds, group.value);
  const title = gapTitle(series, name, p);
  const table: TableData = {
    columns: [
      { label: t('colYear') },
      { label: t('trColGroupN', { group: name }), numeric: true },
      { label: t('trColGroupMean', { group: name }), numeric: true, format: pts(p) },
      { label: t('trColRestN'), numeric: true },
      { label: t('trColRestMean'), numeric: true, format: pts(p) },
      { label: t('trColGap'), numeric: true, format: pts(p) },
    ],
    rows: series.map((s) => [String(s.year), s.n, s.mean, s.restN, s.rest, s.gap]),
  };
  const max = ctx.node.max;
  return (
    <ChartFrame class="tr-gap" file={`gap-${group.value}-${ctx.nodeId}${ctx.balanced ? '-balanced' : ''}`} title={title}
      subtitle={t('trGapSubtitle', { group: name, node: ctx.node.name, max: numShort(max, p) })} source={ctx.source} table={table}
      controls={<Select id="tr-group" label={t('trGapGroup')} value={group.value} options={options}
        onChange={(g) => setParams({ group: g === options[0].value ? null : g })} />}>
      <Line years={eds.map((e) => e.year)} max={max} precision={p} changed={changedEditions(ctx.changes)}
        series={[
          { label: name, color: SERIES[0], values: series.map((s) => s.mean) },
          { label: t('trTheRest'), color: WORLD_COLOR, dash: '6 3', values: series.map((s) => s.rest) },
        ]}
        yearNotes={yearNotes(ctx, eds, (e) => {
          const s = series.find((x) => x.campaign === e.campaign)!;
          return t('trGapYearNote', { gap: s.gap == null ? t('noValue') : num(s.gap, p), n: int(s.n), rest: int(s.restN) });
        })}
        ariaLabel={t('trGapAria', { group: name, node: ctx.node.name })} />
      <p class="chart-note">{t('trGapHow', { group: name })}</p>
      <Notes notes={editionNotes(ctx.changes, ctx.node.name)} />
    </ChartFrame>
  );
}

// ------------------------------------------------------------------ levels

/** Each level's colour: the map's for the framework's levels, viridis (light = low) for stage names. */
function levelColors(ctx: TrendCtx, levels: LevelDef[]): string[] {
  if (ctx.nodeId === ctx.fw.id) {
    const bins = binsFor(ctx.fw, ctx.fw.max, true);
    return levels.map((l) => bins.find((b) => b.level === l.key)?.color || '#999');
  }
  return levels.map((_, i) => viridis(levels.length === 1 ? 0.5 : 1 - i / (levels.length - 1)));
}

export function LevelsChart({ ctx }: { ctx: TrendCtx }) {
  const eds = ctx.view.node.editions;
  const known = levelsOf(ctx.fw, ctx.nodeId);
  if (!known.length) return null;
  // a level an older edition used and the framework no longer has goes last, by its id
  const extra = [...new Set(eds.flatMap((e) => Object.keys(e.levels)))].filter((k) => !known.some((l) => l.key === k));
  const levels = [...known, ...extra.map((k) => ({ key: k, name: k }))];
  const colors = [...levelColors(ctx, known), ...extra.map(() => '#bdbdbd')];
  const th = thresholdLevel(known);
  const ep = endpoints(eds.filter((e) => !e.node_missing), (e) => atOrAbove(e, known, th));
  const level = known[th]?.name || '';
  const title = !ep ? t('trLevelsTitleNone')
    : t(ep.b === ep.a ? 'trLevelsTitleSame' : ep.b > ep.a ? 'trLevelsTitleUp' : 'trLevelsTitleDown', {
      a: int(ep.a), b: int(ep.b), level, from: ep.first.year, to: ep.last.year, n: ep.b,
    });
  const table: TableData = {
    columns: [
      { label: t('colYear') }, { label: t('colN'), numeric: true },
      ...levels.map((l) => ({ label: l.name === l.key ? l.name : t('levelLong', { id: l.key, name: l.name }), numeric: true })),
    ],
    rows: eds.map((e) => [String(e.year), e.n, ...levels.map((l) => e.levels[l.key] || 0)]),
  };
  const isRoot = ctx.nodeId === ctx.fw.id;
  return (
    <ChartFrame class="tr-levels" file={`levels-${ctx.nodeId}${ctx.balanced ? '-balanced' : ''}`} title={title}
      subtitle={t(isRoot ? 'trLevelsSubtitle' : 'trStagesSubtitle', { node: ctx.node.name })} source={ctx.source} table={table}>
      <Stacked segments={levels.map((l, i) => ({ key: l.key, label: l.name, color: colors[i] }))}
        rows={eds.map((e, i) => ({
          key: e.campaign, label: String(e.year), counts: levels.map((l) => e.levels[l.key] || 0),
          end: t('trNShort', { n: int(e.n) }) + (e.node_missing ? ' · ' + t('trYearMissing') : ctx.changes[i] ? ' · ' + t('trYearChanged') : ''),
        }))}
        axisLabel={t('trLevelsAxis')}
        ariaLabel={t('trLevelsAria', { n: int(eds.length) })} />
      <Notes notes={editionNotes(ctx.changes, ctx.node.name)} />
    </ChartFrame>
  );
}
