// The charts of a maturity profile, each in a ChartFrame with its table:
// the radar of the mean rating or stage per top-level part (as a share of
// the highest level, with the nearest unmet target's line), the stages
// reached per aspect, and the trend across editions.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { api } from '../../api';
import { useAsync, useMedia } from '../../hooks';
import { int, num } from '../../format';
import { label } from '../../questionnaire';
import { ChartFrame } from '../../components/ChartFrame';
import { ErrorState, Loading } from '../../components/ui';
import { Radar } from '../../charts/Radar';
import { HBars } from '../../charts/HBars';
import { StageHeat } from '../../charts/StageHeat';
import { Line } from '../../charts/Line';
import { SERIES, UNIT_COLOR } from '../../colors';
import {
  fromResult, nearestUnmet, overall, profile, stageMax, stageNames, targetShares, type PartProfile, type Reading,
} from '../../maturity';
import type { MaturityData } from './maturityData';
import type { FwNode, TargetResult } from '../../types';

export const pct = (v: number | null | undefined) => (v == null ? t('noValue') : t('percent', { v: num(v * 100, 0) }));
const TARGET_COLOR = '#c44e00';

/** "2.3 on the 0–4 scale", "stage 1.5 of 4", or nothing for parts of mixed items. */
function meanText(p: PartProfile): string {
  if (p.mean == null || p.kind === 'mixed') return t('noValue');
  return p.kind === 'rating' ? t('meanRating', { mean: num(p.mean, 1), lo: p.lo, hi: p.hi }) : t('meanStage', { mean: num(p.mean, 1), hi: p.hi });
}

