// One question at the workshop: every respondent's answer and comment, the
// spread (how many gave each answer, the median, and "views differ by 2 or
// more levels" said in words and marked by a sign, never by colour alone),
// the form to record the consensus as the assessment's answer with a note,
// and a form to enter an answer on a respondent's behalf.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { int, num } from '../../format';
import { wf } from '../../workflow';
import { ws, type QuestionResponses, type Respondent } from '../../workshop';
import { answerLabel, answerOptions } from '../../questionnaire';
import { present } from '../../applies';
import { scaleOf } from '../../fw';
import { FieldErrorText, clock } from '../../components/forms';
import { groupName } from './Respondents';
import type { FwNode } from '../../types';
import type { ApiError } from '../../api';

export function WorkshopQuestion({ c, u, n, num: k, r, respondents, readOnly, onSaved }: {
  c: string; u: string; n: FwNode; num: number; r: QuestionResponses | undefined; respondents: Respondent[];
  readOnly: boolean; onSaved: () => void;
}) {
  const responses = (r?.responses || []).filter((x) => present(x.answer) || present(x.comment));
  const id = 'wq-' + n.id;
  return (
    <section class={'q wq' + (r?.spread.divergent ? ' wq-divergent' : '')} id={id} aria-labelledby={id + '-title'} data-question={n.id}>
      <div class="q-main">
        <h3 class="q-title" id={id + '-title'}>
          <span class="q-num">{t('questionN', { n: k })}</span>
          <span class="q-text">{n.question || n.name || n.id}</span>
        </h3>
        {r && <SpreadLine n={n} r={r} />}
        {responses.length ? (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('wsResponsesOf', { n: k })}>
            <table class="data wq-responses stack-table">
              <caption class="sr-only">{t('wsResponsesOf', { n: k })}</caption>
              <thead><tr><th scope="col">{t('colRespondent')}</th><th scope="col">{t('colAnswer')}</th><th scope="col">{t('commentLabel')}</th></tr></thead>
              <tbody>
                {responses.map((x) => (
                  <tr key={x.respondent}>
                    <th scope="row">{x.name}<span class="muted respondent-email">{groupName(x.group)}</span></th>
                    <td data-label={t('cellLabel', { label: t('colAnswer') })}>{answerLabel(n, x.answer)}</td>
                    <td data-label={t('cellLabel', { label: t('commentLabel') })}>{x.comment || <span class="muted">{t('noValue')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p class="muted">{t('wsNoResponses')}</p>}
        <Consensus c={c} u={u} n={n} k={k} current={r?.consensus || null} readOnly={readOnly} onSaved={onSaved} answered={responses.length > 0} />
        {respondents.length > 0 && !readOnly && <OnBehalf c={c} u={u} n={n} k={k} respondents={respondents} r={r} onSaved={onSaved} />}
      </div>
    </section>
  );
}

/** The answers given, over every level or option of the question (zeros too, so a gap shows), the median, and the divergence in words. */
function SpreadLine({ n, r }: { n: FwNode; r: QuestionResponses }) {
  const given = Object.entries(r.spread.counts).filter(([, v]) => v > 0);
  const opts = answerOptions(n);
  const rows = opts ? opts.map((o) => [o.id, r.spread.counts[o.id] || 0] as [string, number]) : given;
  const most = Math.max(1, ...rows.map(([, v]) => v));
  const med = r.spread.median;
  const medText = med == null ? null : scaleOf(n) ? answerLabel(n, String(med)) : num(med, Number.isInteger(med) ? 0 : 1);
  return (
    <div class="wq-spread">
      {r.spread.divergent && (
        <p class="wq-diverge" data-testid="divergent"><span class="wq-diverge-sign" aria-hidden="true">⚠</span> <strong>{t('wsDivergent')}</strong></p>
      )}
      {given.length > 0 && (
        <div class="wq-figures">
          <table class="wq-counts" data-testid="counts">
            <caption class="wq-sub">{t('wsCounts')}</caption>
            <tbody>
              {rows.map(([a, v]) => (
                <tr key={a} class={v ? undefined : 'wq-zero'}>
                  <th scope="row">{answerLabel(n, a)}</th>
                  <td class="num">{int(v)}</td>
                  <td class="wq-bar-cell" aria-hidden="true"><span class="wq-bar" style={{ inlineSize: `${(100 * v) / most}%` }} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {medText && <p class="wq-median"><span class="muted">{t('wsMedian')}:</span> <strong data-testid="median">{medText}</strong></p>}
        </div>
      )}
    </div>
  );
}

/** A radio list or a text field for one answer, as the question takes it. */
function AnswerField({ n, id, value, onInput, err, legend }: { n: FwNode; id: string; value: string; onInput: (v: string) => void; err?: string | null; legend: string }) {
  const opts = answerOptions(n);
  if (opts) {
    return (
      <fieldset class="fieldset" aria-describedby={err ? id + '-error' : undefined}>
        <legend class="label label-s">{legend}</legend>
        <FieldErrorText id={id + '-error'} message={err} />
        <div class="radios radios-small">
          {opts.map((o, i) => (
            <div class="radio" key={o.id}>
              <input type="radio" id={i ? `${id}-${o.id}` : id} name={id} value={o.id} checked={value === o.id} onChange={() => onInput(o.id)} />
              <label for={i ? `${id}-${o.id}` : id}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <div>
      <label class="label label-s" for={id}>{legend}</label>
      {n.type === 'multi' && <span class="hint">{t('wsMultiHint')}</span>}
      <FieldErrorText id={id + '-error'} message={err} />
      <input class="input" id={id} value={value} onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        aria-invalid={err ? 'true' : undefined} aria-describedby={err ? id + '-error' : undefined} />
    </div>
  );
}

function useSubmit(save: () => Promise<unknown>, onSaved: () => void) {
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [done, setDone] = useState<Date | null>(null);
  const run = async (ev: Event, check: () => string | null) => {
    ev.preventDefault();
    const bad = check();
    setErr(bad);
    setDone(null);
    if (bad) return;
    setBusy(true);
    try { await save(); setDone(new Date()); onSaved(); } catch (e) {
      const ae = e as ApiError;
      setErr(ae.status === 0 ? t('errEvidenceOffline') : t('errAnswerRefused', { message: ae.message }));
    } finally { setBusy(false); }
  };
  return { busy, err, done, run };
}

function Consensus({ c, u, n, k, current, readOnly, onSaved, answered }: {
  c: string; u: string; n: FwNode; k: number; current: { answer: string; comment: string } | null; readOnly: boolean; onSaved: () => void;
  answered: boolean;
}) {
  const [answer, setAnswer] = useState(current?.answer || '');
  const [note, setNote] = useState(current?.comment || '');
  const s = useSubmit(() => wf.answer(c, u, n.id, answer, note), onSaved);
  const id = 'cs-' + n.id;
  const recorded = current && present(current.answer);
  return (
    <div class="wq-consensus">
      <h4 class="wq-sub">{t('wsConsensusTitle')}</h4>
      {recorded ? (
        <p class="wq-recorded" data-testid="consensus"><span aria-hidden="true">✓ </span>{t('wsConsensusIs', { answer: answerLabel(n, current!.answer) })}
          {current!.comment && <span class="muted"> — “{current!.comment}”</span>}</p>
      ) : <p class="muted">{t('wsNoConsensus')}</p>}
      {!readOnly && (
        <details class="wq-form" open={(!recorded && answered) || undefined}>
          <summary>{recorded ? t('wsChangeConsensus') : t('wsRecordConsensus')}<span class="sr-only">: {t('questionN', { n: k })}</span></summary>
          <form noValidate onSubmit={(e) => s.run(e, () => (present(answer) ? null : t('errConsensusEmpty')))}>
            <div class={'form-group' + (s.err ? ' form-group-error' : '')}>
              <AnswerField n={n} id={id} value={answer} onInput={setAnswer} err={s.err} legend={t('wsConsensusLabel', { n: k })} />
            </div>
            <div class="form-group">
              <label class="label label-s" for={id + '-note'}>{t('wsNoteLabel')}</label>
              <span class="hint" id={id + '-note-hint'}>{t('wsNoteHint')}</span>
              <textarea class="textarea" id={id + '-note'} rows={2} value={note} aria-describedby={id + '-note-hint'}
                onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
            </div>
            <button type="submit" class="button button-small" disabled={s.busy}>{s.busy ? t('saving') : t('wsRecordButton')}</button>
            {s.done && <span class="save-line save-saved" role="status"> {t('savedAt', { time: clock(s.done) })}</span>}
          </form>
        </details>
      )}
    </div>
  );
}

function OnBehalf({ c, u, n, k, respondents, r, onSaved }: {
  c: string; u: string; n: FwNode; k: number; respondents: Respondent[]; r: QuestionResponses | undefined; onSaved: () => void;
}) {
  const [who, setWho] = useState(String(respondents[0].id));
  const given = (id: string) => r?.responses.find((x) => String(x.respondent) === id);
  const [answer, setAnswer] = useState(given(who)?.answer || '');
  const [comment, setComment] = useState(given(who)?.comment || '');
  const s = useSubmit(() => ws.answer(c, u, Number(who), n.id, answer, comment), onSaved);
  const id = 'ob-' + n.id;
  return (
    <details class="wq-behalf">
      <summary>{t('wsOnBehalf')}<span class="sr-only">: {t('questionN', { n: k })}</span></summary>
      <form noValidate onSubmit={(e) => s.run(e, () => null)}>
        <div class="form-group">
          <label class="label label-s" for={id + '-who'}>{t('colRespondent')}</label>
          <select id={id + '-who'} value={who} onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            setWho(v); setAnswer(given(v)?.answer || ''); setComment(given(v)?.comment || '');
          }}>
            {respondents.map((x) => <option key={x.id} value={String(x.id)}>{x.name}</option>)}
          </select>
        </div>
        <div class={'form-group' + (s.err ? ' form-group-error' : '')}>
          <AnswerField n={n} id={id} value={answer} onInput={setAnswer} err={s.err} legend={t('wsTheirAnswer')} />
        </div>
        <div class="form-group">
          <label class="label label-s" for={id + '-comment'}>{t('commentLabel')}</label>
          <textarea class="textarea" id={id + '-comment'} rows={2} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
        </div>
        <button type="submit" class="button button-small button-secondary" disabled={s.busy}>{s.busy ? t('saving') : t('wsSaveTheirs')}</button>
        {s.done && <span class="save-line save-saved" role="status"> {t('savedAt', { time: clock(s.done) })}</span>}
      </form>
    </details>
  );
}
