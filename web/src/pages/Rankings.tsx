// Rankings: every unit on one node (the root or a pillar), with the points
// of that node's parts, sortable, filterable by group, and the campaign's
// full results as CSV and Excel.
import { api, exportUrl, isStatic } from '../api';
import { useAsync, useTitle } from '../hooks';
import { href, setParams, type Route } from '../router';
import { t } from '../i18n';
import { CampaignGate, CampaignSelect, NoRanking, NodeSelect, type Ctx } from '../components/CampaignGate';
import { Controls, Empty, ErrorState, LevelBadge, Link, Loading } from '../components/ui';
import { findNode, nodeLabel } from '../fw';
import { int, num, numShort, rank, unitName, collate } from '../format';
import { saveCsv } from '../download';
import type { Results } from '../types';

export function Rankings({ route }: { route: Route }) {
  return <CampaignGate route={route} title={t('navRankings')}>{(ctx) => <RankingsBody ctx={ctx} route={route} />}</CampaignGate>;
}

export function GroupSelect({ ctx, value, id = 'group' }: { ctx: Ctx; value: string; id?: string }) {
  const kinds: [string, 'kindItu' | 'kindM49' | 'kindUn'][] = [['itu_region', 'kindItu'], ['m49_region', 'kindM49'], ['un', 'kindUn']];
  return (
    <div class="field">
      <label for={id}>{t('groupFilter')}</label>
      <select id={id} value={value} onChange={(e) => setParams({ group: (e.currentTarget as HTMLSelectElement).value || null })}>
        <option value="">{t('allUnits')}</option>
        {kinds.map(([k, label]) => {
          const gs = ctx.groups.filter((g) => g.kind === k && g.members > 0);
          return gs.length ? (
            <optgroup key={k} label={t(label)}>
              {gs.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
            </optgroup>
          ) : null;
        })}
        {ctx.groups.filter((g) => !['itu_region', 'm49_region', 'un'].includes(g.kind)).map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
      </select>
    </div>
  );
}

interface Row { unit: string; name: string; points: number | null; rank: number | null; tied: boolean; level: string | null; parts: (number | null)[] }

function RankingsBody({ ctx, route }: { ctx: Ctx; route: Route }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const nodeId = route.params.get('node') || fw.id;
  const group = route.params.get('group') || '';
  const sort = route.params.get('sort') || 'rank';
  const dir = route.params.get('dir') === 'desc' ? 'desc' : route.params.get('dir') === 'asc' ? 'asc' : (sort === 'rank' || sort === 'name' ? 'asc' : 'desc');
  const node = findNode(fw, nodeId);
  const parts = (node?.children || []).filter((c) => c.max > 0 || c.children);
  useTitle(t('rankingsDocTitle', { campaign: ctx.campaign.title }));
  const data = useAsync(async () => {
    const [main, ...rest] = await Promise.all([
      api.results(ctx.campaign.id, nodeId, group || null),
      ...parts.map((c) => api.results(ctx.campaign.id, c.id, group || null)),
    ]);
    return { main, rest };
  }, [ctx.campaign.id, nodeId, group]);

  const groupName = group ? ctx.groupsById.get(group)?.name || group : '';
  return (
    <div class="page page-wide">
      <p class="eyebrow">{t('navRankings')} · {ctx.campaign.title}</p>
      <h1>{t('rankingsH1', { node: nodeLabel(node) || nodeId })}</h1>
      <Controls label={t('chooseWhatToShow')}>
        <CampaignSelect ctx={ctx} />
        <NodeSelect ctx={ctx} value={nodeId} />
        <GroupSelect ctx={ctx} value={group} />
      </Controls>
      <div class="exports">
        <span>{t('downloadAll')}</span>
        <a class="button-link" href={exportUrl(ctx.campaign.id, 'csv')} download>{t('downloadResultsCsv')}</a>
        <a class="button-link" href={exportUrl(ctx.campaign.id, 'xlsx')} download>{t('downloadResultsXlsx')}</a>
      </div>
      {!ctx.single && !isStatic() && <p class="robust-link"><Link href={href('/robustness', { campaign: ctx.campaign.id })}>{t('rankingsRobust')}</Link></p>}
      {ctx.single ? <NoRanking ctx={ctx} /> : !node ? <Empty title={t('nodeUnknown', { id: nodeId })}><p><Link href={href('/rankings', { campaign: ctx.campaign.id })}>{t('showRoot')}</Link></p></Empty>
        : data.state === 'loading' ? <Loading />
          : data.state === 'error' ? <ErrorState error={data.error} retry={data.retry} />
            : <RankTable ctx={ctx} main={data.data.main} rest={data.data.rest} parts={parts.map((c) => ({ id: c.id, name: nodeLabel(c), max: c.max }))}
              sort={sort} dir={dir} groupName={groupName} isRoot={nodeId === fw.id} p={p} />}
    </div>
  );
}

function RankTable({ ctx, main, rest, parts, sort, dir, groupName, isRoot, p }: {
  ctx: Ctx; main: Results; rest: Results[]; parts: { id: string; name: string; max: number }[];
  sort: string; dir: 'asc' | 'desc'; groupName: string; isRoot: boolean; p: number;
}) {
  const partPoints = rest.map((r) => new Map(r.results.map((x) => [x.unit, x.points])));
  const rows: Row[] = main.results.map((r) => ({
    unit: r.unit, name: unitName(ctx.unitsById.get(r.unit), r.name), points: r.points, rank: r.rank, tied: r.tied, level: r.level,
    parts: partPoints.map((m) => m.get(r.unit) ?? null),
  }));
  const key = (r: Row): number | string | null => {
    if (sort === 'name') return r.name;
    if (sort === 'points') return r.points;
    if (sort === 'rank') return r.rank;
    const i = parts.findIndex((c) => c.id === sort);
    return i >= 0 ? r.parts[i] : r.rank;
  };
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a), kb = key(b);
    if (ka == null && kb == null) return 0;
    if (ka == null) return 1;   // missing values last, either way
    if (kb == null) return -1;
    const c = typeof ka === 'string' ? collate(ka, kb as string) : (ka as number) - (kb as number);
    return (dir === 'asc' ? c : -c) || (a.rank ?? 1e9) - (b.rank ?? 1e9);
  });
  if (!rows.length) return <Empty title={t('noUnitsInGroup')}><p>{t('noUnitsInGroupText')}</p></Empty>;

  const th = (id: string, label: string, numeric = false, defaultDir: 'asc' | 'desc' = 'desc') => {
    const active = sort === id;
    const next = active ? (dir === 'asc' ? 'desc' : 'asc') : defaultDir;
    return (
      <th scope="col" class={numeric ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <button type="button" class="sort" onClick={() => setParams({ sort: id === 'rank' ? null : id, dir: next === (id === 'rank' || id === 'name' ? 'asc' : 'desc') ? null : next })}>
          {label}
          <span class="sort-icon" aria-hidden="true">{active ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </th>
    );
  };
  const max = main.node.max;
  const csvHeader = [t('colRank'), t('colCode'), t('colUnit'), t('colPoints', { max: numShort(max, p) }), ...(isRoot ? [t('colLevel')] : []), ...parts.map((c) => `${c.name} (${numShort(c.max, p)})`)];
  const csvRows = sorted.map((r) => [r.rank == null ? '' : (r.tied ? '=' : '') + r.rank, r.unit, r.name, r.points, ...(isRoot ? [r.level] : []), ...r.parts]);
  const caption = t('rankCaption', { node: main.node.name, campaign: ctx.campaign.title });
  return (
    <>
      <p class="status" role="status">
        {groupName
          ? t('showingGroup', { shown: int(rows.length), n: int(main.n), group: groupName })
          : t('showingAll', { n: int(main.n) })}
        {' '}{main.stats.count ? t('rankStats', { mean: num(main.stats.mean, p), median: num(main.stats.median, p), max: numShort(max, p) }) : ''}
      </p>
      <div class="table-actions no-print">
        <button type="button" class="button-link" onClick={() => saveCsv(`ranking-${main.node.id}-${ctx.campaign.id}.csv`, csvHeader, csvRows)}>
          {t('downloadThisTable')}
        </button>
      </div>
      <h2 class="table-title" id="rank-title">{caption}</h2>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="rank-title">
        <table class="data ranking">
          <caption class="sr-only">{caption}. {t('sortHint')}</caption>
          <thead>
            <tr>
              {th('rank', t('colRank'), true, 'asc')}
              {th('name', t('colUnit'), false, 'asc')}
              {th('points', t('colPointsOf', { max: numShort(max, p) }), true)}
              {isRoot && <th scope="col">{t('colLevel')}</th>}
              {parts.map((c) => th(c.id, `${c.name} (${numShort(c.max, p)})`, true))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.unit}>
                <td class="num rank-cell">{rank(r.rank, r.tied)}</td>
                <th scope="row" class="unit-cell">
                  <Link href={href('/units/' + encodeURIComponent(r.unit), { campaign: ctx.campaign.id })}>{r.name}</Link>
                  {!r.name.includes(r.unit) && <span class="code">{r.unit}</span>}
                </th>
                <td class="num points-cell">
                  <span class="points-num">{num(r.points, p)}</span>
                  <span class="inline-bar" aria-hidden="true"><span style={{ inlineSize: `${r.points == null ? 0 : (100 * r.points) / max}%` }} /></span>
                </td>
                {isRoot && <td><LevelBadge fw={ctx.framework} level={r.level} /></td>}
                {r.parts.map((v, i) => <td key={i} class="num">{num(v, p)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
