// A workshop respondent's own questionnaire (/campaigns/{c}/respond/{unit}):
// the assessment's questions, one short group per screen, each answer saved
// as it is given to the respondent's own record (PUT respondents/{id}/
// answers/{q}; kept on the device while offline), with a comment saying
// why. No evidence, no history, no score: those belong to the assessment,
// which the facilitator settles with everyone at the workshop. A last
// screen sums up what is answered.
import './measure.css';
import { useMemo } from 'preact/hooks';
import { t } from '../../i18n';
import { type Route } from '../../router';
import { api } from '../../api';
import { useAsync, useOnline, useTitle, useWide } from '../../hooks';
import { int, unitName } from '../../format';
import { useAnsweringUser, type User } from '../../session';
import { indexFramework, present } from '../../applies';
import { isQuestion, label, numbers, sections } from '../../questionnaire';
import { useSaver } from '../../saver';
import { useAnswering, useScreens } from '../../answering';
import { respondentGrants, selfId, ws, type RespondentDetail } from '../../workshop';
import { Loading } from '../../components/ui';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { QuestionCard, fieldId } from '../../components/QuestionCard';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { SaveBar, SectionNav, SectionView, conditionText, counter } from '../../components/Screens';
import { ApiError } from '../../api';
import type { Campaign, Framework, Unit } from '../../types';

const DONE = '_done';

export function Respond({ route }: { route: Route }) {
  const user = useAnsweringUser();
  const title = t('qnTitle');
  if (user === undefined) return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (!user) return <SignInNeeded title={title} route={route} />;
  return <RespondLoader route={route} user={user} key={route.id + '/' + route.unit} />;
}

interface Loaded { campaign: Campaign; fw: Framework; me: RespondentDetail; unit?: Unit; id: number }

