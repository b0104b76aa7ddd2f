// Country profile: how one unit does, against its region and the world;
// its largest gaps and how many peers already close them; its answers; its
// trend across editions. Prints on one or two A4 pages (answers are left
// out of the print; the page says where to find them).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useAsync, useTitle } from '../hooks';
import { href, navigate, type Route } from '../router';
import { t } from '../i18n';
import { CampaignGate, CampaignSelect, type Ctx } from '../components/CampaignGate';
import { ChartFrame } from '../components/ChartFrame';
import { Controls, ErrorState, LevelBadge, Link, Loading } from '../components/ui';
import { findNode, isMaturity } from '../fw';
import { PlanPanel } from '../components/PlanPanel';
import { int, num, numShort, pointsOf, rank, unitName, collate } from '../format';
import { HBars } from '../charts/HBars';
import { Line } from '../charts/Line';
import { REGION_COLOR, SERIES, UNIT_COLOR, WORLD_COLOR } from '../colors';
import { saveCsv } from '../download';
import { answerLabel } from '../questionnaire';
import type { Framework, FwNode, History, UnitNode, UnitResult } from '../types';

export function Profile({ route }: { route: Route }) {
  return <CampaignGate route={route} title={route.id || ''}>{(ctx) => <ProfileBody ctx={ctx} unitId={route.id!} />}</CampaignGate>;
}

export function UnitSelect({ ctx, value, onChange, id = 'unit', label }: { ctx: Ctx; value: string; onChange: (v: string) => void; id?: string; label?: string }) {
  const sorted = ctx.assessed.map((r) => ctx.unitsById.get(r.unit) || { id: r.unit, name: r.name, m49: '', groups: [], fictional: true })
    .sort((a, b) => collate(unitName(a), unitName(b)));
  const known = sorted.some((u) => u.id === value);
  const [choice, setChoice] = useState(value);
  useEffect(() => setChoice(value), [value]);
  // Choosing a unit opens another page, so it waits for the button (WCAG 3.2.2).
  return (
    <div class="field field-with-button">
      <label for={id}>{label || t('unitPicker')}</label>
      <div class="inline-form">
        <select id={id} value={choice} onChange={(e) => setChoice((e.currentTarget as HTMLSelectElement).value)}>
          {!known && <option value={value}>{value}</option>}
          {sorted.map((u) => <option key={u.id} value={u.id}>{unitName(u)}{u.fictional ? '' : ` (${u.id})`}</option>)}
        </select>
        <button type="button" class="button button-secondary" onClick={() => onChange(choice)}>{t('showProfile')}</button>
      </div>
    </div>
  );
}

function ProfileBody({ ctx, unitId }: { ctx: Ctx; unitId: string }) {
  const res = useAsync(() => api.unitResult(ctx.campaign.id, unitId), [ctx.campaign.id, unitId]);
  const unit = ctx.unitsById.get(unitId);
  const name = unitName(unit, res.data?.unit.name || unitId);
  useTitle(name);
  const go = (u: string) => navigate(href('/units/' + encodeURIComponent(u), { campaign: ctx.campaign.id }));
  return (
    <div class="page profile">
      <p class="eyebrow">{t('profileEyebrow')} · {ctx.campaign.title}</p>
      <h1>{name}</h1>
      {unit && (
        <ul class="chips" aria-label={t('groupsOfUnit')}>
          {unit.groups.filter((g) => !g.startsWith('m49:')).map((g) => <li key={g}>{ctx.groupsById.get(g)?.name || g}</li>)}
          {unit.fictional && <li class="chip-warn">{t('fictionalUnit')}</li>}
        </ul>
      )}
      <Controls label={t('chooseWhatToShow')}>
        <UnitSelect ctx={ctx} value={unitId} onChange={go} />
        <CampaignSelect ctx={ctx} />
      </Controls>
      {res.state === 'loading' ? <Loading />
        : res.state === 'error' ? (
          <ErrorState error={res.error} retry={res.error.status === 404 ? undefined : res.retry}>
            {res.error.status === 404 && <p><Link href={href('/rankings', { campaign: ctx.campaign.id })}>{t('chooseFromRankings')}</Link></p>}
          </ErrorState>
        ) : <ProfileContent ctx={ctx} r={res.data} />}
    </div>
  );
}

