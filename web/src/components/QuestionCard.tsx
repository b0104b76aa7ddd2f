// One question of the questionnaire: the question and the right input for
// its type (radios in a fieldset, checkboxes, a number, a text), guidance
// beside it, the error at the field, whether it is saved, the reviewer's
// query, the evidence attached and a form to add more, and its history.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { num } from '../format';
import { wf, webLink, type Evidence, type HistoryRow, type ReviewRec } from '../workflow';
import { answerLabel, answerOptions } from '../questionnaire';
import { scaleOf } from '../fw';
import { present } from '../applies';
import type { SaveState } from '../saver';
import type { FwNode } from '../types';
import type { ApiError } from '../api';
import { FieldErrorText, clock, when } from './forms';

export interface QuestionProps {
  node: FwNode;
  num: number;
  value: { answer: string; comment: string };
  readOnly: boolean;
  save?: SaveState;
  clientError?: string | null;
  evidence: Evidence[];
  review?: ReviewRec;
  answeredAt?: string;
  conditional?: string | null;
  campaign: string;
  unit: string;
  precision: number;
  /** SEND false: still typing (keep it, send a little later). */
  onChange: (answer: string, comment: string, send: boolean) => void;
  onEvidence: () => void;
  /** A workshop respondent's card: no evidence, no history (those belong to the assessment). */
  simple?: boolean;
  /** The comment's hint, when it is not for the reviewer. */
  commentHint?: string;
  /** Shown at the top of the card: a pre-filled answer's origin and Confirm (components/Prefill). */
  notice?: ComponentChildren;
}

export const fieldId = (q: string) => 'f-' + q;
export const cardId = (q: string) => 'q-' + q;

export function QuestionCard(p: QuestionProps) {
  const { node: n, value, readOnly, save } = p;
  const q = n.id;
  const serverErr = save?.s === 'error' ? save : null;
  const answerErr = p.clientError || (serverErr && serverErr.field !== 'comment' ? answerError(serverErr.message, serverErr.status) : null);
  const commentErr = serverErr && serverErr.field === 'comment' ? serverErr.message : null;
  const errId = q + '-error';
  const hintId = q + '-hint';
  const required = n.evidence === 'required';
  const answered = present(value.answer);
  const query = p.review?.verdict === 'query' ? p.review : null;
  const changedSince = query && p.answeredAt && p.answeredAt > query.at;
  const describedBy = [hintId, answerErr ? errId : ''].filter(Boolean).join(' ') || undefined;

  return (
    <section class={'q' + (p.conditional ? ' q-conditional' : '') + (query ? ' q-queried' : '') + (answerErr ? ' q-error' : '') + (p.notice ? ' q-prefilled' : '')}
      id={cardId(q)} tabIndex={-1} aria-labelledby={q + '-title'}>
      <div class="q-main">
        {p.notice}
        {query && (
          <div class="q-query" role="note">
            <p class="q-query-title">{t('queryFrom', { reviewer: query.reviewer })} <span class="muted">{when(query.at)}</span></p>
            <p class="q-query-text">{query.comment}</p>
            {changedSince && <p class="q-query-done">{t('answeredSinceQuery')}</p>}
          </div>
        )}
        {p.review?.verdict === 'accepted' && <p class="q-accepted"><span aria-hidden="true">✓ </span>{t('reviewAccepted')}</p>}
        {p.conditional && <p class="q-because">{p.conditional}</p>}
        <div class={'form-group' + (answerErr ? ' form-group-error' : '')}>
          <QuestionInput {...p} errId={answerErr ? errId : null} hintId={hintId} describedBy={describedBy} answerErr={answerErr} />
        </div>
        {!readOnly && (
          <details class="q-comment" open={!!value.comment || !!commentErr}>
            <summary>{t('addComment')}</summary>
            <div class={'form-group' + (commentErr ? ' form-group-error' : '')}>
              <label class="label label-s" for={'c-' + q}>{t('commentLabel')}</label>
              <span class="hint" id={'c-' + q + '-hint'}>{p.commentHint || t('commentHint')}</span>
              <FieldErrorText id={'c-' + q + '-error'} message={commentErr} />
              <textarea class="textarea" id={'c-' + q} rows={3} value={value.comment}
                aria-describedby={'c-' + q + '-hint' + (commentErr ? ' c-' + q + '-error' : '')}
                onInput={(e) => p.onChange(value.answer, (e.currentTarget as HTMLTextAreaElement).value, false)}
                onChange={(e) => p.onChange(value.answer, (e.currentTarget as HTMLTextAreaElement).value, true)} />
            </div>
          </details>
        )}
        {readOnly && value.comment && <p class="q-comment-ro"><span class="muted">{t('commentLabel')}:</span> {value.comment}</p>}
        {!p.simple && n.evidence !== 'none' && (!readOnly || answered || p.evidence.length > 0) && (
          <EvidenceBlock {...p} required={required} answered={answered} />
        )}
        <div class="q-foot">
          {!readOnly && <SaveLine state={save} />}
          {!p.simple && <History campaign={p.campaign} unit={p.unit} node={n} />}
        </div>
      </div>
      {n.guidance && (
        <aside class="q-guidance" aria-label={t('guidanceFor', { n: p.num })}>
          <p class="q-guidance-title">{t('guidance')}</p>
          <p>{n.guidance}</p>
        </aside>
      )}
    </section>
  );
}

