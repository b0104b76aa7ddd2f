// Crosswalks: for a target framework, what each other framework (or
// edition) covers of it, in plain words. Opens with the answer (which
// source covers most), then a chart of every crosswalk onto the target by
// how each part and question is covered, what the words mean, and for the
// chosen crosswalk every part and question with how it is covered and by
// what, then the ones nothing covers. Numbers from GET /mappings and
// GET /mappings/{id} (the coverage rows of `cybercap mapping check`).
// State in the URL: ?target&mapping&show=all|covered|uncovered.
import { api } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { href, setParams, type Route } from '../../router';
import { t } from '../../i18n';
import { ChartFrame, type TableData } from '../../components/ChartFrame';
import { Controls, Empty, ErrorState, Link, Loading, Select } from '../../components/ui';
import { Stacked } from '../../charts/Stacked';
import { int } from '../../format';
import { labeller, walk } from '../../fw';
import type { CoverageRow, Framework, FrameworkInfo, MappingDetail, MappingSummary } from '../../types';
import { saveCsv } from '../../download';
import './trends.css';

/** The relations from strongest to weakest, then "not covered". */
export const KINDS = ['equal', 'superset', 'subset', 'intersect', 'not_related', 'none'] as const;
export type Kind = typeof KINDS[number];
const COVERS: Kind[] = ['equal', 'superset', 'subset', 'intersect'];
const COLORS: Record<Kind, string> = {
  equal: '#3b0f70', superset: '#2c728e', subset: '#28ae80', intersect: '#addc30', not_related: '#a6a6a6', none: '#e6e6e6',
};
const NAME_KEYS = {
  equal: 'cwEqual', superset: 'cwSuperset', subset: 'cwSubset', intersect: 'cwIntersect', not_related: 'cwNotRelated', none: 'cwNone',
} as const;
const WHAT_KEYS = {
  equal: 'cwEqualWhat', superset: 'cwSupersetWhat', subset: 'cwSubsetWhat', intersect: 'cwIntersectWhat', not_related: 'cwNotRelatedWhat', none: 'cwNoneWhat',
} as const;

export const kindOf = (r: CoverageRow): Kind => r.relation ?? 'none';
/** How a part or question is covered, in plain words ("Partly covered"). */
export const kindName = (k: Kind) => t(NAME_KEYS[k]);

/** Target nodes per kind, in KINDS order. */
export function countKinds(rows: CoverageRow[]): number[] {
  return KINDS.map((k) => rows.filter((r) => kindOf(r) === k).length);
}
export const covered = (rows: CoverageRow[]) => rows.filter((r) => (COVERS as string[]).includes(kindOf(r))).length;

interface Loaded { list: MappingSummary[]; infos: FrameworkInfo[] }

export function Crosswalks({ route }: { route: Route }) {
  const data = useAsync<Loaded>(async () => {
    const [list, infos] = await Promise.all([api.mappings(), api.frameworks()]);
    return { list, infos };
  }, []);
  useTitle(t('cwTitle'));
  const shell = (c: preact.ComponentChildren) => <div class="page cw"><h1>{t('cwTitle')}</h1>{c}</div>;
  if (data.state === 'loading') return shell(<Loading />);
  if (data.state === 'error') return shell(<ErrorState error={data.error} retry={data.retry} />);
  const { list, infos } = data.data;
  if (!list.length) return shell(<Empty title={t('cwNoneTitle')}><p>{t('cwNoneText')}</p></Empty>);
  const target = chooseTarget(list, route.params.get('target'), route.params.get('version'));
  const asked = route.params.get('target');
  return <CrosswalksBody route={route} list={list} infos={infos} target={target} unknown={asked && asked !== target.id ? asked : null} />;
}

/** A target: a framework id and the version of it the crosswalks lead to. */
export interface Target { id: string; version: string }
const keyOf = (x: Target) => x.id + '@' + x.version;

export function targetsOf(list: MappingSummary[]): Target[] {
  const seen = new Map<string, Target>();
  for (const m of list) seen.set(keyOf({ id: m.target, version: m.target_version }), { id: m.target, version: m.target_version });
  return [...seen.values()];
}

/**
 * The target the page shows: the one asked (id, and version when given),
 * else national-commitment, else the first; of its versions, the one most
 * crosswalks lead to (the highest on a tie).
 */
