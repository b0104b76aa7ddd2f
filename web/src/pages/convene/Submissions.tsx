// /drills/{d}/submissions (staff): the submissions log, newest first,
// filtered by team (?team, asked of the server), challenge (?challenge) and
// outcome (?outcome); wrong answers show their text (the server gives it
// to staff only; players never reach this page or its data). Follows the
// drill live, and shows 100 rows at a time so a phone stays quick.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { setParams } from '../../router';
import { clockText, type Drill } from '../../drills';
import { ctf, useBoardFeed } from '../../challenges';
import { when } from '../../components/forms';
import { Controls, Loading, Select, errorText } from '../../components/ui';
import { DrillStatusTag, LinkState } from './Drill';
import { ChallengeLinks, DrillShell, isStaff, teamNamer, useKept } from './ChallengeShell';
import './challenges.css';

export function SubmissionsPage({ route }: { route: Route }) {
  return (
    <DrillShell route={route} title={t('suTitle')}>
      {(d) => (isStaff(d) ? <Log drill={d} route={route} /> : (
        <div class="page"><h1>{t('suTitle')}</h1><p>{t('suStaffOnly')}</p><ChallengeLinks drill={d} current="submissions" /></div>
      ))}
    </DrillShell>
  );
}

const OUTCOME_TAG: Record<string, string> = { correct: 'tag-green', wrong: 'tag-orange', already: 'tag-grey' };
const PAGE = 100;

function Log({ drill, route }: { drill: Drill; route: Route }) {
  const d = drill.id;
  const team = route.params.get('team') || '', challenge = route.params.get('challenge') || '', outcome = route.params.get('outcome') || '';
  const data = useKept(async () => {
    const [s, list] = await Promise.all([ctf.submissions(d, team || null), ctf.list(d)]);
    return { subs: s.submissions, list };
  }, [d, team]);
  const { link, status } = useBoardFeed(d, drill.status, data.reload);
  const [shown, setShown] = useState(PAGE);
  const name = teamNamer(drill);
  const cur = data.data;
  if (!cur) return <div class="page"><h1>{t('suTitle')}</h1>{data.error ? <p class="field-error" role="alert">{errorText(data.error)}</p> : <Loading />}</div>;
  const cname = (id: string) => cur.list.find((c) => c.id === id)?.name || id;
  const rows = cur.subs.filter((s) => (!challenge || s.challenge === challenge) && (!outcome || s.outcome === outcome)).reverse();
  const wrong = cur.subs.filter((s) => s.outcome === 'wrong').length, right = cur.subs.filter((s) => s.outcome === 'correct').length;
  return (
    <div class="page page-wide">
      <p class="eyebrow">{drill.title}</p>
      <h1>{t('suTitle')}</h1>
      <div class="dr-bar"><DrillStatusTag status={status} /><LinkState link={link} open="chLinkOpen" /></div>
      <p class="lead">{t('suLead', { n: cur.subs.length, right, wrong })}</p>
      <p class="muted">{t('suPrivacy')}</p>
      <ChallengeLinks drill={drill} current="submissions" />
      <Controls label={t('suFilters')}>
        <Select id="su-team" label={t('drColTeam')} value={team} onChange={(v) => setParams({ team: v || null })}
          options={[{ value: '', label: t('suAll') }, ...drill.teams.map((x) => ({ value: x.id, label: x.name }))]} />
        <Select id="su-challenge" label={t('suChallenge')} value={challenge} onChange={(v) => setParams({ challenge: v || null })}
          options={[{ value: '', label: t('suAll') }, ...cur.list.map((c) => ({ value: c.id, label: c.name }))]} />
        <Select id="su-outcome" label={t('suOutcome')} value={outcome} onChange={(v) => setParams({ outcome: v || null })}
          options={[{ value: '', label: t('suAll') }, ...['correct', 'wrong', 'already'].map((o) => ({ value: o, label: t(('su_' + o) as 'su_correct') }))]} />
      </Controls>
      {data.error && <p class="field-error" role="alert">{t('chStale', { message: errorText(data.error) })}</p>}
      {rows.length === 0 ? <p class="muted">{t('suNone')}</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('suTitle') })}>
          <table class="data stack-table su-table">
            <caption class="sr-only">{t('suTitle')}</caption>
            <thead><tr>
              <th scope="col">{t('awWhen')}</th><th scope="col">{t('drColTeam')}</th><th scope="col">{t('suPlayer')}</th>
              <th scope="col">{t('suChallenge')}</th><th scope="col">{t('suOutcome')}</th><th scope="col">{t('suText')}</th>
            </tr></thead>
            <tbody>
              {rows.slice(0, shown).map((s) => (
                <tr key={s.id} data-submission={s.id} data-outcome={s.outcome}>
                  <td data-label={t('cellLabel', { label: t('awWhen') })}>{clockText(s.clock)}<br /><span class="muted">{when(s.at)}</span></td>
                  <th scope="row">{name(s.team)}</th>
                  <td data-label={t('cellLabel', { label: t('suPlayer') })}>{s.player}</td>
                  <td data-label={t('cellLabel', { label: t('suChallenge') })}>{cname(s.challenge)}</td>
                  <td data-label={t('cellLabel', { label: t('suOutcome') })}><strong class={'tag ' + (OUTCOME_TAG[s.outcome] || 'tag-grey')}>{t(('su_' + s.outcome) as 'su_correct')}</strong></td>
                  <td data-label={t('cellLabel', { label: t('suText') })}>{s.text != null ? <code class="su-text">{s.text}</code> : <span class="muted">{t('noValue')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown && <p><button type="button" class="button button-secondary" onClick={() => setShown((n) => n + PAGE)}>{t('suMore', { n: Math.min(PAGE, rows.length - shown), left: rows.length - shown })}</button></p>}
    </div>
  );
}
