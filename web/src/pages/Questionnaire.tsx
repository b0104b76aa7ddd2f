// The questionnaire of one unit in one campaign
// (/campaigns/{c}/assessments/{unit}?section=S). One short group of
// questions per screen, a side list of the pillars with their progress and
// the score so far, each answer saved as it is given (and kept on the device
// until the server has it), evidence per question, and a last screen to
// check and submit. Read-only once submitted, or for people who do not
// answer it. A returned questionnaire shows the reviewer's queries.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { api, type ApiError } from '../api';
import { useOnline, useTitle, useWide } from '../hooks';
import { int, num, numShort, unitName } from '../format';
import { can, useAnsweringUser, type User } from '../session';
import { answerable, wf, type Assessment } from '../workflow';
import { indexFramework, present, type FwIndex } from '../applies';
import { isQuestion, label, missingEvidence, numbers, sections, type Section } from '../questionnaire';
import { useSaver } from '../saver';
import { useAnswering, useScreens } from '../answering';
import { SaveBar, SectionNav, SectionView, conditionText, counter, saveCounts } from '../components/Screens';
import { Link, Loading } from '../components/ui';
import { ErrorSummary, StatusTag, type FieldError } from '../components/forms';
import { QuestionCard, fieldId } from '../components/QuestionCard';
import { AccessError, SignInNeeded } from '../components/Gate';
import { MeasureLinks } from '../components/MeasureLinks';
import { PrefillNote, PrefillPending, StartFrom } from '../components/Prefill';
import type { Campaign, Framework, FwNode, Unit } from '../types';

const SUBMIT = '_submit';

export function Questionnaire({ route }: { route: Route }) {
  const user = useAnsweringUser();
  const title = t('qnTitle');
  if (user === undefined) return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (!user) return <SignInNeeded title={title} route={route} />;
  return <QuestionnaireLoader route={route} user={user} key={route.id + '/' + route.unit} />;
}

interface Loaded { a: Assessment; fw: Framework; campaign: Campaign | null; units: Unit[]; campaigns: Campaign[] }

function QuestionnaireLoader({ route, user }: { route: Route; user: User }) {
  const c = route.id!, u = route.unit!;
  const [data, setData] = useState<Loaded | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setErr(null);
    (async () => {
      const a = await wf.assessment(c, u);
      const [fw, campaign, units, campaigns] = await Promise.all([
        api.framework(a.framework, a.framework_version), wf.campaign(c).catch(() => null), api.units().catch(() => [] as Unit[]),
        api.campaigns().catch(() => [] as Campaign[]),
      ]);
      return { a, fw, campaign, units, campaigns };
    })().then((d) => live && setData(d), (e) => live && setErr(e));
    return () => { live = false; };
  }, [c, u, tick]);
  if (err) return <AccessError title={t('qnTitle')} error={err} route={route} retry={() => setTick((x) => x + 1)} />;
  if (!data) return <div class="page"><h1>{t('qnTitle')}</h1><Loading /></div>;
  return <QuestionnaireView route={route} user={user} initial={data} />;
}

