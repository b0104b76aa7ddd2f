// Compare: two to five units side by side, pillar by pillar. The units are
// chosen with a filterable list of checkboxes (keyboard and screen-reader
// friendly) and kept in the URL (?units=A,B,C).
import { useState } from 'preact/hooks';
import { api } from '../api';
import { useAsync, useTitle } from '../hooks';
import { href, setParams, type Route } from '../router';
import { t } from '../i18n';
import { CampaignGate, CampaignSelect, type Ctx } from '../components/CampaignGate';
import { ChartFrame } from '../components/ChartFrame';
import { Controls, Empty, ErrorState, LevelBadge, Link, Loading } from '../components/ui';
import { int, num, numShort, rank, unitName, collate, fold } from '../format';
import { HBars } from '../charts/HBars';
import { SERIES } from '../colors';
import type { UnitResult } from '../types';

const MAX_UNITS = 5;

export function Compare({ route }: { route: Route }) {
  return <CampaignGate route={route} title={t('compareH1')}>{(ctx) => <CompareBody ctx={ctx} route={route} />}</CampaignGate>;
}

function UnitMultiSelect({ ctx, chosen, onChange }: { ctx: Ctx; chosen: string[]; onChange: (ids: string[]) => void }) {
  const [filter, setFilter] = useState('');
  const f = fold(filter.trim());
  const sorted = ctx.assessed.map((r) => ctx.unitsById.get(r.unit) || { id: r.unit, name: r.name, m49: '', groups: [], fictional: true })
    .sort((a, b) => collate(unitName(a), unitName(b)));
  const list = sorted.filter((u) => !f || fold(unitName(u)).includes(f) || fold(u.id).includes(f));
  const full = chosen.length >= MAX_UNITS;
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <fieldset class="multiselect">
      <legend>{t('compareLegend', { max: MAX_UNITS })}</legend>
      <div class="chosen">
        <p class="chosen-count" role="status">{t('chosenCount', { n: chosen.length, count: int(chosen.length), max: MAX_UNITS })}</p>
        {chosen.length > 0 && (
          <ul class="chips chips-removable" aria-label={t('chosenUnits')}>
            {chosen.map((id, i) => (
              <li key={id}>
                <span class="chip-swatch" style={{ background: SERIES[i % SERIES.length] }} aria-hidden="true" />
                {unitName(ctx.unitsById.get(id), id)}
                <button type="button" class="chip-remove" aria-label={t('removeUnit', { name: unitName(ctx.unitsById.get(id), id) })}
                  onClick={() => toggle(id, false)}>×</button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div class="field">
        <label for="unit-filter">{t('filterUnits')}</label>
        <input id="unit-filter" type="search" value={filter} autocomplete="off"
          aria-describedby="unit-filter-hint" onInput={(e) => setFilter((e.currentTarget as HTMLInputElement).value)} />
        <span class="hint" id="unit-filter-hint">{t('filterUnitsHint', { shown: int(list.length), n: int(sorted.length) })}</span>
      </div>
      <ul class="ms-list">
        {list.map((u) => {
          const on = chosen.includes(u.id);
          return (
            <li key={u.id}>
              <input type="checkbox" id={'cmp-' + u.id} checked={on} disabled={!on && full}
                onChange={(e) => toggle(u.id, (e.currentTarget as HTMLInputElement).checked)} />
              <label for={'cmp-' + u.id}>{unitName(u)}{u.fictional ? '' : ` (${u.id})`}</label>
            </li>
          );
        })}
        {!list.length && <li class="muted">{t('noMatch')}</li>}
      </ul>
      {full && <p class="hint">{t('maxReached', { max: MAX_UNITS })}</p>}
    </fieldset>
  );
}

function CompareBody({ ctx, route }: { ctx: Ctx; route: Route }) {
  const chosen = (route.params.get('units') || '').split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_UNITS);
  const uniq = [...new Set(chosen)];
  useTitle(t('compareDocTitle'));
  const setUnits = (ids: string[]) => setParams({ units: ids.length ? ids.join(',') : null }, true);
  return (
    <div class="page page-wide compare">
      <p class="eyebrow">{t('navCompare')} · {ctx.campaign.title}</p>
      <h1>{t('compareH1')}</h1>
      <div class="compare-layout">
        <div class="compare-side">
          <Controls label={t('chooseWhatToShow')}>
            <CampaignSelect ctx={ctx} />
          </Controls>
          <UnitMultiSelect ctx={ctx} chosen={uniq} onChange={setUnits} />
        </div>
        <div class="compare-main">
          {uniq.length < 2 ? (
            <Empty title={uniq.length ? t('compareOneMore') : t('compareNoneTitle')}>
              <p>{t('compareNoneText')}</p>
              {ctx.assessed.length >= 3 && !uniq.length && (
                <p>
                  <button type="button" class="button" onClick={() => setUnits(ctx.assessed.slice(0, 3).map((r) => r.unit))}>
                    {t('compareTop3')}
                  </button>
                </p>
              )}
            </Empty>
          ) : <CompareResults ctx={ctx} ids={uniq} />}
        </div>
      </div>
    </div>
  );
}

function CompareResults({ ctx, ids }: { ctx: Ctx; ids: string[] }) {
  const fw = ctx.framework;
  const p = fw.precision;
  const data = useAsync(() => Promise.all(ids.map((id) => api.unitResult(ctx.campaign.id, id))), [ctx.campaign.id, ids.join(',')]);
  if (data.state === 'loading') return <Loading />;
  if (data.state === 'error') return <ErrorState error={data.error} retry={data.retry} />;
  const rs = data.data as UnitResult[];
  const label = (r: UnitResult) => unitName(ctx.unitsById.get(r.unit.id), r.unit.name);
  const pillars = rs[0].nodes.filter((n) => n.depth === 1);
  const pmax = Math.max(...pillars.map((n) => n.max));
  const pts = (r: UnitResult, id: string) => r.nodes.find((n) => n.id === id)?.points ?? null;
  // who leads most pillars
  const leads = rs.map(() => 0);
  for (const pil of pillars) {
    let bi = -1, bv = -Infinity;
    rs.forEach((r, i) => { const v = pts(r, pil.id); if (v != null && v > bv) { bv = v; bi = i; } });
    if (bi >= 0) leads[bi]++;
  }
  const li = leads.indexOf(Math.max(...leads));
  const series = rs.map((r, i) => ({ label: label(r), short: r.unit.id, color: SERIES[i % SERIES.length] }));
  const rows = pillars.map((pil) => ({ key: pil.id, label: pil.label, values: rs.map((r) => pts(r, pil.id)) }));
  const table = {
    columns: [
      { label: t('colPillar') },
      { label: t('colMaxPoints'), numeric: true, format: (v: unknown) => numShort(v as number, p) },
      ...rs.map((r) => ({ label: label(r), numeric: true, format: (v: unknown) => num(v as number, p) })),
    ],
    rows: [
      [t('total'), fw.max, ...rs.map((r) => r.nodes[0]?.points ?? null)],
      ...pillars.map((pil) => [pil.label, pil.max, ...rs.map((r) => pts(r, pil.id))]),
    ],
  };
  const root = (r: UnitResult) => r.nodes.find((n) => n.depth === 0)!;
  return (
    <>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="cmp-summary">
        <table class="data compare-summary">
          <caption id="cmp-summary">{t('compareSummaryCaption', { campaign: ctx.campaign.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colUnit')}</th>
              <th scope="col" class="num">{t('colPointsOf', { max: numShort(fw.max, p) })}</th>
              {!ctx.single && <th scope="col" class="num">{t('colRank')}</th>}
              <th scope="col">{t('colLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {rs.map((r, i) => (
              <tr key={r.unit.id}>
                <th scope="row">
                  <span class="chip-swatch" style={{ background: SERIES[i % SERIES.length] }} aria-hidden="true" />
                  <Link href={href('/units/' + encodeURIComponent(r.unit.id), { campaign: ctx.campaign.id })}>{label(r)}</Link>
                </th>
                <td class="num">{num(root(r).points, p)}</td>
                {!ctx.single && <td class="num">{t('rankOf', { rank: rank(root(r).rank, root(r).tied), n: int(root(r).ranked || r.n) })}</td>}
                <td><LevelBadge fw={fw} level={r.level?.id} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ChartFrame file={`compare-${ids.join('-')}-${ctx.campaign.id}`}
        title={t('compareTitle', { unit: label(rs[li]), k: int(leads[li]), n: int(pillars.length) })}
        subtitle={t('compareSubtitle', { max: numShort(pmax, p) })} source={ctx.source} table={table}>
        <HBars rows={rows} series={series} max={pmax} precision={p} axisLabel={t('axisPoints', { max: numShort(pmax, p) })}
          ariaLabel={t('compareAria', { units: rs.map(label).join(', ') })} />
      </ChartFrame>
    </>
  );
}
