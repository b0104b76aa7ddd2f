// A rating form a participant answers on their own page (/skills/me): its
// questions, each with the levels of its scale as radios, the answers given
// before shown chosen, every question needed, sent through
// POST /enrolments/{e}/answers as answers of one kind. The reaction surveys
// (MeSurvey.tsx) and the self-assessment (MeSelf.tsx) are such forms.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { skills, type MyEnrolment } from '../../skills';
import { Note, refusal } from './common';

/** A question: its LABEL (the legend), its name in the "rate ..." error, its levels. */
export interface RatingQuestion {
  id: string; label: string; named: string; levels: { value: number; label: string }[];
}

interface Props {
  /** the enrolment answering, the kind of answers the form sends (self_before, reaction_end...) */
  e: MyEnrolment; kind: string;
  /** the start of the form's element ids ('sv', 'sa') and its data-testid */
  prefix: string; testid: string;
  questions: RatingQuestion[];
  /** the form's heading, its hint while nothing was answered, its button */
  heading: ComponentChildren; lead: string; send: string;
  done: () => void;
}

/** The form of E's answers of KIND; its "saved" note outlives the form starting again with the reloaded answers. */
export function RatingForm(p: Props) {
  // "saved" lives here: the form below starts again (its key) with the answers the reload brings
  const [note, setNote] = useState('');
  return <Form key={JSON.stringify(p.e.answers?.[p.kind] || {})} {...p} note={note} setNote={setNote} />;
}

function Form({ e, kind, prefix, testid, questions: qs, heading, lead, send, done, note, setNote }: Props & {
  note: string; setNote: (s: string) => void;
}) {
  const before = e.answers?.[kind] || {};
  const [values, setValues] = useState<Record<string, number>>(() => ({ ...before }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = (q: string, v?: number) => `${prefix}-${e.id}-${kind}-${q.replace(/\W+/g, '-')}${v === undefined ? '' : '-' + v}`;
  const first = (q: RatingQuestion) => id(q.id, q.levels[0]?.value);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setNote('');
    const missing = qs.filter((q) => values[q.id] === undefined);
    if (missing.length) {
      setErrors(missing.map((q) => ({ id: first(q), message: t('skErrRate', { q: q.named }) })));
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
      setErrors([refusal(x, first(qs[0]), (f) => {
        const q = qs.find((n) => 'answers.' + n.id === f);
        return q ? first(q) : null;
      })]);
      setAttempt((n) => n + 1);
    } finally { setBusy(false); }
  };
  const h = `${prefix}-${e.id}-${kind}-h`;
  return (
    <form class="form" noValidate onSubmit={submit} data-testid={testid} aria-labelledby={h}>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h3 id={h}>{heading}</h3>
      <p class="hint">{Object.keys(before).length ? t('skSurveyAnswered') : lead}</p>
      {qs.map((q) => {
        const err = errors.find((x) => x.id === first(q))?.message;
        return (
          <fieldset class={'fieldset sk-q' + (err ? ' form-group form-group-error' : '')} key={q.id}>
            <legend>{q.label}</legend>
            {err && <p class="field-error"><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
            <div class="radios radios-inline">
              {q.levels.map((l) => (
                <div class="radio" key={l.value}>
                  <input type="radio" id={id(q.id, l.value)} name={id(q.id)} value={l.value} checked={values[q.id] === l.value}
                    onChange={() => setValues((v) => ({ ...v, [q.id]: l.value }))} />
                  <label for={id(q.id, l.value)}>{l.label}</label>
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
      <Note text={note} />
      <button type="submit" class="button" disabled={busy}>{busy ? t('working') : send}</button>
    </form>
  );
}
