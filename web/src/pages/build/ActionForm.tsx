// The action form (/plans/{p}/actions/new?objective=O and /plans/{p}/actions/{a}):
// every field of an action, KPIs with their measurements, evidence links
// and the framework nodes it addresses. Errors GOV.UK style: the summary at
// the top links to each field; checked here first, then the field the
// server names in a 422 (`due`, `kpis[1].name`, `links[0].node`).
import './build.css';
import { useState } from 'preact/hooks';
import { t, type Key } from '../../i18n';
import { navigate, type Route } from '../../router';
import { api, type ApiError } from '../../api';
import { useAsync } from '../../hooks';
import { Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { STATUSES, plans, type Action, type Kpi, type Link as NodeLink } from '../../plans';
import { ApiError as AE } from '../../api';
import { PlanHeader, WithPlan, planHref, statusName, val, type PlanData } from './common';
import { SourceNote } from './SourceNote';
import { Choice, DATE_RE, Text, apiFieldError } from './fields';

export function ActionPage({ route }: { route: Route }) {
  const isNew = route.unit === 'new';
  return (
    <WithPlan route={route} title={isNew ? 'plNewAction' : 'plEditAction'}>
      {(d) => d.edit ? <ActionLoader route={route} d={d} /> : <AccessError title={t('plEditAction')} error={new AE(403, 'forbidden', '')} route={route} />}
    </WithPlan>
  );
}

function ActionLoader({ route, d }: { route: Route; d: PlanData }) {
  const a = route.unit === 'new' ? null : Number(route.unit);
  const data = useAsync(async () => {
    const [action, fws] = await Promise.all([a ? plans.action(d.plan.id, a) : Promise.resolve(null), api.frameworks().catch(() => [])]);
    return { action, fws };
  }, [d.plan.id, a]);
  if (data.state === 'error') return <AccessError title={t('plEditAction')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('plEditAction')}</h1><Loading /></div>;
  const objective = Number(route.params.get('objective')) || d.plan.objectives[0]?.id || 0;
  return <ActionForm d={d} action={data.data.action} objective={objective} frameworks={data.data.fws.map((f) => ({ value: f.id, label: f.title || f.id }))} />;
}

interface KpiRow { name: string; unit: string; baseline: string; target: string; measurements: { date: string; value: number }[] }
interface MRow { kpi: string; date: string; value: string }
interface F {
  objective: string; title: string; description: string; lead_agency: string; owner: string; partners: string;
  start: string; due: string; amount: string; currency: string; funding_source: string; status: string; progress: string;
  evidence: string; kpis: KpiRow[]; measures: MRow[]; links: NodeLink[];
}

const s = (x: number | null | undefined) => (x == null ? '' : String(x));
function initial(a: Action | null, objective: number): F {
  return {
    objective: String(a?.objective ?? objective), title: a?.title || '', description: a?.description || '', lead_agency: a?.lead_agency || '',
    owner: a?.owner || '', partners: a?.partners || '', start: a?.start || '', due: a?.due || '',
    amount: s(a?.budget?.amount), currency: a?.budget?.currency || '', funding_source: a?.funding_source || '',
    status: a ? (a.status === 'proposed' ? 'planned' : a.status) : 'planned', progress: s(a?.progress ?? 0),
    evidence: (a?.evidence || []).join('\n'),
    kpis: (a?.kpis || []).map((k: Kpi) => ({ name: k.name, unit: k.unit, baseline: s(k.baseline), target: s(k.target), measurements: k.measurements || [] })),
    measures: [], links: a?.links?.map((l) => ({ framework: l.framework, node: l.node, campaign: l.campaign, label: l.label })) || [],
  };
}

const LABEL: Record<string, Key> = {
  objective: 'plFObjective', title: 'plFTitle', description: 'plFDescription', lead_agency: 'plFLead', owner: 'plFOwner', partners: 'plFPartners',
  start: 'plFStart', due: 'plFDue', 'budget.amount': 'plFAmount', 'budget.currency': 'plFCurrency', funding_source: 'plFFunding',
  status: 'plFStatus', progress: 'plFProgress', evidence: 'plFEvidence', kpis: 'plKpis', links: 'plLinks', kpi_measurements: 'plMeasurement',
};
const label = (f: string) => {
  const m = /^(\w+)\[(\d+)\]\.?(\w*)$/.exec(f);
  if (m) return t('plListField', { list: t(LABEL[m[1]] || 'plFTitle'), n: Number(m[2]) + 1, field: m[3] || '' }).trim();
  return LABEL[f] ? t(LABEL[f]) : f;
};
const NUM = /^-?\d+(\.\d+)?$/;

function ActionForm({ d, action, objective, frameworks }: { d: PlanData; action: Action | null; objective: number; frameworks: { value: string; label: string }[] }) {
  const { plan } = d;
  const [f, setF] = useState<F>(() => initial(action, objective));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof F) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const kpiSet = (i: number, k: keyof KpiRow) => (v: string) => setF((o) => ({ ...o, kpis: o.kpis.map((x, j) => (j === i ? { ...x, [k]: v } : x)) }));
  const mSet = (i: number, k: keyof MRow) => (v: string) => setF((o) => ({ ...o, measures: o.measures.map((x, j) => (j === i ? { ...x, [k]: v } : x)) }));
  const lSet = (i: number, k: 'framework' | 'node') => (v: string) => setF((o) => ({ ...o, links: o.links.map((x, j) => (j === i ? { ...x, [k]: v, label: null } : x)) }));

  const check = (): FieldError[] => {
    const es: FieldError[] = [];
    if (!f.title.trim()) es.push({ id: 'af-title', message: t('plErrActionTitle') });
    if (!f.owner.trim() && f.status !== 'proposed') es.push({ id: 'af-owner', message: t('plErrOwner') });
    for (const k of ['start', 'due'] as const) {
      if (f[k] && !DATE_RE.test(f[k])) es.push({ id: 'af-' + k, message: t('plErrDate', { field: t(LABEL[k]) }) });
      else if (!f[k] && f.status !== 'proposed') es.push({ id: 'af-' + k, message: t('plErrDateNeeded', { field: t(LABEL[k]) }) });
    }
    if (f.amount && !NUM.test(f.amount)) es.push({ id: 'af-budget-amount', message: t('plErrAmount') });
    if (f.amount && !/^[A-Z]{3}$/.test(f.currency)) es.push({ id: 'af-budget-currency', message: t('plErrCurrency') });
    if (!/^\d{1,3}$/.test(f.progress) || Number(f.progress) > 100) es.push({ id: 'af-progress', message: t('plErrProgress') });
    f.kpis.forEach((k, i) => {
      if (!k.name.trim()) es.push({ id: `af-kpis-${i}-name`, message: t('plErrKpiName', { n: i + 1 }) });
      for (const x of ['baseline', 'target'] as const) if (k[x] && !NUM.test(k[x])) es.push({ id: `af-kpis-${i}-${x}`, message: t('plErrKpiNumber', { n: i + 1 }) });
    });
    f.measures.forEach((m, i) => {
      if (!DATE_RE.test(m.date)) es.push({ id: `af-kpi_measurements-${i}-date`, message: t('plErrMDate', { n: i + 1 }) });
      if (!NUM.test(m.value)) es.push({ id: `af-kpi_measurements-${i}-value`, message: t('plErrMValue', { n: i + 1 }) });
    });
    return es;
  };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const es = check();
    setAttempt((x) => x + 1);
    setErrors(es);
    if (es.length) return;
    const body: Record<string, unknown> = {
      objective: Number(f.objective), title: f.title.trim(), description: f.description, lead_agency: f.lead_agency, owner: f.owner.trim(),
      partners: f.partners, start: f.start || null, due: f.due || null, funding_source: f.funding_source, status: f.status, progress: Number(f.progress),
      evidence: f.evidence.split('\n').map((x) => x.trim()).filter(Boolean),
      kpis: f.kpis.map((k) => ({ name: k.name.trim(), unit: k.unit, baseline: k.baseline === '' ? null : Number(k.baseline), target: k.target === '' ? null : Number(k.target) })),
      links: f.links.filter((l) => l.framework || l.node).map((l) => ({ framework: l.framework, node: l.node.trim(), ...(l.campaign ? { campaign: l.campaign } : {}) })),
    };
    if (f.amount) body.budget = { amount: Number(f.amount), currency: f.currency };
    if (f.measures.length) body.kpi_measurements = f.measures.map((m) => ({ kpi: m.kpi, date: m.date, value: Number(m.value) }));
    if (!action) { if (!f.start) delete body.start; if (!f.due) delete body.due; }
    setBusy(true);
    try {
      if (action) await plans.patchAction(plan.id, action.id, body);
      else await plans.addAction(plan.id, body);
      navigate(planHref(plan.id));
    } catch (e) {
      setErrors([apiFieldError(e as ApiError, 'af', (id) => !!document.getElementById(id), 'af-title', label)]);
      setAttempt((x) => x + 1);
    } finally {
      setBusy(false);
    }
  };

  const drop = async () => {
    if (!action) return;
    try { await plans.dropAction(plan.id, action.id); navigate(planHref(plan.id)); }
    catch (e) { setErrors([{ id: 'af-title', message: t('errGeneric', { message: (e as ApiError).message }) }]); setAttempt((x) => x + 1); }
  };

  return (
    <div class="page page-narrow action-form">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PlanHeader d={d} current="action" h1={action ? t('plEditActionH1', { title: action.title }) : t('plNewAction')} />
      {action?.source && <SourceNote source={action.source} />}
      <form class="form" noValidate onSubmit={submit} data-testid="action-form">
        <Choice id="af-objective" label={t('plFObjective')} error={err('af-objective')} value={f.objective} onChange={set('objective')}
          options={plan.objectives.map((o) => ({ value: String(o.id), label: o.title }))} />
        <Text id="af-title" label={t('plFTitle')} error={err('af-title')} value={f.title} onInput={set('title')} />
        <Text id="af-description" label={t('plFDescription')} error={err('af-description')} value={f.description} onInput={set('description')} area />
        <Text id="af-lead_agency" label={t('plFLead')} error={err('af-lead_agency')} value={f.lead_agency} onInput={set('lead_agency')} />
        <Text id="af-owner" label={t('plFOwner')} hint={t('plFOwnerHint')} error={err('af-owner')} value={f.owner} onInput={set('owner')} />
        <Text id="af-partners" label={t('plFPartners')} error={err('af-partners')} value={f.partners} onInput={set('partners')} />
        <div class="form-row">
          <Text id="af-start" label={t('plFStart')} hint={t('plDateHint')} error={err('af-start')} value={f.start} onInput={set('start')} class="input-date" />
          <Text id="af-due" label={t('plFDue')} hint={t('plDateHint')} error={err('af-due')} value={f.due} onInput={set('due')} class="input-date" />
        </div>
        <div class="form-row">
          <Text id="af-budget-amount" label={t('plFAmount')} error={err('af-budget-amount')} value={f.amount} onInput={set('amount')} class="input-num" extra={{ inputMode: 'decimal' }} />
          <Text id="af-budget-currency" label={t('plFCurrency')} hint={t('plFCurrencyHint')} error={err('af-budget-currency')} value={f.currency} onInput={(v) => set('currency')(v.toUpperCase())} class="input-cur" />
        </div>
        <Text id="af-funding_source" label={t('plFFunding')} error={err('af-funding_source')} value={f.funding_source} onInput={set('funding_source')} />
        <div class="form-row">
          <Choice id="af-status" label={t('plFStatus')} error={err('af-status')} value={f.status} onChange={set('status')}
            options={STATUSES.map((x) => ({ value: x, label: statusName(x) }))} />
          <Text id="af-progress" label={t('plFProgress')} hint={t('plFProgressHint')} error={err('af-progress')} value={f.progress} onInput={set('progress')} class="input-num" extra={{ inputMode: 'numeric' }} />
        </div>

        <fieldset class="fieldset">
          <legend>{t('plKpis')}</legend>
          {f.kpis.map((k, i) => (
            <div class="kpi-row" key={i} data-kpi={i}>
              <div class="form-row">
                <Text id={`af-kpis-${i}-name`} label={t('plKpiName', { n: i + 1 })} error={err(`af-kpis-${i}-name`)} value={k.name} onInput={kpiSet(i, 'name')} />
                <Text id={`af-kpis-${i}-unit`} label={t('plKpiUnit')} error={err(`af-kpis-${i}-unit`)} value={k.unit} onInput={kpiSet(i, 'unit')} class="input-num" />
                <Text id={`af-kpis-${i}-baseline`} label={t('plKpiBaseline')} error={err(`af-kpis-${i}-baseline`)} value={k.baseline} onInput={kpiSet(i, 'baseline')} class="input-num" />
                <Text id={`af-kpis-${i}-target`} label={t('plKpiTarget')} error={err(`af-kpis-${i}-target`)} value={k.target} onInput={kpiSet(i, 'target')} class="input-num" />
              </div>
              {k.measurements.length > 0 && (
                <p class="hint">{t('plMeasured')} {k.measurements.map((m) => `${m.date}: ${val(m.value)}`).join('; ')}</p>
              )}
              <button type="button" class="button-link" onClick={() => setF((o) => ({ ...o, kpis: o.kpis.filter((_, j) => j !== i) }))}>{t('plRemoveKpi', { n: i + 1 })}</button>
            </div>
          ))}
          <button type="button" class="button button-secondary" onClick={() => setF((o) => ({ ...o, kpis: [...o.kpis, { name: '', unit: '', baseline: '', target: '', measurements: [] }] }))}>{t('plAddKpi')}</button>
          {f.kpis.some((k) => k.name.trim()) && (
            <>
              <h3 class="sub">{t('plMeasurements')}</h3>
              {f.measures.map((m, i) => (
                <div class="form-row" key={i}>
                  <Choice id={`af-kpi_measurements-${i}-kpi`} label={t('plMKpi')} error={err(`af-kpi_measurements-${i}-kpi`)} value={m.kpi} onChange={mSet(i, 'kpi')}
                    options={f.kpis.filter((k) => k.name.trim()).map((k) => ({ value: k.name.trim(), label: k.name }))} />
                  <Text id={`af-kpi_measurements-${i}-date`} label={t('plMDate')} hint={t('plDateHint')} error={err(`af-kpi_measurements-${i}-date`)} value={m.date} onInput={mSet(i, 'date')} class="input-date" />
                  <Text id={`af-kpi_measurements-${i}-value`} label={t('plMValue')} error={err(`af-kpi_measurements-${i}-value`)} value={m.value} onInput={mSet(i, 'value')} class="input-num" />
                </div>
              ))}
              <button type="button" class="button button-secondary" onClick={() => setF((o) => ({ ...o, measures: [...o.measures, { kpi: o.kpis.find((k) => k.name.trim())!.name.trim(), date: '', value: '' }] }))}>{t('plAddMeasurement')}</button>
            </>
          )}
        </fieldset>

        <Text id="af-evidence" label={t('plFEvidence')} hint={t('plFEvidenceHint')} error={err('af-evidence')} value={f.evidence} onInput={set('evidence')} area />

        <fieldset class="fieldset">
          <legend>{t('plLinks')}</legend>
          <p class="hint">{t('plLinksHint')}</p>
          {f.links.map((l, i) => (
            <div class="form-row" key={i} data-link={i}>
              <Choice id={`af-links-${i}-framework`} label={t('plLinkFw', { n: i + 1 })} error={err(`af-links-${i}-framework`)} value={l.framework} onChange={lSet(i, 'framework')}
                options={[{ value: '', label: t('plChoose') }, ...frameworks]} />
              <Text id={`af-links-${i}-node`} label={t('plLinkNode')} hint={l.label || undefined} error={err(`af-links-${i}-node`) || err(`af-links-${i}-campaign`)} value={l.node} onInput={lSet(i, 'node')} />
              <button type="button" class="button-link" onClick={() => setF((o) => ({ ...o, links: o.links.filter((_, j) => j !== i) }))}>{t('plRemoveLink', { n: i + 1 })}</button>
            </div>
          ))}
          <button type="button" class="button button-secondary" onClick={() => setF((o) => ({ ...o, links: [...o.links, { framework: '', node: '' }] }))}>{t('plAddLink')}</button>
        </fieldset>

        <div class="button-row">
          <button type="submit" class="button" disabled={busy}>{busy ? t('working') : action ? t('plSaveAction') : t('plCreateAction')}</button>
          {action && action.status === 'proposed' && <button type="button" class="button button-warning" onClick={drop}>{t('plDrop')}</button>}
        </div>
      </form>
    </div>
  );
}
