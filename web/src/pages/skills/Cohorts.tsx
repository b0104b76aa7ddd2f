// A programme's cohorts (/skills/{p}/cohorts), for its coordinators: each
// cohort with its track, region, language and places, linked to its page;
// and where the programme's dashboard and report are.
import { t } from '../../i18n';
import { href, type Route } from '../../router';
import { useTitle } from '../../hooks';
import { Link } from '../../components/ui';
import { skills, skillsHref, type Programme } from '../../skills';
import { Loaded, useSkills } from './common';
import './skills.css';

export function SkillsCohorts({ route }: { route: Route }) {
  const p = route.id!;
  const d = useSkills(() => skills.programme(p), [p]);
  useTitle(d.state === 'ok' ? `${t('skCohortsTitle')}: ${d.data.name}` : t('skCohortsTitle'));
  return <Loaded d={d} title={t('skCohortsTitle')} route={route}>{(x) => <CohortList p={p} x={x} />}</Loaded>;
}

function CohortList({ p, x }: { p: string; x: Programme }) {
  const track = new Map(x.tracks.map((tr) => [tr.id, tr.name]));
  return (
    <div class="page page-wide skills" data-testid="sk-cohorts">
      <p class="eyebrow">{x.name}</p>
      <h1>{t('skCohortsTitle')}</h1>
      <p class="lead">{t('skCohortsLead', { n: x.cohorts.length, tracks: x.tracks.length })}</p>
      <ul class="link-row">
        <li><Link href={href(skillsHref.dashboard(p))}>{t('skOpenDashboard')}</Link></li>
        <li><Link href={href(skillsHref.report(p))}>{t('skOpenReport')}</Link></li>
      </ul>
      {x.cohorts.length === 0 ? <p class="muted">{t('skNoCohorts')}</p> : (
        <div class="table-wrap">
          <table class="data">
            <caption class="sr-only">{t('skCohortsTitle')}</caption>
            <thead><tr>
              <th scope="col">{t('skCohort')}</th><th scope="col">{t('skTrack')}</th><th scope="col">{t('skRegion')}</th>
              <th scope="col">{t('skLanguage')}</th><th scope="col">{t('skEdition')}</th><th scope="col" class="num">{t('skCapacity')}</th>
            </tr></thead>
            <tbody>{x.cohorts.map((c) => (
              <tr key={c.id}>
                <th scope="row"><Link href={href(skillsHref.cohort(p, c.id))}>{c.name}</Link></th>
                <td>{track.get(c.track) || c.track}</td><td>{c.region}</td><td>{c.language}</td><td>{c.edition}</td>
                <td class="num">{c.capacity}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
    </div>
  );
}
