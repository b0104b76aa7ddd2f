// Overview: where the world stands and where the gaps are. Opens with the
// answer (mean, median, how many units in each level), then the map (and
// the tiles of units not on it), the distribution and groups vs the world.
import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { api } from '../api';
import { useAsync, useTitle } from '../hooks';
import { href, type Route } from '../router';
import { t } from '../i18n';
import { CampaignGate, CampaignSelect, NodeSelect, type Ctx } from '../components/CampaignGate';
import { ChartFrame } from '../components/ChartFrame';
import { Controls, Empty, ErrorState, Link, Loading } from '../components/ui';
import { binOf, binsFor, type Bin } from '../colors';
import { findNode, nodeLabel } from '../fw';
import { int, num, numShort, pointsOf, unitName, collate } from '../format';
import { Strip } from '../charts/Strip';
import { HBars, type BarRow } from '../charts/HBars';
import { Legend, Tiles, legendSvg, stackSvg, tilesSvg, type TileSection } from '../charts/Tiles';
import type { MapDatum } from '../charts/WorldMap';
import type { Results, Summary, Unit } from '../types';
import { svgOf } from '../download';
import { UnitSelect } from './Profile';
import { navigate } from '../router';

export function Overview({ route }: { route: Route }) {
  return <CampaignGate route={route} title={t('navOverview')}>{(ctx) => <OverviewBody ctx={ctx} route={route} />}</CampaignGate>;
}

function OverviewBody({ ctx, route }: { ctx: Ctx; route: Route }) {
  const fw = ctx.framework;
  const nodeId = route.params.get('node') || fw.id;
  const node = findNode(fw, nodeId);
  const res = useAsync(() => api.results(ctx.campaign.id, nodeId), [ctx.campaign.id, nodeId]);
  useTitle(t('overviewDocTitle', { campaign: ctx.campaign.title }));
  return (
    <div class="page">
      <p class="eyebrow">{t('navOverview')} · {ctx.campaign.title}</p>
      <h1>{t('overviewH1', { node: nodeLabel(node) || nodeId })}</h1>
      <Controls label={t('chooseWhatToShow')}>
        <CampaignSelect ctx={ctx} />
        <NodeSelect ctx={ctx} value={nodeId} />
        {ctx.assessed.length > 0 && (
          <UnitSelect ctx={ctx} id="goto-unit" label={t('gotoProfile')} value={ctx.assessed[0].unit}
            onChange={(u) => navigate(href('/units/' + encodeURIComponent(u), { campaign: ctx.campaign.id }))} />
        )}
      </Controls>
      {!node ? (
        <Empty title={t('nodeUnknown', { id: nodeId })}><p><Link href={href('/', { campaign: ctx.campaign.id })}>{t('backToOverview')}</Link></p></Empty>
      ) : res.state === 'loading' ? <Loading /> : res.state === 'error' ? <ErrorState error={res.error} retry={res.retry} /> : (
        <OverviewContent ctx={ctx} results={res.data} isRoot={nodeId === fw.id} />
      )}
    </div>
  );
}

function OverviewContent({ ctx, results, isRoot }: { ctx: Ctx; results: Results; isRoot: boolean }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const max = results.node.max;
  const bins = binsFor(fw, max, isRoot);
  const scored = results.results.filter((r) => r.points != null);
  const st = results.stats;
  const allFictional = ctx.units.length > 0 && results.results.every((r) => ctx.unitsById.get(r.unit)?.fictional);
  if (!results.results.length) {
    return <Empty title={t('noResultsTitle')}><p>{t('noResultsText')}</p></Empty>;
  }
  // how many units per class
  const counts = bins.map((b) => scored.filter((r) => binOf(bins, r.points) === b).length);
  const top = [...counts.keys()].sort((a, b) => counts[b] - counts[a])[0];
  const nodeName = results.node.name;

  return (
    <>
      {allFictional && <p class="notice">{t('fictionalNotice')}</p>}
      <section class="answer" aria-labelledby="answer-title">
        <h2 id="answer-title" class="sr-only">{t('keyFigures')}</h2>
        <p class="lead">
          {t('overviewLead', {
            n: int(st.count), mean: pointsOf(st.mean, max, p), median: num(st.median, p),
          })}
          {isRoot && fw.levels?.length ? ' ' + t('overviewLeadLevel', { level: bins[top].label, count: int(counts[top]), n: int(scored.length) }) : ''}
        </p>
        <dl class="figures">
          <div><dt>{t('unitsAssessed')}</dt><dd>{int(results.n)}</dd></div>
          <div><dt>{t('mean')}</dt><dd>{num(st.mean, p)} <small>{t('ofMax', { max: numShort(max, p) })}</small></dd></div>
          <div><dt>{t('median')}</dt><dd>{num(st.median, p)}</dd></div>
          <div><dt>{t('range')}</dt><dd>{num(st.min, p)}–{num(st.max, p)}</dd></div>
        </dl>
        <ul class="level-counts" aria-label={isRoot ? t('unitsPerLevel') : t('unitsPerClass')}>
          {[...bins].reverse().map((b) => {
            const c = counts[bins.indexOf(b)];
            return (
              <li key={b.lo}>
                <span class="swatch" style={{ background: b.color }} aria-hidden="true" />
                <span class="lc-name">{b.label}</span>
                <span class="lc-range">{b.level ? b.range : ""}</span>
                <span class="lc-count">{t('nUnits', { n: c, count: int(c) })}</span>
                <span class="lc-bar" aria-hidden="true"><span style={{ inlineSize: `${scored.length ? (100 * c) / scored.length : 0}%` }} /></span>
              </li>
            );
          })}
        </ul>
      </section>
      {isRoot && <TrendTile ctx={ctx} />}
      <MapSection ctx={ctx} results={results} bins={bins} isRoot={isRoot} counts={counts} />
      <Distribution ctx={ctx} results={results} bins={bins} />
      <GroupsVsWorld ctx={ctx} results={results} nodeName={nodeName} />
    </>
  );
}