function QuestionnaireView({ route, user, initial }: { route: Route; user: User; initial: Loaded }) {
  const c = route.id!, u = route.unit!;
  const { fw, campaign, units, campaigns } = initial;
  const [a, setA] = useState<Assessment>(initial.a);
  const ix: FwIndex = useMemo(() => indexFramework(fw), [fw]);
  const secs = useMemo(() => sections(fw), [fw]);
  const nums = useMemo(() => numbers(ix), [ix]);
  const unit = units.find((x) => x.id === u);
  const uname = unitName(unit, u);
  useTitle(t('qnDocTitle', { unit: uname }));

  // ---- reload the assessment after saves (progress, score, evidence) ------
  const reloadTimer = useRef<number>();
  const reload = useCallback(async () => {
    try { setA(await wf.assessment(c, u)); } catch { /* keep what we have; the save line tells */ }
  }, [c, u]);
  const scheduleReload = useCallback(() => {
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(reload, 400);
  }, [reload]);
  useEffect(() => () => window.clearTimeout(reloadTimer.current), []);

  const saver = useSaver(c, u, scheduleReload);
  const { drafts, answers, na, clientErrors, announce, onChange, adopt } = useAnswering(ix, saver, initial.a.answers);
  const online = useOnline();
  const wide = useWide();

  const mayAnswer = can(user, 'answer', c, u);
  const readOnly = !mayAnswer || !answerable(a);

  // ---- where we are ---------------------------------------------------------
  const { current, atLast: atSubmit, pos, secHref, goToQuestion, qHref } = useScreens(route, secs, SUBMIT);

  // ---- figures ----------------------------------------------------------------
  const counts = counter(na, answers, isQuestion);
  const total = counts(ix.leaves);
  // The list is computed here (it follows every click); should it ever
  // disagree with the server's count, the server's list is shown.
  const computed = missingEvidence(ix, answers, na, a);
  const missing = computed.length || !a.missing_evidence_count ? computed
    : a.missing_evidence.split(',').map((q) => ix.byId.get(q.trim())).filter((n): n is FwNode => !!n);
  const queried = Object.entries(a.reviews).filter(([, r]) => r.verdict === 'query').map(([q]) => q);
  const { pendingN, savingN } = saveCounts(saver, clientErrors);

  // ---- errors at the top ---------------------------------------------------------
  const [submitErr, setSubmitErr] = useState<string | null>(null);
  const [submitTry, setSubmitTry] = useState(0);
  const fieldErrors: FieldError[] = [];
  for (const n of ix.leaves) {
    const ce = clientErrors[n.id];
    const st = saver.states[n.id];
    const msg = ce ? ce : st?.s === 'error' ? (st.field === 'comment' ? st.message : t('errAnswerRefused', { message: st.message })) : null;
    if (msg) fieldErrors.push({ id: st?.s === 'error' && st.field === 'comment' ? 'c-' + n.id : fieldId(n.id), message: t('errForQuestion', { n: nums.get(n.id)!, message: msg }), href: qHref(n.id), go: () => goToQuestion(n.id) });
  }
  if (submitErr) fieldErrors.unshift({ id: 'submit', message: submitErr, href: secHref(SUBMIT), go: () => { navigate(secHref(SUBMIT), { focus: false }); } });

  // ---- submit ----------------------------------------------------------------------
  const [submitting, setSubmitting] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState(false);
  const prefilled = a.prefilled || [];
  const canSubmit = !readOnly && a.missing_evidence_count === 0 && missing.length === 0 && pendingN === 0 && savingN === 0 && online && prefilled.length === 0;
  // starting from another assessment: the unit's focal point, analysts and admins, while it is open
  const mayPrefill = answerable(a) && (mayAnswer || can(user, 'manage', c, u));
  const campaignTitle = (id: string) => campaigns.find((x) => x.id === id)?.title || id;
  const submit = async () => {
    setSubmitTry((x) => x + 1);
    if (!canSubmit) return;
    setSubmitting(true);
    setSubmitErr(null);
    try {
      await wf.submit(c, u);
      await reload();
      setJustSubmitted(true);
      navigate(href(route.path, { section: SUBMIT }), { focus: false });
      window.setTimeout(() => document.getElementById('qn-status-panel')?.focus(), 0);
    } catch (e) {
      const ae = e as ApiError;
      setSubmitErr(ae.status === 0 ? t('errSubmitOffline') : t('errSubmit', { message: ae.message }));
      reload();
    } finally {
      setSubmitting(false);
    }
  };

  // ---- the page ----------------------------------------------------------------------
  const status = <StatusTag status={a.status} kind="assessment" />;
  const reviewLink = can(user, 'review', c, u) ? href(`/campaigns/${encodeURIComponent(c)}/review/${encodeURIComponent(u)}`) : null;

  return (
    <div class="page page-wide questionnaire">
      <ErrorSummary errors={fieldErrors} focusKey={submitTry} focusOnAppear={false} />
      <p class="eyebrow" id="qn-top">{campaign?.title || c}</p>
      <h1>{t('qnH1', { unit: uname })}</h1>
      <div class="qn-meta">
        {status}
        <span>{t('answeredOf', { n: int(total.answered), m: int(total.applicable) })}</span>
        {!readOnly && missing.length > 0 && <span>{t('needEvidenceN', { n: missing.length, count: int(missing.length) })}</span>}
      </div>
      <MeasureLinks campaign={c} unit={u} framework={a.framework} user={user} />

      <StatusBanner a={a} readOnly={readOnly} mayAnswer={mayAnswer} justSubmitted={justSubmitted} reviewLink={reviewLink}
        queried={queried} nums={nums} qHref={qHref} goToQuestion={goToQuestion} ix={ix} />

      {mayPrefill && <StartFrom a={a} ix={ix} nums={nums} campaigns={campaigns} qHref={qHref} goToQuestion={goToQuestion}
        onDone={(r) => { adopt(r.prefilled); reload(); }} />}
      {!readOnly && <PrefillPending a={a} ix={ix} nums={nums} qHref={qHref} goToQuestion={goToQuestion} />}

      <p class="sr-only" aria-live="polite">{announce}</p>

      <div class="qn-layout">
        <div class="qn-side">
          <details class="qn-contents" open={wide || undefined}>
            <summary>{t('contentsAndProgress', { n: int(total.answered), m: int(total.applicable) })}</summary>
            <SectionNav fw={fw} secs={secs} current={current} counts={counts} na={na} secHref={secHref}
              last={{ id: SUBMIT, label: readOnly ? t('summaryTitle') : t('checkAndSubmit'), current: atSubmit }} />
            <ScorePreview a={a} fw={fw} pending={pendingN + savingN > 0} />
            <OfflineWorkbook campaign={c} unit={u} canUpload={!readOnly && mayAnswer} onSaved={reload} />
          </details>
        </div>

        <div class="qn-content">
          {!readOnly && <SaveBar saver={saver} online={online} clientErrors={clientErrors} next={route.path + location.search} />}
          {current ? (
            <SectionView key={current.id} s={current} pos={pos} secs={secs} na={na} secHref={secHref}
              last={{ id: SUBMIT, label: readOnly ? t('summaryTitle') : t('checkAndSubmit') }}
              card={(n) => (
                <QuestionCard key={n.id} node={n} num={nums.get(n.id) || 0} value={drafts[n.id] || { answer: '', comment: '' }} readOnly={readOnly}
                  save={saver.states[n.id]} clientError={clientErrors[n.id]} evidence={a.evidence.filter((e) => e.question === n.id)}
                  review={a.reviews[n.id]} answeredAt={a.answers[n.id]?.updated_at} conditional={conditionText(n, ix, nums)}
                  campaign={c} unit={u} precision={fw.precision}
                  notice={a.answers[n.id]?.prefill && prefilled.includes(n.id) ? (
                    <PrefillNote mark={a.answers[n.id].prefill!} campaignTitle={campaignTitle(a.answers[n.id].prefill!.from_campaign)}
                      canConfirm={!readOnly} onConfirm={async () => { await wf.confirm(c, u, n.id); await reload(); }} />
                  ) : undefined}
                  onChange={(answer, comment, send) => onChange(n, answer, comment, send)} onEvidence={reload} />
              )} />
          ) : (
            <SubmitView a={a} fw={fw} secs={secs} counts={counts} missing={missing} na={na} answers={answers} nums={nums}
              readOnly={readOnly} canSubmit={canSubmit} submitting={submitting} submit={submit} pendingN={pendingN + savingN}
              online={online} submitErr={submitErr} qHref={qHref} goToQuestion={goToQuestion} secHref={secHref} ix={ix} prefilled={prefilled} />
          )}
        </div>
      </div>
    </div>
  );
}

