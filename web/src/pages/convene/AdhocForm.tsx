// The controllers' ad-hoc inject (in the control room, while the drill runs
// or is paused): a message written now and delivered at once to the teams
// chosen. GOV.UK-style errors: a summary linking to each field and the
// message at the field.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ApiError } from '../../api';
import { drills, type Drill } from '../../drills';
import { ErrorSummary, FieldErrorText, type FieldError } from '../../components/forms';
import { errorText } from '../../components/ui';
import { channelName } from './Drill';

const CHANNELS = ['email', 'phone', 'media', 'social', 'handout', 'system'];

export function AdhocForm({ drill, onSent }: { drill: Drill; onSent: () => void }) {
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [from, setFrom] = useState('');
  const [channel, setChannel] = useState('email');
  const [to, setTo] = useState<string[]>(['all']);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [sent, setSent] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const toggle = (id: string, on: boolean) => setTo((l) => {
    if (id === 'all') return on ? ['all'] : [];
    const rest = l.filter((x) => x !== 'all' && x !== id);
    return on ? [...rest, id] : rest;
  });
  const send = async (ev: Event) => {
    ev.preventDefault();
    const e: FieldError[] = [];
    if (!title.trim()) e.push({ id: 'adhoc-title', message: t('ahNeedTitle') });
    if (!content.trim()) e.push({ id: 'adhoc-content', message: t('ahNeedContent') });
    if (!to.length) e.push({ id: 'adhoc-to-all', message: t('ahNeedTo') });
    setTries((n) => n + 1);
    setErrors(e);
    setSent(null);
    if (e.length) return;
    setBusy(true);
    try {
      const x = await drills.adhoc(drill.id, { title: title.trim(), content: content.trim(), channel, to, ...(from.trim() ? { from: from.trim() } : {}) });
      setSent(x.title); setTitle(''); setContent(''); setFrom('');
      onSent();
    } catch (x) {
      const a = x as ApiError;
      setErrors([{ id: a.field === 'to' ? 'adhoc-to-all' : a.field ? 'adhoc-' + a.field : 'adhoc-title', message: errorText(a) }]);
    } finally { setBusy(false); }
  };
  return (
    <section class="work-section dr-adhoc" aria-labelledby="adhoc-title-h">
      <h2 id="adhoc-title-h">{t('ahTitle')}</h2>
      <p class="hint">{t('ahHint')}</p>
      <ErrorSummary errors={errors} focusKey={tries} />
      {sent && <p class="panel panel-success" role="status">{t('ahSent', { title: sent })}</p>}
      <form class="form" noValidate onSubmit={send}>
        <div class={'form-group' + (err('adhoc-title') ? ' form-group-error' : '')}>
          <label class="label label-s" for="adhoc-title">{t('ahLabelTitle')}</label>
          <FieldErrorText id="adhoc-title-error" message={err('adhoc-title')} />
          <input class="input" id="adhoc-title" value={title} maxLength={300} aria-describedby={err('adhoc-title') ? 'adhoc-title-error' : undefined}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </div>
        <div class={'form-group' + (err('adhoc-content') ? ' form-group-error' : '')}>
          <label class="label label-s" for="adhoc-content">{t('ahLabelContent')}</label>
          <FieldErrorText id="adhoc-content-error" message={err('adhoc-content')} />
          <textarea class="textarea" id="adhoc-content" rows={4} value={content} maxLength={10000} aria-describedby={err('adhoc-content') ? 'adhoc-content-error' : undefined}
            onInput={(e) => setContent((e.target as HTMLTextAreaElement).value)} />
        </div>
        <div class="dr-adhoc-row">
          <div class="form-group">
            <label class="label label-s" for="adhoc-channel">{t('ahLabelChannel')}</label>
            <select class="select" id="adhoc-channel" value={channel} onChange={(e) => setChannel((e.target as HTMLSelectElement).value)}>
              {CHANNELS.map((c) => <option key={c} value={c}>{channelName(c)}</option>)}
            </select>
          </div>
          <div class="form-group">
            <label class="label label-s" for="adhoc-from">{t('ahLabelFrom')}</label>
            <input class="input" id="adhoc-from" value={from} maxLength={300} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
          </div>
        </div>
        <fieldset class={'fieldset form-group' + (err('adhoc-to-all') ? ' form-group-error' : '')}>
          <legend class="legend-s">{t('ahLabelTo')}</legend>
          <FieldErrorText id="adhoc-to-error" message={err('adhoc-to-all')} />
          <div class="dr-radios">
            <label class="dr-radio"><input type="checkbox" id="adhoc-to-all" checked={to.includes('all')} onChange={(e) => toggle('all', (e.target as HTMLInputElement).checked)} /> {t('drToAll')}</label>
            {drill.teams.map((tm) => (
              <label key={tm.id} class="dr-radio"><input type="checkbox" checked={to.includes(tm.id)} onChange={(e) => toggle(tm.id, (e.target as HTMLInputElement).checked)} /> {tm.name}</label>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button" disabled={busy}>{t('ahSend')}</button>
      </form>
    </section>
  );
}
