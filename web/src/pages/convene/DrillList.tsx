// /drills: every drill the caller takes part in (an admin: all), with its
// status and the caller's role in it, newest first; the way in from
// My work.
import './convene.css';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { href } from '../../router';
import { useAsync, useTitle } from '../../hooks';
import { useSession } from '../../session';
import { drills, type DrillSummary } from '../../drills';
import { when } from '../../components/forms';
import { Empty, ErrorState, Link, Loading } from '../../components/ui';
import { SignInNeeded } from '../../components/Gate';
import { DrillStatusTag } from './Drill';

export function DrillList({ route }: { route: Route }) {
  const s = useSession(true);
  useTitle(t('dlTitle'));
  if (s.status === 'unknown') return <div class="page"><h1>{t('dlTitle')}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={t('dlTitle')} route={route} />;
  return <List />;
}

const ROLE_ORDER = ['director', 'controller', 'evaluator', 'player', 'observer'];

function roleText(d: DrillSummary): string {
  const roles = ROLE_ORDER.filter((r) => d.roles.includes(r)).map((r) => t(('dlRole_' + r) as 'dlRole_player'));
  return d.team ? t('dlRoleTeam', { roles: roles.join(', '), team: d.team }) : roles.join(', ');
}

function List() {
  const list = useAsync(() => drills.list(), []);
  if (list.state === 'loading') return <div class="page"><h1>{t('dlTitle')}</h1><Loading /></div>;
  if (list.state === 'error') return <div class="page"><h1>{t('dlTitle')}</h1><ErrorState error={list.error} retry={list.retry} /></div>;
  const all = list.data.drills;
  const live = all.filter((d) => d.status === 'running' || d.status === 'paused').length;
  return (
    <div class="page">
      <h1>{t('dlTitle')}</h1>
      <p class="lead">{all.length ? t('dlLead', { n: all.length, live }) : t('dlLeadNone')}</p>
      {!all.length ? <Empty title={t('dlEmptyTitle')}>{t('dlEmptyText')}</Empty> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('dlTitle') })}>
          <table class="data stack-table dr-list">
            <thead><tr><th scope="col">{t('dlColDrill')}</th><th scope="col">{t('dlColStatus')}</th><th scope="col">{t('dlColRole')}</th><th scope="col">{t('dlColCreated')}</th></tr></thead>
            <tbody>
              {all.map((d) => (
                <tr key={d.id} data-drill={d.id}>
                  <th scope="row"><Link href={href('/drills/' + encodeURIComponent(d.id))}>{d.title}</Link> <span class="code">{d.id}</span></th>
                  <td data-label={t('cellLabel', { label: t('dlColStatus') })}><DrillStatusTag status={d.status} /></td>
                  <td data-label={t('cellLabel', { label: t('dlColRole') })}>{roleText(d) || t('noValue')}</td>
                  <td data-label={t('cellLabel', { label: t('dlColCreated') })}>{when(d.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
