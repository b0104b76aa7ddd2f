// Heat maps (/risks/{a}/heatmap?phase&cell): the matrix's grid for one
// phase (inherent, current, target), the count of risks in every cell;
// a cell is a button that lists its risks below. Likelihood rises upwards.
import { t } from '../../../i18n';
import { setParams, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { textOn } from '../../../colors';
import { Controls, Loading, Select } from '../../../components/ui';
import { PHASES, risks, type Phase } from '../../../risks';
import { RegisterHeader, WithRegister } from './common';
import { RiskTable } from './Register';
import './risk.css';

export function RiskHeatMap({ route }: { route: Route }) {
  const phase = (PHASES as readonly string[]).includes(route.params.get('phase') || '') ? route.params.get('phase') as Phase : 'current';
  const cell = route.params.get('cell') || '';
  const cells = useAsync(() => risks.heatmap(route.id!, phase), [route.id, phase]);
  return (
    <WithRegister route={route} title="rkHeatTitle">
      {({ a, list, tax }) => {
        const m = a.matrix;
        const chosen = cells.data?.find((c) => c.likelihood + ':' + c.impact === cell);
        const name = (xs: { id: string; name: string }[], id: string) => xs.find((x) => x.id === id)?.name || id;
        return (
          <div class="page page-wide risk">
            <RegisterHeader a={a} current="heatmap" h1={t('rkHeatTitle')} />
            <p class="lead">{t('rkHeatLead')}</p>
            <Controls label={t('rkPhase')}>
              <Select id="rk-phase" label={t('rkPhase')} value={phase} onChange={(v) => setParams({ phase: v, cell: null })}
                options={PHASES.map((p) => ({ value: p, label: t(('rkPh_' + p) as 'rkPh_current') }))} />
            </Controls>
            {!cells.data ? <Loading /> : (
              <div class="table-wrap">
                <table class="heatmap" data-testid="heatmap">
                  <caption>{t('rkHeatCaption', { phase: t(('rkPh_' + phase) as 'rkPh_current') })}</caption>
                  <thead><tr><td />{m.impact.levels.map((i) => <th scope="col" key={i.id}>{i.name}</th>)}</tr></thead>
                  <tbody>
                    {[...m.likelihood].reverse().map((l) => (
                      <tr key={l.id}>
                        <th scope="row">{l.name}</th>
                        {m.impact.levels.map((i) => {
                          const c = cells.data!.find((x) => x.likelihood === l.id && x.impact === i.id);
                          const lv = m.levels.find((x) => x.id === c?.level);
                          const bg = lv?.color || '#eee';
                          const key = l.id + ':' + i.id;
                          return (
                            <td key={i.id} style={{ background: bg, color: textOn(bg) }}>
                              <button type="button" class="cell" aria-pressed={cell === key} data-cell={key}
                                aria-label={t('rkCellLabel', { n: c?.count || 0, l: l.name, i: i.name, level: lv?.name || '' })}
                                onClick={() => setParams({ cell: cell === key ? null : key })}>
                                <span class="cell-count">{c?.count || 0}</span><span class="cell-level">{lv?.name}</span>
                              </button>
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
                <p class="muted">{t('rkHeatAxes')}</p>
              </div>
            )}
            {chosen && (
              <section aria-labelledby="cell-title" data-testid="cell-risks">
                <h2 id="cell-title">{t('rkCellTitle', { l: name(m.likelihood, chosen.likelihood), i: name(m.impact.levels, chosen.impact), n: chosen.count })}</h2>
                {chosen.count ? <RiskTable a={a.id} m={m} tax={tax} caption={t('rkCellRisks')} list={list.filter((r) => chosen.risks.includes(r.id))} />
                  : <p>{t('rkCellEmpty')}</p>}
              </section>
            )}
          </div>
        );
      }}
    </WithRegister>
  );
}
