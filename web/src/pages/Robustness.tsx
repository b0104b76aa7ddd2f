// Robustness: how far the ranking of a published campaign can be trusted.
// Opens with the answer (which ranks hold, how many could move far, which
// choice moves them most), computed on load by a robustness job on the
// server (robustnessJob.ts); then the form to choose what varies, the
// chart of how far each rank can move, the Sobol indices of the choices,
// and the statistical audit of a group (correlations of its parts,
// Cronbach's alpha, first principal component, flags with their rules).
// State in the URL: ?campaign&vary=A;B;C&runs=N&audit=GROUP.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { useAsync, useTitle } from '../hooks';
import { setParams, type Route } from '../router';
import { t } from '../i18n';
import { CampaignGate, CampaignSelect, NoRanking, type Ctx } from '../components/CampaignGate';
import { ChartFrame, type TableData } from '../components/ChartFrame';
import { Controls, Empty, ErrorState, Select } from '../components/ui';
import { findNode, nodeLabel, walk } from '../fw';
import { int, num, unitName, collate } from '../format';
import type { Campaign, Framework } from '../types';
import { RankRange, type RankRangeRow } from '../charts/RankRange';
import { SobolBars, type SobolRow } from '../charts/SobolBars';
import { Heatmap } from '../charts/Heatmap';
import { useRobustness, type JobState, type RobustResult } from './robustnessJob';
import './robustness.css';

export const DEFAULT_RUNS = 2000;
export const MIN_RUNS = 500;
export const MAX_RUNS = 20000;
const SOBOL_N = 256;
const SEED = 1;
const MAX_FACTORS = 8;
const WEIGHTS = ['10', '20', '30'];
const MISSING = 'missing:zero,exclude';

const defaultVary = (root: string) => ['weights:20', `aggregate:${root}:mean,geometric`, `drop:${root}`];

/** The aggregation alternatives offered in the form. */
function aggOptions(root: string) {
  return [
    { value: 'aggregate:*:mean,geometric', label: t('rbAggAllMG') },
    { value: `aggregate:${root}:mean,geometric`, label: t('rbAggRootMG') },
    { value: `aggregate:${root}:mean,geometric,harmonic`, label: t('rbAggRootMGH') },
  ];
}

/** The factors named in the URL, leaving out those about parts this framework lacks (a link made for another campaign). */
function parseVary(s: string | null, fw: Framework): string[] {
  const known = (id: string) => id === '*' || !!findNode(fw, id);
  const v = (s || '').split(';').map((x) => x.trim()).filter((f) => {
    const p = f.split(':');
    if (!f) return false;
    if (p[0] === 'drop' || p[0] === 'aggregate' || (p[0] === 'weights' && p.length > 2)) return known(p[1]);
    return true;
  });
  return v.length ? [...new Set(v)].slice(0, MAX_FACTORS) : defaultVary(fw.id);
}