/** Where the framework's editions are going: the mean, first edition against the latest, and a link to the over-time page. */
function TrendTile({ ctx }: { ctx: Ctx }) {
  const fw = ctx.framework;
  const editions = ctx.published.filter((c) => c.framework === fw.id).length;
  const tr = useAsync(() => (editions >= 2 ? api.trends(fw.id) : Promise.resolve(null)), [fw.id, editions]);
  if (editions < 2 || tr.state !== 'ok' || !tr.data) return null;
  const eds = tr.data.editions.filter((e) => e.mean != null);
  if (eds.length < 2) return null;
  const a = eds[0], z = eds[eds.length - 1], p = fw.precision;
  const key = Math.abs(z.mean! - a.mean!) < 0.5 * 10 ** -p ? 'ovTrendSame' : z.mean! > a.mean! ? 'ovTrendUp' : 'ovTrendDown';
  return (
    <section class="trend-tile" aria-labelledby="trend-tile-title">
      <h2 id="trend-tile-title" class="trend-tile-title">{t('navOverTime')}</h2>
      <p>{t(key, { a: num(a.mean, p), b: num(z.mean, p), from: a.year, to: z.year, n: int(eds.length) })}{' '}
        <Link href={href('/trends', { framework: fw.id })}>{t('ovTrendLink')}</Link></p>
    </section>
  );
}

type MapComponent = FunctionComponent<{ data: Map<string, MapDatum>; ariaLabel: string }>;