export function ProfileChart({ d, file, level = 2 }: { d: MaturityData; file: string; level?: 2 | 3 }) {
  const parts = profile(d.fw, d.its, d.reading);
  if (!parts.length) return null;
  const near = nearestUnmet(d.targets, d.ix.byId);
  const goal = near ? targetShares(d.its, near) : null;
  const goalOf = (p: PartProfile) => {
    if (!goal) return null;
    const xs = d.its.filter((i) => i.pillar === p.pillar && goal.has(i.node)).map((i) => goal.get(i.node)!);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  // On a phone, bars read better than a radar squeezed between its labels.
  const roomy = useMedia('(min-width: 520px)');
  const scored = parts.filter((p) => p.share != null);
  const best = [...scored].sort((a, b) => b.share! - a.share!)[0];
  const worst = [...scored].sort((a, b) => a.share! - b.share!)[0];
  const title = !scored.length ? t('mtProfileTitleNone')
    : scored.length === 1 || best === worst ? t('mtProfileTitleOne', { part: label(best.pillar), share: pct(best.share) })
      : t('mtProfileTitle', { best: label(best.pillar), bestShare: pct(best.share), worst: label(worst.pillar), worstShare: pct(worst.share) });
  const table = {
    columns: [
      { label: t('colPart') }, { label: t('colItems'), numeric: true }, { label: t('colMean') },
      { label: t('colShare'), numeric: true, format: (v: unknown) => pct(v as number | null) },
      ...(near ? [{ label: t('colTargetShare', { target: near.name }), numeric: true, format: (v: unknown) => pct(v as number | null) }] : []),
    ],
    rows: parts.map((p) => [label(p.pillar), t('nOfM', { n: int(p.counted), m: int(p.items) }), meanText(p), p.share, ...(near ? [goalOf(p)] : [])]),
  };
  const series = [
    { label: d.unit.name, short: d.unit.id, color: UNIT_COLOR, values: parts.map((p) => p.share), fill: true },
    ...(near ? [{ label: t('targetLine', { target: near.name }), short: t('targetShort'), color: TARGET_COLOR, values: parts.map(goalOf), dash: '6 4' }] : []),
  ];
  return (
    <ChartFrame file={file} title={title} subtitle={t('mtProfileSubtitle')} source={d.source} table={table} headingLevel={level} class="chart-profile">
      {parts.length >= 3 && roomy ? (
        <Radar axes={parts.map((p) => label(p.pillar))} series={series} percent={(v) => pct(v)}
          ariaLabel={t('mtProfileAria', { unit: d.unit.name, n: parts.length })} />
      ) : (
        <HBars rows={parts.map((p, i) => ({ key: p.pillar.id, label: label(p.pillar), values: series.map((s) => (s.values[i] == null ? null : s.values[i]! * 100)) }))}
          series={series.map((s) => ({ label: s.label, short: s.short, color: s.color }))} max={100} precision={0}
          axisLabel={t('axisShare')} ariaLabel={t('mtProfileAria', { unit: d.unit.name, n: parts.length })} />
      )}
    </ChartFrame>
  );
}

/** The name of stage S of a group ("Formative"), or "stage 2 of 4". */
export function stageLabel(d: MaturityData, n: FwNode, s: number | null): string {
  if (s == null) return t('excluded');
  const names = stageNames(d.fw, n);
  return names ? t('stageNamed', { s, name: names[s] }) : t('stageOf', { s, S: stageMax(n) });
}

export function StageChart({ d, file, level = 2 }: { d: MaturityData; file: string; level?: 2 | 3 }) {
  const groups = d.its.filter((i) => i.kind === 'stage');
  if (!groups.length) return null;
  const S = Math.max(...groups.map((g) => stageMax(g.node)));
  const top = d.fw.stage_names && d.fw.stage_names.length === S + 1 ? d.fw.stage_names : null;
  const columns = Array.from({ length: S }, (_, k) => (top ? top[k + 1] : t('stageN', { n: k + 1 })));
  const rows = groups.map((g) => {
    const s = d.reading.stage(g.node.id);
    const names = stageNames(d.fw, g.node);
    return { label: label(g.node), section: label(g.pillar), reached: s, stages: stageMax(g.node), reachedName: s == null ? t('excluded') : names ? names[s] : t('stageOf', { s, S: stageMax(g.node) }) };
  });
  const reached = rows.map((r) => r.reached).filter((x): x is number => x != null).sort((a, b) => a - b);
  const med = reached.length ? reached[Math.floor((reached.length - 1) / 2)] : null;
  const at = med == null ? 0 : reached.filter((x) => x >= med).length;
  const medName = med == null ? '' : top ? top[med] : t('stageN', { n: med });
  const title = med == null ? t('mtHeatTitleNone') : med === 0 ? t('mtHeatTitleZero', { k: int(reached.filter((x) => x === 0).length), m: int(rows.length) })
    : t('mtHeatTitle', { k: int(at), m: int(rows.length), name: medName });
  const table = {
    columns: [{ label: t('colAspect') }, { label: t('colPart') }, { label: t('colStageReached'), numeric: true }, { label: t('colStageName') }, { label: t('colStages'), numeric: true }],
    rows: groups.map((g, i) => [label(g.node), label(g.pillar), rows[i].reached, rows[i].reachedName, rows[i].stages]),
  };
  return (
    <ChartFrame file={file} title={title} subtitle={t('mtHeatSubtitle', { S })} source={d.source} table={table} headingLevel={level} class="chart-stages">
      <StageHeat rows={rows} columns={columns} excluded={t('excluded')} ariaLabel={t('mtHeatAria', { m: rows.length })} />
    </ChartFrame>
  );
}

/** Each edition of the framework the unit took part in: the published ones, and this one (live or published). */
export function TrendChart({ d, file }: { d: MaturityData; file: string }) {
  const [view, setView] = useState<'all' | 'parts'>('all');
  const eds = d.campaigns.filter((c) => c.framework === d.fw.id && (c.status === 'published' || c.id === d.campaign.id))
    .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
  const h = useAsync(async () => {
    const got = await Promise.all(eds.map(async (c): Promise<{ r: Reading; tg: TargetResult[] } | null> => {
      if (c.id === d.campaign.id) return { r: d.reading, tg: d.targets };
      try {
        const [res, tg] = await Promise.all([api.unitResult(c.id, d.unit.id), api.unitTargets(c.id, d.unit.id).catch(() => ({ targets: [] }))]);
        return { r: fromResult(d.fw, res), tg: tg.targets };
      } catch { return null; }
    }));
    return eds.map((c, i) => ({ c, ...got[i]! })).filter((_, i) => got[i]);
  }, [d.campaign.id, d.unit.id, d.mode]);
  if (h.state === 'loading') return <section class="chart"><Loading /></section>;
  if (h.state === 'error') return <section class="chart"><ErrorState error={h.error} retry={h.retry} /></section>;
  const list = h.data;
  if (list.length < 2) {
    return (
      <section class="chart" aria-labelledby="trend-one">
        <h2 class="chart-title" id="trend-one">{t('mtTrendTitleOne')}</h2>
        <p>{t('mtTrendOne')}</p>
      </section>
    );
  }
  const parts = d.fw.children.filter((p) => d.its.some((i) => i.pillar === p));
  const shares = list.map((x) => ({ all: overall(d.its, x.r), parts: profile(d.fw, d.its, x.r) }));
  const partShare = (k: number, p: FwNode) => shares[k].parts.find((x) => x.pillar === p)?.share ?? null;
  const metOf = (tg: TargetResult[]) => (tg.length ? t('targetsMetShort', { n: int(tg.filter((x) => x.met).length), m: int(tg.length) }) : '');
  const f = shares[0].all, l = shares[shares.length - 1].all;
  const diff = f != null && l != null ? Math.round((l - f) * 100) : null;
  const title = diff == null ? t('mtTrendTitleNone') : diff === 0 ? t('mtTrendTitleFlat', { from: list[0].c.year })
    : t(diff > 0 ? 'mtTrendTitleUp' : 'mtTrendTitleDown', { from: pct(f), to: pct(l), year: list[0].c.year });
  const series = view === 'all'
    ? [{ label: t('mtAllParts'), color: UNIT_COLOR, values: shares.map((s) => (s.all == null ? null : s.all * 100)), notes: list.map((x) => metOf(x.tg)) }]
    : parts.map((p, i) => ({ label: label(p), color: SERIES[i % SERIES.length], dash: i >= SERIES.length ? '5 3' : undefined,
      values: list.map((_, k) => { const v = partShare(k, p); return v == null ? null : v * 100; }) }));
  const table = {
    columns: [
      { label: t('colYear') }, { label: t('colCampaign') },
      { label: t('mtAllParts'), numeric: true, format: (v: unknown) => pct(v as number | null) },
      ...parts.map((p) => ({ label: label(p), numeric: true, format: (v: unknown) => pct(v as number | null) })),
      { label: t('mtTargetsMet') },
    ],
    rows: list.map((x, k) => [String(x.c.year), x.c.title + (x.c.status === 'published' ? '' : ' ' + t('liveSuffix')), shares[k].all,
      ...parts.map((p) => partShare(k, p)), x.tg.filter((y) => y.met).map((y) => y.name).join(', ') || t('none')]),
  };
  return (
    <ChartFrame file={file} title={title} subtitle={t(view === 'all' ? 'mtTrendSubtitle' : 'mtTrendSubtitleParts', { n: int(list.length) })}
      source={d.source} table={table}
      controls={
        <div class="segmented" role="group" aria-label={t('trendMeasure')}>
          <button type="button" aria-pressed={view === 'all'} onClick={() => setView('all')}>{t('mtAllParts')}</button>
          <button type="button" aria-pressed={view === 'parts'} onClick={() => setView('parts')}>{t('mtEachPart')}</button>
        </div>
      }>
      <Line years={list.map((x) => x.c.year)} series={series} max={100} precision={0} ariaLabel={t('mtTrendAria', { unit: d.unit.name, n: list.length })} />
    </ChartFrame>
  );
}