export function chooseTarget(list: MappingSummary[], id: string | null, version: string | null): Target {
  const all = targetsOf(list);
  const want = all.some((x) => x.id === id) ? id! : all.some((x) => x.id === 'national-commitment') ? 'national-commitment' : all[0].id;
  const vs = all.filter((x) => x.id === want);
  const exact = vs.find((x) => x.version === version);
  if (exact) return exact;
  const count = (x: Target) => list.filter((m) => m.target === x.id && m.target_version === x.version).length;
  return vs.sort((a, b) => count(b) - count(a) || b.version.localeCompare(a.version, undefined, { numeric: true }))[0];
}

const title = (infos: FrameworkInfo[], id: string) => infos.find((f) => f.id === id)?.title || id;

function CrosswalksBody({ route, list, infos, target, unknown }: {
  route: Route; list: MappingSummary[]; infos: FrameworkInfo[]; target: Target; unknown: string | null;
}) {
  const onto = list.filter((m) => m.target === target.id && m.target_version === target.version);
  const details = useAsync(() => Promise.all(onto.map((m) => api.mapping(m.id))), [keyOf(target)]);
  const chosenId = onto.some((m) => m.id === route.params.get('mapping')) ? route.params.get('mapping')! : onto[0].id;
  const targets = targetsOf(list);
  const many = (id: string) => targets.filter((x) => x.id === id).length > 1;
  const named = (x: Target) => (many(x.id) ? t('cwTargetVersion', { title: title(infos, x.id), version: x.version }) : title(infos, x.id));
  const targetTitle = named(target);
  const from = (m: MappingSummary) => t(m.source === m.target ? 'cwFromEdition' : 'cwFrom', {
    source: title(infos, m.source), version: m.source_version, target: m.target_version,
  });
  const From = (m: MappingSummary) => { const f = from(m); return f.charAt(0).toUpperCase() + f.slice(1); };
  return (
    <div class="page cw">
      <p class="eyebrow">{t('cwTitle')}</p>
      <h1>{t('cwH1', { target: targetTitle })}</h1>
      <p class="tr-intro">{t('cwIntro')}</p>
      <Controls label={t('chooseWhatToShow')}>
        <Select id="cw-target" label={t('cwTarget')} value={keyOf(target)}
          options={targets.map((x) => ({ value: keyOf(x), label: named(x) }))}
          onChange={(v) => { const [id, version] = v.split('@'); setParams({ target: id, version: many(id) ? version : null, mapping: null, show: null }); }} />
        <Select id="cw-mapping" label={t('cwMapping')} value={chosenId}
          options={onto.map((m) => ({ value: m.id, label: from(m) }))}
          onChange={(v) => setParams({ mapping: v === onto[0].id ? null : v })} />
      </Controls>
      {unknown && <p class="notice">{t('cwTargetUnknown', { id: unknown, target: targetTitle })}</p>}
      {details.state === 'loading' ? <Loading />
        : details.state === 'error' ? <ErrorState error={details.error} retry={details.retry} />
          : <CrosswalkContent route={route} details={details.data} chosen={details.data.find((d) => d.id === chosenId) || details.data[0]}
            targetTitle={targetTitle} from={from} From={From} infos={infos} />}
      <p class="tr-more"><Link href={href('/trends', { framework: target.id })}>{t('cwTrendsLink', { target: targetTitle })}</Link></p>
    </div>
  );
}

