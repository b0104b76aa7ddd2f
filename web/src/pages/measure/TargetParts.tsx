// Targets: for each, met or not (in words), and every node short of it
// with the minimum against what the unit attained, largest shortfall
// first; then the next steps toward the nearest unmet target: the nodes to
// raise with their guidance, the level to reach and, for a stage group,
// the indicators still missing up to the stage required.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { int, num } from '../../format';
import { label, answerLabel } from '../../questionnaire';
import { scaleOf } from '../../fw';
import { missingIndicators, nearestUnmet, range, unmetNodes } from '../../maturity';
import { pct, stageLabel } from './ProfileCharts';
import type { MaturityData } from './maturityData';
import type { FwNode, TargetNodeResult, TargetResult } from '../../types';

/** A minimum or an attainment as people read it: a level, a stage, a share. */
export function amount(d: MaturityData, n: FwNode | undefined, x: number | null): string {
  if (x == null) return t('nothingAttained');
  if (!n) return num(x, 2);
  if (scaleOf(n)) return answerLabel(n, String(x));
  if (n.aggregate === 'stage') return stageLabel(d, n, x);
  return pct(x);
}

/** How far below the minimum, in the node's own terms: levels, stages, or percentage points. */
function shortBy(n: FwNode | undefined, x: TargetNodeResult): string {
  if (!n) return t('noValue');
  const [lo] = range(n);
  const gap = x.required - (x.attained ?? lo);
  if (scaleOf(n)) return t('nLevels', { n: gap, count: num(gap, Number.isInteger(gap) ? 0 : 1) });
  if (n.aggregate === 'stage') return t('nStages', { n: gap, count: int(gap) });
  return t('nPoints', { n: gap * 100, count: num(gap * 100, 0) });
}

function pillarOf(d: MaturityData, id: string): FwNode | undefined {
  let cur: string | null | undefined = id, last: string | undefined;
  while (cur) { last = cur; cur = d.ix.parent.get(cur); }
  return last ? d.ix.byId.get(last) : undefined;
}

