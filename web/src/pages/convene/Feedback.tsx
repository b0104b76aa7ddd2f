// The participants' feedback survey (on the drill's page once play has
// ended): five statements on a five-point scale and two open questions
// (core/drill_rules.c). Sent again, it replaces the person's earlier
// answers; says when it was saved.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ApiError } from '../../api';
import { useAsync } from '../../hooks';
import { drills, type Feedback as Survey } from '../../drills';
import { ErrorSummary, clock, type FieldError } from '../../components/forms';
import { Loading, errorText } from '../../components/ui';

export function Feedback({ drill }: { drill: string }) {
  const survey = useAsync(() => drills.feedback(drill), [drill]);
  if (survey.state === 'loading') return <Loading />;
  if (survey.state === 'error') return <p class="field-error">{errorText(survey.error)}</p>;
  return <Form drill={drill} survey={survey.data} />;
}

function Form({ drill, survey }: { drill: string; survey: Survey }) {
  const [answers, setAnswers] = useState<Record<string, number | string>>(survey.answers || {});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [saved, setSaved] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (id: string, v: number | string) => setAnswers((a) => ({ ...a, [id]: v }));
  const send = async (ev: Event) => {
    ev.preventDefault();
    const mine: Record<string, number | string> = {};
    for (const q of survey.questions) {
      const v = answers[q.id];
      if (q.type === 'scale' && typeof v === 'number') mine[q.id] = v;
      if (q.type === 'text' && typeof v === 'string' && v.trim()) mine[q.id] = v.trim();
    }
    setTries((n) => n + 1);
    if (!Object.keys(mine).length) { setErrors([{ id: 'fb-' + survey.questions[0].id + '-0', message: t('fbNeedOne') }]); return; }
    setErrors([]);
    setBusy(true);
    try { await drills.sendFeedback(drill, mine); setSaved(new Date()); }
    catch (x) {
      const a = x as ApiError;
      const q = a.field?.startsWith('answers.') ? a.field.slice(8) : survey.questions[0].id;
      const kind = survey.questions.find((x2) => x2.id === q)?.type;
      setErrors([{ id: kind === 'text' ? 'fb-' + q : 'fb-' + q + '-0', message: errorText(a) }]);
    } finally { setBusy(false); }
  };
  return (
    <section class="work-section dr-feedback" aria-labelledby="fb-title">
      <h2 id="fb-title">{t('fbTitle')}</h2>
      <p>{t('fbLead')}</p>
      <ErrorSummary errors={errors} focusKey={tries} />
      <form class="form" noValidate onSubmit={send}>
        {survey.questions.map((q) => q.type === 'scale' ? (
          <fieldset key={q.id} class="fieldset dr-fb-q">
            <legend class="legend-s">{q.text}</legend>
            <div class="dr-radios">
              {survey.scale.map((s, k) => (
                <label key={s.value} class="dr-radio">
                  <input type="radio" id={'fb-' + q.id + '-' + k} name={'fb-' + q.id} value={s.value} checked={answers[q.id] === s.value}
                    onChange={() => set(q.id, s.value)} /> {s.name}
                </label>
              ))}
            </div>
          </fieldset>
        ) : (
          <div key={q.id} class="form-group">
            <label class="label label-s" for={'fb-' + q.id}>{q.text} <span class="muted">{t('fbOptional')}</span></label>
            <textarea class="textarea" id={'fb-' + q.id} rows={3} maxLength={survey.text_max} value={String(answers[q.id] ?? '')}
              onInput={(e) => set(q.id, (e.target as HTMLTextAreaElement).value)} />
          </div>
        ))}
        <button type="submit" class="button" disabled={busy}>{survey.answers || saved ? t('fbSendAgain') : t('fbSend')}</button>
        {saved && <span class="muted dr-saved" role="status">{t('fbSaved', { at: clock(saved) })}</span>}
        {!saved && survey.answers && <span class="muted dr-saved">{t('fbAnswered')}</span>}
      </form>
    </section>
  );
}
