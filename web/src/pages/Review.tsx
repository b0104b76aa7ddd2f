// Reviewing one unit's questionnaire (/campaigns/{c}/review/{unit}) for
// reviewers and analysts: every answer with its comment and evidence, what
// changed since a query, "Accept" or "Query" (with a comment) per question,
// then "Return to the focal point" or, for analysts, "Validate".
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href, setParams, type Route } from '../router';
import { api, type ApiError } from '../api';
import { useTitle } from '../hooks';
import { int, num, numShort, unitName } from '../format';
import { can, useSession, type User } from '../session';
import { wf, webLink, type Assessment, type ReviewRec } from '../workflow';
import { indexFramework, notApplicable, present } from '../applies';
import { answerLabel, isQuestion, label, numbers } from '../questionnaire';
import { Link, Loading } from '../components/ui';
import { ErrorSummary, FieldErrorText, StatusTag, when, type FieldError } from '../components/forms';
import { History } from '../components/QuestionCard';
import { AccessError, SignInNeeded } from '../components/Gate';
import type { Campaign, Framework, FwNode, Unit } from '../types';

export function Review({ route }: { route: Route }) {
  const s = useSession(true);
  const title = t('reviewTitle');
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  return <ReviewLoader route={route} user={s.user} key={route.id + '/' + route.unit} />;
}

interface Loaded { a: Assessment; fw: Framework; campaign: Campaign | null; units: Unit[] }

function ReviewLoader({ route, user }: { route: Route; user: User }) {
  const c = route.id!, u = route.unit!;
  const [data, setData] = useState<Loaded | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const a = await wf.assessment(c, u);
      const [fw, campaign, units] = await Promise.all([api.framework(a.framework, a.framework_version), wf.campaign(c).catch(() => null), api.units().catch(() => [] as Unit[])]);
      return { a, fw, campaign, units };
    })().then((d) => live && setData(d), (e) => live && setErr(e));
    return () => { live = false; };
  }, [c, u, tick]);
  if (err) return <AccessError title={t('reviewTitle')} error={err} route={route} retry={() => setTick((x) => x + 1)} />;
  if (!data) return <div class="page"><h1>{t('reviewTitle')}</h1><Loading /></div>;
  if (!can(user, 'review', c, u)) {
    return <AccessError title={t('reviewTitle')} error={{ status: 403, code: 'forbidden', message: '' } as ApiError} route={route} />;
  }
  return <ReviewView route={route} user={user} initial={data} />;
}

type Filter = 'answered' | 'todo' | 'query' | 'changed' | 'unanswered';

