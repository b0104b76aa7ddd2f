// The public register (/risks/{a}/public): for anyone, once the
// assessment is published, the risks marked public in plain words — their
// public title and summary and their current level — and how many risks
// of each level that makes. It reads GET .../public only, which carries no
// restricted field (no scenario, owner, ratings, treatments or workshop).
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync, useTitle } from '../../../hooks';
import { date, int } from '../../../format';
import { useSession } from '../../../session';
import { Link, Loading } from '../../../components/ui';
import { AccessError } from '../../../components/Gate';
import { mayRunRegister, riskHref, risks } from '../../../risks';
import { LevelTag } from './common';

export function RiskPublic({ route }: { route: Route }) {
  const a = route.id!;
  const s = useSession();
  const pub = useAsync(() => risks.publicRegister(a), [a, s.status]);
  useTitle(pub.data ? t('rkPubDoc', { title: pub.data.title }) : t('rkPubTitle'));
  if (pub.state === 'error') return <AccessError title={t('rkPubTitle')} error={pub.error} route={route} retry={pub.retry} />;
  if (pub.state === 'loading') return <div class="page"><h1>{t('rkPubTitle')}</h1><Loading /></div>;
  const p = pub.data;
  const levels = [...p.matrix.levels].reverse();
  const team = s.status === 'signed-in' && mayRunRegister(s.user, p.unit);
  return (
    <div class="page risk risk-public">
      <p class="eyebrow">{t('rkPubEyebrow', { from: date(p.start), to: date(p.end) })}</p>
      <h1>{p.title}</h1>
      <p class="lead" data-testid="pub-lead">{t('rkPubLead', { n: p.risks.length, levels: levels.filter((l) => p.counts[l.id]).map((l) => `${int(p.counts[l.id])} ${l.name.toLowerCase()}`).join(', ') })}</p>
      {!p.published && <p class="panel panel-warning" data-testid="pub-draft">{t('rkPubNotYet')}</p>}
      <dl class="figures" data-testid="pub-counts">
        {levels.map((l) => <div key={l.id} data-level={l.id}><dt><LevelTag m={p.matrix} level={l.id} /></dt><dd>{int(p.counts[l.id] || 0)}</dd></div>)}
      </dl>
      <ol class="pub-list" data-testid="pub-risks">
        {p.risks.map((r, k) => (
          <li key={k} class="pub-risk">
            <h2 class="pub-title">{r.public_title} <LevelTag m={p.matrix} level={r.level} /></h2>
            <p>{r.public_summary}</p>
          </li>
        ))}
      </ol>
      <p class="muted">{t('rkPubAbout', { matrix: p.matrix.title })}{p.published_at ? ' ' + t('rkPubOn', { d: date(p.published_at) }) : ''}</p>
      {team && <p class="no-print"><Link href={href(riskHref(a))}>{t('rkPubToRegister')}</Link></p>}
    </div>
  );
}
