// A mentor's or mentee's pairs on their own page (/skills/me): with whom,
// its status (a proposed pair accepted or declined here), its meetings
// (recorded here once accepted) and its goals (set, then marked met or
// dropped), through /pairs/{p}, /pairs/{p}/meetings and /pairs/{p}/goals.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { Text } from '../build/fields';
import { skills, type MyPair } from '../../skills';
import { Note, pairStatusName, refusal } from './common';

export function Pairs({ pairs, done }: { pairs: MyPair[]; done: () => void }) {
  if (!pairs.length) return null;
  return (
    <section aria-labelledby="sk-mypairs-h" data-testid="sk-my-pairs">
      <h2 id="sk-mypairs-h">{t('skMyPairs')}</h2>
      {pairs.map((p) => <PairCard key={p.id} p={p} done={done} />)}
    </section>
  );
}

const GOAL_STATUSES = ['open', 'met', 'dropped'] as const;

function PairCard({ p, done }: { p: MyPair; done: () => void }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [note, setNote] = useState('');
  const [m, setM] = useState({ at: '', minutes: '60', notes: '' });
  const [goal, setGoal] = useState('');
  const pre = `pr-${p.id}`;
  const other = p.with ?? t('skErased');
  const fail = (x: unknown, at: string) => { setErrors([refusal(x, at, (f) => `${pre}-${f}`)]); setAttempt((n) => n + 1); setNote(''); };
  const ok = (text: string) => { setErrors([]); setNote(text); done(); };
  const bad = (id: string, message: string) => { setErrors([{ id, message }]); setAttempt((n) => n + 1); };
  const err = (id: string) => errors.find((e) => e.id === id)?.message;
  const move = async (to: string) => {
    try { await skills.movePair(p.id, to); ok(t('skPairNow', { status: pairStatusName(to) })); } catch (x) { fail(x, `${pre}-${to}`); }
  };
  const meet = async (ev: Event) => {
    ev.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}/.test(m.at.trim())) return bad(`${pre}-at`, t('skErrMeetingAt'));
    if (!/^\d{1,4}$/.test(m.minutes) || Number(m.minutes) < 1) return bad(`${pre}-minutes`, t('skErrMinutes'));
    try {
      await skills.addMeeting(p.id, { at: m.at.trim(), minutes: Number(m.minutes), ...(m.notes.trim() ? { notes: m.notes.trim() } : {}) });
      setM({ at: '', minutes: m.minutes, notes: '' });
      ok(t('skMeetingSaved'));
    } catch (x) { fail(x, `${pre}-at`); }
  };
  const addGoal = async (ev: Event) => {
    ev.preventDefault();
    if (!goal.trim()) return bad(`${pre}-text`, t('skErrGoal'));
    try { await skills.addGoal(p.id, goal.trim()); setGoal(''); ok(t('skGoalSaved')); } catch (x) { fail(x, `${pre}-text`); }
  };
  const setStatus = async (g: number, status: string) => {
    try { await skills.setGoal(p.id, g, status); ok(t('skGoalNow', { status: goalName(status) })); } catch (x) { fail(x, `${pre}-goal-${g}`); }
  };
  const accepted = p.status === 'accepted';
  return (
    <article class="sk-pair" data-pair={p.id} aria-labelledby={`${pre}-h`}>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h3 id={`${pre}-h`}>{p.as === 'mentee' ? t('skYourMentor', { name: other }) : t('skYourMentee', { name: other })}</h3>
      <p><strong class="tag">{pairStatusName(p.status)}</strong></p>
      <Note text={note} />
      {p.status === 'proposed' && (
        <div class="button-row">
          <button type="button" class="button" id={`${pre}-accepted`} onClick={() => move('accepted')}>{t('skPairAccept')}</button>
          <button type="button" class="button button-secondary" id={`${pre}-declined`} onClick={() => move('declined')}>{t('skPairDecline')}</button>
        </div>
      )}
      {(accepted || p.meetings.length > 0) && <h4>{t('skMeetings')}</h4>}
      {p.meetings.length > 0 && (
        <ul>{p.meetings.map((x) => <li key={x.id}>{t('skMeetingLine', { at: x.at, minutes: x.minutes })}{x.notes ? ': ' + x.notes : ''}</li>)}</ul>
      )}
      {accepted && (
        <form class="form" noValidate onSubmit={meet} data-testid="sk-meeting-form">
          <div class="form-row">
            <Text id={`${pre}-at`} label={t('skMeetingAt')} hint={t('skDateHint')} value={m.at} onInput={(v) => setM((o) => ({ ...o, at: v }))} error={err(`${pre}-at`)} />
            <Text id={`${pre}-minutes`} label={t('skMinutes')} value={m.minutes} onInput={(v) => setM((o) => ({ ...o, minutes: v }))} error={err(`${pre}-minutes`)} class="input-number" />
          </div>
          <Text id={`${pre}-notes`} label={t('skMeetingNotes')} value={m.notes} onInput={(v) => setM((o) => ({ ...o, notes: v }))} error={err(`${pre}-notes`)} area />
          <button type="submit" class="button button-secondary">{t('skAddMeeting')}</button>
        </form>
      )}
      {(accepted || p.goals.length > 0) && <h4>{t('skGoals')}</h4>}
      {p.goals.length > 0 && (
        <ul class="sk-goals">{p.goals.map((g) => (
          <li key={g.id}>
            {g.text ?? t('skErased')}{' '}
            {p.status === 'accepted' || p.status === 'completed' ? (
              <>
                <label class="sr-only" for={`${pre}-goal-${g.id}`}>{t('skGoalStatusOf', { goal: g.text ?? '' })}</label>
                <select class="select" id={`${pre}-goal-${g.id}`} value={g.status} onChange={(e) => setStatus(g.id, (e.currentTarget as HTMLSelectElement).value)}>
                  {GOAL_STATUSES.map((s) => <option key={s} value={s}>{goalName(s)}</option>)}
                </select>
              </>
            ) : <strong class="tag">{goalName(g.status)}</strong>}
          </li>
        ))}</ul>
      )}
      {accepted && (
        <form class="form" noValidate onSubmit={addGoal} data-testid="sk-goal-form">
          <Text id={`${pre}-text`} label={t('skNewGoal')} value={goal} onInput={setGoal} error={err(`${pre}-text`)} />
          <button type="submit" class="button button-secondary">{t('skAddGoal')}</button>
        </form>
      )}
    </article>
  );
}

const goalName = (s: string) => t(('skGoal_' + s) as 'skGoal_open');
