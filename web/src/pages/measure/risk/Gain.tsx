// What treatment buys (/risks/{a}/treatment): per level, how many risks
// sit there without measures (inherent), today (current) and once the
// treatments planned are done (target); then per risk its three levels,
// the levels treatment takes off, and the treatments with the status of
// the plan actions they became — how far the gain is on its way.
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { int } from '../../../format';
import { ErrorState, Link, Loading } from '../../../components/ui';
import { PHASES, riskHref, risks, type Matrix, type Phase, type Risk } from '../../../risks';
import { LevelTag, RegisterHeader, WithRegister, phaseName } from './common';

export function RiskGain({ route }: { route: Route }) {
  const gain = useAsync(() => risks.gain(route.id!), [route.id]);
  return (
    <WithRegister route={route} title="rkGainTitle">
      {({ a, list }) => {
        const m = a.matrix;
        const levels = [...m.levels].reverse();
        const byId = new Map(list.map((r) => [r.id, r]));
        const g = gain.data;
        const counts = phaseCounts(list, g || { current: {}, target: {} });
        const top = levels.slice(0, 2);
        const serious = (c: Record<string, number>) => top.reduce((n, l) => n + (c[l.id] || 0), 0);
        const lowered = g ? g.risks.filter((r) => r.levels_off > 0).length : 0;
        return (
          <div class="page page-wide risk">
            <RegisterHeader a={a} current="treatment" h1={t('rkGainTitle')} />
            {gain.state === 'error' ? <ErrorState error={gain.error} retry={gain.retry} /> : !g ? <Loading /> : (
              <>
                <p class="lead" data-testid="gain-lead">{t('rkGainLead', {
                  n: lowered, m: g.risks.length, levels: top.map((l) => l.name).join(' / '),
                  a: serious(counts.inherent), b: serious(counts.current), c: serious(counts.target),
                })}</p>
                <GainCounts m={m} counts={counts} />
                <p class="muted">{t('rkGainNoTarget')}</p>
                <h2>{t('rkGainPerRisk')}</h2>
                <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkGainPerRisk') })}>
                  <table class="data" data-testid="gain-risks">
                    <caption class="sr-only">{t('rkGainPerRisk')}</caption>
                    <thead><tr>
                      <th scope="col">{t('rkRisk')}</th>{PHASES.map((p) => <th scope="col" key={p}>{t(('rkPhShort_' + p) as 'rkPhShort_current')}</th>)}
                      <th scope="col" class="num">{t('rkLevelsOff')}</th><th scope="col">{t('rkTreatments')}</th>
                    </tr></thead>
                    <tbody>
                      {g.risks.map((x) => {
                        const r = byId.get(x.id);
                        return (
                          <tr key={x.id} data-risk={x.id}>
                            <th scope="row"><Link href={href(riskHref(a.id, 'risks/' + encodeURIComponent(x.id)))}>{x.title}</Link></th>
                            <td><LevelTag m={m} level={r?.inherent?.level} /></td>
                            <td><LevelTag m={m} level={x.current?.level} /></td>
                            <td>{x.target ? <LevelTag m={m} level={x.target.level} /> : <span class="muted">{t('rkNoTarget')}</span>}</td>
                            <td class="num">{int(x.levels_off)}</td>
                            <td>{r ? <TreatmentsCell r={r} /> : null}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </div>
        );
      }}
    </WithRegister>
  );
}

/** How many risks sit at each level (highest first) in each phase. */
export function GainCounts({ m, counts }: { m: Matrix; counts: Record<Phase, Record<string, number>> }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkGainCounts') })}>
      <table class="data" data-testid="gain-counts">
        <caption>{t('rkGainCounts')}</caption>
        <thead><tr><th scope="col">{t('rkLevelWord')}</th>{PHASES.map((p) => <th scope="col" class="num" key={p}>{phaseName(p)}</th>)}</tr></thead>
        <tbody>
          {[...m.levels].reverse().map((l) => (
            <tr key={l.id} data-level={l.id}>
              <th scope="row"><LevelTag m={m} level={l.id} /></th>
              {PHASES.map((p) => <td class="num" key={p} data-phase={p}>{int(counts[p][l.id] || 0)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The counts per level of each phase: inherent from the register, current and target from GET .../treatment-gain. */
export function phaseCounts(list: Risk[], g: { current: Record<string, number>; target: Record<string, number> }): Record<Phase, Record<string, number>> {
  const inherent: Record<string, number> = {};
  for (const r of list) if (r.inherent) inherent[r.inherent.level] = (inherent[r.inherent.level] || 0) + 1;
  return { inherent, current: g.current, target: g.target };
}

/** A risk's treatments in short: the option and, for a plan action, its status and progress. */
export function TreatmentsCell({ r }: { r: Risk }) {
  if (!r.treatments.length) return <span class="muted">{t('rkNoTreatments')}</span>;
  return (
    <ul class="plain-list">
      {r.treatments.map((x) => (
        <li key={x.id}>
          <strong>{t(('rkOpt_' + x.option) as 'rkOpt_reduce')}</strong>
          {x.action && <>: <Link href={href(`/plans/${encodeURIComponent(x.action.plan)}/actions/${x.action.id}`)}>{x.action.title}</Link>{' '}
            ({t(('plSt_' + x.action.status) as 'plSt_planned')}, {int(x.action.progress)} %)</>}
        </li>
      ))}
    </ul>
  );
}
