// The reaction surveys a participant answers from their own page
// (/skills/me): each survey the programme links (a framework, format 1.1,
// rating questions), its questions with the scale's levels as radios,
// sent through POST /enrolments/{e}/answers; what was answered before is
// shown chosen; or offline through the survey's workbook (MeWorkbook.tsx).
// Needs the evaluation consent (the page says so).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { api } from '../../api';
import { useAsync } from '../../hooks';
import { ErrorState, Loading } from '../../components/ui';
import { ErrorSummary, type FieldError } from '../../components/forms';
import type { Framework, FwNode } from '../../types';
import { skills, type MyEnrolment } from '../../skills';
import { Note, named, refusal } from './common';
import { SurveyWorkbook } from './MeWorkbook';

export const REACTION = ['reaction_module', 'reaction_end'] as const;

const ratings = (nodes: FwNode[]): FwNode[] =>
  nodes.flatMap((n) => [...(n.type === 'rating' ? [n] : []), ...ratings(n.children || [])]);

/** The reaction surveys of enrolment E; CONSENT: whether evaluation consent is in force. */
export function Surveys({ e, consent, done }: { e: MyEnrolment; consent: boolean; done: () => void }) {
  const kinds = REACTION.filter((k) => e.surveys?.[k]);
  if (e.role !== 'participant' || !kinds.length) return null;
  return (
    <section aria-labelledby={`sv-${e.id}-h`} class="sk-survey" data-testid="sk-surveys">
      <h2 id={`sv-${e.id}-h`}>{t('skSurveysTitle', { cohort: e.cohort })}</h2>
      {!consent ? <p class="panel panel-info">{t('skSurveyNeedsConsent')}</p>
        : kinds.map((k) => <Survey key={k} e={e} kind={k} done={done} />)}
    </section>
  );
}

function Survey({ e, kind, done }: { e: MyEnrolment; kind: string; done: () => void }) {
  const sv = e.surveys![kind];
  // "saved" lives here: the form below starts again (its key) with the answers the reload brings
  const [note, setNote] = useState('');
  const fw = useAsync(() => api.framework(sv.framework, sv.version), [sv.framework, sv.version]);
  if (fw.state === 'loading') return <Loading />;
  if (fw.state === 'error') return <ErrorState error={fw.error} retry={fw.retry} />;
  return (
    <>
      <SurveyForm key={JSON.stringify(e.answers?.[kind] || {})} e={e} kind={kind} fw={fw.data} done={done}
        note={note} setNote={setNote} />
      <SurveyWorkbook enrolment={e.id} kind={kind} done={done} />
    </>
  );
}

function SurveyForm({ e, kind, fw, done, note, setNote }: {
  e: MyEnrolment; kind: string; fw: Framework; done: () => void; note: string; setNote: (s: string) => void;
}) {
  const qs = ratings(fw.children);
  const before = e.answers?.[kind] || {};
  const [values, setValues] = useState<Record<string, number>>(() => ({ ...before }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = (q: string, v?: number) => `sv-${e.id}-${kind}-${q.replace(/\W+/g, '-')}${v === undefined ? '' : '-' + v}`;
  const first = (q: FwNode) => id(q.id, fw.scales?.find((s) => s.id === q.scale)?.levels[0]?.value);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setNote('');
    const missing = qs.filter((q) => values[q.id] === undefined);
    if (missing.length) {
      setErrors(missing.map((q) => ({ id: first(q), message: t('skErrRate', { q: q.question || q.id }) })));
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
  const answered = Object.keys(before).length > 0;
  return (
    <form class="form" noValidate onSubmit={submit} data-testid={'sk-survey-' + kind} aria-labelledby={`sv-${e.id}-${kind}-h`}>
      <ErrorSummary errors={errors} focusKey={attempt} />
      <h3 id={`sv-${e.id}-${kind}-h`}>{named('skSv_', kind)} <span class="muted">({fw.title})</span></h3>
      <p class="hint">{answered ? t('skSurveyAnswered') : t('skSurveyLead')}</p>
      {qs.map((q) => {
        const scale = fw.scales?.find((s) => s.id === q.scale);
        const err = errors.find((x) => x.id === first(q))?.message;
        return (
          <fieldset class={'fieldset sk-q' + (err ? ' form-group form-group-error' : '')} key={q.id}>
            <legend>{q.question || q.name || q.id}</legend>
            {err && <p class="field-error"><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
            <div class="radios radios-inline">
              {(scale?.levels || []).map((l) => (
                <div class="radio" key={l.value}>
                  <input type="radio" id={id(q.id, l.value)} name={id(q.id)} value={l.value} checked={values[q.id] === l.value}
                    onChange={() => setValues((v) => ({ ...v, [q.id]: l.value }))} />
                  <label for={id(q.id, l.value)}>{l.name}</label>
                </div>
              ))}
            </div>
          </fieldset>
        );
      })}
      <Note text={note} />
      <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('skSendSurvey')}</button>
    </form>
  );
}
