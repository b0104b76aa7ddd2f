// A cohort's sessions (/skills/{p}/cohorts/{c}/sessions?session=S): the
// list with how many were present, a form to add one, and the attendance
// of the chosen session (present, absent or excused for each person
// enrolled or active), sent all at once as the API takes it.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href, setParams, type Route } from '../../router';
import { Link } from '../../components/ui';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { when } from '../../components/forms';
import { Choice, Text } from '../build/fields';
import { SESSION_KINDS, STATES, skills, skillsHref, takesPart, type Cohort, type Session } from '../../skills';
import { CohortPage, Note, kindName, refusal, roleName, stateName, who } from './common';

export function SkillsSessions({ route }: { route: Route }) {
  return (
    <CohortPage route={route} tab="sessions" title="skSessionsTitle">
      {(c, reload) => <Sessions route={route} c={c} reload={reload} />}
    </CohortPage>
  );
}

function Sessions({ route, c, reload }: { route: Route; c: Cohort; reload: () => void }) {
  const chosen = c.sessions.find((s) => s.id === route.params.get('session'));
  const [note, setNote] = useState('');
  const people = c.enrolments.filter((e) => takesPart(e.status));
  return (
    <>
      <Note text={note} />
      <section aria-labelledby="sk-se-h">
        <h2 id="sk-se-h">{t('skTabSessions')}</h2>
        {c.sessions.length === 0 ? <p class="muted">{t('skNoSessions')}</p> : (
          <div class="table-wrap">
            <table class="data" data-testid="sk-sessions">
              <caption class="sr-only">{t('skTabSessions')}</caption>
              <thead><tr>
                <th scope="col">{t('skSessionTitle')}</th><th scope="col">{t('skSessionKind')}</th><th scope="col">{t('skStarts')}</th>
                <th scope="col" class="num">{t('skMinutes')}</th><th scope="col" class="num">{t('skPresent')}</th>
              </tr></thead>
              <tbody>{c.sessions.map((s) => (
                <tr key={s.id}>
                  <th scope="row"><Link href={href(skillsHref.cohort(c.programme, c.id, 'sessions'), { session: s.id })}
                    aria-current={chosen?.id === s.id ? 'true' : undefined}>{s.title}</Link></th>
                  <td>{kindName(s.kind)}</td><td>{s.starts.length > 10 ? when(s.starts) : s.starts}</td>
                  <td class="num">{s.minutes}</td>
                  <td class="num">{t('skPresentOf', { n: Object.values(s.attendance).filter((x) => x === 'present').length, of: people.length })}</td>
                </tr>
              ))}</tbody>
            </table>
          </div>
        )}
      </section>
      {chosen && <Attendance key={chosen.id} s={chosen} c={c} done={(text) => { setNote(text); reload(); }} />}
      <NewSession c={c} done={(id, title) => { setNote(t('skSessionAdded', { title })); reload(); setParams({ session: id }); }} />
    </>
  );
}

function Attendance({ s, c, done }: { s: Session; c: Cohort; done: (text: string) => void }) {
  const people = c.enrolments.filter((e) => takesPart(e.status));
  const [marks, setMarks] = useState<Record<number, string>>(() =>
    Object.fromEntries(people.map((e) => [e.id, s.attendance[String(e.id)] || ''])));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const list = people.filter((e) => marks[e.id]).map((e) => ({ enrolment: e.id, state: marks[e.id] }));
    if (!list.length) { setErrors([{ id: `at-${people[0]?.id}-present`, message: t('skErrNoMarks') }]); setAttempt((x) => x + 1); return; }
    setBusy(true);
    try {
      const r = await skills.attendance(s.id, list);
      setErrors([]);
      done(t('skAttendanceSaved', { n: r.recorded, title: s.title }));
    } catch (x) {
      // "[2].state": the third person sent
      const r = refusal(x, `at-${list[0].enrolment}-present`, (f) => {
        const m = /^\[(\d+)\]/.exec(f);
        return m && list[Number(m[1])] ? `at-${list[Number(m[1])].enrolment}-present` : null;
      });
      setErrors([r]);
      setAttempt((x) => x + 1);
    } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="sk-at-h" class="sk-attendance">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h2 id="sk-at-h">{t('skAttendanceOf', { title: s.title })}</h2>
      {people.length === 0 ? <p class="muted">{t('skNoOneTakesPart')}</p> : (
        <form class="form" noValidate onSubmit={submit} data-testid="sk-attendance">
          <p class="hint">{t('skAttendanceHint')}</p>
          {people.map((e) => (
            <fieldset class="fieldset sk-mark" key={e.id} data-enrolment={e.id}>
              <legend>{who(e)} <span class="muted">({roleName(e.role)})</span></legend>
              <div class="radios radios-inline">
                {STATES.map((st) => (
                  <div class="radio" key={st}>
                    <input type="radio" id={`at-${e.id}-${st}`} name={`at-${e.id}`} value={st} checked={marks[e.id] === st}
                      onChange={() => setMarks((m) => ({ ...m, [e.id]: st }))} />
                    <label for={`at-${e.id}-${st}`}>{stateName(st)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          ))}
          <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('skSaveAttendance')}</button>
        </form>
      )}
    </section>
  );
}

const KINDS = SESSION_KINDS.map((k) => ({ value: k, label: kindName(k) }));
const STARTS = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$/;

function NewSession({ c, done }: { c: Cohort; done: (id: string, title: string) => void }) {
  const [f, setF] = useState({ kind: 'live', title: '', starts: '', minutes: '60' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const es: FieldError[] = [];
    if (!f.title.trim()) es.push({ id: 'ns-title', message: t('skErrTitle') });
    if (!STARTS.test(f.starts.trim())) es.push({ id: 'ns-starts', message: t('skErrStarts') });
    if (!/^\d{1,5}$/.test(f.minutes) || Number(f.minutes) < 1) es.push({ id: 'ns-minutes', message: t('skErrMinutes') });
    setErrors(es);
    setAttempt((x) => x + 1);
    if (es.length) return;
    setBusy(true);
    try {
      const r = await skills.addSession(c.id, { kind: f.kind, title: f.title.trim(), starts: f.starts.trim(), minutes: Number(f.minutes) });
      setF({ kind: f.kind, title: '', starts: '', minutes: f.minutes });
      done(r.id, f.title.trim());
    } catch (x) {
      setErrors([refusal(x, 'ns-title', (name) => 'ns-' + name)]);
      setAttempt((n) => n + 1);
    } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="sk-ns-h">
      <ErrorSummary errors={errors} focusKey={attempt} focusOnAppear={false} />
      <h2 id="sk-ns-h">{t('skNewSession')}</h2>
      <form class="form" noValidate onSubmit={submit} data-testid="sk-new-session">
        <div class="form-row">
          <Choice id="ns-kind" label={t('skSessionKind')} value={f.kind} onChange={set('kind')} options={KINDS} error={err('ns-kind')} />
          <Text id="ns-title" label={t('skSessionTitle')} value={f.title} onInput={set('title')} error={err('ns-title')} />
        </div>
        <div class="form-row">
          <Text id="ns-starts" label={t('skStarts')} hint={t('skStartsHint')} value={f.starts} onInput={set('starts')} error={err('ns-starts')} />
          <Text id="ns-minutes" label={t('skMinutes')} value={f.minutes} onInput={set('minutes')} error={err('ns-minutes')} class="input-number" extra={{ inputMode: 'numeric' }} />
        </div>
        <button type="submit" class="button button-secondary" disabled={busy}>{busy ? t('working') : t('skAddSession')}</button>
      </form>
    </section>
  );
}
