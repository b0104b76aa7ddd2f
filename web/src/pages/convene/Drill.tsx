// /drills/{d}: the drill in the caller's own view. A player gets their
// team's inbox (Inbox); the director and controllers the control room, an
// evaluator or observer the same without the controls (ControlRoom).
import './convene.css';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useAsync, useTitle } from '../../hooks';
import { useSession } from '../../session';
import { drills, type DrillStatus } from '../../drills';
import { Loading } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { Inbox } from './Inbox';
import { ControlRoom } from './ControlRoom';

export function DrillPage({ route }: { route: Route }) {
  const s = useSession(true);
  const title = t('drTitle');
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  return <DrillLoader route={route} key={route.id} />;
}

function DrillLoader({ route }: { route: Route }) {
  const d = route.id!;
  const view = useAsync(() => drills.view(d), [d]);
  useTitle(view.data?.title);
  if (view.state === 'error') return <AccessError title={t('drTitle')} error={view.error} route={route} retry={view.retry} />;
  if (view.state === 'loading') return <div class="page"><h1>{t('drTitle')}</h1><Loading /></div>;
  if (view.data.roles.includes('player')) return <Inbox drill={view.data} />;
  return <ControlRoom drill={view.data} />;
}

const TAG: Record<DrillStatus, string> = { scheduled: 'tag-grey', running: 'tag-green', paused: 'tag-orange', ended: 'tag-purple', cancelled: 'tag-grey' };

export function DrillStatusTag({ status }: { status: DrillStatus }) {
  return <strong class={'tag ' + TAG[status]}>{t(('drs_' + status) as 'drs_running')}</strong>;
}

/** Whether the event stream is connected, said in words (live region). */
export function LinkState({ link, open = 'drLinkOpen' }: { link: 'connecting' | 'open' | 'lost'; open?: 'drLinkOpen' | 'chLinkOpen' }) {
  return (
    <p class={'dr-link dr-link-' + link} role="status">
      <span class="dr-dot" aria-hidden="true" />
      {t(link === 'open' ? open : link === 'lost' ? 'drLinkLost' : 'drLinkConnecting')}
    </p>
  );
}

/** The channel in words ("Email", "Media"), or as the scenario names it. */
export function channelName(channel: string): string {
  const key = 'drch_' + channel;
  const label = t(key as 'drch_email');
  return label === key ? channel : label;
}