function ReviewView({ route, user, initial }: { route: Route; user: User; initial: Loaded }) {
  const c = route.id!, u = route.unit!;
  const { fw, campaign, units } = initial;
  const [a, setA] = useState(initial.a);
  const ix = useMemo(() => indexFramework(fw), [fw]);
  const nums = useMemo(() => numbers(ix), [ix]);
  const answers = useMemo(() => Object.fromEntries(Object.entries(a.answers).map(([q, r]) => [q, r.answer])), [a]);
  const na = useMemo(() => new Set([...a.not_applicable, ...notApplicable(ix, answers)]), [a, ix, answers]);
  const uname = unitName(units.find((x) => x.id === u), u);
  useTitle(t('reviewDocTitle', { unit: uname }));
  const filter = (route.params.get('show') || 'answered') as Filter;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [errKey, setErrKey] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const reload = async () => { try { setA(await wf.assessment(c, u)); } catch { /* keep */ } };

  const submitted = a.status === 'submitted';
  const analyst = can(user, 'validate', c, u);
  const questions = ix.leaves.filter((n) => isQuestion(n) && !na.has(n.id));
  const answered = questions.filter((n) => present(answers[n.id]));
  const changed = (q: string) => {
    const r = a.reviews[q];
    return !!r && r.verdict === 'query' && (a.answers[q]?.updated_at || '') > r.at;
  };
  const nAccepted = answered.filter((n) => a.reviews[n.id]?.verdict === 'accepted').length;
  const nQuery = answered.filter((n) => a.reviews[n.id]?.verdict === 'query').length;
  const nTodo = answered.length - nAccepted - nQuery;
  const nChanged = answered.filter((n) => changed(n.id)).length;
  const shown = (n: FwNode) => filter === 'answered' ? present(answers[n.id]) : filter === 'unanswered' ? !present(answers[n.id])
    : filter === 'todo' ? present(answers[n.id]) && !a.reviews[n.id]
    : filter === 'query' ? a.reviews[n.id]?.verdict === 'query' : changed(n.id);
  const nUnanswered = questions.length - answered.length;

  const act = async (what: 'return' | 'validate') => {
    setBusy(what);
    setErrors([]);
    try {
      if (what === 'return') await wf.returnIt(c, u); else await wf.validate(c, u);
      await reload();
      setDone(what === 'return' ? t('returnedDone', { unit: uname }) : t('validatedDone', { unit: uname }));
      window.setTimeout(() => doneRef.current?.focus(), 0);
    } catch (e) {
      const ae = e as ApiError;
      setErrors([{ id: 'decision', message: ae.status === 0 ? t('errNetwork') : t('errGeneric', { message: ae.message }) }]);
      setErrKey((x) => x + 1);
    } finally { setBusy(null); }
  };

  return (
    <div class="page page-wide review">
      <ErrorSummary errors={errors} focusKey={errKey} />
      <p class="eyebrow">{campaign?.title || c}</p>
      <h1>{t('reviewH1', { unit: uname })}</h1>
      <div class="qn-meta">
        <StatusTag status={a.status} kind="assessment" />
        <span>{t('answeredOf', { n: int(answered.length), m: int(questions.length) })}</span>
        <span>{t('scoreShort', { points: num(a.progress.points, fw.precision), max: numShort(a.progress.max, fw.precision) })}</span>
        <Link href={href(`/campaigns/${encodeURIComponent(c)}/assessments/${encodeURIComponent(u)}`)}>{t('openQuestionnaire')}</Link>
      </div>
      {done && (
        <div class="panel panel-success" tabIndex={-1} ref={doneRef} role="status">
          <h2 class="panel-title">{done}</h2>
          <p><Link href={href('/work')}>{t('backToMyWork')}</Link></p>
        </div>
      )}
      {!submitted && !done && (a.status === 'validated' ? (
        <div class="panel panel-success">
          <h2 class="panel-title">{t('validatedTitle')}</h2>
          <p>{t('alreadyValidated')}</p>
        </div>
      ) : (
        <div class="panel panel-info">
          <h2 class="panel-title">{t('notSubmittedTitle', { status: t(('as_' + a.status) as 'as_submitted') })}</h2>
          <p>{t('notSubmittedText')}</p>
        </div>
      ))}
      <div class="segmented review-filter" role="group" aria-label={t('showAnswers')}>
        {(['answered', 'todo', 'query', 'changed', 'unanswered'] as Filter[]).map((f) => {
          const n = f === 'answered' ? answered.length : f === 'todo' ? nTodo : f === 'query' ? nQuery : f === 'changed' ? nChanged : nUnanswered;
          return (
            <button key={f} type="button" aria-pressed={filter === f}
              onClick={() => setParams({ show: f === 'answered' ? null : f }, true)}>{t(('filter_' + f) as 'filter_answered')} ({int(n)})</button>
          );
        })}
      </div>
      {fw.children.map((p) => {
        const qs = questions.filter((n) => isIn(ix, n.id, p.id) && shown(n));
        if (!qs.length) return null;
        const pp = a.progress.pillars.find((x) => x.id === p.id);
        return (
          <section key={p.id} class="review-pillar" aria-labelledby={'rp-' + p.id}>
            <h2 id={'rp-' + p.id}>{label(p)} {pp && <span class="muted review-pillar-points">{t('pointsOfShort', { points: num(pp.points, fw.precision), max: numShort(pp.max, fw.precision) })}</span>}</h2>
            {qs.map((n) => (
              <ReviewItem key={n.id} n={n} num={nums.get(n.id) || 0} a={a} c={c} u={u} canReview={submitted}
                changed={changed(n.id)} onDone={reload} />
            ))}
          </section>
        );
      })}
      {!questions.some(shown) && <p class="state state-empty">{t('nothingToShow')}</p>}
      {submitted && !done && (
        <section class="decision" id="decision" tabIndex={-1} aria-labelledby="decision-title">
          <h2 id="decision-title">{t('decisionTitle')}</h2>
          <p>{nQuery ? t('decisionQueries', { n: nQuery, count: int(nQuery) }) : nTodo ? t('decisionTodo', { n: nTodo, count: int(nTodo) }) : t('decisionAllAccepted')}</p>
          <div class="button-group">
            <button type="button" class={nQuery ? 'button' : 'button button-secondary'} disabled={!!busy} onClick={() => act('return')}>
              {busy === 'return' ? t('working') : t('returnButton')}
            </button>
            {analyst && (
              <button type="button" class={nQuery ? 'button button-secondary' : 'button'} disabled={!!busy} onClick={() => act('validate')}>
                {busy === 'validate' ? t('working') : t('validateButton')}
              </button>
            )}
          </div>
          <p class="hint">{analyst ? t('decisionHintAnalyst') : t('decisionHintReviewer')}</p>
        </section>
      )}
    </div>
  );
}

function isIn(ix: ReturnType<typeof indexFramework>, id: string, ancestor: string): boolean {
  let p: string | null | undefined = id;
  while (p) { if (p === ancestor) return true; p = ix.parent.get(p); }
  return false;
}

