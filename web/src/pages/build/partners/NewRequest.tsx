// Asking for support (/partnerships/requests/new?unit=U, or ?action=A to
// start from a plan action's draft): the focal point of the unit writes
// the request; the server's 422 names the field, shown GOV.UK style at
// the field and in the summary; then the request's page.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { href, navigate, type Route } from '../../../router';
import type { ApiError } from '../../../api';
import { ErrorSummary, type FieldError } from '../../../components/forms';
import { partners, type Source } from '../../../partners';
import { apiFieldError, Choice, DATE_RE, fieldId, Text } from '../fields';
import { Header, MODALITIES, WithRef, requestHref, type Ref } from './common';
import { Checks } from './forms';

const P = 'rq';

interface Draft {
  unit: string; title: string; description: string; themes: string[]; modalities: string[]; languages: string;
  needed_by: string; priority: string; visibility: string; source: Source | null;
}

function Form({ r, start }: { r: Ref; start: Draft }) {
  const [d, setD] = useState<Draft>(start);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [busy, setBusy] = useState(false);
  useEffect(() => setD(start), [start]);
  const set = (k: keyof Draft) => (v: string) => setD((x) => ({ ...x, [k]: v }));
  const toggle = (k: 'themes' | 'modalities') => (v: string) =>
    setD((x) => ({ ...x, [k]: x[k].includes(v) ? x[k].filter((y) => y !== v) : [...x[k], v] }));
  const err = (f: string) => errors.find((e) => e.id === fieldId(P, f))?.message;
  const label = (f: string) => t(('ptF_' + f.replace(/\[.*$/, '').replace(/\..*$/, '')) as 'ptF_title');
  const submit = async (e: Event) => {
    e.preventDefault();
    setTries((x) => x + 1);
    const local: FieldError[] = [];
    if (!d.title.trim()) local.push({ id: fieldId(P, 'title'), message: t('ptNeedTitle') });
    if (!d.themes.length) local.push({ id: fieldId(P, 'themes'), message: t('ptNeedTheme') });
    if (!d.modalities.length) local.push({ id: fieldId(P, 'modalities'), message: t('ptNeedModality') });
    if (!DATE_RE.test(d.needed_by)) local.push({ id: fieldId(P, 'needed_by'), message: t('ptNeedDate') });
    if (local.length) { setErrors(local); return; }
    setBusy(true);
    try {
      const made = await partners.create({
        unit: d.unit, title: d.title.trim(), description: d.description, themes: d.themes, modalities: d.modalities,
        languages: d.languages.split(/[\s,]+/).filter(Boolean), needed_by: d.needed_by, priority: d.priority,
        visibility: d.visibility, source: d.source,
      });
      navigate(requestHref(made.id));
    } catch (x) {
      setErrors([apiFieldError(x as ApiError, P, (id) => !!document.getElementById(id), fieldId(P, 'title'), label)]);
    } finally {
      setBusy(false);
    }
  };
  const subtopics = r.themes.map((th) => ({ value: th.id, label: th.parent ? `${r.theme(th.parent)}: ${th.name}` : th.name }));
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="request-form">
      <ErrorSummary errors={errors} focusKey={tries} />
      {d.source?.kind === 'action' && <p class="inset">{t('ptFromAction', { n: d.source.action ?? 0 })}</p>}
      <Choice id={fieldId(P, 'unit')} label={t('ptF_unit')} value={d.unit} onChange={set('unit')} error={err('unit')}
        options={r.rights.focal_units.map((u) => ({ value: u, label: r.unit(u) }))} />
      <Text id={fieldId(P, 'title')} label={t('ptF_title')} value={d.title} onInput={set('title')} error={err('title')} />
      <Text id={fieldId(P, 'description')} label={t('ptF_description')} value={d.description} onInput={set('description')} error={err('description')} area />
      <Checks id={fieldId(P, 'themes')} legend={t('ptF_themes')} hint={t('ptThemesHint')} error={err('themes')}
        options={subtopics} chosen={d.themes} onToggle={toggle('themes')} />
      <Checks id={fieldId(P, 'modalities')} legend={t('ptF_modalities')} error={err('modalities')}
        options={MODALITIES.map((m) => ({ value: m, label: r.modality(m) }))} chosen={d.modalities} onToggle={toggle('modalities')} />
      <Text id={fieldId(P, 'languages')} label={t('ptF_languages')} hint={t('ptLanguagesHint')} value={d.languages} onInput={set('languages')} error={err('languages')} />
      <Text id={fieldId(P, 'needed_by')} label={t('ptF_needed_by')} hint={t('plDateHint')} value={d.needed_by} onInput={set('needed_by')} error={err('needed_by')} class="input-date" />
      <Choice id={fieldId(P, 'priority')} label={t('ptF_priority')} value={d.priority} onChange={set('priority')} error={err('priority')}
        options={['high', 'medium', 'low'].map((v) => ({ value: v, label: t(('ptPrio_' + v) as 'ptPrio_high') }))} />
      <Choice id={fieldId(P, 'visibility')} label={t('ptF_visibility')} value={d.visibility} onChange={set('visibility')} error={err('visibility')}
        options={['public', 'partners', 'secretariat'].map((v) => ({ value: v, label: t(('ptVis_' + v) as 'ptVis_public') }))} />
      <button class="button" type="submit" disabled={busy}>{t('ptSend')}</button>
    </form>
  );
}

export function NewRequestPage({ route }: { route: Route }) {
  const action = Number(route.params.get('action')) || 0;
  const unit = route.params.get('unit') || '';
  return (
    <WithRef route={route} title="ptNewTitle" load={async () => (action ? partners.draft(action) : null)}>
      {(r, draft) => {
        if (!r.rights.focal_units.length) {
          return (
            <div class="page">
              <Header route={route} h1={t('ptNewTitle')} />
              <p>{t('ptNewOnlyFocal')}</p>
            </div>
          );
        }
        const start: Draft = {
          unit: draft?.unit || (r.rights.focal_units.includes(unit) ? unit : r.rights.focal_units[0]),
          title: draft?.title || '', description: draft?.description || '', themes: draft?.themes || [],
          modalities: draft?.modalities || [], languages: (draft?.languages || ['en']).join(', '), needed_by: '',
          priority: draft?.priority || 'medium', visibility: draft?.visibility || 'partners', source: draft?.source || null,
        };
        return (
          <div class="page partners">
            <Header route={route} h1={t('ptNewTitle')} lead={t('ptNewLead')} />
            <Form r={r} start={start} />
            <p><a href={href('/partnerships')}>{t('ptBackToRequests')}</a></p>
          </div>
        );
      }}
    </WithRef>
  );
}
