// The paired self-assessment of a participant (/skills/me): for each
// competency of their track, a rating from 1 to 5 before the programme
// (self_before) and after it (self_after), each sent through
// POST /enrolments/{e}/answers; what was given before is shown chosen.
// The dashboard pairs them (only people with both count). Needs the
// evaluation consent (the page says so).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { skills, type MyEnrolment } from '../../skills';
import { Note, named, refusal } from './common';

const KINDS = ['self_before', 'self_after'] as const;
const LEVELS = [1, 2, 3, 4, 5];

export function SelfAssessment({ e, consent, done }: { e: MyEnrolment; consent: boolean; done: () => void }) {
  const comps = e.competencies || [];
  // each form's "saved" lives here: a form starts again (its key) with the answers the reload brings
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (e.role !== 'participant' || !comps.length) return null;
  return (
    <section aria-labelledby={`sa-${e.id}-h`} class="sk-survey" data-testid="sk-self">
      <h2 id={`sa-${e.id}-h`}>{t('skSelfTitle', { cohort: e.cohort })}</h2>
      <p>{t('skSelfLead')}</p>
      {!consent ? <p class="panel panel-info">{t('skSurveyNeedsConsent')}</p>
        : KINDS.map((k) => <SelfForm key={k + JSON.stringify(e.answers?.[k] || {})} e={e} kind={k} done={done}
          note={notes[k] || ''} setNote={(n: string) => setNotes((x) => ({ ...x, [k]: n }))} />)}
    </section>
  );
}

function SelfForm({ e, kind, done, note, setNote }: {
  e: MyEnrolment; kind: string; done: () => void; note: string; setNote: (s: string) => void;
}) {
  const comps = e.competencies || [];
  const before = e.answers?.[kind] || {};
  const [values, setValues] = useState<Record<string, number>>(() => ({ ...before }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = (c: string, v?: number) => `sa-${e.id}-${kind}-${c.replace(/\W+/g, '-')}${v === undefined ? '' : '-' + v}`;
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setNote('');
    const missing = comps.filter((c) => values[c.id] === undefined);
    if (missing.length) {
      setErrors(missing.map((c) => ({ id: id(c.id, 1), message: t('skErrRate', { q: c.name }) })));
      setAttempt((x) => x + 1);
      return;
    }
    setBusy(true);
    try {
      const r = await skills.answer(e.id, kind, values);
      setErrors([]);
      setNote(t('skSurveySaved', { n: r.saved }));
      done();
    } catch (x) {
      setErrors([refusal(x, id(comps[0].id, 1), (f) => {
        const c = comps.find((n) => 'answers.' + n.id === f);
        return c ? id(c.id, 1) : null;
      })]);
      setAttempt((n) => n + 1);
    } finally { setBusy(false); }
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid={'sk-self-' + kind} aria-labelledby={`sa-${e.id}-${kind}-h`}>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h3 id={`sa-${e.id}-${kind}-h`}>{named('skSv_', kind)}</h3>
      <p class="hint">{Object.keys(before).length ? t('skSurveyAnswered') : t('skSelfHint')}</p>
      {comps.map((c) => {
        const err = errors.find((x) => x.id === id(c.id, 1))?.message;
        return (
          <fieldset class={'fieldset sk-q' + (err ? ' form-group form-group-error' : '')} key={c.id}>
            <legend>{c.name}</legend>
            {err && <p class="field-error"><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
            <div class="radios radios-inline">
              {LEVELS.map((l) => (
                <div class="radio" key={l}>
                  <input type="radio" id={id(c.id, l)} name={id(c.id)} value={l} checked={values[c.id] === l}
                    onChange={() => setValues((v) => ({ ...v, [c.id]: l }))} />
                  <label for={id(c.id, l)}>{t(('skLevel' + l) as 'skLevel1')}</label>
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
      <Note text={note} />
      <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('skSendSelf')}</button>
    </form>
  );
}
