// Sign in: email and password; the error summary names what went wrong
// (wrong email or password, too many attempts with the time to wait, no
// connection) and links to the field. Afterwards, back to where the person
// was going (?next=), or to "My work".
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { signIn, useSession, WaitError } from '../session';
import { useTitle } from '../hooks';
import { ErrorSummary, FieldErrorText, type FieldError } from '../components/forms';
import { Link } from '../components/ui';
import { rolesText } from '../components/Account';
import type { ApiError } from '../api';

/**
 * Only paths of this site: never another origin. Browsers read "/\host" as
 * "//host" and drop tabs and newlines ("/<TAB>/host"), so those are refused
 * too, and the result must resolve to this origin.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/work';
  try {
    const u = new URL(next, location.origin);
    if (u.origin !== location.origin || u.pathname.startsWith('/signin') || next.startsWith('//')) return '/work';
    return u.pathname + u.search + u.hash;
  } catch {
    return '/work';
  }
}

export function SignIn({ route }: { route: Route }) {
  const s = useSession();
  const next = safeNext(route.params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(Date.now());
  const emailRef = useRef<HTMLInputElement>(null);
  useTitle(t('signInTitle'));

  const waiting = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (!waitUntil) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [waitUntil]);
  useEffect(() => {
    if (waitUntil && waiting === 0) { setWaitUntil(0); setErrors([]); }
  }, [waiting]);

  if (s.status === 'signed-in' && !busy) {
    return (
      <div class="page page-narrow">
        <h1>{t('signInTitle')}</h1>
        <p>{t('alreadySignedIn', { name: s.user.name || s.user.email })} <span class="muted">({rolesText(s.user)})</span></p>
        <p><Link class="button" href={href(next)}>{t('continueTo')}</Link></p>
      </div>
    );
  }

  const fieldErr = (id: string) => errors.find((e) => e.id === id)?.message;

  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (busy || waiting) return;
    const errs: FieldError[] = [];
    if (!email.trim()) errs.push({ id: 'email', message: t('errEmailEmpty') });
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errs.push({ id: 'email', message: t('errEmailFormat') });
    if (!password) errs.push({ id: 'password', message: t('errPasswordEmpty') });
    setAttempt((x) => x + 1);
    if (errs.length) { setErrors(errs); return; }
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      setErrors([]);
      navigate(href(next));
    } catch (err) {
      const e = err as ApiError;
      setPassword('');
      if (e instanceof WaitError) {
        setWaitUntil(Date.now() + e.retryAfter * 1000);
        setNow(Date.now());
        setErrors([{ id: 'email', message: t('errTooMany', { time: waitText(e.retryAfter) }) }]);
      } else if (e.status === 401) {
        setErrors([{ id: 'email', message: t('errWrongPassword') }]);
      } else if (e.status === 0) {
        setErrors([{ id: 'email', message: t('errOfflineSignIn') }]);
      } else {
        setErrors([{ id: 'email', message: t('errGeneric', { message: e.message }) }]);
      }
    } finally {
      setBusy(false);
    }
  };

  const summary = waiting ? [{ id: 'email', message: t('errTooMany', { time: waitText(waiting) }) }] : errors;
  return (
    <div class="page page-narrow signin">
      <ErrorSummary errors={summary} focusKey={attempt} />
      <h1>{t('signInTitle')}</h1>
      {route.params.get('out') && <p class="panel panel-success" role="status">{t('signedOutNotice')}</p>}
      {s.status === 'signed-out' && s.expired && <p class="notice">{t('sessionEnded')}</p>}
      <p class="lead">{t('signInLead')}</p>
      <form class="form" noValidate onSubmit={submit}>
        <div class={'form-group' + (fieldErr('email') ? ' form-group-error' : '')}>
          <label class="label" for="email">{t('emailLabel')}</label>
          <FieldErrorText id="email-error" message={fieldErr('email')} />
          <input class="input" id="email" name="email" type="email" autoComplete="username" spellcheck={false}
            ref={emailRef} value={email} aria-invalid={fieldErr('email') ? 'true' : undefined}
            aria-describedby={fieldErr('email') ? 'email-error' : undefined}
            onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class={'form-group' + (fieldErr('password') ? ' form-group-error' : '')}>
          <label class="label" for="password">{t('passwordLabel')}</label>
          <FieldErrorText id="password-error" message={fieldErr('password')} />
          <input class="input" id="password" name="password" type="password" autoComplete="current-password"
            value={password} aria-invalid={fieldErr('password') ? 'true' : undefined}
            aria-describedby={fieldErr('password') ? 'password-error' : undefined}
            onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="button" disabled={busy || waiting > 0} aria-disabled={busy || waiting > 0 ? 'true' : undefined}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <h2 class="h-small">{t('noAccountTitle')}</h2>
      <p>{t('noAccountText')}</p>
      <p><Link href={href('/')}>{t('signInPublic')}</Link></p>
    </div>
  );
}

export function waitText(s: number): string {
  if (s < 60) return t('nSeconds', { n: s, count: s });
  const m = Math.floor(s / 60), r = s % 60;
  return r ? t('minSec', { m, s: r }) : t('nMinutes', { n: m, count: m });
}