function MapSection({ ctx, results, bins, isRoot, counts }: { ctx: Ctx; results: Results; bins: Bin[]; isRoot: boolean; counts: number[] }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const max = results.node.max;
  const [mapMod, setMapMod] = useState<{ Map: MapComponent; ids: Set<string> } | null>(null);
  const [mapError, setMapError] = useState(false);
  const onMap: { r: Results['results'][number]; u: Unit }[] = [];
  const offMap: { r: Results['results'][number]; u?: Unit }[] = [];
  const needMap = results.results.some((r) => { const u = ctx.unitsById.get(r.unit); return u && u.m49 && !u.fictional; });
  for (const r of results.results) {
    const u = ctx.unitsById.get(r.unit);
    // on the map when it has a shape there (tiny islands have none at this scale)
    if (u && u.m49 && !u.fictional && (!mapMod || mapMod.ids.has(u.m49.padStart(3, '0')))) onMap.push({ r, u });
    else offMap.push({ r, u });
  }
  const Map_ = mapMod?.Map;
  useEffect(() => {
    if (!needMap || mapMod) return;
    import('../charts/WorldMap').then((m) => setMapMod({ Map: m.default as MapComponent, ids: m.mapIds }), () => setMapError(true));
  }, [needMap]);

  const unitHref = (id: string) => href('/units/' + encodeURIComponent(id), { campaign: ctx.campaign.id });
  const describe = (name: string, points: number | null, bin?: Bin) =>
    t('unitTileAria', { name, points: pointsOf(points, max, p), level: bin ? bin.label : t('noData') });

  const mapData = new Map<string, MapDatum>();
  for (const { r, u } of onMap) {
    const b = binOf(bins, r.points);
    mapData.set(u.m49.padStart(3, '0'), { fill: b?.color || '#d9d9d9', label: describe(unitName(u, r.name), r.points, b), href: unitHref(r.unit) });
  }
  // tiles: grouped by ITU region, best first
  const regionOf = (u?: Unit) => u?.groups.find((g) => g.startsWith('itu:'));
  const sectionsMap = new Map<string, TileSection>();
  for (const { r, u } of offMap) {
    const reg = regionOf(u) || 'other';
    if (!sectionsMap.has(reg)) sectionsMap.set(reg, { key: reg, title: ctx.groupsById.get(reg)?.name || t('otherUnits'), tiles: [] });
    const b = binOf(bins, r.points);
    const name = unitName(u, r.name);
    sectionsMap.get(reg)!.tiles.push({
      id: r.unit, name, points: r.points, bin: b, href: unitHref(r.unit),
      aria: describe(name, r.points, b), sub: b ? (b.level ? b.label : '') : t('noData'),
      srPoints: r.points == null ? '' : t('tileOfPoints', { max: numShort(max, p) }) + (b && !b.level ? ' ' + b.label : ''),
    });
  }
  const sections = [...sectionsMap.values()].sort((a, b) => collate(a.title, b.title));
  for (const s of sections) {
    s.title = t('regionCount', { region: s.title, n: s.tiles.length, count: int(s.tiles.length) });
    s.tiles.sort((a, b) => (b.points ?? -1) - (a.points ?? -1));
  }
  const best = results.results[0];
  const scored = results.results.filter((r) => r.points != null);
  const worst = scored[scored.length - 1];
  const top = [...counts.keys()].sort((a, b) => counts[b] - counts[a])[0];
  const title = isRoot && fw.levels?.length
    ? t('mapTitleLevels', { level: bins[top].label, count: int(counts[top]), n: int(scored.length) })
    : t('mapTitleRange', {
      best: unitName(ctx.unitsById.get(best.unit), best.name), bestPoints: num(best.points, p),
      worst: unitName(ctx.unitsById.get(worst?.unit), worst?.name), worstPoints: num(worst?.points, p),
    });
  const legendTitle = isRoot && fw.levels?.length ? t('legendLevels', { node: results.node.name, max: numShort(max, p) }) : t('legendClasses', { node: results.node.name, max: numShort(max, p) });

  const table = {
    columns: [
      { label: t('colUnit') }, { label: t('colCode') },
      { label: t('colPoints', { max: numShort(max, p) }), numeric: true, format: (v: unknown) => num(v as number, p) },
      { label: isRoot ? t('colLevel') : t('colClass') },
      ...(ctx.single ? [] : [{ label: t('colRank'), numeric: true }]),
    ],
    rows: results.results.map((r) => {
      const b = binOf(bins, r.points);
      return [unitName(ctx.unitsById.get(r.unit), r.name), r.unit, r.points, b ? b.label : t('noData'),
        ...(ctx.single ? [] : [r.rank == null ? null : (r.tied ? '=' : '') + r.rank])];
    }),
  };
  const picture = () => {
    const mapEl = document.querySelector('.map svg[data-chart]') as SVGSVGElement | null;
    const w = mapEl ? svgOf(mapEl).width : 760;
    return stackSvg([
      mapEl ? svgOf(mapEl) : null,
      sections.length ? tilesSvg(sections, p, Math.min(w, 760)) : null,
      legendSvg(bins, legendTitle, Math.min(w, 760)),
    ]);
  };

  return (
    <ChartFrame title={title} file={`map-${results.node.id}-${ctx.campaign.id}`}
      subtitle={t('mapSubtitle', { node: results.node.name, max: numShort(max, p), n: int(results.results.length) })}
      source={ctx.source} table={table} picture={picture}>
      <Legend bins={bins} title={legendTitle} noData={t('noData')} />
      {needMap && (mapError ? <p class="muted">{t('mapFailed')}</p> : Map_
        ? <Map_ data={mapData} ariaLabel={t('mapAria', { node: results.node.name, n: int(onMap.length) })} />
        : <div class="map-placeholder"><Loading label={t('loadingMap')} /></div>)}
      {sections.length > 0 && (!needMap || mapMod || mapError) && (
        <div class="offmap">
          <h3 class="offmap-title">{t('notOnMap')}</h3>
          <p class="muted offmap-note">{needMap ? t('notOnMapNote') : t('notOnMapNoteAll')}</p>
          <Tiles sections={sections} precision={p} headingLevel={4} />
        </div>
      )}
    </ChartFrame>
  );
}

