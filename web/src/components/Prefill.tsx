// Starting an assessment from another one (docs/crosswalks.md): the form
// that pre-fills the unanswered questions from the unit's answers in
// another campaign through a crosswalk, what was pre-filled, the list of
// pre-filled answers still to confirm, and the mark on each such question
// ("Pre-filled from … — confirm or change") with its Confirm button. A
// pre-filled answer keeps its mark until it is confirmed or changed, and
// the assessment cannot be submitted while any is left (the server's rule).
import { useState } from 'preact/hooks';
import { api, type ApiError } from '../api';
import { useAsync } from '../hooks';
import { t } from '../i18n';
import { int } from '../format';
import { wf, type Assessment, type PrefillMark, type PrefillOption, type PrefillResult } from '../workflow';
import { answerLabel } from '../questionnaire';
import type { FwIndex } from '../applies';
import type { Campaign, Framework } from '../types';
import { labeller } from '../fw';

/** A crosswalk onto the assessment, with the campaigns (assessing the unit, readable by the caller) it can start from. */
interface Choice { id: string; title: string; froms: PrefillOption[] }
interface Options { choices: Choice[]; sources: Map<string, Framework> }

async function loadOptions(a: Assessment): Promise<Options> {
  const [{ options }, maps] = await Promise.all([wf.prefillOptions(a.campaign, a.unit), api.mappings(a.framework)]);
  const choices: Choice[] = [];
  for (const o of options) {
    let c = choices.find((x) => x.id === o.mapping);
    if (!c) choices.push(c = { id: o.mapping, title: o.title, froms: [] });
    c.froms.push(o);
  }
  // published answers first, then the newest
  for (const c of choices) c.froms.sort((x, y) => Number(y.from_status === 'published') - Number(x.from_status === 'published') || y.from_year - x.from_year);
  const sources = new Map<string, Framework>();
  await Promise.all(choices.map(async (c) => {
    const m = maps.find((x) => x.id === c.id);
    const fw = m && await api.framework(m.source, m.source_version).catch(() => null);
    if (fw) sources.set(c.id, fw);
  }));
  return { choices, sources };
}

/** "mapped:a|b" -> ["a", "b"] */
export const sourceIds = (source: string) => source.replace(/^mapped:/, '').split('|').filter(Boolean);