function answerError(message: string, status: number): string {
  if (status === 409) return t('errCannotAnswerNow', { message });
  return t('errAnswerRefused', { message });
}

function QuestionTitle({ n, num: k, as }: { n: FwNode; num: number; as: 'legend' | 'label' }) {
  const inner = (
    <>
      <span class="q-num">{t('questionN', { n: k })}</span>
      <span class="q-text">{n.question || n.name || n.id}</span>
    </>
  );
  if (as === 'legend') return <legend class="q-legend"><h3 class="q-title" id={n.id + '-title'}>{inner}</h3></legend>;
  return <h3 class="q-title q-legend" id={n.id + '-title'}><label for={fieldId(n.id)}>{inner}</label></h3>;
}

function Tags({ n, answered, simple }: { n: FwNode; answered: boolean; simple?: boolean }) {
  return (
    <p class="q-tags">
      {!simple && n.evidence === 'required' && <strong class="tag tag-orange">{t('evidenceRequired')}</strong>}
      {!simple && n.evidence !== 'required' && n.evidence !== 'none' && <span class="tag tag-grey">{t('evidenceOptional')}</span>}
      {!answered && <span class="tag tag-white">{t('notAnswered')}</span>}
    </p>
  );
}

function QuestionInput(p: QuestionProps & { errId: string | null; hintId: string; describedBy?: string; answerErr: string | null }) {
  const { node: n, value, readOnly } = p;
  const q = n.id;
  const answered = present(value.answer);
  const hint = typeHint(n, p.precision, p.simple);
  const set = (a: string, send = true) => p.onChange(a, value.comment, send);
  const err = <FieldErrorText id={q + '-error'} message={p.answerErr} />;

  if (readOnly) {
    return (
      <div class="q-ro">
        <h3 class="q-title q-legend" id={q + '-title'}>
          <span class="q-num">{t('questionN', { n: p.num })}</span>
          <span class="q-text">{n.question || n.name || n.id}</span>
        </h3>
        <Tags n={n} answered={answered} simple={p.simple} />
        <p class="q-answer"><span class="sr-only">{t('colAnswer')}: </span>{answerLabel(n, value.answer)}</p>
      </div>
    );
  }

  // A rating question's levels are radios with the level's description
  // under each (GOV.UK radio hints), read out with it.
  if (n.type === 'yes_no' || n.type === 'choice' || n.type === 'multi' || (n.type === 'rating' && scaleOf(n))) {
    const opts: { id: string; label: string; description?: string }[] = answerOptions(n) || (n.options || []).map((o) => ({ id: o.id, label: o.label }));
    const multi = n.type === 'multi';
    const described = opts.some((o) => o.description);
    const chosen = new Set(value.answer.split('|').map((x) => x.trim()).filter(Boolean));
    return (
      <fieldset class="fieldset" aria-describedby={p.describedBy}>
        <QuestionTitle n={n} num={p.num} as="legend" />
        <Tags n={n} answered={answered} simple={p.simple} />
        <p class="hint" id={p.hintId}>{hint}</p>
        {err}
        <div class={(multi ? 'checkboxes' : 'radios') + (opts.length <= 3 && !multi && n.type === 'yes_no' ? ' radios-inline' : '') + (described ? ' radios-described' : '')}>
          {opts.map((o, i) => {
            const id = i === 0 ? fieldId(q) : `${fieldId(q)}-${o.id}`;
            const checked = multi ? chosen.has(o.id) : value.answer.trim() === o.id;
            return (
              <div class={multi ? 'checkbox' : 'radio'} key={o.id}>
                <input type={multi ? 'checkbox' : 'radio'} id={id} name={q} value={o.id} checked={checked}
                  aria-describedby={o.description ? id + '-desc' : undefined}
                  onChange={(e) => {
                    if (!multi) { set(o.id); return; }
                    const on = (e.currentTarget as HTMLInputElement).checked;
                    const next = opts.map((x) => x.id).filter((x) => (x === o.id ? on : chosen.has(x)));
                    set(next.join('|'));
                  }} />
                <label for={id}>{described ? <span class="rating-name">{o.label}</span> : o.label}</label>
                {o.description && <p class="radio-hint" id={id + '-desc'}>{o.description}</p>}
              </div>
            );
          })}
        </div>
        {answered && (
          <button type="button" class="button-link q-clear" onClick={() => set('')}>
            {t('clearAnswer')}<span class="sr-only">: {t('questionN', { n: p.num })}</span>
          </button>
        )}
      </fieldset>
    );
  }

  const isNumber = n.type === 'number' || n.indicator;
  return (
    <div>
      <QuestionTitle n={n} num={p.num} as="label" />
      <Tags n={n} answered={answered} simple={p.simple} />
      <p class="hint" id={p.hintId}>{hint}</p>
      {err}
      {isNumber ? (
        <input class="input input-number" id={fieldId(q)} type="text" inputMode="decimal" spellcheck={false} autoComplete="off"
          value={value.answer} aria-describedby={p.describedBy} aria-invalid={p.answerErr ? 'true' : undefined}
          onInput={(e) => set((e.currentTarget as HTMLInputElement).value, false)}
          onChange={(e) => set((e.currentTarget as HTMLInputElement).value, true)} />
      ) : (
        <textarea class="textarea" id={fieldId(q)} rows={4} value={value.answer} aria-describedby={p.describedBy}
          aria-invalid={p.answerErr ? 'true' : undefined}
          onInput={(e) => set((e.currentTarget as HTMLTextAreaElement).value, false)}
          onChange={(e) => set((e.currentTarget as HTMLTextAreaElement).value, true)} />
      )}
    </div>
  );
}

