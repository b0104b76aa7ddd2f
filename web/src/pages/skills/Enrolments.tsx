// A cohort's enrolments (/skills/{p}/cohorts/{c}): who applied, in which
// role and status, and a small form per person to move their enrolment
// along its lifecycle (the moves the server allows; a reason where one is
// needed). What the server refuses (the cohort full, a move no longer
// possible because someone else made one) comes back in the error summary
// at the person's field.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { MOVES, NEEDS_REASON, skills, type Cohort, type Enrolment } from '../../skills';
import { CohortPage, Note, refusal, roleName, statusName, who } from './common';

export function SkillsCohort({ route }: { route: Route }) {
  return <CohortPage route={route} tab="" title="skCohortTitle">{(c, reload) => <Enrolments c={c} reload={reload} />}</CohortPage>;
}

function Enrolments({ c, reload }: { c: Cohort; reload: () => void }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [note, setNote] = useState('');
  const taken = c.enrolments.filter((e) => e.role === 'participant' && ['selected', 'enrolled', 'active'].includes(e.status)).length;
  const fail = (es: FieldError[]) => { setErrors(es); setAttempt((x) => x + 1); setNote(''); };
  const done = (text: string) => { setErrors([]); setNote(text); reload(); };
  return (
    <section aria-labelledby="sk-en-h">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 id="sk-en-h">{t('skTabEnrolments')}</h2>
      <p>{t('skPlaces', { taken, capacity: c.capacity })}</p>
      <Note text={note} />
      {c.enrolments.length === 0 ? <p class="muted">{t('skNoEnrolments')}</p> : (
        <div class="table-wrap">
          <table class="data" data-testid="sk-enrolments">
            <caption class="sr-only">{t('skTabEnrolments')}</caption>
            <thead><tr>
              <th scope="col">{t('skName')}</th><th scope="col">{t('skRole')}</th><th scope="col">{t('skCountry')}</th>
              <th scope="col">{t('skStatus')}</th><th scope="col">{t('skMoveTo')}</th>
            </tr></thead>
            <tbody>{c.enrolments.map((e) => <Row key={e.id + e.status} e={e} errors={errors} fail={fail} done={done} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Row({ e, errors, fail, done }: { e: Enrolment; errors: FieldError[]; fail: (es: FieldError[]) => void; done: (text: string) => void }) {
  const moves = MOVES[e.status] || [];
  const [to, setTo] = useState(moves[0] || '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const sid = `en-${e.id}-status`, rid = `en-${e.id}-reason`;
  const err = (id: string) => errors.find((x) => x.id === id)?.message;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (NEEDS_REASON.has(to) && !reason.trim()) {
      fail([{ id: rid, message: t('skErrReason', { name: who(e), status: statusName(to) }) }]);
      return;
    }
    setBusy(true);
    try {
      await skills.move(e.id, to, reason.trim() || undefined);
      setReason('');
      done(t('skMoved', { name: who(e), status: statusName(to) }));
    } catch (x) {
      const r = refusal(x, sid, (f) => (f === 'reason' ? rid : sid));
      fail([{ ...r, message: t('skRefusedFor', { name: who(e), message: r.message }) }]);
    } finally { setBusy(false); }
  };
  return (
    <tr data-enrolment={e.id}>
      <th scope="row">{who(e)}{e.person?.email && <span class="hint">{e.person.email}</span>}</th>
      <td>{roleName(e.role)}</td>
      <td>{e.country}</td>
      <td><strong class="tag">{statusName(e.status)}</strong>{e.reason && <span class="hint">{e.reason}</span>}</td>
      <td>
        {moves.length === 0 ? <span class="muted">{t('skFinal')}</span> : (
          <form class="sk-move" onSubmit={submit} noValidate>
            <div class={'sk-move-field' + (err(sid) ? ' form-group-error' : '')}>
              <label class="sr-only" for={sid}>{t('skMoveLabel', { name: who(e) })}</label>
              <select class="select" id={sid} value={to} onChange={(x) => setTo((x.currentTarget as HTMLSelectElement).value)}
                aria-invalid={err(sid) ? 'true' : undefined}>
                {moves.map((m) => <option key={m} value={m}>{statusName(m)}</option>)}
              </select>
            </div>
            <div class={'sk-move-field' + (err(rid) ? ' form-group-error' : '')}>
              <label class="sr-only" for={rid}>{t('skReasonLabel', { name: who(e) })}</label>
              <input class="input" id={rid} value={reason} placeholder={NEEDS_REASON.has(to) ? t('skReasonNeeded') : t('skReasonOptional')}
                onInput={(x) => setReason((x.currentTarget as HTMLInputElement).value)} aria-invalid={err(rid) ? 'true' : undefined} />
            </div>
            <button type="submit" class="button button-secondary" disabled={busy}>{busy ? t('working') : t('skMove')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
