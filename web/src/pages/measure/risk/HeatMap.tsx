// Heat maps (/risks/{a}/heatmap?phase&cell&view): the matrix's grid for one
// phase (inherent, current, target), the count of risks in every cell;
// a cell is a button that lists its risks below. Likelihood rises upwards.
// "Table" shows the same figures as one row per risk (its likelihood,
// impact and level in that phase), for a phone or a screen reader.
import { t } from '../../../i18n';
import { setParams, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { textOn } from '../../../colors';
import { int } from '../../../format';
import { Controls, Loading, Select } from '../../../components/ui';
import { ErrorState } from '../../../components/ui';
import { PHASES, isPhase, risks, type Cell, type Matrix, type Phase } from '../../../risks';
import { RegisterHeader, WithRegister, levelNames, phaseName } from './common';
import { RiskTable } from './Register';

export function RiskHeatMap({ route }: { route: Route }) {
  const p = route.params.get('phase');
  const phase: Phase = isPhase(p) ? p : 'current';
  const cell = route.params.get('cell') || '';
  const view = route.params.get('view') === 'table' ? 'table' : 'map';
  const cells = useAsync(() => risks.heatmap(route.id!, phase), [route.id, phase]);
  return (
    <WithRegister route={route} title="rkHeatTitle">
      {({ a, list, tax }) => {
        const m = a.matrix;
        const { lname, iname } = levelNames(m);
        const chosen = cells.data?.find((c) => c.likelihood + ':' + c.impact === cell);
        const rated = list.filter((r) => r[phase]);
        return (
          <div class="page page-wide risk">
            <RegisterHeader a={a} current="heatmap" h1={t('rkHeatTitle')} />
            <p class="lead">{t('rkHeatLead')}</p>
            <Controls label={t('rkHeatControls')}>
              <Select id="rk-phase" label={t('rkPhase')} value={phase} onChange={(v) => setParams({ phase: v === 'current' ? null : v, cell: null })}
                options={PHASES.map((x) => ({ value: x, label: phaseName(x) }))} />
              <Select id="rk-view" label={t('rkView')} value={view} onChange={(v) => setParams({ view: v === 'map' ? null : v })}
                options={[{ value: 'map', label: t('rkViewMap') }, { value: 'table', label: t('rkViewTable') }]} />
            </Controls>
            <p data-testid="heat-rated">{t('rkHeatRated', { n: rated.length, m: list.length, phase: phaseName(phase) })}</p>
            {cells.state === 'error' ? <ErrorState error={cells.error} retry={cells.retry} />
              : !cells.data ? <Loading />
              : view === 'table' ? (
                <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkHeatTableCaption', { phase: phaseName(phase) }) })}>
                  <table class="data" data-testid="heat-table">
                    <caption>{t('rkHeatTableCaption', { phase: phaseName(phase) })}</caption>
                    <thead><tr><th scope="col">{t('rkRisk')}</th><th scope="col">{t('rkLikelihood')}</th><th scope="col">{t('rkImpact')}</th><th scope="col">{t('rkLevelOf')}</th></tr></thead>
                    <tbody>
                      {rated.map((r) => (
                        <tr key={r.id} data-risk={r.id}>
                          <th scope="row">{r.title}</th>
                          <td>{lname(r[phase]!.likelihood)}</td><td>{iname(r[phase]!.impact)}</td><td>{levelNames(m).vname(r[phase]!.level)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : <Grid m={m} cells={cells.data} phase={phase} cell={cell} />}
            {view === 'map' && chosen && (
              <section aria-labelledby="cell-title" data-testid="cell-risks">
                <h2 id="cell-title">{t('rkCellTitle', { l: lname(chosen.likelihood), i: iname(chosen.impact), n: chosen.count })}</h2>
                {chosen.count ? <RiskTable a={a.id} m={m} tax={tax} phase={phase} caption={t('rkCellRisks')} list={list.filter((r) => chosen.risks.includes(r.id))} />
                  : <p>{t('rkCellEmpty')}</p>}
              </section>
            )}
          </div>
        );
      }}
    </WithRegister>
  );
}

/** The grid of PHASE: most likely row at the top, most severe column on the right; CELL is the one chosen. */
export function Grid({ m, cells, phase, cell, still }: { m: Matrix; cells: Cell[]; phase: Phase; cell?: string; still?: boolean }) {
  return (
    <div class="table-wrap heatmap-wrap">
      <table class="heatmap" data-testid="heatmap" data-phase={phase}>
        <caption>{t('rkHeatCaption', { phase: phaseName(phase) })}</caption>
        <thead><tr><td />{m.impact.levels.map((i) => <th scope="col" key={i.id}>{i.name}</th>)}</tr></thead>
        <tbody>
          {[...m.likelihood].reverse().map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.name}</th>
              {m.impact.levels.map((i) => {
                const c = cells.find((x) => x.likelihood === l.id && x.impact === i.id);
                const lv = m.levels.find((x) => x.id === c?.level);
                const bg = lv?.color || '#eee';
                const key = l.id + ':' + i.id;
                const n = c?.count || 0;
                const inner = (
                  <>
                    <span class="cell-count">{int(n)}</span>
                    <span class="sr-only"> {t('rkCellWhere', { n, l: l.name, i: i.name })} </span>
                    <span class="cell-level">{lv?.name}</span>
                  </>
                );
                return (
                  <td key={i.id} style={{ background: bg, color: textOn(bg) }} data-cell={key} data-count={n}>
                    {still ? <span class="cell">{inner}</span> : (
                      <button type="button" class="cell" aria-pressed={cell === key}
                        onClick={() => setParams({ cell: cell === key ? null : key })}>{inner}</button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">{t('rkHeatAxes')}</p>
    </div>
  );
}