function Distribution({ ctx, results, bins }: { ctx: Ctx; results: Results; bins: Bin[] }) {
  const p = ctx.framework.precision;
  const max = results.node.max;
  const st = results.stats;
  const pts = results.results.filter((r) => r.points != null).map((r) => ({
    key: r.unit, label: unitName(ctx.unitsById.get(r.unit), r.name), value: r.points as number,
  }));
  const table = {
    columns: [
      { label: t('colUnit') },
      { label: t('colPoints', { max: numShort(max, p) }), numeric: true, format: (v: unknown) => num(v as number, p) },
    ],
    rows: pts.map((x) => [x.label, x.value]),
  };
  return (
    <ChartFrame file={`distribution-${results.node.id}-${ctx.campaign.id}`}
      title={t('distTitle', { median: num(st.median, p), mean: num(st.mean, p) })}
      subtitle={t('distSubtitle', { n: int(pts.length), node: results.node.name, max: numShort(max, p) })}
      source={ctx.source} table={table}>
      <Strip points={pts} max={max} precision={p} bins={bins} mean={st.mean} median={st.median}
        labels={{ mean: t('meanLabel', { v: num(st.mean, p) }), median: t('medianLabel', { v: num(st.median, p) }) }}
        ariaLabel={t('distAria', { n: int(pts.length), min: num(st.min, p), max: num(st.max, p), median: num(st.median, p) })} />
    </ChartFrame>
  );
}

const BYS = ['itu_region', 'ldc', 'sids'] as const;

function GroupsVsWorld({ ctx, results, nodeName }: { ctx: Ctx; results: Results; nodeName: string }) {
  const p = ctx.framework.precision;
  const max = results.node.max;
  const nodeId = results.node.id;
  const sums = useAsync(() => Promise.all(BYS.map((b) => api.summary(ctx.campaign.id, b))), [ctx.campaign.id]);
  if (sums.state === 'loading') return <section class="chart"><Loading /></section>;
  if (sums.state === 'error') return <section class="chart"><ErrorState error={sums.error} retry={sums.retry} /></section>;
  const [byRegion, byLdc, bySids] = sums.data as Summary[];
  const pick = (g: Summary['groups'][number]) => g.nodes.find((n) => n.node === nodeId);
  const world = byRegion.groups.find((g) => g.id === 'world');
  const worldNode = world && pick(world);
  const sectionName = { itu_region: t('sectionRegions'), ldc: t('sectionLdc'), sids: t('sectionSids') };
  const rows: (BarRow & { n: number; median: number | null; min: number | null; max: number | null; section: string })[] = [];
  const SHORT: Record<string, 'groupLdc' | 'groupNotLdc' | 'groupSids' | 'groupNotSids'> = {
    ldc: 'groupLdc', 'not:ldc': 'groupNotLdc', sids: 'groupSids', 'not:sids': 'groupNotSids',
  };
  const groupName = (g: { id: string; name: string }) => {
    if (g.id === 'world') return t('allUnits');
    if (SHORT[g.id]) return t(SHORT[g.id]);
    if (g.id.startsWith('not:')) return t('notGroup', { name: ctx.groupsById.get(g.id.slice(4))?.name || g.name });
    return ctx.groupsById.get(g.id)?.name || g.name;
  };
  if (worldNode) rows.push({ key: 'world', label: t('allUnits'), section: t('sectionWorld'), note: `(n=${worldNode.count})`, values: [worldNode.mean], n: worldNode.count, median: worldNode.median, min: worldNode.min, max: worldNode.max });
  BYS.forEach((by, i) => {
    const s = [byRegion, byLdc, bySids][i];
    for (const g of s.groups) {
      if (g.id === 'world') continue;
      const nn = pick(g);
      if (!nn || !nn.count) continue;
      rows.push({ key: by + g.id, label: groupName(g), section: sectionName[by], note: `(n=${nn.count})`, values: [nn.mean], n: nn.count, median: nn.median, min: nn.min, max: nn.max });
    }
  });
  const frame = (children: preact.ComponentChildren) => children;
  if (rows.length <= 1) {
    return frame(
      <section class="chart">
        <h2 class="chart-title">{t('groupsTitleNone')}</h2>
        <Empty title={t('groupsEmpty')}><p>{t('groupsEmptyText', { node: nodeName })}</p></Empty>
      </section>,
    );
  }
  const ldc = rows.find((r) => r.key === 'ldcldc');
  const notLdc = rows.find((r) => r.key === 'ldcnot:ldc');
  const regions = rows.filter((r) => r.section === sectionName.itu_region);
  const bestReg = [...regions].sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0))[0];
  const worstReg = [...regions].sort((a, b) => (a.values[0] ?? 0) - (b.values[0] ?? 0))[0];
  const title = ldc && notLdc
    ? t('groupsTitleLdc', { ldc: num(ldc.values[0], p), other: num(notLdc.values[0], p) })
    : bestReg && worstReg ? t('groupsTitleRegions', { best: bestReg.label, worst: worstReg.label }) : t('groupsTitleNone');
  const table = {
    columns: [
      { label: t('colGroup') }, { label: t('colKind') }, { label: t('colN'), numeric: true },
      { label: t('colMean'), numeric: true, format: (v: unknown) => num(v as number, p) },
      { label: t('colMedian'), numeric: true, format: (v: unknown) => num(v as number, p) },
      { label: t('colMin'), numeric: true, format: (v: unknown) => num(v as number, p) },
      { label: t('colMax'), numeric: true, format: (v: unknown) => num(v as number, p) },
    ],
    rows: rows.map((r) => [r.label, r.section, r.n, r.values[0], r.median, r.min, r.max]),
  };
  return (
    <>
    <ChartFrame file={`groups-${nodeId}-${ctx.campaign.id}`} title={title}
      subtitle={t('groupsSubtitle', { node: nodeName, max: numShort(max, p) })}
      source={ctx.source} table={table}>
      <HBars rows={rows} series={[{ label: t('meanPoints'), color: '#2c6e8f' }]} max={max} precision={p}
        reference={worldNode?.mean != null ? { value: worldNode.mean, label: t('worldMeanLabel', { v: num(worldNode.mean, p) }) } : undefined}
        axisLabel={t('axisPoints', { max: numShort(max, p) })}
        ariaLabel={t('groupsAria', { node: nodeName })} />
    </ChartFrame>
    {nodeId === ctx.framework.id && <PillarGaps ctx={ctx} byLdc={byLdc} bySids={bySids} />}
    </>
  );
}