export function StartFrom({ a, ix, nums, campaigns, onDone, qHref, goToQuestion }: {
  a: Assessment; ix: FwIndex; nums: Map<string, number>; campaigns: Campaign[];
  onDone: (r: PrefillResult) => void; qHref: (q: string) => string; goToQuestion: (q: string) => void;
}) {
  const opts = useAsync(() => loadOptions(a), [a.campaign, a.unit]);
  const [mapping, setMapping] = useState('');
  const [from, setFrom] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<PrefillResult | null>(null);
  if (opts.state !== 'ok' || !opts.data.choices.length) return null;
  const { choices, sources } = opts.data;
  const m = choices.find((x) => x.id === mapping) || choices[0];
  const froms = m.froms;
  const f = froms.find((c) => c.from_campaign === from) || froms[0];
  const title = (id: string) => froms.find((x) => x.from_campaign === id)?.from_title || campaigns.find((x) => x.id === id)?.title || id;
  const go = async (ev: Event) => {
    ev.preventDefault();
    if (!f) return;
    setBusy(true);
    setError(null);
    try {
      const r = await wf.prefill(a.campaign, a.unit, m.id, f.from_campaign);
      setResult(r);
      onDone(r);
      window.setTimeout(() => document.getElementById('pf-result')?.focus(), 0);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const src = sources.get(m.id);
  const srcLabel = src ? labeller(src) : (id: string) => id;
  return (
    <details class="panel pf-start" open={!!result || !!error || undefined}>
      <summary class="pf-summary">{t('pfStartTitle')}</summary>
      <p>{t('pfStartText')}</p>
      <form onSubmit={go} class="pf-form" aria-label={t('pfStartTitle')}>
        <div class="form-group">
          <label class="label label-s" for="pf-mapping">{t('pfMapping')}</label>
          <select class="select" id="pf-mapping" value={m.id} onChange={(e) => { setMapping((e.currentTarget as HTMLSelectElement).value); setFrom(''); }}>
            {choices.map((x) => <option key={x.id} value={x.id}>{x.title}</option>)}
          </select>
        </div>
        <div class="form-group">
          <label class="label label-s" for="pf-from">{t('pfFrom')}</label>
          {froms.length ? (
            <select class="select" id="pf-from" value={f?.from_campaign} onChange={(e) => setFrom((e.currentTarget as HTMLSelectElement).value)}>
              {froms.map((c) => <option key={c.from_campaign} value={c.from_campaign}>{t('pfFromOption', { title: c.from_title, status: t(('status_' + c.from_status) as 'status_open') })}</option>)}
            </select>
          ) : <p class="hint" id="pf-from">{t('pfNoFrom')}</p>}
        </div>
        <p class="hint">{t('pfHow')}</p>
        <button type="submit" class="button" disabled={busy || !f}>{busy ? t('pfBusy') : t('pfGo')}</button>
      </form>
      {error && (
        <div class="pf-error" role="alert">
          <p><strong>{t('pfFailed')}</strong> {error.status === 0 ? t('errNetwork') : error.message}</p>
        </div>
      )}
      {result && (
        <div class="pf-result" id="pf-result" tabIndex={-1} role="status">
          <h2 class="pf-result-title">{t('pfDoneTitle', { n: result.prefilled.length, count: int(result.prefilled.length), from: title(result.from_campaign) })}</h2>
          {result.kept.length > 0 && <p>{t('pfKept', { n: result.kept.length, count: int(result.kept.length) })}</p>}
          {result.prefilled.length > 0 ? (
            <ul class="pf-list">
              {result.prefilled.map((r) => {
                const n = ix.byId.get(r.question);
                return (
                  <li key={r.question} data-question={r.question}>
                    <a href={qHref(r.question)} onClick={(e) => { e.preventDefault(); goToQuestion(r.question); }}>{t('questionN', { n: nums.get(r.question) || 0 })}</a>: {n?.question || r.question}
                    {' '}<strong>{n ? answerLabel(n, r.answer) : r.answer}</strong>
                    <span class="muted"> {t('pfFromQuestions', { list: sourceIds(r.source).map(srcLabel).join('; ') })}</span>
                  </li>
                );
              })}
            </ul>
          ) : <p>{t('pfNothing')}</p>}
          {result.prefilled.length > 0 && <p>{t('pfConfirmHint')}</p>}
        </div>
      )}
    </details>
  );
}

const PENDING_SHOWN = 5;

/** The pre-filled answers still to confirm, each a link to its question (the first few, then the rest on request). */
export function PrefillPending({ a, ix, nums, qHref, goToQuestion }: {
  a: Assessment; ix: FwIndex; nums: Map<string, number>; qHref: (q: string) => string; goToQuestion: (q: string) => void;
}) {
  const pending = [...(a.prefilled || [])].sort((x, y) => (nums.get(x) || 0) - (nums.get(y) || 0));
  if (!pending.length) return null;
  const item = (q: string) => (
    <li key={q} data-question={q}>
      <a href={qHref(q)} onClick={(e) => { e.preventDefault(); goToQuestion(q); }}>
        {t('questionN', { n: nums.get(q) || 0 })}: {ix.byId.get(q)?.question || q}
      </a>
    </li>
  );
  // a long list would push the questions far down: the first few, then the rest on request
  const head = pending.slice(0, PENDING_SHOWN), rest = pending.slice(PENDING_SHOWN);
  return (
    <div class="panel panel-warning pf-pending" id="pf-pending">
      <h2 class="panel-title">{t('pfPendingTitle', { n: pending.length, count: int(pending.length) })}</h2>
      <p>{t('pfPendingText')}</p>
      <ul class="link-list">{head.map(item)}</ul>
      {rest.length > 0 && (
        <details class="pf-more">
          <summary>{t('pfPendingMore', { n: rest.length, count: int(rest.length) })}</summary>
          <ul class="link-list">{rest.map(item)}</ul>
        </details>
      )}
    </div>
  );
}

/** A crosswalk's title and its source framework's question texts by id (both cached for the page's life). */
function useCrosswalk(id: string) {
  return useAsync(async () => {
    const m = (await api.mappings()).find((x) => x.id === id);
    if (!m) return { title: id, label: (q: string) => q };
    const fw = await api.framework(m.source, m.source_version).catch(() => null);
    return { title: m.title, label: fw ? labeller(fw) : (q: string) => q };
  }, [id]);
}

/** On a question card: where its pre-filled answer came from, and Confirm. */
export function PrefillNote({ mark, campaignTitle, canConfirm, onConfirm }: {
  mark: PrefillMark; campaignTitle: string; canConfirm: boolean; onConfirm: () => Promise<void>;
}) {
  const cw = useCrosswalk(mark.mapping);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try { await onConfirm(); } catch (e) { setError((e as ApiError).status === 0 ? t('errNetwork') : (e as ApiError).message); } finally { setBusy(false); }
  };
  return (
    <div class="q-prefill" role="note">
      <p class="q-prefill-title"><strong class="tag tag-blue">{t('pfTag')}</strong> {t('pfCardText', { from: campaignTitle })}</p>
      <p class="q-prefill-source muted">{t('pfCardSource', {
        list: sourceIds(mark.source).map((q) => (cw.data ? `“${cw.data.label(q)}”` : q)).join('; '), mapping: cw.data?.title || mark.mapping,
      })}</p>
      {canConfirm && (
        <button type="button" class="button button-secondary q-prefill-confirm" disabled={busy} onClick={confirm}>
          {busy ? t('pfConfirming') : t('pfConfirm')}
        </button>
      )}
      {error && <p class="field-error" role="alert">{t('pfConfirmFailed', { message: error })}</p>}
    </div>
  );
}