function ProfileContent({ ctx, r }: { ctx: Ctx; r: UnitResult }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const root = r.nodes.find((n) => n.depth === 0) || r.nodes[0];
  const pillars = r.nodes.filter((n) => n.depth === 1);
  const region = r.comparators.find((c) => c.id.startsWith('itu:')) || r.comparators.find((c) => c.id !== 'world');
  // other comparators worth a sentence: UN groups such as LDC, SIDS (not the M49 region, which often repeats the ITU one)
  const others = r.comparators.filter((c) => c.id !== 'world' && c !== region && !c.id.startsWith('m49:'));
  const world = r.comparators.find((c) => c.id === 'world');
  const regionName = region ? ctx.groupsById.get(region.id)?.name || region.name : '';
  const cmp = (v: number | null, m: number | null | undefined) =>
    v == null || m == null ? '' : v > m ? 'above' : v < m ? 'below' : 'equal';
  const sentence = (label: string, m: number | null | undefined) => {
    const c = cmp(root.points, m);
    if (!c) return '';
    return t(c === 'above' ? 'aboveMean' : c === 'below' ? 'belowMean' : 'atMean', { group: label, mean: num(m, p) });
  };
  const unitLabel = unitName(ctx.unitsById.get(r.unit.id), r.unit.name);
  // the next level up and how far it is
  const levels = [...(fw.levels || [])].sort((a, b) => a.min - b.min);
  const next = root.points == null ? undefined : levels.find((l) => l.min > (root.points as number));
  const toNext = next && root.points != null ? next.min - root.points : null;
  return (
    <>
      <section class="answer profile-answer" aria-labelledby="pa-title">
        <h2 id="pa-title" class="sr-only">{t('keyFigures')}</h2>
        <dl class="figures figures-big">
          <div><dt>{t('points')}</dt><dd data-testid="profile-points">{num(root.points, p)} <small>{t('ofMaxPoints', { max: numShort(root.max, p) })}</small></dd></div>
          {!ctx.single && <div><dt>{t('colRank')}</dt><dd data-testid="profile-rank">{rank(root.rank, root.tied)} <small>{t('ofN', { n: int(root.ranked || r.n) })}</small></dd></div>}
          <div><dt>{t('colLevel')}</dt><dd data-testid="profile-level">{r.level ? <LevelBadge fw={fw} level={r.level.id} long /> : t('noValue')}</dd></div>
        </dl>
        <p class="lead">
          {[sentence(t('allUnits').toLowerCase(), root.means.world), region ? sentence(regionName, root.means[region.id]) : '',
            ...others.map((c) => sentence(ctx.groupsById.get(c.id)?.name || c.name, root.means[c.id]))].filter(Boolean).join(' ')}
        </p>
        {next && toNext != null && (
          <p class="next-level">{t('nextLevel', { points: num(toNext, p), level: next.name, min: numShort(next.min, p) })}</p>
        )}
        <PlanPanel unit={r.unit.id} />
        {isMaturity(fw) && (
          <p class="no-print"><Link href={href(`/campaigns/${encodeURIComponent(ctx.campaign.id)}/maturity/${encodeURIComponent(r.unit.id)}`)}>{t('mtFromProfile')}</Link></p>
        )}
      </section>
      <PillarChart ctx={ctx} r={r} pillars={pillars} unitLabel={unitLabel} regionId={region?.id} regionName={regionName} worldName={world ? t('allUnits') : ''} />
      <Gaps ctx={ctx} r={r} regionName={regionName} />
      <Trend ctx={ctx} unitId={r.unit.id} unitLabel={unitLabel} />
      <Answers fw={fw} r={r} />
    </>
  );
}

