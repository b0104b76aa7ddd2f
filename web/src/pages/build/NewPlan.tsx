// "New plan" (/plans/new?unit=U): id, title, period, the published campaign
// the plan starts from, and a template (none, the CIRT establishment
// programme, developing a national strategy). Errors GOV.UK style: checked
// here first, then the field the server names in a 422.
import './build.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { navigate, type Route } from '../../router';
import { api, type ApiError } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { unitName } from '../../format';
import { Loading } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { useSession } from '../../session';
import { mayEdit, plans } from '../../plans';
import { ApiError as AE } from '../../api';
import type { Campaign, Unit } from '../../types';
import { Choice, DATE_RE, Text, apiFieldError } from './fields';
import { planHref } from './common';

const F = ['id', 'title', 'start', 'end', 'baseline', 'template'] as const;
type K = typeof F[number];
const LABEL: Record<K, 'plFId' | 'plFTitle' | 'plFStart' | 'plFEnd' | 'plFBaseline' | 'plFTemplate'> = {
  id: 'plFId', title: 'plFTitle', start: 'plFStart', end: 'plFEnd', baseline: 'plFBaseline', template: 'plFTemplate',
};

export function NewPlan({ route }: { route: Route }) {
  const s = useSession(true);
  const unit = route.params.get('unit') || '';
  const title = t('plNewTitle');
  const data = useAsync(() => Promise.all([api.units().catch(() => [] as Unit[]), api.campaigns().catch(() => [] as Campaign[])]), [unit]);
  useTitle(title);
  if (s.status === 'unknown' || data.state === 'loading') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  if (!unit || !mayEdit(s.user, unit)) return <AccessError title={title} error={new AE(403, 'forbidden', '')} route={route} />;
  const [units, campaigns] = data.data || [[], []];
  return <NewPlanForm unit={unit} unitLabel={unitName(units.find((u) => u.id === unit), unit)} campaigns={campaigns.filter((c) => c.status === 'published')} />;
}

function NewPlanForm({ unit, unitLabel, campaigns }: { unit: string; unitLabel: string; campaigns: Campaign[] }) {
  const y = new Date().getUTCFullYear();
  const [f, setF] = useState<Record<K, string>>({ id: '', title: '', start: `${y}-01-01`, end: `${y + 1}-12-31`, baseline: '', template: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (k: K) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const err = (k: K) => errors.find((e) => e.id === 'np-' + k)?.message;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const es: FieldError[] = [];
    if (!/^[a-z0-9._-]{1,64}$/.test(f.id)) es.push({ id: 'np-id', message: t('plErrId') });
    if (!f.title.trim()) es.push({ id: 'np-title', message: t('plErrTitle') });
    if (!DATE_RE.test(f.start)) es.push({ id: 'np-start', message: t('plErrDate', { field: t('plFStart') }) });
    if (!DATE_RE.test(f.end)) es.push({ id: 'np-end', message: t('plErrDate', { field: t('plFEnd') }) });
    setAttempt((x) => x + 1);
    setErrors(es);
    if (es.length) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { id: f.id, unit, title: f.title.trim(), start: f.start, end: f.end };
      if (f.baseline) body.baseline = f.baseline;
      if (f.template) body.template = f.template;
      const p = await plans.create(body);
      navigate(planHref(p.id));
    } catch (e) {
      const ae = e as ApiError;
      setErrors([ae.status === 409
        ? { id: 'np-id', message: t('plErrIdTaken') }
        : apiFieldError(ae, 'np', (id) => F.some((k) => 'np-' + k === id), 'np-id', (fl) => (fl in LABEL ? t(LABEL[fl as K]) : fl))]);
      setAttempt((x) => x + 1);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page page-narrow">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <p class="eyebrow">{t('plPlansOf', { unit: unitLabel })}</p>
      <h1>{t('plNewTitle')}</h1>
      <form class="form" noValidate onSubmit={submit} data-testid="new-plan">
        <Text id="np-id" label={t('plFId')} hint={t('plFIdHint')} error={err('id')} value={f.id} onInput={set('id')} extra={{ autoComplete: 'off', spellcheck: 'false' }} />
        <Text id="np-title" label={t('plFTitle')} error={err('title')} value={f.title} onInput={set('title')} />
        <div class="form-row">
          <Text id="np-start" label={t('plFStart')} hint={t('plDateHint')} error={err('start')} value={f.start} onInput={set('start')} class="input-date" />
          <Text id="np-end" label={t('plFEnd')} hint={t('plDateHint')} error={err('end')} value={f.end} onInput={set('end')} class="input-date" />
        </div>
        <Choice id="np-baseline" label={t('plFBaseline')} hint={t('plFBaselineHint')} error={err('baseline')} value={f.baseline} onChange={set('baseline')}
          options={[{ value: '', label: t('plBaselineDefault') }, ...campaigns.map((c) => ({ value: c.id, label: c.title || c.id }))]} />
        <Choice id="np-template" label={t('plFTemplate')} error={err('template')} value={f.template} onChange={set('template')}
          options={[{ value: '', label: t('plTplNone') }, { value: 'cirt-establishment', label: t('plTplCirt') }, { value: 'ncs-development', label: t('plTplNcs') }]} />
        <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('plCreate')}</button>
      </form>
    </div>
  );
}