function CrosswalkContent({ route, details, chosen, targetTitle, from, From, infos }: {
  route: Route; details: MappingDetail[]; chosen: MappingDetail; targetTitle: string;
  from: (m: MappingSummary) => string; From: (m: MappingSummary) => string; infos: FrameworkInfo[];
}) {
  const ranked = [...details].sort((a, b) => covered(b.coverage) - covered(a.coverage));
  const best = ranked[0];
  const n = best.coverage.length;
  const lead = t(details.length === 1 ? 'cwLeadOne' : 'cwLead', {
    n: details.length, count: int(details.length), target: targetTitle, source: from(best),
    k: int(covered(best.coverage)), total: int(n), same: int(countKinds(best.coverage)[0]),
  });
  const source = t('cwSource', { target: targetTitle });
  const table: TableData = {
    columns: [{ label: t('cwColFrom') }, ...KINDS.map((k) => ({ label: kindName(k), numeric: true })), { label: t('cwColNodes'), numeric: true }],
    rows: details.map((d) => [from(d), ...countKinds(d.coverage), d.coverage.length]),
  };
  return (
    <>
      <section class="answer" aria-labelledby="cw-answer-title">
        <h2 id="cw-answer-title" class="sr-only">{t('keyFigures')}</h2>
        <p class="lead">{lead}</p>
      </section>
      <ChartFrame class="cw-chart" file={`crosswalks-${chosen.target}`} source={source} table={table}
        title={t(details.length === 1 ? 'cwChartTitleOne' : 'cwChartTitle', { source: From(best), k: int(covered(best.coverage)), total: int(n), target: targetTitle })}
        subtitle={t('cwChartSubtitle', { target: targetTitle })}>
        <Stacked segments={KINDS.map((k) => ({ key: k, label: kindName(k), color: COLORS[k] }))}
          rows={details.map((d) => ({ key: d.id, label: shortFrom(d, infos), counts: countKinds(d.coverage), end: t('cwEnd', { k: int(covered(d.coverage)), n: int(d.coverage.length) }) }))}
          axisLabel={t('cwAxis')} ariaLabel={t('cwChartAria', { n: int(details.length), target: targetTitle })} />
      </ChartFrame>
      <Words />
      <Detail route={route} m={chosen} label={From(chosen)} targetTitle={targetTitle} source={source} />
    </>
  );
}

/** A crosswalk's source in a few words, for the chart's rows. */
function shortFrom(m: MappingSummary, infos: FrameworkInfo[]): string {
  const s = infos.find((f) => f.id === m.source)?.title || m.source;
  return m.source === m.target ? t('cwEditionShort', { version: m.source_version }) : s;
}

function Words() {
  return (
    <section class="cw-words" aria-labelledby="cw-words-title">
      <h2 id="cw-words-title">{t('cwWordsTitle')}</h2>
      <dl>
        {KINDS.map((k) => (
          <div key={k}>
            <dt><span class="swatch" style={{ background: COLORS[k] }} aria-hidden="true" />{kindName(k)}</dt>
            <dd>{t(WHAT_KEYS[k])}</dd>
          </div>
        ))}
      </dl>
      <p>{t('cwPrefillNote')}</p>
    </section>
  );
}

type Show = 'all' | 'covered' | 'uncovered';

