// The facilitator's workshop page (/campaigns/{c}/workshop/{unit}?section=S&show=F):
// the respondents (add, remove, the one-time link for a new one), then the
// questionnaire one part at a time with, per question, what each respondent
// answered, how far views differ, and the consensus recorded as the
// assessment's answer. For the unit's focal point, analysts, administrators.
import './measure.css';
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href, setParams, type Route } from '../../router';
import { api } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { int, unitName } from '../../format';
import { useSession, type User } from '../../session';
import { answerable, wf, type Assessment } from '../../workflow';
import { mayFacilitate, ws, type QuestionResponses, type Respondent } from '../../workshop';
import { indexFramework, present } from '../../applies';
import { isQuestion, numbers, sections } from '../../questionnaire';
import { isMaturity } from '../../fw';
import { Link, Loading } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { ErrorSummary, StatusTag, type FieldError } from '../../components/forms';
import { ApiError } from '../../api';
import { AddRespondent, RespondentList } from './Respondents';
import { WorkshopQuestion } from './WorkshopQuestion';
import type { Campaign, Framework, Unit } from '../../types';

export function Workshop({ route }: { route: Route }) {
  const s = useSession(true);
  const title = t('wsTitle');
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  if (!mayFacilitate(s.user, route.id!, route.unit!)) return <AccessError title={title} error={new ApiError(403, 'forbidden', '')} route={route} />;
  return <WorkshopLoader route={route} user={s.user} key={route.id + '/' + route.unit} />;
}

interface Loaded { a: Assessment; fw: Framework; campaign: Campaign | null; units: Unit[] }

function WorkshopLoader({ route, user }: { route: Route; user: User }) {
  const c = route.id!, u = route.unit!;
  const base = useAsync<Loaded>(async () => {
    const a = await wf.assessment(c, u);
    const [fw, campaign, units] = await Promise.all([api.framework(a.framework, a.framework_version), wf.campaign(c).catch(() => null), api.units().catch(() => [] as Unit[])]);
    return { a, fw, campaign, units };
  }, [c, u, user.id]);
  if (base.state === 'error') return <AccessError title={t('wsTitle')} error={base.error} route={route} retry={base.retry} />;
  if (base.state === 'loading') return <div class="page"><h1>{t('wsTitle')}</h1><Loading /></div>;
  return <WorkshopView route={route} d={base.data} />;
}

type Show = 'all' | 'divergent' | 'open';

