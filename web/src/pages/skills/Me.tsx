// A participant's (or mentor's) own record (/skills/me): what is kept
// about them, their enrolments, their consents, each withdrawable (the
// reply says what withdrawal did) or given again, the reaction surveys to
// answer in the browser or through their workbook (MeSurvey.tsx,
// MeWorkbook.tsx), the before/after self-assessment per competency
// (MeSelf.tsx) and their mentoring pairs (MePairs.tsx).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { useTitle } from '../../hooks';
import { Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { ApiError } from '../../api';
import { PURPOSES, skills, type Me } from '../../skills';
import { Note, roleName, statusName, useLive } from './common';
import { Surveys } from './MeSurvey';
import { SelfAssessment } from './MeSelf';
import { Pairs } from './MePairs';
import './skills.css';

export function SkillsMe({ route }: { route: Route }) {
  const me = useLive(() => skills.me(), []);
  useTitle(t('skMeTitle'));
  if (me.error && !me.data) return <AccessError title={t('skMeTitle')} error={me.error} route={route} retry={me.reload} />;
  if (!me.data) return <div class="page"><h1>{t('skMeTitle')}</h1><Loading /></div>;
  return <MeView me={me.data} reload={me.reload} />;
}

function MeView({ me, reload }: { me: Me; reload: () => void }) {
  const { person, consents, enrolments } = me;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  if (!person) {
    return <div class="page page-narrow"><h1>{t('skMeTitle')}</h1><p>{t('skMeNone')}</p></div>;
  }
  const inForce = (p: string) => consents.some((c) => c.purpose === p && !c.withdrawn_at);
  const act = async (purpose: string, give: boolean) => {
    setBusy(true); setFailed('');
    try {
      if (give) { await skills.give(person.id, purpose); setNote(t('skGiven', { what: t(('skPu_' + purpose) as 'skPu_photos') })); }
      else { const r = await skills.withdraw(person.id, purpose); setNote(r.effect); }
      reload();
    } catch (e) {
      setFailed(e instanceof ApiError ? e.message : String(e));
    } finally { setBusy(false); }
  };
  return (
    <div class="page page-narrow skills" data-testid="sk-me">
      <h1>{t('skMeTitle')}</h1>
      <p class="lead">{t('skMeLead')}</p>
      {failed && <div class="error-summary" role="alert"><h2>{t('skFailed')}</h2><p>{failed}</p></div>}
      <section aria-labelledby="sk-kept">
        <h2 id="sk-kept">{t('skKept')}</h2>
        <dl class="sk-kept">
          <dt>{t('skName')}</dt><dd>{person.name}</dd>
          <dt>{t('skEmail')}</dt><dd>{person.email}</dd>
          <dt>{t('skCountry')}</dt><dd>{person.country}</dd>
          <dt>{t('skOrgKind')}</dt><dd>{person.org_kind}</dd>
          <dt>{t('skExperience')}</dt><dd>{person.experience ?? '–'}</dd>
        </dl>
        <p class="muted">{t('skKeptNote')}</p>
        <p><a href={`/api/v1/people/${person.id}/export`}>{t('skExport')}</a></p>
      </section>
      <section aria-labelledby="sk-enrol">
        <h2 id="sk-enrol">{t('skEnrolments')}</h2>
        <ul>{enrolments.map((e) => (
          <li key={e.id}>{t('skEnrolLine', { cohort: e.cohort, role: roleName(e.role), status: statusName(e.status) })}</li>
        ))}</ul>
      </section>
      <section aria-labelledby="sk-consents">
        <h2 id="sk-consents">{t('skConsents')}</h2>
        <Note text={note} />
        <table class="data" data-testid="sk-consents">
          <caption class="sr-only">{t('skConsents')}</caption>
          <thead><tr><th scope="col">{t('skPurpose')}</th><th scope="col">{t('skState')}</th><th scope="col"><span class="sr-only">{t('skAction')}</span></th></tr></thead>
          <tbody>
            {PURPOSES.map((p) => {
              const on = inForce(p);
              const what = t(('skPu_' + p) as 'skPu_photos');
              return (
                <tr key={p} data-purpose={p}>
                  <th scope="row">{what}</th>
                  <td>{on ? t('skOn') : t('skOff')}</td>
                  <td><button type="button" class={on ? 'button button-secondary' : 'button'} disabled={busy}
                    onClick={() => act(p, !on)}>{on ? t('skWithdraw', { what }) : t('skGive', { what })}</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {enrolments.map((e) => <Surveys key={e.id} e={e} consent={inForce('evaluation')} done={reload} />)}
      {enrolments.map((e) => <SelfAssessment key={e.id} e={e} consent={inForce('evaluation')} done={reload} />)}
      <Pairs pairs={me.pairs || []} done={reload} />
    </div>
  );
}