function PillarChart({ ctx, r, pillars, unitLabel, regionId, regionName }: {
  ctx: Ctx; r: UnitResult; pillars: UnitNode[]; unitLabel: string; regionId?: string; regionName: string; worldName: string;
}) {
  const p = ctx.framework.precision;
  const max = Math.max(...pillars.map((n) => n.max));
  const share = (n: UnitNode) => (n.points == null || !n.max ? -1 : n.points / n.max);
  const best = [...pillars].sort((a, b) => share(b) - share(a))[0];
  const worst = [...pillars].sort((a, b) => share(a) - share(b))[0];
  const above = pillars.filter((n) => n.points != null && n.means.world != null && n.points > (n.means.world as number)).length;
  const series = [
    { label: unitLabel, short: r.unit.id, color: UNIT_COLOR },
    ...(regionId ? [{ label: t('regionMean', { region: regionName }), short: regionName, color: REGION_COLOR }] : []),
    { label: t('worldMean'), short: t('worldShort'), color: WORLD_COLOR },
  ];
  const rows = pillars.map((n) => ({
    key: n.id, label: n.label,
    values: [n.points, ...(regionId ? [n.means[regionId] ?? null] : []), n.means.world ?? null],
  }));
  const allSameMax = pillars.every((n) => n.max === max);
  const table = {
    columns: [
      { label: t('colPillar') },
      { label: t('colMaxPoints'), numeric: true, format: (v: unknown) => numShort(v as number, p) },
      { label: unitLabel, numeric: true, format: (v: unknown) => num(v as number, p) },
      ...(regionId ? [{ label: t('regionMean', { region: regionName }), numeric: true, format: (v: unknown) => num(v as number, p) }] : []),
      { label: t('worldMean'), numeric: true, format: (v: unknown) => num(v as number, p) },
      ...(ctx.single ? [] : [{ label: t('colRank'), numeric: true }]),
    ],
    rows: pillars.map((n) => [n.label, n.max, n.points, ...(regionId ? [n.means[regionId] ?? null] : []), n.means.world ?? null,
      ...(ctx.single ? [] : [n.rank == null ? null : (n.tied ? '=' : '') + n.rank])]),
  };
  if (!pillars.length) return null;
  return (
    <ChartFrame file={`pillars-${r.unit.id}-${ctx.campaign.id}`}
      title={above === pillars.length ? t('pillarTitleAll', { best: best.label, worst: worst.label })
        : above === 0 ? t('pillarTitleNone', { best: best.label, worst: worst.label })
          : t('pillarTitle', { above: int(above), n: int(pillars.length), best: best.label, worst: worst.label })}
      subtitle={allSameMax ? t('pillarSubtitle', { max: numShort(max, p) }) : t('pillarSubtitleMixed')}
      source={ctx.source} table={table}>
      <HBars rows={rows} series={series} max={max} precision={p} axisLabel={t('axisPoints', { max: numShort(max, p) })}
        ariaLabel={t('pillarAria', { unit: unitLabel })} />
    </ChartFrame>
  );
}