function WorkshopView({ route, d }: { route: Route; d: Loaded }) {
  const c = route.id!, u = route.unit!;
  const { fw, a } = d;
  const [tick, setTick] = useState(0);
  const reload = () => setTick((x) => x + 1);
  // The add form's errors, summed up at the top of the page (GOV.UK).
  const [addErrors, setAddErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const onAddErrors = (e: FieldError[]) => { setAddErrors(e); setAttempt((x) => x + 1); };
  const live = useAsync(async () => {
    const [respondents, questions] = await Promise.all([ws.list(c, u), ws.responses(c, u)]);
    return { respondents, questions };
  }, [c, u, tick]);
  const ix = useMemo(() => indexFramework(fw), [fw]);
  const secs = useMemo(() => sections(fw), [fw]);
  const nums = useMemo(() => numbers(ix), [ix]);
  const uname = unitName(d.units.find((x) => x.id === u), u);
  useTitle(t('wsDocTitle', { unit: uname }));
  const show = (route.params.get('show') || 'all') as Show;
  const current = secs.find((s) => s.id === route.params.get('section')) || secs[0];
  const readOnly = !answerable(a);
  const enc = encodeURIComponent;
  const qn = href(`/campaigns/${enc(c)}/assessments/${enc(u)}`);
  const results = href(`/campaigns/${enc(c)}/maturity/${enc(u)}`);

  const respondents: Respondent[] = live.data?.respondents || [];
  const byQ = new Map<string, QuestionResponses>((live.data?.questions || []).map((q) => [q.question, q]));
  const questions = ix.leaves.filter(isQuestion);
  const divergent = questions.filter((n) => byQ.get(n.id)?.spread.divergent).length;
  const agreed = questions.filter((n) => present(byQ.get(n.id)?.consensus?.answer)).length;
  const keep = (n: { id: string }) => {
    const r = byQ.get(n.id);
    return show === 'divergent' ? !!r?.spread.divergent : show === 'open' ? !present(r?.consensus?.answer) : true;
  };
  const inSection = current.leaves.filter((n) => isQuestion(n) && keep(n));

  return (
    <div class="page page-wide workshop">
      <ErrorSummary errors={addErrors} focusKey={attempt} />
      <p class="eyebrow">{d.campaign?.title || c}</p>
      <h1>{t('wsH1', { unit: uname })}</h1>
      <p class="lead">{t('wsLead')}</p>
      <div class="qn-meta"><StatusTag status={a.status} kind="assessment" /></div>
      <ul class="link-row">
        <li><Link href={qn}>{t('wsOpenQuestionnaire')}</Link></li>
        {isMaturity(fw) && <li><Link href={results}>{t('wsOpenResults')}</Link></li>}
        <li><a href={ws.annexUrl(c, u)} download>{t('wsAnnex')}</a></li>
      </ul>
      {readOnly && <p class="panel panel-info">{t('wsReadOnly')}</p>}

      {live.state === 'error' ? <AccessError title={t('wsTitle')} error={live.error} route={route} retry={live.retry} /> : (
        <>
          <dl class="figures" data-testid="ws-figures">
            <div><dt>{t('wsRespondents')}</dt><dd>{int(respondents.length)}</dd></div>
            <div><dt>{t('wsAgreed')}</dt><dd>{t('nOfM', { n: int(agreed), m: int(questions.length) })}</dd></div>
            <div><dt>{t('wsDivergentN')}</dt><dd>{int(divergent)}</dd></div>
          </dl>

          <section class="work-section" aria-labelledby="ws-rsp-title">
            <h2 id="ws-rsp-title">{t('wsRespondentsTitle')}</h2>
            {live.state === 'loading' && !live.data ? <Loading /> : (
              <RespondentList list={respondents} questions={questions.length} remove={(id) => ws.remove(c, u, id)} onChange={reload} readOnly={readOnly} />
            )}
            {!readOnly && <AddRespondent add={(r) => ws.add(c, u, r)} onAdded={reload} errors={addErrors} onErrors={onAddErrors} />}
          </section>

          <section class="work-section" aria-labelledby="ws-q-title">
            <h2 id="ws-q-title">{t('wsQuestionsTitle')}</h2>
            <form class="controls" aria-label={t('chooseWhatToShow')} onSubmit={(e) => e.preventDefault()}>
              <div class="field">
                <label for="ws-part">{t('wsPart')}</label>
                <select id="ws-part" value={current.id} onChange={(e) => setParams({ section: (e.currentTarget as HTMLSelectElement).value })}>
                  {secs.map((s) => <option key={s.id} value={s.id}>{s.pillar === s.node ? s.title : `${s.pillar.name || s.pillar.id}: ${s.title}`}</option>)}
                </select>
              </div>
              <div class="field">
                <label for="ws-show">{t('wsShow')}</label>
                <select id="ws-show" value={show} onChange={(e) => setParams({ show: (e.currentTarget as HTMLSelectElement).value === 'all' ? null : (e.currentTarget as HTMLSelectElement).value })}>
                  <option value="all">{t('wsShowAll')}</option>
                  <option value="divergent">{t('wsShowDivergent')}</option>
                  <option value="open">{t('wsShowOpen')}</option>
                </select>
              </div>
            </form>
            <h3 class="ws-part-title">{current.title}</h3>
            {!inSection.length ? <p class="muted">{t('nothingToShow')}</p> : inSection.map((n) => (
              <WorkshopQuestion key={n.id} c={c} u={u} n={n} num={nums.get(n.id) || 0} r={byQ.get(n.id)}
                respondents={respondents} readOnly={readOnly} onSaved={reload} />
            ))}
          </section>
        </>
      )}
    </div>
  );
}