function parseRuns(s: string | null | undefined): number | null {
  if (s == null) return null;
  const c = s.replace(/[\s,.'\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(c)) return null;
  const n = Number(c);
  return n >= MIN_RUNS && n <= MAX_RUNS ? n : null;
}

// ---------------------------------------------------------------- factors

const METHOD: Record<string, 'fxMean' | 'fxGeometric' | 'fxHarmonic' | 'fxMin' | 'fxMax' | 'fxZero' | 'fxExclude' | 'fxMinmax' | 'fxZscore' | 'fxRank'> = {
  mean: 'fxMean', geometric: 'fxGeometric', harmonic: 'fxHarmonic', min: 'fxMin', max: 'fxMax',
  zero: 'fxZero', exclude: 'fxExclude', minmax: 'fxMinmax', zscore: 'fxZscore', rank: 'fxRank',
};
const list = (s: string) => s.split(',').map((m) => (METHOD[m] ? t(METHOD[m]) : m)).join(t('fxOr'));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A factor spec (docs/robustness.md) in words, lower case, to sit in a sentence. */
export function factorLabel(spec: string, fw: Framework): string {
  const parts = spec.split(':');
  const node = (id: string) => nodeLabel(findNode(fw, id)) || id;
  switch (parts[0]) {
    case 'weights':
      return parts.length === 2 ? t('fxWeights', { p: parts[1] }) : t('fxWeightsNode', { node: node(parts[1]), p: parts[2] });
    case 'aggregate':
      if (parts[1] === '*') return t('fxAggAll', { list: list(parts[2] || '') });
      return parts[1] === fw.id ? t('fxAggRoot', { list: list(parts[2] || '') }) : t('fxAggNode', { node: node(parts[1]), list: list(parts[2] || '') });
    case 'drop':
      return parts[1] === fw.id ? t('fxDropRoot') : t('fxDrop', { node: node(parts[1]) });
    case 'missing':
      return t('fxMissing', { list: list(parts[1] || '') });
    case 'normalise':
      return t('fxNormalise', { list: list(parts[1] || '') });
    default:
      return spec;
  }
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return items.slice(0, -1).join(t('rbListSep')) + t('rbAndSep') + items[items.length - 1];
}

// ---------------------------------------------------------------- page

export function Robustness({ route }: { route: Route }) {
  return <CampaignGate route={route} title={t('rbH1')}>{(ctx) => <RobustnessBody ctx={ctx} route={route} />}</CampaignGate>;
}

function RobustnessBody({ ctx, route }: { ctx: Ctx; route: Route }) {
  if (ctx.single) {
    return (
      <div class="page rb">
        <p class="eyebrow">{t('navRobustness')} · {ctx.campaign.title}</p>
        <h1>{t('rbH1')}</h1>
        <Controls label={t('chooseWhatToShow')}><CampaignSelect ctx={ctx} /></Controls>
        <NoRanking ctx={ctx} />
      </div>
    );
  }
  return <RobustnessRanked ctx={ctx} route={route} />;
}

function RobustnessRanked({ ctx, route }: { ctx: Ctx; route: Route }) {
  const fw = ctx.framework;
  const varyParam = route.params.get('vary');
  const vary = useMemo(() => parseVary(varyParam, fw), [varyParam, fw]);
  const runs = parseRuns(route.params.get('runs')) ?? DEFAULT_RUNS;
  const req = useMemo(() => ({ vary, runs, sobol: SOBOL_N, seed: SEED }), [vary, runs]);
  const job = useRobustness(ctx.campaign.id, req);
  useTitle(t('rbDocTitle', { campaign: ctx.campaign.title }));

  const announce = job.state === 'starting' || job.state === 'running' ? t('rbAnnounceStart')
    : job.state === 'busy' ? t('rbAnnounceBusy')
      : job.state === 'done' ? t('rbReady', { runs: int(job.result.runs) }) : '';

  return (
    <div class="page rb">
      <p class="eyebrow">{t('navRobustness')} · {ctx.campaign.title}</p>
      <h1>{t('rbH1')}</h1>
      <p class="rb-intro">{t('rbIntro')}</p>
      <Controls label={t('chooseWhatToShow')}>
        <CampaignSelect ctx={ctx} />
      </Controls>
      <p class="sr-only" role="status">{announce}</p>
      <JobView ctx={ctx} job={job} />
      <FactorForm ctx={ctx} vary={vary} runs={runs} />
      {job.state === 'done' && <Results ctx={ctx} result={job.result} />}
      <AuditSection ctx={ctx} route={route} />
    </div>
  );
}

// ---------------------------------------------------------------- job states

function JobView({ ctx, job }: { ctx: Ctx; job: JobState & { retry: () => void } }) {
  if (job.state === 'done') return <Answer ctx={ctx} result={job.result} />;
  if (job.state === 'error') return <ErrorState error={job.error} retry={job.retry} />;
  if (job.state === 'failed') {
    return (
      <div class="state state-error" role="alert">
        <h2 class="state-title">{t('rbFailedTitle')}</h2>
        <p>{t('rbFailed', { message: job.message || t('rbFailedUnknown') })}</p>
        <p>{t('rbFailedHint')}</p>
        <button type="button" class="button" onClick={job.retry}>{t('tryAgain')}</button>
      </div>
    );
  }
  if (job.state === 'busy') {
    return (
      <div class="state rb-job rb-busy">
        <h2 class="state-title">{t('rbBusyTitle')}</h2>
        <p>{t('rbBusy', { n: job.retryIn, count: int(job.retryIn) })}</p>
        <button type="button" class="button button-secondary" onClick={job.retry}>{t('rbTryNow')}</button>
      </div>
    );
  }
  const running = job.state === 'running';
  const label = !running ? t('rbStarting')
    : t(job.phase === 'runs' ? 'rbComputing' : 'rbComputingSobol', { done: int(job.phaseDone), total: int(job.phaseTotal) });
  const pct = running && job.total ? Math.min(100, (100 * job.done) / job.total) : 0;
  return (
    <div class="state rb-job" aria-busy="true">
      <h2 class="state-title">{t('rbComputingTitle')}</h2>
      <p class="rb-progress-label" id="rb-progress-label">
        {label}
        {running && <span class="muted"> {t('rbStep', { i: job.phase === 'runs' ? 1 : 2, n: 2 })}</span>}
      </p>
      <div class="rb-progress" role="progressbar" aria-labelledby="rb-progress-label"
        aria-valuemin={0} aria-valuemax={running ? job.total : 100} aria-valuenow={running ? job.done : 0}
        aria-valuetext={label}>
        <span style={{ inlineSize: pct + '%' }} />
      </div>
    </div>
  );
}

// ---------------------------------------------------------------- the answer

interface Summary {
  rows: (RobustResult['units'][number] & { name: string; nominal: number; wide: boolean; stable: boolean; tied: boolean })[];
  n: number;
  k: number;
  stableTop: number;
  stable: number;
  wide: number;
  meanShift: number | null;
  finding: string;
  factors: string;
}

/** How far a rank must be able to move to be called unstable: 5 places, or a tenth of the units when there are many. */
const moveLimit = (n: number) => Math.max(5, Math.round(n / 10));

function summarise(ctx: Ctx, result: RobustResult): Summary {
  const ranked = result.units.filter((u) => u.nominal != null);
  const n = ranked.length;
  const k = moveLimit(n);
  const counts = new Map<number, number>();
  for (const u of ranked) counts.set(u.nominal!, (counts.get(u.nominal!) || 0) + 1);
  const rows = ranked.map((u) => {
    const nominal = u.nominal as number;
    const lo = u.p5 ?? nominal, hi = u.p95 ?? nominal;
    return {
      ...u, nominal,
      name: unitName(ctx.unitsById.get(u.unit), u.name),
      wide: Math.max(nominal - lo, hi - nominal) > k,
      stable: lo === nominal && hi === nominal,
      tied: (counts.get(nominal) || 0) > 1,
    };
  }).sort((a, b) => a.nominal - b.nominal || collate(a.name, b.name));
  let stableTop = 0;
  for (const r of rows) {
    if (!r.stable) break;
    stableTop = r.nominal;
  }
  // a shared rank is stable only if every unit that shares it is
  if (stableTop && rows.some((r) => r.nominal === stableTop && !r.stable)) stableTop = 0;
  const wide = rows.filter((r) => r.wide).length;
  const shifts = rows.map((r) => r.mean_abs_shift).filter((x): x is number => x != null);
  const stablePart = stableTop === 0 ? t('rrStableNone') : stableTop === 1 ? t('rrStableOne') : t('rrStableRange', { from: int(1), to: int(stableTop) });
  const movingPart = t('rrMoving', { n: wide, count: int(wide), k: int(k) });
  return {
    rows, n, k, stableTop, wide,
    stable: rows.filter((r) => r.stable).length,
    meanShift: shifts.length ? shifts.reduce((a, b) => a + b, 0) / shifts.length : null,
    finding: t('rrTitle', { stable: stablePart, moving: movingPart }),
    factors: joinAnd(result.factors.map((f) => factorLabel(f, ctx.framework))),
  };
}


function topFactor(result: RobustResult) {
  const idx = (result.sobol?.indices || []).filter((x) => x.total != null);
  return idx.sort((a, b) => (b.total as number) - (a.total as number))[0];
}

function Answer({ ctx, result }: { ctx: Ctx; result: RobustResult }) {
  const s = summarise(ctx, result);
  const top = topFactor(result);
  return (
    <section class="answer rb-answer" aria-labelledby="rb-answer-title">
      <h2 id="rb-answer-title" class="sr-only">{t('keyFigures')}</h2>
      <p class="lead">
        {t('rbLead', { factors: s.factors, runs: int(result.runs), finding: s.finding })}
        {top ? ' ' + t('rbLeadSobol', { factor: factorLabel(top.factor, ctx.framework) }) : ''}
      </p>
      <dl class="figures">
        <div><dt>{t('rbFigStable')}</dt><dd>{int(s.stable)} <small>{t('ofN', { n: int(s.n) })}</small></dd></div>
        <div><dt>{t('rbFigWide', { k: int(s.k) })}</dt><dd>{int(s.wide)} <small>{t('ofN', { n: int(s.n) })}</small></dd></div>
        <div><dt>{t('rbFigShift')}</dt><dd>{num(s.meanShift, 1)} <small>{t('rbPlaces')}</small></dd></div>
      </dl>
    </section>
  );
}

// ---------------------------------------------------------------- the form

interface Draft { weights: string; aggregate: string; drop: boolean; missing: boolean; extra: { spec: string; on: boolean }[]; runs: string }

function toDraft(vary: string[], runs: number, root: string): Draft {
  const d: Draft = { weights: '', aggregate: '', drop: false, missing: false, extra: [], runs: String(runs) };
  const aggs = aggOptions(root).map((o) => o.value);
  for (const f of vary) {
    const w = /^weights:(\d+)$/.exec(f);
    if (w && WEIGHTS.includes(w[1]) && !d.weights) d.weights = w[1];
    else if (aggs.includes(f) && !d.aggregate) d.aggregate = f;
    else if (f === `drop:${root}`) d.drop = true;
    else if (f === MISSING) d.missing = true;
    else d.extra.push({ spec: f, on: true });
  }
  return d;
}

function fromDraft(d: Draft, root: string): string[] {
  const v: string[] = [];
  if (d.weights) v.push('weights:' + d.weights);
  if (d.aggregate) v.push(d.aggregate);
  if (d.drop) v.push(`drop:${root}`);
  if (d.missing) v.push(MISSING);
  for (const e of d.extra) if (e.on) v.push(e.spec);
  return v;
}

function FactorForm({ ctx, vary, runs }: { ctx: Ctx; vary: string[]; runs: number }) {
  const root = ctx.framework.id;
  const [d, setD] = useState(() => toDraft(vary, runs, root));
  const [errors, setErrors] = useState<{ field: string; msg: string }[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const key = vary.join(';') + '|' + runs;
  useEffect(() => { setD(toDraft(vary, runs, root)); setErrors([]); }, [key, root]);
  useEffect(() => { if (errors.length) summary.current?.focus(); }, [errors]);
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));

  const submit = (e: Event) => {
    e.preventDefault();
    const v = fromDraft(d, root);
    const n = parseRuns(d.runs);
    const errs: { field: string; msg: string }[] = [];
    if (!v.length) errs.push({ field: 'rb-weights', msg: t('rbErrNoFactor') });
    else if (v.length > MAX_FACTORS) errs.push({ field: 'rb-weights', msg: t('rbErrTooMany', { max: MAX_FACTORS }) });
    if (n == null) errs.push({ field: 'rb-runs', msg: t('rbErrRuns', { min: int(MIN_RUNS), max: int(MAX_RUNS) }) });
    setErrors(errs);
    if (errs.length) return;
    const isDefault = v.join(';') === defaultVary(root).join(';');
    setParams({ vary: isDefault ? null : v.join(';'), runs: n === DEFAULT_RUNS ? null : String(n) });
  };
  const errFor = (f: string) => errors.find((e) => e.field === f);
  const factorErr = errFor('rb-weights');
  const runsErr = errFor('rb-runs');
  const weightOptions = [{ value: '', label: t('rbKeep') }, ...WEIGHTS.map((p) => ({ value: p, label: t('rbWeightsPct', { p }) }))];
  const aggs = [{ value: '', label: t('rbKeep') }, ...aggOptions(root)];

  return (
    <form class="rb-form" onSubmit={submit} noValidate aria-labelledby="rb-form-title">
      <h2 id="rb-form-title" class="rb-form-title">{t('rbFormTitle')}</h2>
      <p class="hint rb-form-hint">{t('rbFormHint', { sobol: int(SOBOL_N), seed: SEED })}</p>
      {errors.length > 0 && (
        <div class="rb-error-summary" role="alert" tabIndex={-1} ref={summary} aria-labelledby="rb-err-title">
          <h3 id="rb-err-title">{t('rbErrSummary')}</h3>
          <ul>
            {errors.map((er) => (
              <li key={er.field}>
                <a href={'#' + er.field} onClick={(ev) => { ev.preventDefault(); document.getElementById(er.field)?.focus(); }}>{er.msg}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="rb-form-grid">
        <fieldset class={'rb-factors' + (factorErr ? ' rb-has-error' : '')} aria-describedby={factorErr ? 'rb-factors-error' : undefined}>
          <legend>{t('rbWhatVaries')}</legend>
          {factorErr && <p class="rb-field-error" id="rb-factors-error"><span class="sr-only">{t('rbErrorPrefix')} </span>{factorErr.msg}</p>}
          <div class="rb-selects">
            <Select id="rb-weights" label={t('rbWeights')} hint={t('rbWeightsHint')} value={d.weights}
              options={weightOptions} onChange={(v) => set({ weights: v })} />
            <Select id="rb-aggregate" label={t('rbAggregate')} hint={t('rbAggregateHint')} value={d.aggregate}
              options={aggs} onChange={(v) => set({ aggregate: v })} />
          </div>
          <div class="rb-checks">
            <div class="rb-check">
              <input type="checkbox" id="rb-drop" checked={d.drop} onChange={(e) => set({ drop: (e.currentTarget as HTMLInputElement).checked })} />
              <label for="rb-drop">{t('rbDrop')}</label>
            </div>
            <div class="rb-check">
              <input type="checkbox" id="rb-missing" checked={d.missing} onChange={(e) => set({ missing: (e.currentTarget as HTMLInputElement).checked })} />
              <label for="rb-missing">{t('rbMissing')}</label>
            </div>
            {d.extra.map((x, i) => (
              <div class="rb-check" key={x.spec}>
                <input type="checkbox" id={'rb-extra-' + i} checked={x.on}
                  onChange={(e) => set({ extra: d.extra.map((y, j) => (j === i ? { ...y, on: (e.currentTarget as HTMLInputElement).checked } : y)) })} />
                <label for={'rb-extra-' + i}>{cap(factorLabel(x.spec, ctx.framework))} <code>{x.spec}</code></label>
              </div>
            ))}
          </div>
        </fieldset>
        <div class={'field rb-runs' + (runsErr ? ' rb-has-error' : '')}>
          <label for="rb-runs">{t('rbRuns')}</label>
          <span class="hint" id="rb-runs-hint">{t('rbRunsHint', { min: int(MIN_RUNS), max: int(MAX_RUNS) })}</span>
          {runsErr && <p class="rb-field-error" id="rb-runs-error"><span class="sr-only">{t('rbErrorPrefix')} </span>{runsErr.msg}</p>}
          <input id="rb-runs" type="text" inputMode="numeric" autoComplete="off" spellcheck={false} value={d.runs}
            aria-describedby={'rb-runs-hint' + (runsErr ? ' rb-runs-error' : '')} aria-invalid={runsErr ? 'true' : undefined}
            onInput={(e) => set({ runs: (e.currentTarget as HTMLInputElement).value })} />
          <button type="submit" class="button rb-submit">{t('rbRun')}</button>
        </div>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- results

function resultSource(fw: Framework, c: Campaign, result: RobustResult, factors: string) {
  return t('rrSource', {
    campaign: c.title,
    framework: fw.title + (fw.version ? ` (${t('version')} ${fw.version})` : ''),
    runs: int(result.runs), seed: result.seed, factors,
  });
}

function Results({ ctx, result }: { ctx: Ctx; result: RobustResult }) {
  const s = summarise(ctx, result);
  const fw = ctx.framework;
  const source = resultSource(fw, ctx.campaign, result, s.factors);
  if (!s.rows.length) return <Empty title={t('noResultsTitle')}><p>{t('noResultsText')}</p></Empty>;
  const rankText = (r: Summary['rows'][number]) => (r.tied ? '=' : '') + int(r.nominal);
  const rows: RankRangeRow[] = s.rows.map((r) => ({
    key: r.unit, label: r.name, short: r.unit, nominal: r.nominal, nominalText: rankText(r),
    median: r.median, p5: r.p5, p95: r.p95, wide: r.wide,
    title: t('rrRowTitle', {
      name: r.name, rank: rankText(r), lo: r.p5 == null ? t('noValue') : int(r.p5),
      hi: r.p95 == null ? t('noValue') : int(r.p95), median: r.median == null ? t('noValue') : int(r.median),
    }),
  }));
  const rankFmt = (v: unknown) => (v == null ? t('noValue') : int(v as number));
  const table: TableData = {
    rowHeader: 1,
    columns: [
      { label: t('rrColNominal'), numeric: true },
      { label: t('colUnit') },
      { label: t('colCode') },
      { label: t('rrColMedian'), numeric: true, format: rankFmt },
      { label: t('rrColP5'), numeric: true, format: rankFmt },
      { label: t('rrColP95'), numeric: true, format: rankFmt },
      { label: t('rrColMean'), numeric: true, format: (v) => num(v as number, 1) },
      { label: t('rrColShift'), numeric: true, format: (v) => num(v as number, 2) },
      { label: t('rrColWide', { k: int(s.k) }) },
    ],
    rows: s.rows.map((r) => [rankText(r), r.name, r.unit, r.median, r.p5, r.p95, r.mean, r.mean_abs_shift, r.wide ? t('rbYes') : t('rbNo')]),
  };
  return (
    <>
      <ChartFrame class="rb-ranks" file={`rank-ranges-${ctx.campaign.id}`} title={s.finding}
        subtitle={t('rrSubtitle', { n: int(s.n), runs: int(result.runs) })} source={source} table={table}>
        <RankRange rows={rows} n={Math.max(...s.rows.map((r) => Math.max(r.nominal, r.p95 ?? 0)))}
          ariaLabel={t('rrAria', { n: int(s.n) })} axisLabel={t('rrAxis')}
          legend={{ nominal: t('rrLegendNominal'), range: t('rrLegendRange'), median: t('rrLegendMedian'), wide: t('rrLegendWide', { k: int(s.k) }) }} />
      </ChartFrame>
      <SobolSection ctx={ctx} result={result} />
    </>
  );
}

function SobolSection({ ctx, result }: { ctx: Ctx; result: RobustResult }) {
  const fw = ctx.framework;
  const sob = result.sobol;
  const idx = [...(sob?.indices || [])].sort((a, b) => (b.total ?? -1) - (a.total ?? -1));
  const top = topFactor(result);
  const title = top ? t('sbTitle', { factor: factorLabel(top.factor, fw) }) : t('sbTitleNone');
  if (!sob || !idx.length) {
    return (
      <section class="chart" aria-labelledby="sb-empty-title">
        <h2 id="sb-empty-title" class="chart-title">{title}</h2>
        <Empty title={t('sbEmptyTitle')}><p>{t('sbEmpty')}</p></Empty>
      </section>
    );
  }
  const rows: SobolRow[] = idx.map((x) => ({
    key: x.factor, label: cap(factorLabel(x.factor, fw)),
    first: x.first, firstLo: x.first_lo, firstHi: x.first_hi, total: x.total, totalLo: x.total_lo, totalHi: x.total_hi,
  }));
  const f2 = (v: unknown) => num(v as number, 2);
  const table: TableData = {
    columns: [
      { label: t('sbColFactor') }, { label: t('sbColSpec') },
      { label: t('sbColFirst'), numeric: true, format: f2 }, { label: t('sbColFirstLo'), numeric: true, format: f2 }, { label: t('sbColFirstHi'), numeric: true, format: f2 },
      { label: t('sbColTotal'), numeric: true, format: f2 }, { label: t('sbColTotalLo'), numeric: true, format: f2 }, { label: t('sbColTotalHi'), numeric: true, format: f2 },
    ],
    rows: idx.map((x) => [cap(factorLabel(x.factor, fw)), x.factor, x.first, x.first_lo, x.first_hi, x.total, x.total_lo, x.total_hi]),
  };
  const design = sob.n * (idx.length + 2);
  return (
    <ChartFrame class="rb-sobol" file={`sobol-${ctx.campaign.id}`} title={title}
      subtitle={t('sbSubtitle', { n: int(sob.n), runs: int(design) })}
      source={t('sbSource', {
        campaign: ctx.campaign.title, framework: fw.title + (fw.version ? ` (${t('version')} ${fw.version})` : ''),
        n: int(sob.n), seed: result.seed,
      })} table={table}>
      <SobolBars rows={rows} ariaLabel={t('sbAria', { n: int(rows.length) })} axisLabel={t('sbAxis')}
        labels={{ first: t('sbFirst'), total: t('sbTotal'), firstShort: t('sbFirstShort'), totalShort: t('sbTotalShort') }} />
    </ChartFrame>
  );
}

// ---------------------------------------------------------------- audit

interface AuditGroup {
  id: string;
  name: string;
  units: number;
  status: string;
  correlations: { ids: string[]; n: number[][]; pearson: (number | null)[][] } | null;
  alpha: { value: number | null; units: number; status: string; flags: string[] } | null;
  pca: { units: number; status: string; share: number | null; flags: string[] } | null;
}

interface Audit {
  units: number;
  groups: AuditGroup[];
  flags: { rule: string; group: string; item: string | null; detail: string }[];
  rules: { name: string; rule: string; source: string }[];
}

const RULE_NAMES: Record<string, 'hmRuleNegativeCorr' | 'hmRuleRedundant' | 'hmRuleCollinear' | 'hmRuleLowAlpha' | 'hmRuleWeakPc1' | 'hmRuleOutliers'> = {
  'negative-corr': 'hmRuleNegativeCorr', redundant: 'hmRuleRedundant', collinear: 'hmRuleCollinear',
  'low-alpha': 'hmRuleLowAlpha', 'weak-pc1': 'hmRuleWeakPc1', outliers: 'hmRuleOutliers',
};
const COLLINEAR = 0.92;

function AuditSection({ ctx, route }: { ctx: Ctx; route: Route }) {
  const cid = ctx.campaign.id;
  const audit = useAsync(() => get<Audit>(`/campaigns/${encodeURIComponent(cid)}/audit`), [cid]);
  return (
    <section class="rb-audit" aria-labelledby="rb-audit-title">
      <h2 id="rb-audit-title">{t('hmH2')}</h2>
      <p class="rb-intro">{t('hmIntro')}</p>
      {audit.state === 'loading' ? <div class="state state-loading rb-audit-loading" role="status"><span class="spinner" aria-hidden="true" /><span>{t('loading')}</span></div>
        : audit.state === 'error' ? <ErrorState error={audit.error} retry={audit.retry} />
          : <AuditBody ctx={ctx} route={route} audit={audit.data} />}
    </section>
  );
}

function AuditBody({ ctx, route, audit }: { ctx: Ctx; route: Route; audit: Audit }) {
  const fw = ctx.framework;
  const wanted = route.params.get('audit') || fw.id;
  const depth = new Map<string, number>([[fw.id, 0]]);
  walk(fw.children, (n, d) => depth.set(n.id, d));
  const options = audit.groups.filter((g) => g.correlations || g.id === wanted).map((g) => ({
    value: g.id, label: '\u00a0\u00a0'.repeat(depth.get(g.id) ?? 0) + (g.id === fw.id ? t('nodeRoot', { title: g.name }) : g.name),
  }));
  const g = audit.groups.find((x) => x.id === wanted);
  const name = (id: string) => (id === fw.id ? fw.title : nodeLabel(findNode(fw, id)) || id);
  return (
    <>
      <Controls label={t('hmChoose')}>
        <Select id="audit-group" label={t('hmGroup')} value={g ? g.id : ''} options={g ? options : [{ value: '', label: wanted }, ...options]}
          onChange={(v) => setParams({ audit: v === fw.id ? null : v })} />
      </Controls>
      {!g ? <Empty title={t('nodeUnknown', { id: wanted })} />
        : (
          <div class="hm-layout">
            <HeatmapChart ctx={ctx} g={g} name={name} />
            <AuditStats g={g} audit={audit} name={name} />
          </div>
        )}
    </>
  );
}

function HeatmapChart({ ctx, g, name }: { ctx: Ctx; g: AuditGroup; name: (id: string) => string }) {
  const fw = ctx.framework;
  const c = g.correlations;
  const groupName = name(g.id);
  if (!c || !c.ids.length) {
    return (
      <section class="chart hm-chart" aria-labelledby="hm-empty-title">
        <h3 id="hm-empty-title" class="chart-title">{t('hmNone', { group: groupName })}</h3>
        <p>{t('hmNoneText', { status: g.status })}</p>
      </section>
    );
  }
  const labels = c.ids.map(name);
  const off: number[] = [];
  c.pearson.forEach((row, i) => row.forEach((v, j) => { if (i < j && v != null) off.push(v); }));
  const lo = off.length ? Math.min(...off) : null;
  const hi = off.length ? Math.max(...off) : null;
  const title = lo == null || hi == null ? t('hmTitleNone', { group: groupName })
    : c.ids.length === 2 ? t('hmTitleTwo', { group: groupName, r: num(lo, 2) })
      : t('hmTitle', { group: groupName, n: int(c.ids.length), lo: num(lo, 2), hi: num(hi, 2) });
  const f2 = (v: unknown) => num(v as number, 2);
  const table: TableData = {
    columns: [{ label: t('hmColPart') }, ...labels.map((l) => ({ label: l, numeric: true, format: f2 }))],
    rows: c.ids.map((_, i) => [labels[i], ...c.pearson[i]]),
  };
  return (
    <ChartFrame class="hm-chart" headingLevel={3} file={`correlations-${g.id}-${ctx.campaign.id}`} title={title}
      subtitle={t('hmSubtitle', { group: groupName, units: int(g.units) })}
      source={t('hmSource', { campaign: ctx.campaign.title, framework: fw.title + (fw.version ? ` (${t('version')} ${fw.version})` : '') })}
      table={table}>
      <Heatmap labels={labels} matrix={c.pearson} ariaLabel={t('hmAria', { n: int(labels.length), group: groupName })}
        legendTitle={t('hmLegend')} outline={{ above: COLLINEAR, note: t('hmCollinear', { r: num(COLLINEAR, 2) }) }}
        cellTitle={(i, j) => t('hmCell', { a: labels[i], b: labels[j], r: num(c.pearson[i][j], 2), n: int(c.n[i]?.[j] ?? g.units) })} />
    </ChartFrame>
  );
}

function AuditStats({ g, audit, name }: { g: AuditGroup; audit: Audit; name: (id: string) => string }) {
  const flags = audit.flags.filter((f) => f.group === g.id);
  const rule = (id: string) => audit.rules.find((r) => r.name === id);
  const notComputed = (status: string | undefined) => t('hmNotComputed', { status: status || t('noValue') });
  return (
    <aside class="hm-stats" aria-labelledby="hm-stats-title">
      <h3 id="hm-stats-title" class="hm-stats-title">{t('hmStatsTitle', { group: name(g.id) })}</h3>
      <dl class="hm-figures">
        <div>
          <dt>{t('hmAlpha')}</dt>
          <dd><span class="hm-alpha">{g.alpha?.value != null ? num(g.alpha.value, 2) : notComputed(g.alpha?.status)}</span>{g.alpha?.flags.length ? <span class="hm-flagged">{t('hmFlagged')}</span> : null}</dd>
          <dd class="hint">{t('hmAlphaHint', { min: num(0.7, 2) })}</dd>
        </div>
        <div>
          <dt>{t('hmPca')}</dt>
          <dd><span class="hm-pca">{g.pca?.share != null ? t('rbPct', { v: num(g.pca.share * 100, 1) }) : notComputed(g.pca?.status)}</span>{g.pca?.flags.length ? <span class="hm-flagged">{t('hmFlagged')}</span> : null}</dd>
          <dd class="hint">{t('hmPcaHint', { min: t('rbPct', { v: int(60) }) })}</dd>
        </div>
        <div>
          <dt>{t('hmUnits')}</dt>
          <dd>{int(g.units)}</dd>
        </div>
      </dl>
      <h4 class="hm-flags-title">{t('hmFlags', { n: flags.length, count: int(flags.length) })}</h4>
      {flags.length === 0 ? <p class="hm-noflags">{t('hmNoFlags')}</p> : (
        <ul class="hm-flags">
          {flags.map((f, i) => {
            const r = rule(f.rule);
            return (
              <li key={i} class="hm-flag">
                <span class="hm-flag-name">{RULE_NAMES[f.rule] ? t(RULE_NAMES[f.rule]) : f.rule}</span>
                {f.item && <> · <span class="hm-flag-item">{name(f.item)}</span></>}
                <span class="hm-flag-detail">{f.detail}</span>
                {r && <span class="hm-flag-rule"><strong>{t('hmRuleLabel')}</strong> {r.rule}. <strong>{t('hmRuleSourceLabel')}</strong> {r.source}.</span>}
              </li>
            );
          })}
        </ul>
      )}
    </aside>
  );
}