function typeHint(n: FwNode, precision: number, simple?: boolean): string {
  // A respondent gives a view; points are the assessment's business.
  const pts = simple ? '' : t('worthPoints', { max: num(n.max, precision) });
  switch (n.type) {
    case 'multi': return t('hintMulti') + ' ' + pts;
    case 'number': return t('hintNumber') + ' ' + pts;
    case 'text': return t('hintText');
    case 'rating': return t('hintRating', { scale: scaleOf(n)?.name || '' }) + ' ' + pts;
    default: return n.indicator ? t('hintNumber') + ' ' + pts : t('hintOne') + ' ' + pts;
  }
}

export function SaveLine({ state }: { state?: SaveState }) {
  if (!state) return <span class="save-line" />;
  switch (state.s) {
    case 'saving': return <span class="save-line save-saving"><span class="spinner spinner-s" aria-hidden="true" />{t('saving')}</span>;
    case 'saved': return <span class="save-line save-saved"><span aria-hidden="true">✓ </span>{t('savedAt', { time: clock(state.at) })}</span>;
    case 'offline': return <span class="save-line save-offline">{t('notSavedOffline')}</span>;
    case 'signin': return <span class="save-line save-offline">{t('notSavedSignIn')}</span>;
    default: return <span class="save-line save-error">{t('notSaved')}</span>;
  }
}