function StatusBanner({ a, readOnly, mayAnswer, justSubmitted, reviewLink, queried, nums, qHref, goToQuestion, ix }: {
  a: Assessment; readOnly: boolean; mayAnswer: boolean; justSubmitted: boolean; reviewLink: string | null;
  queried: string[]; nums: Map<string, number>; qHref: (q: string) => string; goToQuestion: (q: string) => void; ix: FwIndex;
}) {
  if (a.status === 'returned' && !readOnly) {
    return (
      <div class="panel panel-warning" id="qn-status-panel" tabIndex={-1}>
        <h2 class="panel-title">{t('returnedTitle')}</h2>
        <p>{t('returnedText', { n: queried.length, count: int(queried.length) })}</p>
        {queried.length > 0 && (
          <ul class="link-list">
            {queried.map((q) => (
              <li key={q}><a href={qHref(q)} onClick={(e) => { e.preventDefault(); goToQuestion(q); }}>
                {t('questionN', { n: nums.get(q) || 0 })}: {ix.byId.get(q)?.question || q}</a>
                <span class="muted"> — “{a.reviews[q].comment}”</span></li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  if (!readOnly) return null;
  let title = '', text = '';
  if (a.status === 'submitted') { title = justSubmitted ? t('submittedNowTitle') : t('submittedTitle'); text = t('submittedText'); }
  else if (a.status === 'validated') { title = t('validatedTitle'); text = t('validatedText'); }
  else if (!mayAnswer) { title = t('viewOnlyTitle'); text = t('viewOnlyText'); }
  else { title = t('closedForAnswersTitle'); text = t('closedForAnswersText', { status: t(('cs_' + a.campaign_status) as 'cs_open') }); }
  return (
    <div class={'panel ' + (a.status === 'submitted' || a.status === 'validated' ? 'panel-success' : 'panel-info')} id="qn-status-panel" tabIndex={-1}>
      <h2 class="panel-title">{title}</h2>
      <p>{text}</p>
      {reviewLink && <p><Link class="button button-secondary" href={reviewLink}>{t('openReview')}</Link></p>}
    </div>
  );
}

/** Work offline: the questionnaire as an Excel workbook, filled without a
 * connection and uploaded back; the server checks the whole file and names
 * every bad cell, saving nothing until all are valid. */
function OfflineWorkbook({ campaign, unit, canUpload, onSaved }:
  { campaign: string; unit: string; canUpload: boolean; onSaved: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<import('../workflow').WorkbookResult | null>(null);
  const upload = async (ev: Event) => {
    ev.preventDefault();
    if (!file) return;
    setBusy(true);
    try {
      const r = await wf.uploadWorkbook(campaign, unit, file);
      setResult(r);
      if (r.ok) onSaved();
    } catch (e) {
      setResult({ ok: false, rows: 0, saved: 0, message: String((e as Error)?.message || e), errors: [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="qn-offline" aria-labelledby="qn-offline-h">
      <h2 id="qn-offline-h">{t('wbTitle')}</h2>
      <p>{t('wbHelp')}</p>
      <p><a class="button-link" href={wf.workbookUrl(campaign, unit)} download>{t('wbDownload')}</a></p>
      {canUpload && (
        <form onSubmit={upload}>
          <label for="qn-wb-file">{t('wbUploadLabel')}</label>
          <input id="qn-wb-file" type="file" accept=".xlsx"
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] || null)} />
          <button type="submit" class="button-secondary" disabled={!file || busy}>{busy ? t('wbUploading') : t('wbUpload')}</button>
        </form>
      )}
      {result && result.ok && <p class="qn-wb-ok" role="status">{t('wbSaved', { n: int(result.saved) })}</p>}
      {result && !result.ok && (
        <div class="qn-wb-errors" role="alert">
          <p>{t('wbRefused')} {result.message}</p>
          {result.errors.length > 0 && <ul>{result.errors.map((e, i) => <li key={i}>{e.text}</li>)}</ul>}
        </div>
      )}
    </section>
  );
}

function ScorePreview({ a, fw, pending }: { a: Assessment; fw: Framework; pending: boolean }) {
  const p = a.progress;
  const prec = fw.precision;
  return (
    <section class="score-preview" aria-labelledby="score-title">
      <h2 class="score-title" id="score-title">{t('scorePreviewTitle')}</h2>
      <p class="score-total"><strong>{num(p.points, prec)}</strong> <span class="muted">{t('ofMaxPoints', { max: numShort(p.max, prec) })}</span></p>
      <table class="score-table">
        <caption class="sr-only">{t('scoreByPillar')}</caption>
        <thead class="sr-only"><tr><th scope="col">{t('colPillar')}</th><th scope="col">{t('colPointsShort')}</th></tr></thead>
        <tbody>
          {p.pillars.map((x) => (
            <tr key={x.id}>
              <th scope="row">{x.name}</th>
              <td>
                <span class="score-num">{num(x.points, prec)}<span class="muted"> / {numShort(x.max, prec)}</span></span>
                <span class="qn-bar" aria-hidden="true"><span style={{ inlineSize: (x.max && x.points ? (100 * x.points) / x.max : 0) + '%' }} /></span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="small muted">{pending ? t('scorePending') : t('scoreNote')}</p>
    </section>
  );
}

function SubmitView(p: {
  a: Assessment; fw: Framework; secs: Section[]; counts: (l: FwNode[]) => { answered: number; applicable: number };
  missing: FwNode[]; na: Set<string>; answers: Record<string, string>; nums: Map<string, number>; readOnly: boolean;
  canSubmit: boolean; submitting: boolean; submit: () => void; pendingN: number; online: boolean; submitErr: string | null;
  qHref: (q: string) => string; goToQuestion: (q: string) => void; secHref: (id: string) => string; ix: FwIndex;
  prefilled: string[];
}) {
  const { a, fw, missing } = p;
  const unanswered = p.ix.leaves.filter((n) => isQuestion(n) && !p.na.has(n.id) && !present(p.answers[n.id]));
  const qLink = (n: FwNode) => (
    <a href={p.qHref(n.id)} onClick={(e) => { e.preventDefault(); p.goToQuestion(n.id); }}>
      {t('questionN', { n: p.nums.get(n.id) || 0 })}: {n.question || n.id}
    </a>
  );
  // every reason submitting must wait, evidence and pre-filled answers both
  const nEv = Math.max(missing.length, a.missing_evidence_count);
  const why = !p.online ? t('submitWhyOffline') : p.pendingN ? t('submitWhyPending') : [
    nEv ? t('submitWhyEvidence', { n: nEv, count: int(nEv) }) : '',
    p.prefilled.length ? t('submitWhyPrefill', { n: p.prefilled.length, count: int(p.prefilled.length) }) : '',
  ].filter(Boolean).join(' ');
  return (
    <section class="qn-section" aria-labelledby="section-title">
      <h2 id="section-title" tabIndex={-1}>{p.readOnly ? t('summaryTitle') : t('checkAndSubmit')}</h2>
      <p class="lead">{p.readOnly ? t('summaryLead') : t('checkLead')}</p>
      <table class="data summary-table">
        <caption class="sr-only">{t('answersByPillar')}</caption>
        <thead><tr><th scope="col">{t('colPillar')}</th><th scope="col" class="num">{t('colAnswered')}</th><th scope="col" class="num">{t('colPointsShort')}</th><th scope="col"><span class="sr-only">{t('colAction')}</span></th></tr></thead>
        <tbody>
          {fw.children.map((pl) => {
            const ps = p.secs.filter((x) => x.pillar.id === pl.id);
            const pc = p.counts(ps.flatMap((x) => x.leaves));
            const pp = a.progress.pillars.find((x) => x.id === pl.id);
            return (
              <tr key={pl.id}>
                <th scope="row">{label(pl)}</th>
                <td class="num">{t('nOfM', { n: int(pc.answered), m: int(pc.applicable) })}</td>
                <td class="num">{pp ? `${num(pp.points, fw.precision)} / ${numShort(pp.max, fw.precision)}` : ''}</td>
                <td>{ps[0] && <Link href={p.secHref(ps[0].id)}>{p.readOnly ? t('view') : t('change')}<span class="sr-only"> {label(pl)}</span></Link>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!p.readOnly && (
        <>
          {missing.length > 0 ? (
            <div class="panel panel-warning" id="missing-evidence">
              <h3 class="panel-title">{t('missingEvidenceTitle', { n: missing.length, count: int(missing.length) })}</h3>
              <p>{t('missingEvidenceText')}</p>
              <ul class="link-list">{missing.map((n) => <li key={n.id}>{qLink(n)}</li>)}</ul>
            </div>
          ) : (
            <p class="panel panel-success"><span aria-hidden="true">✓ </span>{t('evidenceComplete')}</p>
          )}
          {unanswered.length > 0 && (
            <details class="unanswered">
              <summary>{t('unansweredN', { n: unanswered.length, count: int(unanswered.length) })}</summary>
              <p class="hint">{fw.missing === 'exclude' ? t('unansweredExclude') : t('unansweredZero')}</p>
              <ul class="link-list">{unanswered.map((n) => <li key={n.id}>{qLink(n)}</li>)}</ul>
            </details>
          )}
          <div class="submit-box" id="submit">
            <h3>{t('submitTitle')}</h3>
            <p>{t('submitText')}</p>
            <button type="button" class="button button-start" disabled={!p.canSubmit || p.submitting}
              aria-describedby={why ? 'submit-why' : undefined} onClick={p.submit}>
              {p.submitting ? t('submitting') : t('submitButton')}
            </button>
            {why && <p class="hint" id="submit-why">{why}</p>}
          </div>
        </>
      )}
      {p.readOnly && a.status !== 'not_started' && <p class="muted">{t('statusIs')} <StatusTag status={a.status} kind="assessment" /></p>}
      {p.readOnly && <p><Link href={href('/work')}>{t('backToMyWork')}</Link></p>}
    </section>
  );
}

