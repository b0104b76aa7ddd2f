// One risk (/risks/{a}/risks/{r}): the scenario, the three ratings along
// the matrix's impact dimensions (the one agreed in the workshop marked,
// with its dissent), the measures in place (the current rating's
// rationale) and the vulnerabilities, the treatments and the plan actions
// they became (with the plan's status), and a form to add one (errors
// GOV.UK style: a summary at the top linking to each field).
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { date, int } from '../../../format';
import { Link } from '../../../components/ui';
import { ErrorSummary, type FieldError } from '../../../components/forms';
import { ApiError } from '../../../api';
import { plans } from '../../../plans';
import { PHASES, risks, riskHref, type Matrix, type Risk } from '../../../risks';
import { Choice, DATE_RE, Text, apiFieldError } from '../../build/fields';
import { LevelTag, RegisterHeader, WithRegister, levelNames, phaseName, termName } from './common';

export function RiskPage({ route }: { route: Route }) {
  const [tick, setTick] = useState(0);
  return (
    <WithRegister route={route} title="rkRiskTitle" key={tick}>
      {({ a, list, tax }) => {
        const r = list.find((x) => x.id === route.unit);
        const m = a.matrix;
        if (!r) return <div class="page"><h1>{t('rkRiskTitle')}</h1><p>{t('notFoundTitle')}</p></div>;
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
            <RatingsTable m={m} r={r} />
            {PHASES.filter((p) => r[p]?.dissent).map((p) => (
              <p key={p} data-testid={'dissent-' + p}><strong>{t('rkDissentOf', { phase: phaseName(p) })}</strong> {r[p]!.dissent}</p>
            ))}
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
                      ({t(('plSt_' + x.action.status) as 'plSt_planned')}, {int(x.action.progress)} %{x.action.due ? ', ' + t('rkDue', { d: date(x.action.due) }) : ''})</>}
                  </li>
                ))}
              </ul>
            )}
            <TreatForm a={a.id} r={r} unit={a.unit} done={() => setTick((x) => x + 1)} />
            <p class="no-print"><Link href={href(riskHref(a.id))}>{t('rkBack')}</Link></p>
          </div>
        );
      }}
    </WithRegister>
  );
}

/** The three ratings of R, the impact along each dimension, the level; the one agreed in the workshop marked. */
export function RatingsTable({ m, r }: { m: Matrix; r: Risk }) {
  const dims = m.impact.dimensions || [];
  const { lname, iname } = levelNames(m);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('rkAssessmentsOf', { title: r.title }) })}>
      <table class="data ratings" data-testid="ratings">
        <caption class="sr-only">{t('rkAssessmentsOf', { title: r.title })}</caption>
        <thead><tr><th scope="col">{t('rkPhase')}</th><th scope="col">{t('rkLikelihood')}</th>
          {dims.map((d) => <th scope="col" key={d.id}>{d.name}</th>)}<th scope="col">{t('rkImpact')}</th><th scope="col">{t('rkLevelWord')}</th></tr></thead>
        <tbody>
          {PHASES.map((p) => {
            const x = r[p];
            return (
              <tr key={p} data-phase={p}>
                <th scope="row">{phaseName(p)}{x?.workshop ? <span class="muted"> {t('rkAgreed')}</span> : ''}</th>
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
  );
}

const OPTIONS = ['reduce', 'accept', 'share', 'avoid'];
type F = { option: string; justification: string; plan: string; title: string; owner: string; due: string };
const LABEL: Record<string, string> = { option: 'rkOption', justification: 'rkJustification', plan: 'rkPlan', 'action.title': 'rkActionTitle', 'action.owner': 'rkActionOwner', 'action.due': 'rkActionDue', action: 'rkActionTitle' };

/** A treatment: its option and why; a reduce treatment may go to one of the unit's plans as an action. */
function TreatForm({ a, r, unit, done }: { a: string; r: Risk; unit: string; done: () => void }) {
  const unitPlans = useAsync(() => plans.list(unit).then((x) => x.plans.filter((p) => p.unit === unit)), [unit]);
  const [f, setF] = useState<F>({ option: 'reduce', justification: '', plan: '', title: '', owner: '', due: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof F) => (v: string) => setF({ ...f, [k]: v });
  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const toPlan = f.option === 'reduce' && !!f.plan;
  const chosen = unitPlans.data?.find((p) => p.id === f.plan);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const es: FieldError[] = [];
    if (!f.justification.trim()) es.push({ id: 'tr-justification', message: t('rkErrJustification') });
    if (toPlan) {
      if (!f.title.trim()) es.push({ id: 'tr-action-title', message: t('rkErrActionTitle') });
      if (!f.owner.trim()) es.push({ id: 'tr-action-owner', message: t('rkErrActionOwner') });
      if (f.due && !DATE_RE.test(f.due)) es.push({ id: 'tr-action-due', message: t('plErrDate', { field: t('rkActionDue') }) });
    }
    setErrors(es);
    setAttempt((x) => x + 1);
    if (es.length) return;
    const b: Record<string, unknown> = { option: f.option, justification: f.justification.trim() };
    if (toPlan) b.plan = f.plan, b.action = { title: f.title.trim(), owner: f.owner.trim(), due: f.due || null };
    setBusy(true);
    try { await risks.treat(a, r.id, b); done(); } catch (e) {
      setErrors([apiFieldError(e as ApiError, 'tr', (id) => !!document.getElementById(id), 'tr-justification', (x) => t((LABEL[x] || 'rkJustification') as 'rkOption'))]);
      setAttempt((x) => x + 1);
    } finally { setBusy(false); }
  };
  return (
    <form class="form panel no-print" noValidate aria-labelledby="treat-title" onSubmit={submit} data-testid="treat-form">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h3 id="treat-title" class="panel-title">{t('rkTreatAdd')}</h3>
      <Choice id="tr-option" label={t('rkOption')} hint={t('rkOptionHint')} value={f.option} onChange={set('option')} error={err('tr-option')}
        options={OPTIONS.map((o) => ({ value: o, label: t(('rkOpt_' + o) as 'rkOpt_reduce') }))} />
      <Text id="tr-justification" label={t('rkJustification')} value={f.justification} onInput={set('justification')} error={err('tr-justification')} area />
      {f.option === 'reduce' && (
        <Choice id="tr-plan" label={t('rkPlan')} hint={t('rkPlanHint', { unit })} value={f.plan} onChange={set('plan')} error={err('tr-plan')}
          options={[{ value: '', label: t('rkPlanNone') }, ...(unitPlans.data || []).map((p) => ({ value: p.id, label: p.title + (p.public ? ' · ' + t('rkPlanPublic') : '') }))]} />
      )}
      {toPlan && (
        <>
          {chosen?.public && !r.public && <p class="panel panel-warning">{t('rkPlanPublicWarn')}</p>}
          <Text id="tr-action-title" label={t('rkActionTitle')} value={f.title} onInput={set('title')} error={err('tr-action-title')} />
          <Text id="tr-action-owner" label={t('rkActionOwner')} value={f.owner} onInput={set('owner')} error={err('tr-action-owner')} />
          <Text id="tr-action-due" label={t('rkActionDue')} hint={t('plDateHint')} value={f.due} onInput={set('due')} error={err('tr-action-due')} class="input-date" />
        </>
      )}
      <button type="submit" class="button" disabled={busy}>{busy ? t('saving') : t('rkTreatSave')}</button>
    </form>
  );
}