/** Where the gaps are: the mean of each pillar, for all units, LDCs and SIDS. */
function PillarGaps({ ctx, byLdc, bySids }: { ctx: Ctx; byLdc: Summary; bySids: Summary }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const pillars = fw.children;
  const mean = (s: Summary, gid: string, node: string) => s.groups.find((g) => g.id === gid)?.nodes.find((n) => n.node === node);
  const cols = [
    { s: byLdc, id: 'world', label: t('allUnits'), short: t('worldShort'), color: '#6b6b6b' },
    { s: byLdc, id: 'ldc', label: t('groupLdc'), short: t('groupLdc'), color: '#0b5fa5' },
    { s: bySids, id: 'sids', label: t('groupSids'), short: t('groupSids'), color: '#c44e00' },
  ].filter((c) => c.s.groups.some((g) => g.id === c.id && g.nodes.some((n) => n.node === pillars[0]?.id && n.count > 0)));
  if (!pillars.length || !cols.length || !mean(cols[0].s, cols[0].id, pillars[0].id)) return null;
  const share = (node: string) => {
    const m = mean(cols[0].s, cols[0].id, node);
    const max = pillars.find((x) => x.id === node)!.max;
    return m?.mean == null || !max ? 1 : m.mean / max;
  };
  const weakest = [...pillars].sort((a, b) => share(a.id) - share(b.id))[0];
  const wm = mean(cols[0].s, cols[0].id, weakest.id);
  const pmax = Math.max(...pillars.map((x) => x.max));
  const rows = pillars.map((pil) => ({ key: pil.id, label: pil.name || pil.id, values: cols.map((c) => mean(c.s, c.id, pil.id)?.mean ?? null) }));
  const table = {
    columns: [
      { label: t('colPillar') },
      { label: t('colMaxPoints'), numeric: true, format: (v: unknown) => numShort(v as number, p) },
      ...cols.map((c) => ({ label: `${c.label} (${t('colMean').toLowerCase()})`, numeric: true, format: (v: unknown) => num(v as number, p) })),
    ],
    rows: pillars.map((pil) => [pil.name || pil.id, pil.max, ...cols.map((c) => mean(c.s, c.id, pil.id)?.mean ?? null)]),
  };
  return (
    <ChartFrame file={`pillars-groups-${ctx.campaign.id}`}
      title={t('pillarGapsTitle', { pillar: weakest.name || weakest.id, mean: num(wm?.mean, p), max: numShort(weakest.max, p) })}
      subtitle={t('pillarGapsSubtitle', { max: numShort(pmax, p) })} source={ctx.source} table={table}>
      <HBars rows={rows} series={cols} max={pmax} precision={p} axisLabel={t('axisPoints', { max: numShort(pmax, p) })}
        ariaLabel={t('pillarGapsAria')} />
    </ChartFrame>
  );
}
