// The header's account area: who is signed in and in which roles, with a
// "Sign out" button; or a "Sign in" link. Asks the server who is signed in
// once per page load (GET /api/v1/me), which also brings the CSRF token.
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { startSession, signOut, useSession, type Grant, type User } from '../session';
import { Link } from './ui';
import { onlyRespondent, respondPath, respondentGrants } from '../workshop';
import '../workflow.css';

let started = false;
const WORK_PATHS = /^\/(work|signin|campaigns|password)(\/|$)/;

/** Whether the signed-in user answers workshops and nothing else (the public pages leave the menu for them). */
export function useRespondentOnly(): boolean {
  const s = useSession();
  return s.status === 'signed-in' && onlyRespondent(s.user);
}

export function roleLabel(g: Grant): string {
  const name = t(('role_' + g.role) as 'role_analyst');
  const scope = [g.unit, g.campaign].filter(Boolean).join(', ');
  return scope ? t('roleScoped', { role: name, scope }) : name;
}

export const rolesText = (u: User) => u.roles.map(roleLabel).join('; ');

export function AccountBar() {
  const s = useSession();
  useEffect(() => {
    if (!started) { started = true; startSession(WORK_PATHS.test(location.pathname)); }
  }, []);
  if (s.status === 'unknown') return <div class="account" aria-hidden="true" />;
  if (s.status === 'signed-out') {
    const here = location.pathname.startsWith('/signin') ? null : location.pathname + location.search;
    return (
      <div class="account">
        <Link class="account-signin" href={href('/signin', { next: here })}>{t('signIn')}</Link>
      </div>
    );
  }
  const u = s.user;
  return (
    <div class="account">
      <p class="account-who">
        <span class="sr-only">{t('signedInAs')} </span>
        <span class="account-name">{u.name || u.email}</span>
        <span class="account-roles">{rolesText(u)}</span>
      </p>
      <button type="button" class="account-signout" onClick={async () => {
        await signOut();
        navigate(href('/signin', { out: '1' }));
      }}>{t('signOut')}</button>
    </div>
  );
}

const WORK_PAGES = new Set(['mywork', 'questionnaire', 'review', 'campaign', 'workshop', 'maturity', 'report',
  'drill', 'drillEvaluate', 'drillReport', 'drillChallenges', 'drillScoreboard', 'drillSubmissions']);

/** "My work" in the main navigation, once signed in; "My answers" for a workshop respondent. */
export function WorkNavItem({ current }: { current: string }) {
  const s = useSession();
  if (s.status !== 'signed-in') return null;
  const mine = respondentGrants(s.user);
  if (onlyRespondent(s.user) && mine.length === 1) {
    return (
      <li class="nav-work">
        <Link href={href(respondPath(mine[0]))} aria-current={current === 'respond' ? 'page' : undefined}>{t('navMyAnswers')}</Link>
      </li>
    );
  }
  return (
    <li class="nav-work">
      <Link href={href('/work')} aria-current={current === 'mywork' ? 'page' : WORK_PAGES.has(current) ? 'true' : undefined}>{t('navMyWork')}</Link>
    </li>
  );
}
