// What a workflow page shows instead of itself: "sign in first" (with a
// link that comes back here), "not allowed" (403) and "not found" (404).
import { t } from '../i18n';
import { href, type Route } from '../router';
import { Link } from './ui';
import { useTitle } from '../hooks';
import type { ApiError } from '../api';
import { ErrorState } from './ui';

export function SignInNeeded({ title, route }: { title: string; route: Route }) {
  useTitle(title);
  return (
    <div class="page page-narrow">
      <h1>{title}</h1>
      <div class="panel panel-info">
        <h2 class="panel-title">{t('signInNeededTitle')}</h2>
        <p>{t('signInNeededText')}</p>
        <p><Link class="button" href={href('/signin', { next: route.path + (route.params.toString() ? '?' + route.params.toString() : '') })}>{t('signIn')}</Link></p>
      </div>
    </div>
  );
}

/** 401, 403 and 404 in words; anything else as an error with "Try again". */
export function AccessError({ title, error, retry, route }: { title: string; error: ApiError; retry?: () => void; route: Route }) {
  useTitle(title);
  if (error.status === 401) return <SignInNeeded title={title} route={route} />;
  if (error.status === 403) {
    return (
      <div class="page page-narrow">
        <h1>{title}</h1>
        <div class="panel panel-warning" data-testid="not-allowed">
          <h2 class="panel-title">{t('notAllowedTitle')}</h2>
          <p>{t('notAllowedText')}</p>
          <p><Link href={href('/work')}>{t('backToMyWork')}</Link></p>
        </div>
      </div>
    );
  }
  if (error.status === 404) {
    return (
      <div class="page page-narrow">
        <h1>{title}</h1>
        <div class="state state-empty">
          <h2 class="state-title">{t('notFoundTitle')}</h2>
          <p>{t('errNotFound', { message: error.message })}</p>
          <p><Link href={href('/work')}>{t('backToMyWork')}</Link></p>
        </div>
      </div>
    );
  }
  return <div class="page"><h1>{title}</h1><ErrorState error={error} retry={retry} /></div>;
}