// ---- evidence ---------------------------------------------------------------

const MAX_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.txt,.csv';

function size(b: number): string {
  if (b < 1024) return t('sizeB', { n: b });
  if (b < 1024 * 1024) return t('sizeKB', { n: num(b / 1024, 0) });
  return t('sizeMB', { n: num(b / 1024 / 1024, 1) });
}

function EvidenceBlock(p: QuestionProps & { required: boolean; answered: boolean }) {
  const { node: n, evidence, readOnly, required, answered } = p;
  const q = n.id;
  const missing = required && answered && !evidence.length;
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'link' | 'file' | null>(null);
  const [errs, setErrs] = useState<{ link?: string; file?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const linkId = 'ev-link-' + q, fileId = 'ev-file-' + q;

  const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;
  const addLink = async (e: Event) => {
    e.preventDefault();
    const u = link.trim();
    setDone(null);
    if (!/^https?:\/\/\S{3,}$/.test(u)) { setErrs({ link: t('errLink') }); document.getElementById(linkId)?.focus(); return; }
    if (offline()) { setErrs({ link: t('errEvidenceOffline') }); return; }
    setBusy('link');
    try {
      await wf.addLink(p.campaign, p.unit, q, u);
      setLink(''); setErrs({}); setDone(t('linkAdded'));
      p.onEvidence();
    } catch (err) {
      const ae = err as ApiError;
      setErrs({ link: ae.status === 0 ? t('errEvidenceOffline') : ae.message });
      document.getElementById(linkId)?.focus();
    } finally { setBusy(null); }
  };
  const addFile = async (e: Event) => {
    e.preventDefault();
    setDone(null);
    if (!file) { setErrs({ file: t('errChooseFile') }); document.getElementById(fileId)?.focus(); return; }
    if (file.size > MAX_BYTES) { setErrs({ file: t('errFileTooBig') }); return; }
    if (offline()) { setErrs({ file: t('errEvidenceOffline') }); return; }
    setBusy('file');
    try {
      await wf.addFile(p.campaign, p.unit, q, file);
      setFile(null); if (fileRef.current) fileRef.current.value = '';
      setErrs({}); setDone(t('fileAdded'));
      p.onEvidence();
    } catch (err) {
      const ae = err as ApiError;
      setErrs({ file: ae.status === 0 ? t('errEvidenceOffline') : ae.status === 413 ? t('errFileTooBig') : ae.message });
      document.getElementById(fileId)?.focus();
    } finally { setBusy(null); }
  };

  return (
    <div class={'evidence' + (missing ? ' evidence-missing' : '')}>
      <h4 class="evidence-title">
        {t('evidenceTitle')}
        {required ? <span class="evidence-req"> — {t('evidenceRequiredShort')}</span> : <span class="muted"> — {t('optional')}</span>}
      </h4>
      {evidence.length ? (
        <ul class="evidence-list">
          {evidence.map((ev) => (
            <li key={ev.id}>
              {ev.kind === 'url' && ev.url ? (webLink(ev.url)
                ? <a href={webLink(ev.url)!} target="_blank" rel="noopener noreferrer" class="evidence-link">{ev.url}<span class="sr-only"> {t('opensNewTab')}</span></a>
                : <span class="evidence-link evidence-link-bad">{ev.url}</span>
              ) : (
                <a href={wf.evidenceUrl(p.campaign, p.unit, ev.id)} class="evidence-link" download={ev.filename || undefined}>
                  {ev.filename || t('fileN', { n: ev.id })}
                </a>
              )}
              {ev.kind !== 'url' && <span class="muted"> ({size(ev.size)})</span>}
              <span class="evidence-meta">{t('addedBy', { who: ev.author, when: when(ev.at) })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class={missing ? 'evidence-none evidence-none-missing' : 'evidence-none muted'}>
          {missing ? t('evidenceMissingText') : t('noEvidenceYet')}
        </p>
      )}
      {!readOnly && (
        <details class="evidence-add" open={!!errs.link || !!errs.file || !!done}>
          <summary>{t('addEvidence')}<span class="sr-only">: {t('questionN', { n: p.num })}</span></summary>
          <form class={'form-group' + (errs.link ? ' form-group-error' : '')} noValidate onSubmit={addLink}>
            <label class="label label-s" for={linkId}>{t('evidenceLinkLabel')}</label>
            <span class="hint" id={linkId + '-hint'}>{t('evidenceLinkHint')}</span>
            <FieldErrorText id={linkId + '-error'} message={errs.link} />
            <div class="input-row">
              <input class="input" id={linkId} type="url" inputMode="url" spellcheck={false} autoComplete="off" value={link}
                aria-describedby={linkId + '-hint' + (errs.link ? ' ' + linkId + '-error' : '')} aria-invalid={errs.link ? 'true' : undefined}
                onInput={(e) => setLink((e.currentTarget as HTMLInputElement).value)} />
              <button type="submit" class="button button-secondary" disabled={busy === 'link'}>{busy === 'link' ? t('adding') : t('addLink')}</button>
            </div>
          </form>
          <form class={'form-group' + (errs.file ? ' form-group-error' : '')} noValidate onSubmit={addFile}>
            <label class="label label-s" for={fileId}>{t('evidenceFileLabel')}</label>
            <span class="hint" id={fileId + '-hint'}>{t('evidenceFileHint')}</span>
            <FieldErrorText id={fileId + '-error'} message={errs.file} />
            <div class="input-row">
              <input class="file-input" id={fileId} type="file" accept={ACCEPT} ref={fileRef}
                aria-describedby={fileId + '-hint' + (errs.file ? ' ' + fileId + '-error' : '')} aria-invalid={errs.file ? 'true' : undefined}
                onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] || null)} />
              <button type="submit" class="button button-secondary" disabled={busy === 'file'}>{busy === 'file' ? t('uploading') : t('upload')}</button>
            </div>
          </form>
          {done && <p class="evidence-done" role="status">{done}</p>}
        </details>
      )}
    </div>
  );
}

// ---- history ----------------------------------------------------------------

export function History({ campaign, unit, node }: { campaign: string; unit: string; node: FwNode }) {
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<HistoryRow[] | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setErr(null);
    wf.history(campaign, unit, node.id).then((h) => live && setRows(h.history), (e) => live && setErr(e));
    return () => { live = false; };
  }, [open]);
  return (
    <details class="q-history" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('historyTitle')}<span class="sr-only">: {node.question || node.id}</span></summary>
      {err ? <p class="field-error">{t('errGeneric', { message: err.message })}</p>
        : !rows ? <p class="muted">{t('loading')}</p>
        : !rows.length ? <p class="muted">{t('historyEmpty')}</p> : (
          <ol class="history-list">
            {[...rows].reverse().map((r, i) => (
              <li key={i}>
                <span class="history-when">{when(r.at)}</span>
                <span class="history-who">{r.author || t('unknownAuthor')}</span>
                <span class="history-what">{answerLabel(node, r.answer)}{r.comment ? <span class="muted"> — “{r.comment}”</span> : null}</span>
              </li>
            ))}
          </ol>
        )}
    </details>
  );
}
