// The respondents of a workshop: who they are, how far each has answered,
// removing one (after a confirmation), and the form to add one (errors as
// GOV.UK has them: a summary at the top linking to each field, the message
// at the field). A new account comes back with a one-time link to choose a
// password, shown once for the facilitator to hand over. Used by the
// maturity workshops and by the risk workshops (pages/measure/risk/), each
// passing its own add and remove requests.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { int } from '../../format';
import { GROUPS, setupLink, type NewRespondent, type Respondent } from '../../workshop';
import { FieldErrorText, when, type FieldError } from '../../components/forms';
import type { ApiError } from '../../api';

export const groupName = (g: string) => {
  const k = ('grp_' + g) as 'grp_government';
  const s = t(k);
  return s === k ? g : s;
};

type Person = Pick<Respondent, 'id' | 'email' | 'name' | 'organisation' | 'group' | 'answered'>;

/** The people of a workshop; ANSWERED of QUESTIONS each (headed DONELABEL), REMOVE after a confirmation. */
export function RespondentList({ list, questions, remove: drop, onChange, readOnly, doneLabel, title, confirm }: {
  list: Person[]; questions: number; remove: (id: number) => Promise<unknown>; onChange: () => void; readOnly: boolean;
  doneLabel?: string; title?: string; confirm?: (name: string) => string;
}) {
  const ask = confirm || ((name: string) => t('wsRemoveConfirm', { name }));
  const [asking, setAsking] = useState<number | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async (r: Person) => {
    setBusy(true);
    setErr(null);
    try { await drop(r.id); setAsking(null); onChange(); } catch (e) { setErr(t('errGeneric', { message: (e as ApiError).message })); } finally { setBusy(false); }
  };
  if (!list.length) return <p class="muted" data-testid="no-respondents">{t('wsNoRespondents')}</p>;
  return (
    <>
      {err && <p class="field-error" role="alert">{err}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: title || t('wsRespondentsTitle') })}>
        <table class="data respondents stack-table">
          <caption class="sr-only">{title || t('wsRespondentsTitle')}</caption>
          <thead><tr>
            <th scope="col">{t('colName')}</th><th scope="col">{t('colOrganisation')}</th><th scope="col">{t('colGroup')}</th>
            <th scope="col" class="num">{doneLabel || t('colAnswered')}</th><th scope="col"><span class="sr-only">{t('colAction')}</span></th>
          </tr></thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.id} data-respondent={r.email}>
                <th scope="row">{r.name}<span class="muted respondent-email">{r.email}</span></th>
                <td data-label={t('cellLabel', { label: t('colOrganisation') })}>{r.organisation || t('noValue')}</td>
                <td data-label={t('cellLabel', { label: t('colGroup') })}>{groupName(r.group)}</td>
                <td class="num" data-label={t('cellLabel', { label: doneLabel || t('colAnswered') })}>{t('nOfM', { n: int(r.answered), m: int(questions) })}</td>
                <td>
                  {readOnly ? null : asking === r.id ? (
                    <span class="confirm-inline" role="group" aria-label={ask(r.name)}>
                      <span>{ask(r.name)}</span>
                      <button type="button" class="button button-small button-danger" disabled={busy} onClick={() => remove(r)}>{t('wsRemoveYes')}</button>
                      <button type="button" class="button-link" onClick={() => setAsking(null)}>{t('cancel')}</button>
                    </span>
                  ) : (
                    <button type="button" class="button-link" onClick={() => setAsking(r.id)}>
                      {t('wsRemove')}<span class="sr-only"> {r.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Fields = { email: string; name: string; organisation: string; group: string };
const EMPTY: Fields = { email: '', name: '', organisation: '', group: '' };
const FIELD_ID: Record<keyof Fields, string> = { email: 'rsp-email', name: 'rsp-name', organisation: 'rsp-org', group: 'rsp-group' };

/** The form; its errors go to the page's summary at the top (ONERRORS, with a count of attempts to take focus). */
export function AddRespondent({ add, onAdded, errors, onErrors, title, button }: {
  add: (r: { email: string; name: string; organisation: string; group: string }) => Promise<NewRespondent>;
  onAdded: () => void; errors: FieldError[]; onErrors: (e: FieldError[]) => void; title?: string; button?: string;
}) {
  const [f, setF] = useState<Fields>(EMPTY);
  const setErrors = onErrors;
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<NewRespondent | null>(null);
  const err = (k: keyof Fields) => errors.find((e) => e.id === FIELD_ID[k])?.message;
  const set = (k: keyof Fields) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    const errs: FieldError[] = [];
    if (!f.name.trim()) errs.push({ id: FIELD_ID.name, message: t('errRspName') });
    if (!f.email.trim()) errs.push({ id: FIELD_ID.email, message: t('errEmailEmpty') });
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email.trim())) errs.push({ id: FIELD_ID.email, message: t('errEmailFormat') });
    if (!f.group) errs.push({ id: FIELD_ID.group, message: t('errRspGroup') });
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      const r = await add({ email: f.email.trim(), name: f.name.trim(), organisation: f.organisation.trim(), group: f.group });
      setAdded(r);
      setF(EMPTY);
      onAdded();
    } catch (e) {
      const ae = e as ApiError;
      const k = (ae.field && ae.field in FIELD_ID ? ae.field : 'email') as keyof Fields;
      setErrors([{ id: FIELD_ID[k], message: ae.status === 0 ? t('errOfflineSignIn') : ae.status === 409 ? t('errRspExists') : t('errGeneric', { message: ae.message }) }]);
    } finally {
      setBusy(false);
    }
  };

  const input = (k: 'email' | 'name' | 'organisation', label: string, extra: Record<string, string> = {}, hint?: string) => (
    <div class={'form-group' + (err(k) ? ' form-group-error' : '')}>
      <label class="label label-s" for={FIELD_ID[k]}>{label}</label>
      {hint && <span class="hint" id={FIELD_ID[k] + '-hint'}>{hint}</span>}
      <FieldErrorText id={FIELD_ID[k] + '-error'} message={err(k)} />
      <input class="input" id={FIELD_ID[k]} value={f[k]} onInput={set(k)} aria-invalid={err(k) ? 'true' : undefined}
        aria-describedby={[hint ? FIELD_ID[k] + '-hint' : '', err(k) ? FIELD_ID[k] + '-error' : ''].filter(Boolean).join(' ') || undefined} {...extra} />
    </div>
  );

  return (
    <div class="add-respondent">
      {added && <SetupLink r={added} onClose={() => setAdded(null)} />}
      <form class="form" noValidate onSubmit={submit} aria-labelledby="add-rsp-title">
        <h3 id="add-rsp-title">{title || t('wsAddTitle')}</h3>
        {input('name', t('rspNameLabel'), { autoComplete: 'off' })}
        {input('email', t('emailLabel'), { type: 'email', spellcheck: 'false', autoComplete: 'off' }, t('rspEmailHint'))}
        {input('organisation', t('rspOrgLabel') + ' ' + t('optionalParen'), { autoComplete: 'off' })}
        <div class={'form-group' + (err('group') ? ' form-group-error' : '')}>
          <label class="label label-s" for={FIELD_ID.group}>{t('rspGroupLabel')}</label>
          <FieldErrorText id={FIELD_ID.group + '-error'} message={err('group')} />
          <select class="select" id={FIELD_ID.group} value={f.group} onChange={set('group')}
            aria-invalid={err('group') ? 'true' : undefined} aria-describedby={err('group') ? FIELD_ID.group + '-error' : undefined}>
            <option value="">{t('rspGroupChoose')}</option>
            {GROUPS.map((g) => <option key={g} value={g}>{groupName(g)}</option>)}
          </select>
        </div>
        <button type="submit" class="button" disabled={busy}>{busy ? t('working') : button || t('wsAddButton')}</button>
      </form>
    </div>
  );
}

/** The one-time link for a new respondent, with a button to copy it. */
function SetupLink({ r, onClose }: { r: NewRespondent; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const link = r.setup ? setupLink(r.setup.token) : null;
  return (
    <div class="panel panel-success setup-link" role="status" tabIndex={-1} data-testid="setup-panel">
      <h3 class="panel-title">{t('wsAddedTitle', { name: r.name })}</h3>
      {link ? (
        <>
          <p>{t('wsSetupText', { when: when(r.setup!.expires_at) })}</p>
          <label class="label label-s" for="setup-link">{t('wsSetupLabel')}</label>
          <div class="input-row">
            <input class="input" id="setup-link" readOnly value={link} data-testid="setup-link" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
            <button type="button" class="button button-secondary" onClick={async () => {
              try { await navigator.clipboard.writeText(link); setCopied(true); } catch { (document.getElementById('setup-link') as HTMLInputElement | null)?.select(); }
            }}>{copied ? t('copied') : t('copyLink')}</button>
          </div>
          <p class="hint">{t('wsSetupOnce')}</p>
        </>
      ) : <p>{t('wsHasAccount')}</p>}
      <p><button type="button" class="button-link" onClick={onClose}>{t('wsSetupDone')}</button></p>
    </div>
  );
}