function UnmetTable({ d, tg, caption }: { d: MaturityData; tg: TargetResult; caption: string }) {
  const rows = unmetNodes(tg, d.ix.byId);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="data unmet stack-table">
        <caption class="sr-only">{caption}</caption>
        <thead><tr>
          <th scope="col">{t('colAspect')}</th><th scope="col">{t('colRequired')}</th><th scope="col">{t('colAttained')}</th>
          <th scope="col" class="num">{t('colShortfall')}</th>
        </tr></thead>
        <tbody>
          {rows.map((x) => {
            const n = d.ix.byId.get(x.node);
            const p = pillarOf(d, x.node);
            return (
              <tr key={x.node} data-node={x.node}>
                <th scope="row">{n ? label(n) : x.node}{p && p !== n && <span class="muted respondent-email">{label(p)}</span>}</th>
                <td data-label={t('cellLabel', { label: t('colRequired') })}>{amount(d, n, x.required)}</td>
                <td data-label={t('cellLabel', { label: t('colAttained') })}>{amount(d, n, x.attained)}</td>
                <td class="num" data-label={t('cellLabel', { label: t('colShortfall') })}>{shortBy(n, x)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function TargetsBlock({ d, open, level = 2 }: { d: MaturityData; open?: boolean; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3', H2 = level === 2 ? 'h3' : 'h4';
  if (!d.targets.length) return null;
  const near = nearestUnmet(d.targets, d.ix.byId);
  const met = d.targets.filter((x) => x.met);
  const title = met.length === d.targets.length ? t('mtTargetsAll', { n: int(d.targets.length) })
    : !met.length ? t('mtTargetsNone', { n: int(d.targets.length) })
      : t('mtTargetsSome', { met: met.map((x) => x.name).join(', '), n: int(met.length), m: int(d.targets.length) });
  return (
    <section class="chart targets" aria-labelledby="targets-title">
      <H class="chart-title" id="targets-title">{title}</H>
      <p class="chart-subtitle">{t('mtTargetsSubtitle')}</p>
      {d.targets.map((tg) => (
        <div class="target" key={tg.id} data-target={tg.id}>
          <H2 class="target-title">
            {tg.name}{' '}
            {tg.met ? <strong class="tag tag-green" data-testid="target-met"><span aria-hidden="true">✓ </span>{t('targetMet')}</strong>
              : <strong class="tag tag-orange" data-testid="target-unmet">{t('targetNotMet')}</strong>}
          </H2>
          <p>{t('targetCount', { n: int(tg.attained), m: int(tg.required) })}</p>
          {!tg.met && (open || tg === near ? <UnmetTable d={d} tg={tg} caption={t('unmetOf', { target: tg.name })} /> : (
            <details class="target-more">
              <summary>{t('showUnmet', { n: tg.required - tg.attained, count: int(tg.required - tg.attained), target: tg.name })}</summary>
              <UnmetTable d={d} tg={tg} caption={t('unmetOf', { target: tg.name })} />
            </details>
          ))}
        </div>
      ))}
      <p class="chart-source">{d.source}</p>
    </section>
  );
}

function Step({ d, x, H }: { d: MaturityData; x: TargetNodeResult; H: 'h3' | 'h4' }) {
  const n = d.ix.byId.get(x.node);
  if (!n) return null;
  const scale = scaleOf(n);
  const level = scale?.levels.find((l) => l.value === x.required);
  const missing = n.aggregate === 'stage' ? missingIndicators(n, x.required, d.reading) : [];
  return (
    <li class="next-step" data-node={x.node}>
      <H class="next-step-title">{label(n)}</H>
      <p class="next-step-move">{t('stepMove', { from: amount(d, n, x.attained), to: amount(d, n, x.required) })}</p>
      {level?.description && <p class="next-step-level"><span class="muted">{t('stepLevelMeans', { level: level.name })}</span> {level.description}</p>}
      {missing.length > 0 && (
        <>
          <p class="next-step-sub">{t('stepMissing', { n: missing.length, count: int(missing.length) })}</p>
          <ul class="next-step-missing">{missing.map((m) => <li key={m.id}>{m.question || m.name || m.id}{m.stage ? <span class="muted"> · {t('stageN', { n: m.stage })}</span> : null}</li>)}</ul>
        </>
      )}
      {n.guidance && <p class="next-step-guidance"><span class="muted">{t('guidance')}:</span> {n.guidance}</p>}
    </li>
  );
}

/** The first FIRST next steps (5 on screen, with a button for the rest; the report says how many more its table lists). */
export function NextSteps({ d, first = 5, printed, level = 2 }: { d: MaturityData; first?: number; printed?: boolean; level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3', H2 = level === 2 ? 'h3' : 'h4';
  const [all, setAll] = useState(false);
  if (!d.targets.length) return null;
  const near = nearestUnmet(d.targets, d.ix.byId);
  if (!near) {
    return (
      <section class="chart next-steps" aria-labelledby="next-title">
        <H class="chart-title" id="next-title">{t('nextAllMet')}</H>
        <p>{t('nextAllMetText')}</p>
      </section>
    );
  }
  const rows = unmetNodes(near, d.ix.byId);
  return (
    <section class="chart next-steps" aria-labelledby="next-title">
      <H class="chart-title" id="next-title">{t('nextTitle', { target: near.name, n: rows.length, count: int(rows.length) })}</H>
      <p class="chart-subtitle">{t('nextSubtitle')}</p>
      <ol class="next-list">{(all ? rows : rows.slice(0, first)).map((x) => <Step key={x.node} d={d} x={x} H={H2} />)}</ol>
      {printed && rows.length > first && <p>{t('nextMore', { n: rows.length - first, count: int(rows.length - first) })}</p>}
      {!printed && rows.length > first && (
        <p class="no-print"><button type="button" class="button-link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('showFewer') : t('showAllN', { n: int(rows.length) })}</button></p>
      )}
      <p class="chart-source">{d.source}</p>
    </section>
  );
}