function Gaps({ ctx, r, regionName }: { ctx: Ctx; r: UnitResult; regionName: string }) {
  const p = ctx.framework.precision;
  const [level, setLevel] = useState<'areas' | 'questions'>('areas');
  const [all, setAll] = useState(false);
  const byId = new Map(r.nodes.map((n) => [n.id, n]));
  const pillarOf = (id: string): UnitNode | undefined => {
    let n = byId.get(id);
    while (n && n.depth > 1) n = n.parent ? byId.get(n.parent) : undefined;
    return n;
  };
  const gaps = r.gaps.filter((g) => {
    const n = byId.get(g.node);
    if (!n) return false;
    return level === 'areas' ? n.kind === 'group' && n.depth >= 2 : n.kind !== 'group';
  });
  const shown = all ? gaps : gaps.slice(0, 8);
  const first = gaps[0];
  const title = first
    ? t('gapsTitle', { area: byId.get(first.node)?.label || first.node, missing: num(first.missing, p) })
    : t('gapsNoneTitle');
  const header = [t('colArea'), t('colPillar'), t('colPoints', { max: '' }).replace(/\s*\(\)\s*/, ''), t('colMaxPoints'), t('colMissing'), t('colRegionFull'), t('colRegionPeers'), t('colAllFull'), t('colAllPeers')];
  const csv = gaps.map((g) => [byId.get(g.node)?.label || g.node, pillarOf(g.node)?.label || '', g.points, g.max, g.missing, g.region_full, g.region_peers, g.all_full, g.all_peers]);
  return (
    <section class="chart gaps" aria-labelledby="gaps-title">
      <h2 id="gaps-title" class="chart-title">{title}</h2>
      <p class="chart-subtitle">{t('gapsSubtitle', { region: regionName || t('region') })}</p>
      <div class="chart-toolbar no-print">
        <div class="segmented" role="group" aria-label={t('gapsLevel')}>
          <button type="button" aria-pressed={level === 'areas'} onClick={() => setLevel('areas')}>{t('gapsAreas')}</button>
          <button type="button" aria-pressed={level === 'questions'} onClick={() => setLevel('questions')}>{t('gapsQuestions')}</button>
        </div>
      </div>
      {!gaps.length ? <p>{t('gapsNone')}</p> : (
        <ol class="gap-list" aria-label={t('tableOf', { title })}>
          {shown.map((g) => {
            const n = byId.get(g.node);
            const pil = pillarOf(g.node);
            return (
              <li key={g.node} class="gap-item">
                <div class="gap-what">
                  <span class="gap-label">{n?.label || g.node}</span>
                  {pil && pil !== n && <span class="muted gap-pillar">{pil.label}</span>}
                </div>
                <div class="gap-size">
                  <span class="gap-missing">{t('missingPoints', { missing: num(g.missing, p), max: num(g.max, p) })}</span>
                  <span class="gap-bar" aria-hidden="true">
                    <span class="gap-have" style={{ inlineSize: `${(100 * g.points) / (g.max || 1)}%` }} />
                  </span>
                </div>
                <div class="gap-peers">
                  <span class="peers">{t('peersRegionLong', { full: int(g.region_full), peers: int(g.region_peers), region: regionName || t('region') })}</span>
                  <span class="peers">{t('peersAllLong', { full: int(g.all_full), peers: int(g.all_peers) })}</span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <p class="chart-source">{ctx.source}</p>
      <div class="downloads no-print">
        {gaps.length > 8 && (
          <button type="button" class="button-link" aria-expanded={all} onClick={() => setAll(!all)}>
            {all ? t('showFewer') : t('showAllN', { n: int(gaps.length) })}
          </button>
        )}
        <button type="button" class="button-link" onClick={() => saveCsv(`gaps-${r.unit.id}-${ctx.campaign.id}.csv`, header, csv)}>{t('downloadCsv')}</button>
      </div>
    </section>
  );
}

function Trend({ ctx, unitId, unitLabel }: { ctx: Ctx; unitId: string; unitLabel: string }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const [view, setView] = useState<'total' | 'pillars'>('total');
  const h = useAsync(() => api.history(unitId, fw.id), [unitId, fw.id]);
  if (h.state === 'loading') return <section class="chart"><Loading /></section>;
  if (h.state === 'error') return <section class="chart"><h2 class="chart-title">{t('trendTitleNone')}</h2><ErrorState error={h.error} retry={h.retry} /></section>;
  const hist = (h.data as History).history;
  if (!hist.length) return <section class="chart"><h2 class="chart-title">{t('trendTitleNone')}</h2><p>{t('trendNone')}</p></section>;
  const years = hist.map((e) => e.year);
  // Ranks only where some edition ranked more than one unit.
  const ranked = hist.some((e) => e.n > 1);
  const firstE = hist[0], lastE = hist[hist.length - 1];
  const diff = lastE.points != null && firstE.points != null ? lastE.points - firstE.points : null;
  const title = hist.length < 2 ? t('trendTitleOne', { year: lastE.year })
    : diff == null ? t('trendTitleNone')
      : Math.abs(diff) < 10 ** -p ? t('trendTitleFlat', { from: firstE.year })
        : t(diff > 0 ? 'trendTitleUp' : 'trendTitleDown', { diff: num(Math.abs(diff), p), from: firstE.year, to: lastE.year });
  const pillarIds = fw.children.map((c) => c.id);
  const pillarName = (id: string) => findNode(fw, id)?.name || id;
  const pmax = Math.max(...fw.children.map((c) => c.max));
  const series = view === 'total'
    ? [{ label: unitLabel, color: UNIT_COLOR, values: hist.map((e) => e.points), notes: hist.map((e) => e.rank == null || e.n <= 1 ? '' : t('rankOfShort', { rank: String(e.rank), n: int(e.n) })) }]
    : pillarIds.map((id, i) => ({ label: pillarName(id), color: SERIES[i % SERIES.length], dash: i >= SERIES.length ? '5 3' : undefined, values: hist.map((e) => e.pillars?.[id] ?? null) }));
  const table = {
    columns: [
      { label: t('colYear') }, { label: t('colCampaign') },
      { label: t('colPoints', { max: numShort(fw.max, p) }), numeric: true, format: (v: unknown) => num(v as number, p) },
      ...(ranked ? [{ label: t('colRank'), numeric: true }, { label: t('colN'), numeric: true }] : []), { label: t('colLevel') },
      ...pillarIds.map((id) => ({ label: pillarName(id), numeric: true, format: (v: unknown) => num(v as number, p) })),
    ],
    rows: hist.map((e) => [String(e.year), e.title, e.points, ...(ranked ? [e.rank, e.n] : []), fw.levels?.find((l) => l.id === e.level)?.name || e.level, ...pillarIds.map((id) => e.pillars?.[id] ?? null)]),
  };
  return (
    <ChartFrame file={`trend-${unitId}`} title={title}
      subtitle={view === 'total' ? t('trendSubtitle', { max: numShort(fw.max, p), n: int(hist.length) }) : t('trendSubtitlePillars', { max: numShort(pmax, p) })}
      source={t('sourceHistory', { framework: fw.title })} table={table}
      controls={
        <div class="segmented" role="group" aria-label={t('trendMeasure')}>
          <button type="button" aria-pressed={view === 'total'} onClick={() => setView('total')}>{t('trendTotal')}</button>
          <button type="button" aria-pressed={view === 'pillars'} onClick={() => setView('pillars')}>{t('trendPillars')}</button>
        </div>
      }>
      <Line years={years} series={series} max={view === 'total' ? fw.max : pmax} precision={p}
        ariaLabel={t('trendAria', { unit: unitLabel, n: int(hist.length) })} />
    </ChartFrame>
  );
}

export function answerText(q: FwNode | undefined, a: string | null): string {
  if (a == null || a === '') return t('notAnswered');
  return q ? answerLabel(q, a) : a;
}

export const evidenceText = (e: string | null | undefined) =>
  e === 'required' ? t('evidenceRequired') : e === 'none' ? t('evidenceNone') : t('evidenceOptional');

function Answers({ fw, r }: { fw: Framework; r: UnitResult }) {
  const p = fw.precision;
  const byParent = new Map<string, UnitNode[]>();
  for (const n of r.nodes) if (n.parent) {
    if (!byParent.has(n.parent)) byParent.set(n.parent, []);
    byParent.get(n.parent)!.push(n);
  }
  const leaves = (id: string): UnitNode[] => (byParent.get(id) || []).flatMap((c) => (c.kind === 'group' ? leaves(c.id) : [c]));
  const pillars = r.nodes.filter((n) => n.depth === 1);
  const groupOf = (n: UnitNode) => r.nodes.find((x) => x.id === n.parent);
  return (
    <section class="answers" aria-labelledby="answers-title">
      <h2 id="answers-title">{t('answersTitle')}</h2>
      <p class="chart-subtitle">{t('answersSubtitle')}</p>
      <p class="print-only">{t('answersPrintNote', { url: location.href })}</p>
      {pillars.map((pil) => {
        const qs = leaves(pil.id);
        const answered = qs.filter((q) => q.answer != null && q.answer !== '').length;
        return (
          <details key={pil.id} class="pillar-details">
            <summary>
              <span class="summary-name">{pil.label}</span>
              <span class="summary-meta">{t('pillarSummaryMeta', { points: pointsOf(pil.points, pil.max, p), answered: int(answered), n: int(qs.length) })}</span>
            </summary>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={pil.label}>
              <table class="data answers-table">
                <caption class="sr-only">{t('answersCaption', { pillar: pil.label })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colQuestion')}</th>
                    <th scope="col">{t('colAnswer')}</th>
                    <th scope="col" class="num">{t('colPointsMax')}</th>
                    <th scope="col">{t('colEvidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {qs.map((q) => {
                    const def = findNode(fw, q.id);
                    return (
                      <tr key={q.id}>
                        <th scope="row">
                          <span class="q-text">{q.label}</span>
                          <span class="muted q-group">{groupOf(q)?.label}</span>
                        </th>
                        <td class={q.answer ? undefined : 'muted'}>{answerText(def, q.answer)}</td>
                        <td class="num">{q.points == null ? t('excluded') : `${num(q.points, p)} / ${num(q.max, p)}`}</td>
                        <td>{q.kind === 'question' ? evidenceText(q.evidence) : t('noValue')}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </details>
        );
      })}
    </section>
  );
}
