// One risk (/risks/{a}/risks/{r}): the scenario, the three ratings along
// the matrix's impact dimensions, the measures in place (the current
// rating's rationale) and the vulnerabilities, the treatments and the plan
// actions they became (with the plan's status), and a form to add one.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { date } from '../../../format';
import { Link } from '../../../components/ui';
import { ApiError } from '../../../api';
import { PHASES, risks, riskHref } from '../../../risks';
import { LevelTag, RegisterHeader, WithRegister, termName } from './common';
import './risk.css';

export function RiskPage({ route }: { route: Route }) {
  const [tick, setTick] = useState(0);
  return (
    <WithRegister route={route} title="rkRiskTitle" key={tick}>
      {({ a, list, tax }) => {
        const r = list.find((x) => x.id === route.unit);
        const m = a.matrix;
        if (!r) return <div class="page"><h1>{t('rkRiskTitle')}</h1><p>{t('notFoundTitle')}</p></div>;
        const dims = m.impact.dimensions || [];
        const lname = (id?: string) => m.likelihood.find((x) => x.id === id)?.name || t('noValue');
        const iname = (id?: string) => m.impact.levels.find((x) => x.id === id)?.name || t('noValue');
        return (
          <div class="page risk">
            <RegisterHeader a={a} current="risk" h1={r.title} />
            <p class="lead">{r.scenario}</p>
            <dl class="card-facts">
              <div><dt>{t('rkOwner')}</dt><dd>{r.owner}</dd></div>
              <div><dt>{t('rkSector')}</dt><dd>{r.sectors.map((s) => termName(tax.sectors, s)).join(', ')}</dd></div>
              <div><dt>{t('rkThreat')}</dt><dd>{termName(tax.threats, r.threat)}</dd></div>
              <div><dt>{t('rkActor')}</dt><dd>{termName(tax.actors, r.actor)}</dd></div>
              <div><dt>{t('rkReview')}</dt><dd>{r.review_date ? date(r.review_date) : t('noValue')}</dd></div>
              <div><dt>{t('rkPublic')}</dt><dd>{r.public ? t('rkPublicYes', { title: r.public_title || '' }) : t('rkPublicNo')}</dd></div>
            </dl>
            <h2>{t('rkAssessments')}</h2>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkAssessments') })}>
              <table class="data" data-testid="ratings">
                <caption class="sr-only">{t('rkAssessments')}</caption>
                <thead><tr><th scope="col">{t('rkPhase')}</th><th scope="col">{t('rkLikelihood')}</th>
                  {dims.map((d) => <th scope="col" key={d.id}>{d.name}</th>)}<th scope="col">{t('rkImpact')}</th><th scope="col">{t('rkLevel')}</th></tr></thead>
                <tbody>
                  {PHASES.map((p) => {
                    const x = r[p];
                    return (
                      <tr key={p}>
                        <th scope="row">{t(('rkPh_' + p) as 'rkPh_current')}{x?.workshop ? ' ' + t('rkAgreed') : ''}</th>
                        <td>{lname(x?.likelihood)}</td>
                        {dims.map((d) => <td key={d.id}>{x?.impacts?.[d.id] ? iname(x.impacts[d.id]) : t('noValue')}</td>)}
                        <td>{iname(x?.impact)}</td>
                        <td><LevelTag m={m} level={x?.level} /></td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <h2>{t('rkControls')}</h2>
            <p>{r.current?.rationale || t('rkNoRationale')}</p>
            <h3>{t('rkVulns')}</h3>
            <p>{r.vulnerabilities || t('noValue')}</p>
            {r.nodes.length > 0 && <ul>{r.nodes.map((n) => <li key={n.framework + n.node}><span class="code">{n.framework}: {n.node}</span></li>)}</ul>}
            <h2>{t('rkTreatments')}</h2>
            {!r.treatments.length ? <p>{t('rkNoTreatments')}</p> : (
              <ul class="link-list" data-testid="treatments">
                {r.treatments.map((x) => (
                  <li key={x.id}>
                    <strong>{t(('rkOpt_' + x.option) as 'rkOpt_reduce')}</strong>: {x.justification}
                    {x.action && <> — {t('rkAction')} <Link href={href(`/plans/${encodeURIComponent(x.action.plan)}/actions/${x.action.id}`)}>{x.action.title}</Link>{' '}
                      ({t(('plSt_' + x.action.status) as 'plSt_planned')}{x.action.due ? ', ' + t('rkDue', { d: date(x.action.due) }) : ''})</>}
                  </li>
                ))}
              </ul>
            )}
            <TreatForm a={a.id} r={r.id} unit={a.unit} done={() => setTick((x) => x + 1)} />
            <p class="no-print"><Link href={href(riskHref(a.id))}>{t('rkBack')}</Link></p>
          </div>
        );
      }}
    </WithRegister>
  );
}

function TreatForm({ a, r, unit, done }: { a: string; r: string; unit: string; done: () => void }) {
  const [err, setErr] = useState<ApiError | null>(null);
  return (
    <form class="panel no-print" aria-labelledby="treat-title" onSubmit={async (ev) => {
      ev.preventDefault();
      const f = new FormData(ev.currentTarget as HTMLFormElement);
      const b: Record<string, unknown> = { option: f.get('option'), justification: f.get('justification') };
      if (f.get('plan')) b.plan = f.get('plan'), b.action = { title: f.get('title'), owner: f.get('owner'), due: f.get('due') };
      try { await risks.treat(a, r, b); setErr(null); done(); } catch (e) { setErr(e as ApiError); }
    }}>
      <h3 id="treat-title" class="panel-title">{t('rkTreatAdd')}</h3>
      {err && <p class="state-error" role="alert">{t('errGeneric', { message: err.message })}{err.field ? ` (${err.field})` : ''}</p>}
      <div class="field"><label for="tr-option">{t('rkOption')}</label>
        <select id="tr-option" name="option">{['reduce', 'accept', 'share', 'avoid'].map((o) => <option key={o} value={o}>{t(('rkOpt_' + o) as 'rkOpt_reduce')}</option>)}</select></div>
      <div class="field"><label for="tr-just">{t('rkJustification')}</label><textarea id="tr-just" name="justification" required rows={3} /></div>
      <div class="field"><label for="tr-plan">{t('rkPlan')}</label><span class="hint" id="tr-plan-hint">{t('rkPlanHint', { unit })}</span>
        <input id="tr-plan" name="plan" aria-describedby="tr-plan-hint" /></div>
      <div class="field"><label for="tr-title">{t('rkActionTitle')}</label><input id="tr-title" name="title" /></div>
      <div class="field"><label for="tr-owner">{t('rkActionOwner')}</label><input id="tr-owner" name="owner" /></div>
      <div class="field"><label for="tr-due">{t('rkActionDue')}</label><input id="tr-due" name="due" type="date" /></div>
      <button type="submit" class="button">{t('rkTreatSave')}</button>
    </form>
  );
}
