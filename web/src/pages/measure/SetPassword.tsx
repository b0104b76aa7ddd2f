// Choosing a password from the one-time link a facilitator hands to a new
// workshop respondent (/password?token=...). Two fields, errors in the
// manner of GOV.UK (a summary at the top linking to each field), then a
// link to sign in. The token is used once and expires; the server says so.
import './measure.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href, type Route } from '../../router';
import { useTitle } from '../../hooks';
import { ws } from '../../workshop';
import { ErrorSummary, FieldErrorText, type FieldError } from '../../components/forms';
import { Link } from '../../components/ui';
import type { ApiError } from '../../api';
import { WaitError } from '../../session';
import { waitText } from '../SignIn';

export const MIN_PASSWORD = 10;

export function SetPassword({ route }: { route: Route }) {
  const token = route.params.get('token') || '';
  const [pw, setPw] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useTitle(t('pwTitle'));

  if (!token) {
    return (
      <div class="page page-narrow">
        <h1>{t('pwTitle')}</h1>
        <div class="panel panel-warning"><h2 class="panel-title">{t('pwNoTokenTitle')}</h2><p>{t('pwNoTokenText')}</p></div>
      </div>
    );
  }
  if (done) {
    return (
      <div class="page page-narrow">
        <h1>{t('pwTitle')}</h1>
        <div class="panel panel-success" role="status" data-testid="password-set">
          <h2 class="panel-title">{t('pwDoneTitle')}</h2>
          <p>{t('pwDoneText')}</p>
          <p><Link class="button" href={href('/signin')}>{t('signIn')}</Link></p>
        </div>
      </div>
    );
  }

  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy) return;
    const errs: FieldError[] = [];
    if (!pw) errs.push({ id: 'new-password', message: t('errPwEmpty') });
    else if ([...pw].length < MIN_PASSWORD) errs.push({ id: 'new-password', message: t('errPwShort', { n: MIN_PASSWORD }) });
    if (pw && !again) errs.push({ id: 'new-password-again', message: t('errPwAgainEmpty') });
    else if (pw && again !== pw) errs.push({ id: 'new-password-again', message: t('errPwDiffer') });
    setAttempt((x) => x + 1);
    setErrors(errs);
    if (errs.length) return;
    setBusy(true);
    try {
      await ws.setPassword(token, pw);
      setDone(true);
    } catch (e) {
      const ae = e as ApiError;
      const msg = ae.status === 0 ? t('errOfflineSignIn')
        : ae.code === 'bad_token' || ae.field === 'token' ? t('errPwToken')
          : ae instanceof WaitError ? t('errTooMany', { time: waitText(ae.retryAfter) })
            : t('errGeneric', { message: ae.message });
      setErrors([{ id: 'new-password', message: msg }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page page-narrow">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h1>{t('pwTitle')}</h1>
      <p class="lead">{t('pwLead')}</p>
      <form class="form" noValidate onSubmit={submit}>
        <div class={'form-group' + (err('new-password') ? ' form-group-error' : '')}>
          <label class="label" for="new-password">{t('pwLabel')}</label>
          <span class="hint" id="new-password-hint">{t('pwHint', { n: MIN_PASSWORD })}</span>
          <FieldErrorText id="new-password-error" message={err('new-password')} />
          <input class="input" id="new-password" type="password" autoComplete="new-password" value={pw}
            aria-describedby={'new-password-hint' + (err('new-password') ? ' new-password-error' : '')}
            aria-invalid={err('new-password') ? 'true' : undefined}
            onInput={(e) => setPw((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class={'form-group' + (err('new-password-again') ? ' form-group-error' : '')}>
          <label class="label" for="new-password-again">{t('pwAgainLabel')}</label>
          <FieldErrorText id="new-password-again-error" message={err('new-password-again')} />
          <input class="input" id="new-password-again" type="password" autoComplete="new-password" value={again}
            aria-describedby={err('new-password-again') ? 'new-password-again-error' : undefined}
            aria-invalid={err('new-password-again') ? 'true' : undefined}
            onInput={(e) => setAgain((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('pwSubmit')}</button>
      </form>
    </div>
  );
}
