// A cohort's mentoring (/skills/{p}/cohorts/{c}/mentoring): its pairs
// with the reasons the matching (or the coordinator) gave, the moves each
// pair can make (accept, decline, complete, cancel), running the matching
// (what it proposed and why some mentees were left over), and the
// coordinator's override: a pair of their choosing.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { ApiError } from '../../api';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { Choice, Text } from '../build/fields';
import { PAIR_MOVES, skills, type Cohort, type Enrolment, type Match, type Pair } from '../../skills';
import { CohortPage, Note, pairStatusName, refusal, who } from './common';

export function SkillsMentoring({ route }: { route: Route }) {
  return <CohortPage route={route} tab="mentoring" title="skMentoringTitle">{(c, reload) => <Mentoring c={c} reload={reload} />}</CohortPage>;
}

const MOVE_LABEL: Record<string, 'skPairAccept' | 'skPairDecline' | 'skPairComplete' | 'skPairCancel'> = {
  accepted: 'skPairAccept', declined: 'skPairDecline', completed: 'skPairComplete', cancelled: 'skPairCancel',
};

function Mentoring({ c, reload }: { c: Cohort; reload: () => void }) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [note, setNote] = useState('');
  const [match, setMatch] = useState<Match | null>(null);
  const [busy, setBusy] = useState(false);
  const byId = new Map(c.enrolments.map((e) => [e.id, e]));
  const name = (id: number) => who(byId.get(id));
  const fail = (x: unknown, at: string) => { setErrors([refusal(x, at)]); setAttempt((n) => n + 1); setNote(''); };
  const ok = (text: string) => { setErrors([]); setNote(text); reload(); };
  const run = async () => {
    setBusy(true);
    try {
      const m = await skills.match(c.id);
      setMatch(m);
      ok(t('skMatched', { n: m.pairs.length, left: m.unmatched.length }));
    } catch (x) { fail(x, 'sk-run'); } finally { setBusy(false); }
  };
  const move = async (p: Pair, to: string) => {
    try {
      await skills.movePair(p.id, to);
      ok(t('skPairMoved', { mentor: name(p.mentor), mentee: name(p.mentee), status: pairStatusName(to) }));
    } catch (x) { fail(x, `pair-${p.id}-${to}`); }
  };
  return (
    <>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <Note text={note} />
      <section aria-labelledby="sk-pairs-h">
        <h2 id="sk-pairs-h">{t('skPairs')}</h2>
        {c.pairs.length === 0 ? <p class="muted">{t('skNoPairs')}</p> : (
          <ul class="sk-pairs" data-testid="sk-pairs">
            {c.pairs.map((p) => (
              <li key={p.id} class="sk-pair" data-pair={p.id} data-status={p.status}>
                <h3>{t('skPairOf', { mentor: name(p.mentor), mentee: name(p.mentee) })}</h3>
                <p><strong class="tag">{pairStatusName(p.status)}</strong>{p.overridden && <span class="tag">{t('skOverridden')}</span>}</p>
                <p class="sk-why">{t('skWhy')}</p>
                <ul>{p.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
                {(PAIR_MOVES[p.status] || []).length > 0 && (
                  <div class="button-row">
                    {PAIR_MOVES[p.status].map((to) => (
                      <button key={to} type="button" id={`pair-${p.id}-${to}`} class={to === 'accepted' ? 'button' : 'button button-secondary'}
                        onClick={() => move(p, to)}>{t(MOVE_LABEL[to])}<span class="sr-only">: {t('skPairOf', { mentor: name(p.mentor), mentee: name(p.mentee) })}</span></button>
                    ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sk-run-h">
        <h2 id="sk-run-h">{t('skRunTitle')}</h2>
        <p>{t('skRunLead')}</p>
        <button type="button" class="button" id="sk-run" onClick={run} disabled={busy}>{busy ? t('working') : t('skRun')}</button>
        {match && (
          <div data-testid="sk-match">
            <h3>{t('skProposed', { n: match.pairs.length })}</h3>
            {match.pairs.length === 0 ? <p class="muted">{t('skNothingProposed')}</p> : (
              <ul>{match.pairs.map((p) => <li key={p.id}>{t('skPairOf', { mentor: name(p.mentor), mentee: name(p.mentee) })}: {p.reasons.join('; ')}</li>)}</ul>
            )}
            {match.unmatched.length > 0 && (
              <>
                <h3>{t('skLeftOver', { n: match.unmatched.length })}</h3>
                <ul>{match.unmatched.map((u) => <li key={u.mentee}>{name(u.mentee)}: {u.reasons.join('; ')}</li>)}</ul>
              </>
            )}
          </div>
        )}
      </section>
      <Override c={c} fail={fail} ok={ok} />
    </>
  );
}

function Override({ c, fail, ok }: { c: Cohort; fail: (x: unknown, at: string) => void; ok: (text: string) => void }) {
  const mentors = c.enrolments.filter((e) => e.role === 'mentor' && e.status === 'active');
  const paired = new Set(c.pairs.filter((p) => p.status === 'proposed' || p.status === 'accepted').map((p) => p.mentee));
  const mentees = c.enrolments.filter((e) => e.role === 'participant' && e.status === 'active' && !paired.has(e.id));
  const [mentor, setMentor] = useState('');
  const [mentee, setMentee] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const opts = (l: Enrolment[]) => [{ value: '', label: t('skChoose') }, ...l.map((e) => ({ value: String(e.id), label: who(e) }))];
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (!mentor) return fail(new ApiError(422, 'invalid', t('skErrMentor')), 'ov-mentor');
    if (!mentee) return fail(new ApiError(422, 'invalid', t('skErrMentee')), 'ov-mentee');
    setBusy(true);
    try {
      await skills.setPair(c.id, Number(mentor), Number(mentee), reason.trim() || undefined);
      const m = mentors.find((e) => String(e.id) === mentor), e = mentees.find((x) => String(x.id) === mentee);
      setMentee(''); setReason('');
      ok(t('skPairSet', { mentor: who(m), mentee: who(e) }));
    } catch (x) { fail(x, 'ov-mentee'); } finally { setBusy(false); }
  };
  return (
    <section aria-labelledby="sk-ov-h">
      <h2 id="sk-ov-h">{t('skOverrideTitle')}</h2>
      <p>{t('skOverrideLead')}</p>
      {mentors.length === 0 || mentees.length === 0 ? <p class="muted">{t('skNoOverride')}</p> : (
        <form class="form" noValidate onSubmit={submit} data-testid="sk-override">
          <div class="form-row">
            <Choice id="ov-mentor" label={t('skMentor')} value={mentor} onChange={setMentor} options={opts(mentors)} />
            <Choice id="ov-mentee" label={t('skMentee')} value={mentee} onChange={setMentee} options={opts(mentees)} />
          </div>
          <Text id="ov-reason" label={t('skOverrideReason')} value={reason} onInput={setReason} />
          <button type="submit" class="button button-secondary" disabled={busy}>{busy ? t('working') : t('skSetPair')}</button>
        </form>
      )}
    </section>
  );
}