function Detail({ route, m, label, targetTitle, source }: { route: Route; m: MappingDetail; label: string; targetTitle: string; source: string }) {
  const fws = useAsync(() => Promise.all([api.framework(m.source, m.source_version), api.framework(m.target, m.target_version)]), [m.id]);
  const show = (['covered', 'uncovered'].includes(route.params.get('show') || '') ? route.params.get('show') : 'all') as Show;
  if (fws.state === 'loading') return <Loading />;
  if (fws.state === 'error') return <ErrorState error={fws.error} retry={fws.retry} />;
  const [src, dst] = fws.data;
  const srcLabel = labeller(src);
  const depth = depths(dst);
  const why = (r: CoverageRow) => m.mappings.filter((p) => p.target === r.target && r.sources.includes(p.source) && p.rationale).map((p) => p.rationale!);
  const isCovered = (r: CoverageRow) => (COVERS as string[]).includes(kindOf(r));
  // the rows come depth first: each top-level part, then what it holds
  const parts: { rows: CoverageRow[] }[] = [];
  for (const r of m.coverage) {
    if ((depth.get(r.target) || 1) === 1 || !parts.length) parts.push({ rows: [] });
    parts[parts.length - 1].rows.push(r);
  }
  const counts = countKinds(m.coverage);
  const header = [t('cwColTarget'), t('cwColId'), t('cwColHow'), t('cwColSources'), t('cwColWhy')];
  const csv = m.coverage.map((r) => [r.label, r.target, kindName(kindOf(r)), r.sources.join('|'), why(r).join(' ')]);
  const unmapped = m.coverage.filter((r) => r.relation == null);
  return (
    <section class="cw-detail" aria-labelledby="cw-detail-title">
      <h2 id="cw-detail-title">{t('cwDetailTitle', { from: label, target: targetTitle })}</h2>
      <p class="lead">{t('cwDetailLead', { k: int(covered(m.coverage)), total: int(m.coverage.length), source: src.title })}</p>
      <ul class="cw-counts">
        {KINDS.map((k, i) => <li key={k} data-kind={k}><span class="swatch" style={{ background: COLORS[k] }} aria-hidden="true" /><strong>{kindName(k)}</strong>: {t('cwNodes', { n: counts[i], count: int(counts[i]) })}</li>)}
      </ul>
      <div class="segmented cw-show" role="group" aria-label={t('cwShow')}>
        {(['all', 'covered', 'uncovered'] as Show[]).map((s) => (
          <button key={s} type="button" aria-pressed={show === s} onClick={() => setParams({ show: s === 'all' ? null : s })}>
            {t(s === 'all' ? 'cwShowAll' : s === 'covered' ? 'cwShowCovered' : 'cwShowUncovered')}
          </button>
        ))}
      </div>
      {parts.map((part) => {
        const inPart = part.rows.filter((r) => show === 'all' || (show === 'covered') === isCovered(r));
        if (!inPart.length) return null;
        return (
          <details key={part.rows[0].target} class="pillar-details cw-part" data-part={part.rows[0].target} open={show !== 'all' || undefined}>
            <summary>
              <span class="summary-name">{part.rows[0].label}</span>
              <span class="summary-meta">{t('cwPartMeta', { k: int(covered(part.rows)), n: int(part.rows.length) })}</span>
            </summary>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('cwTableLabel', { part: part.rows[0].label, from: label })}>
              <table class="data cw-table">
                <caption class="sr-only">{t('cwTableLabel', { part: part.rows[0].label, from: label })}</caption>
                <thead><tr>{[header[0], header[2], header[3]].map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
                <tbody>{inPart.map((r) => <CoverageTr key={r.target} r={r} depth={depth.get(r.target) || 1} srcLabel={srcLabel} why={why(r)} />)}</tbody>
              </table>
            </div>
          </details>
        );
      })}
      <p class="chart-source">{source}</p>
      <div class="downloads no-print">
        <button type="button" class="button-link" onClick={() => saveCsv(`coverage-${m.id}.csv`, header, csv)}>{t('downloadCsv')}</button>
      </div>
      <section class="cw-unmapped" aria-labelledby="cw-unmapped-title">
        <h3 id="cw-unmapped-title">{t('cwUnmappedTitle', { n: unmapped.length, count: int(unmapped.length), source: src.title })}</h3>
        {unmapped.length ? (
          <>
            <p>{t('cwUnmappedText', { source: src.title })}</p>
            <ul class="cw-unmapped-list">
              {unmapped.map((r) => <li key={r.target} data-target={r.target}>{r.kind === 'group' ? <strong>{r.label}</strong> : r.label} <span class="cw-id">{r.target}</span></li>)}
            </ul>
          </>
        ) : <p>{t('cwUnmappedNone', { source: src.title })}</p>}
      </section>
    </section>
  );
}

function CoverageTr({ r, depth, srcLabel, why }: { r: CoverageRow; depth: number; srcLabel: (id: string) => string; why: string[] }) {
  const k = kindOf(r);
  return (
    <tr data-target={r.target} data-kind={k} class={'cw-' + r.kind}>
      <th scope="row" style={{ paddingInlineStart: `${0.5 + 1.1 * Math.max(0, depth - 1)}rem` }}>
        {r.label}
        <span class="cw-id">{r.target}</span>
      </th>
      <td data-label={t('cwColHow')}><span class={'cw-kind cw-kind-' + k}><span class="swatch" style={{ background: COLORS[k] }} aria-hidden="true" />{kindName(k)}</span></td>
      <td data-label={t('cwColSources')}>
        {r.sources.length ? (
          <ul class="cw-sources">
            {r.sources.map((s) => <li key={s}>{srcLabel(s)} <span class="cw-id">{s}</span></li>)}
          </ul>
        ) : <span class="muted">{t('cwNoSource')}</span>}
        {why.map((w) => <p key={w} class="cw-why">{w}</p>)}
      </td>
    </tr>
  );
}

function depths(fw: Framework): Map<string, number> {
  const m = new Map<string, number>();
  walk(fw.children, (n, d) => m.set(n.id, d));
  return m;
}