function RespondLoader({ route, user }: { route: Route; user: User }) {
  const c = route.id!, u = route.unit!;
  const grant = respondentGrants(user).find((g) => g.campaign === c && g.unit === u);
  const data = useAsync<Loaded>(async () => {
    if (!grant) throw new ApiError(403, 'forbidden', '');
    const id = selfId(user, grant);
    const [campaigns, me, units] = await Promise.all([api.campaigns(), ws.get(c, u, id), api.units().catch(() => [] as Unit[])]);
    const campaign = campaigns.find((x) => x.id === c);
    if (!campaign) throw new ApiError(404, 'not_found', c);
    return { campaign, fw: await api.framework(campaign.framework, campaign.framework_version), me, unit: units.find((x) => x.id === u), id };
  }, [c, u, user.id]);
  if (data.state === 'error') return <AccessError title={t('qnTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('qnTitle')}</h1><Loading /></div>;
  return <RespondView route={route} d={data.data} />;
}

function RespondView({ route, d }: { route: Route; d: Loaded }) {
  const c = route.id!, u = route.unit!;
  const { fw, me, campaign } = d;
  const ix = useMemo(() => indexFramework(fw), [fw]);
  const secs = useMemo(() => sections(fw), [fw]);
  const nums = useMemo(() => numbers(ix), [ix]);
  const uname = unitName(d.unit, u);
  useTitle(t('rspDocTitle', { unit: uname }));
  const saver = useSaver(c, u, () => {}, {
    key: `cybercap.pending.${c}.${u}.respondent.${d.id}`,
    send: (q, answer, comment) => ws.answer(c, u, d.id, q, answer, comment),
  });
  const { drafts, answers, na, clientErrors, announce, onChange } = useAnswering(ix, saver, me.answers);
  const online = useOnline();
  const wide = useWide();
  const { current, atLast, pos, secHref, goToQuestion, qHref } = useScreens(route, secs, DONE);
  const counts = counter(na, answers, isQuestion);
  const total = counts(ix.leaves);
  const last = { id: DONE, label: t('rspDoneTitle') };
  // The server takes answers while the campaign is open (and says so if not).
  const readOnly = campaign.status !== 'open';

  const fieldErrors: FieldError[] = [];
  for (const n of ix.leaves) {
    const st = saver.states[n.id];
    const msg = clientErrors[n.id] || (st?.s === 'error' ? t('errAnswerRefused', { message: st.message }) : null);
    if (msg) fieldErrors.push({ id: fieldId(n.id), message: t('errForQuestion', { n: nums.get(n.id)!, message: msg }), href: qHref(n.id), go: () => goToQuestion(n.id) });
  }

  return (
    <div class="page page-wide questionnaire respond">
      <ErrorSummary errors={fieldErrors} focusOnAppear={false} />
      <p class="eyebrow" id="qn-top">{campaign.title}</p>
      <h1>{t('rspH1', { unit: uname })}</h1>
      <p class="lead">{t('rspLead', { name: me.name || me.email })}</p>
      <div class="qn-meta"><span>{t('answeredOf', { n: int(total.answered), m: int(total.applicable) })}</span></div>
      <p class="sr-only" aria-live="polite">{announce}</p>
      <div class="qn-layout">
        <div class="qn-side">
          <details class="qn-contents" open={wide || undefined}>
            <summary>{t('contentsAndProgress', { n: int(total.answered), m: int(total.applicable) })}</summary>
            <SectionNav fw={fw} secs={secs} current={current} counts={counts} na={na} secHref={secHref} last={{ ...last, current: atLast }} />
          </details>
        </div>
        <div class="qn-content">
          {readOnly ? <p class="panel panel-info" data-testid="respond-closed">{t('rspClosed')}</p>
            : <SaveBar saver={saver} online={online} clientErrors={clientErrors} next={route.path + location.search} />}
          {current ? (
            <SectionView key={current.id} s={current} pos={pos} secs={secs} na={na} secHref={secHref} last={last}
              card={(n) => (
                <QuestionCard key={n.id} node={n} num={nums.get(n.id) || 0} value={drafts[n.id] || { answer: '', comment: '' }}
                  readOnly={readOnly} save={saver.states[n.id]} clientError={clientErrors[n.id]} evidence={[]}
                  conditional={conditionText(n, ix, nums)} campaign={c} unit={u} precision={fw.precision} simple
                  commentHint={t('rspCommentHint')} onChange={(answer, comment, send) => onChange(n, answer, comment, send)} onEvidence={() => {}} />
              )} />
          ) : (
            <section class="qn-section" aria-labelledby="section-title">
              <h2 id="section-title" tabIndex={-1}>{t('rspDoneTitle')}</h2>
              <p class="lead">{t('rspDoneLead')}</p>
              <table class="data summary-table">
                <caption class="sr-only">{t('answersByPillar')}</caption>
                <thead><tr><th scope="col">{t('colPillar')}</th><th scope="col" class="num">{t('colAnswered')}</th></tr></thead>
                <tbody>
                  {fw.children.map((p) => {
                    const pc = counts(secs.filter((x) => x.pillar.id === p.id).flatMap((x) => x.leaves));
                    return <tr key={p.id}><th scope="row">{label(p)}</th><td class="num">{t('nOfM', { n: int(pc.answered), m: int(pc.applicable) })}</td></tr>;
                  })}
                </tbody>
              </table>
              {total.answered < total.applicable && (
                <p>{t('rspUnanswered', { n: total.applicable - total.answered, count: int(total.applicable - total.answered) })}{' '}
                  <a href={qHref(ix.leaves.find((n) => isQuestion(n) && !na.has(n.id) && !present(answers[n.id]))?.id || '')}
                    onClick={(e) => {
                      const q = ix.leaves.find((n) => isQuestion(n) && !na.has(n.id) && !present(answers[n.id]));
                      if (q) { e.preventDefault(); goToQuestion(q.id); }
                    }}>{t('rspFirstUnanswered')}</a></p>
              )}
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
