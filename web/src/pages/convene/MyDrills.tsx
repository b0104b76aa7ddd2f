// "My work", the drills part: the drills the person takes part in, newest
// first, with their status and the person's role, a link to each (the
// inbox or the control room) and, for a drill with technical challenges,
// links to the challenges, the scoreboard and (staff) the submissions log.
import { t } from '../../i18n';
import { href } from '../../router';
import { useAsync } from '../../hooks';
import type { DrillStatus } from '../../drills';
import { ctf } from '../../challenges';
import { Link } from '../../components/ui';
import { DrillStatusTag } from './Drill';
import { ChallengeLinks } from './ChallengeShell';

export interface DrillItem { id: string; title: string; status: DrillStatus; roles: string[]; team: string | null }

export function MyDrills({ list }: { list: DrillItem[] }) {
  return (
    <section aria-labelledby="drills-title" class="work-section">
      <h2 id="drills-title">{t('mwDrillsTitle')}</h2>
      <p>{t('mwDrillsText')} <Link href={href('/drills')}>{t('mwDrillsLink')}</Link></p>
      {list.length > 0 && (
        <ul class="cards">
          {list.map((d) => <DrillCard key={d.id} d={d} />)}
        </ul>
      )}
    </section>
  );
}

function DrillCard({ d }: { d: DrillItem }) {
  // only a live or finished drill is asked for its challenges
  const ch = useAsync(() => (d.status === 'cancelled' ? Promise.resolve([]) : ctf.list(d.id).catch(() => [])), [d.id]);
  return (
    <li class="card" data-drill={d.id}>
      <h3 class="card-title"><Link href={href('/drills/' + encodeURIComponent(d.id))}>{d.title}</Link></h3>
      <p><DrillStatusTag status={d.status} /> <span class="muted">{d.roles.map((r) => t(('mwRole_' + r) as 'mwRole_player')).join(', ')}{d.team ? ' · ' + d.team : ''}</span></p>
      {(ch.data?.length ?? 0) > 0 && <ChallengeLinks drill={d} current="drill" />}
    </li>
  );
}