function ReviewItem({ n, num: k, a, c, u, canReview, changed, onDone }: {
  n: FwNode; num: number; a: Assessment; c: string; u: string; canReview: boolean; changed: boolean; onDone: () => Promise<void>;
}) {
  const ans = a.answers[n.id];
  const r: ReviewRec | undefined = a.reviews[n.id];
  const ev = a.evidence.filter((e) => e.question === n.id);
  const [mode, setMode] = useState<'idle' | 'query'>('idle');
  const [comment, setComment] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const cid = 'rq-' + n.id;
  const send = async (verdict: 'accepted' | 'query') => {
    if (verdict === 'query' && !comment.trim()) { setErr(t('errQueryEmpty')); document.getElementById(cid)?.focus(); return; }
    setBusy(true);
    setErr(null);
    try {
      await wf.review(c, u, n.id, verdict, verdict === 'query' ? comment.trim() : '');
      setMode('idle');
      setComment('');
      await onDone();
      document.getElementById('ri-' + n.id)?.focus();
    } catch (e) {
      const ae = e as ApiError;
      setErr(ae.status === 0 ? t('errNetwork') : ae.message);
    } finally { setBusy(false); }
  };
  const missingEv = n.evidence === 'required' && present(ans?.answer) && !ev.length;
  return (
    <article class={'review-item' + (r?.verdict === 'query' ? ' review-item-query' : r?.verdict === 'accepted' ? ' review-item-ok' : '')}
      id={'ri-' + n.id} tabIndex={-1} aria-labelledby={'rt-' + n.id}>
      <div class="review-q">
        <h3 class="q-title" id={'rt-' + n.id}><span class="q-num">{t('questionN', { n: k })}</span><span class="q-text">{n.question || n.id}</span></h3>
        <dl class="review-facts">
          <div><dt>{t('colAnswer')}</dt><dd class={present(ans?.answer) ? 'review-answer' : 'muted'}>{answerLabel(n, ans?.answer)}
            {changed && <strong class="tag tag-blue review-changed">{t('changedSinceQuery')}</strong>}</dd></div>
          {ans?.comment && <div><dt>{t('commentLabel')}</dt><dd>{ans.comment}</dd></div>}
          <div><dt>{t('evidenceTitle')}{n.evidence === 'required' ? ` (${t('evidenceRequiredShort')})` : ''}</dt>
            <dd>
              {ev.length ? (
                <ul class="evidence-list">
                  {ev.map((e) => (
                    <li key={e.id}>
                      {e.kind === 'url' && e.url
                        ? (webLink(e.url)
                          ? <a href={webLink(e.url)!} target="_blank" rel="noopener noreferrer">{e.url}<span class="sr-only"> {t('opensNewTab')}</span></a>
                          : <span class="evidence-link-bad">{e.url}</span>)
                        : <a href={wf.evidenceUrl(c, u, e.id)} download={e.filename || undefined}>{e.filename || t('fileN', { n: e.id })}</a>}
                      <span class="evidence-meta">{t('addedBy', { who: e.author, when: when(e.at) })}</span>
                    </li>
                  ))}
                </ul>
              ) : <span class={missingEv ? 'field-error-inline' : 'muted'}>{missingEv ? t('evidenceMissingShort') : t('none')}</span>}
            </dd></div>
          {ans?.updated_at && <div><dt>{t('lastChanged')}</dt><dd>{when(ans.updated_at)}</dd></div>}
        </dl>
        <History campaign={c} unit={u} node={n} />
      </div>
      <div class="review-act">
        {!r && present(ans?.answer) && <p class="muted review-verdict">{t('notReviewed')}</p>}
        {r && (
          <p class={'review-verdict review-verdict-' + r.verdict}>
            <strong>{r.verdict === 'query' ? t('verdictQuery') : t('verdictAccepted')}</strong>
            <span class="muted"> {t('byWhen', { who: r.reviewer, when: when(r.at) })}</span>
            {r.comment && <span class="review-comment">“{r.comment}”</span>}
          </p>
        )}
        {canReview && present(ans?.answer) && mode === 'idle' && (
          <div class="button-group">
            {r?.verdict !== 'accepted' && (
              <button type="button" class="button button-small" disabled={busy} onClick={() => send('accepted')}>
                {t('accept')}<span class="sr-only"> {t('questionN', { n: k })}</span>
              </button>
            )}
            {r?.verdict !== 'query' && (
              <button type="button" class="button button-small button-warning" disabled={busy} onClick={() => {
                setMode('query');
                window.setTimeout(() => document.getElementById(cid)?.focus(), 0);
              }}>
                {t('query')}<span class="sr-only"> {t('questionN', { n: k })}</span>
              </button>
            )}
          </div>
        )}
        {canReview && mode === 'query' && (
          <form class={'form-group' + (err ? ' form-group-error' : '')} noValidate onSubmit={(e) => { e.preventDefault(); send('query'); }}>
            <label class="label label-s" for={cid}>{t('queryLabel')}</label>
            <span class="hint" id={cid + '-hint'}>{t('queryHint')}</span>
            <FieldErrorText id={cid + '-error'} message={err} />
            <textarea class="textarea" id={cid} rows={3} value={comment} aria-describedby={cid + '-hint' + (err ? ' ' + cid + '-error' : '')}
              aria-invalid={err ? 'true' : undefined} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
            <div class="button-group">
              <button type="submit" class="button button-small button-warning" disabled={busy}>{t('sendQuery')}</button>
              <button type="button" class="button-link" onClick={() => { setMode('idle'); setErr(null); }}>{t('cancel')}</button>
            </div>
          </form>
        )}
        {mode === 'idle' && err && <p class="field-error">{err}</p>}
      </div>
    </article>
  );
}

