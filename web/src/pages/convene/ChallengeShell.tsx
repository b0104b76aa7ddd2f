// What the challenge pages share: the sign-in gate and the drill loaded in
// the caller's view (DrillShell), data that stays on screen while it is
// fetched again (useKept: a slow connection shows the last board, not a
// spinner), the links between the pages, and team names.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { href } from '../../router';
import { ApiError } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { useSession } from '../../session';
import { drills, myTeam, type Drill } from '../../drills';
import { ctf } from '../../challenges';
import { Link, Loading } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';

/** The page under TITLE once the caller is signed in and the drill is loaded. */
export function DrillShell({ route, title, children }: { route: Route; title: string; children: (d: Drill) => ComponentChildren }) {
  const s = useSession(true);
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  return <Loader route={route} title={title} key={route.id}>{children}</Loader>;
}

function Loader({ route, title, children }: { route: Route; title: string; children: (d: Drill) => ComponentChildren }) {
  const view = useAsync(() => drills.view(route.id!), [route.id]);
  useTitle(view.data ? title + ' · ' + view.data.title : title);
  if (view.state === 'error') return <AccessError title={title} error={view.error} route={route} retry={view.retry} />;
  if (view.state === 'loading') return <div class="page"><h1>{title}</h1><Loading /></div>;
  return <>{children(view.data)}</>;
}

export type Kept<T> = { data?: T; error?: ApiError; loading: boolean; reload: () => void };

/** FN's result, fetched again on reload(); the last good one stays meanwhile. */
export function useKept<T>(fn: () => Promise<T>, deps: unknown[]): Kept<T> {
  const [tick, setTick] = useState(0);
  const [s, setS] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setS((o) => ({ ...o, loading: true }));
    fn().then(
      (data) => { if (mine === seq.current) setS({ data, loading: false }); },
      (e) => {
        if (mine !== seq.current) return;
        const error = e instanceof ApiError ? e : new ApiError(0, 'client', String(e?.message || e));
        setS((o) => ({ data: o.data, error, loading: false }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useRef(() => setTick((x) => x + 1)).current;
  return { ...s, reload };
}

type HasRoles = { roles: string[] };
export const isControl = (d: HasRoles) => d.roles.includes('director') || d.roles.includes('controller');
export const isStaff = (d: HasRoles) => isControl(d) || d.roles.includes('evaluator');

/** A team's name where the caller may know it (staff: all; players: their own), else its id. */
export function teamNamer(d: Drill): (id: string) => string {
  const names = new Map(Object.entries(d.team_names || {}));
  for (const x of d.teams) names.set(x.id, x.name);
  const mine = myTeam(d);
  if (mine) names.set(mine.id, mine.name);
  return (id) => names.get(id) || id;
}

const dp = (d: string, rest = '') => '/drills/' + encodeURIComponent(d) + rest;
export const paths = {
  drill: (d: string) => href(dp(d)),
  challenges: (d: string) => href(dp(d, '/challenges')),
  scoreboard: (d: string, params: Record<string, string | null> = {}) => href(dp(d, '/scoreboard'), params),
  submissions: (d: string, params: Record<string, string | null> = {}) => href(dp(d, '/submissions'), params),
};

/** The links between the drill's pages, as fits the caller's roles (CURRENT is left out). */
export function ChallengeLinks({ drill, current }: { drill: { id: string; roles: string[] }; current: 'drill' | 'challenges' | 'scoreboard' | 'submissions' }) {
  const d = drill.id;
  const staff = isStaff(drill), player = drill.roles.includes('player');
  const links: [string, string, string][] = [
    ['drill', paths.drill(d), t(player ? 'chToInbox' : 'chToControl')],
    ['challenges', paths.challenges(d), t(player ? 'chToBoard' : isControl(drill) ? 'chToEditor' : 'chToList')],
    ['scoreboard', paths.scoreboard(d), t('chToScoreboard')],
  ];
  if (staff) links.push(['submissions', paths.submissions(d), t('chToSubmissions')]);
  if (!player && !staff) links.splice(1, 1); // observers: the board only
  return (
    <nav aria-label={t('chLinksLabel')}>
      <ul class="link-row">
        {links.filter(([k]) => k !== current).map(([k, url, label]) => <li key={k}><Link href={url}>{label}</Link></li>)}
      </ul>
    </nav>
  );
}

/** On the drill's own page: the way to its challenges, once it is known to have some. */
export function ChallengeTrack({ drill }: { drill: Drill }) {
  const list = useAsync(() => ctf.list(drill.id), [drill.id]);
  const n = list.data?.length ?? 0;
  if (!n) return null;
  const player = drill.roles.includes('player');
  return (
    <section class="ch-track" aria-labelledby="ch-track-title">
      <h2 id="ch-track-title" class="h-s">{t('chTrackTitle')}</h2>
      <p>{t(player ? 'chTrackPlayer' : 'chTrackStaff', { n })}</p>
      <ChallengeLinks drill={drill} current="drill" />
    </section>
  );
}
