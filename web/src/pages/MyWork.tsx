// "My work": what the signed-in person has to do now. A focal point sees
// the questionnaire of their unit in each campaign that is open (or in
// review, for a returned one); reviewers and analysts see the units of each
// active campaign with the status of every assessment; analysts also see
// every campaign, to move its status.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href, navigate, type Route } from '../router';
import { api } from '../api';
import { useAsync, useTitle } from '../hooks';
import { int, unitName, collate } from '../format';
import { hasRole, useSession, type User } from '../session';
import { wf, type Assessment } from '../workflow';
import { ErrorState, Link, Loading } from '../components/ui';
import { StatusTag } from '../components/forms';
import { UnitTable } from '../components/UnitTable';
import { rolesText } from '../components/Account';
import { SignInNeeded } from '../components/Gate';
import { MeasureLinks } from '../components/MeasureLinks';
import { onlyRespondent, respondPath, respondentGrants } from '../workshop';
import { riskHref, riskWorkshopsOf } from '../risks';
import type { Campaign, Unit } from '../types';
import type { ApiError } from '../api';
import { drills } from '../drills';
import { MyDrills } from './convene/MyDrills';
import { hasSkillsRecord, skillsHref, skillsRoles, trainerCohorts } from '../skills';

export function MyWork({ route }: { route: Route }) {
  const s = useSession(true);
  useTitle(t('myWorkTitle'));
  if (s.status === 'unknown') return <div class="page"><h1>{t('myWorkTitle')}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={t('myWorkTitle')} route={route} />;
  return <Work user={s.user} />;
}

function Work({ user }: { user: User }) {
  // A workshop respondent sees their own questionnaire and nothing else.
  const mine = respondentGrants(user);
  const only = onlyRespondent(user);
  useEffect(() => { if (only && mine.length === 1) navigate(href(respondPath(mine[0])), { replace: true }); }, [only, mine.length]);
  if (only) return <RespondentWork user={user} />;
  return <TeamWork user={user} />;
}

function RespondentWork({ user }: { user: User }) {
  const mine = respondentGrants(user);
  return (
    <div class="page">
      <h1>{t('myWorkTitle')}</h1>
      <p class="lead">{t('myWorkLead', { name: user.name || user.email })}</p>
      {mine.length === 1 ? <Loading /> : (
        <ul class="link-list">
          {mine.map((g) => <li key={g.campaign + '/' + g.unit}><Link href={href(respondPath(g))}>{t('rspCard', { campaign: g.campaign!, unit: g.unit! })}</Link></li>)}
        </ul>
      )}
    </div>
  );
}

function TeamWork({ user }: { user: User }) {
  const data = useAsync(async () => {
    const [campaigns, units, dr] = await Promise.all([wf.campaigns(), api.units(), drills.list().catch(() => ({ drills: [] }))]);
    return { campaigns, units, drills: dr.drills };
  }, [user.id]);
  if (data.state === 'loading') return <div class="page"><h1>{t('myWorkTitle')}</h1><Loading /></div>;
  if (data.state === 'error') return <div class="page"><h1>{t('myWorkTitle')}</h1><ErrorState error={data.error} retry={data.retry} /></div>;
  const { campaigns, units, drills: myDrills } = data.data;
  const focal = user.roles.filter((g) => g.role === 'focal_point' && g.unit);
  const reviewing = user.roles.some((g) => ['reviewer', 'analyst', 'admin'].includes(g.role));
  const analyst = hasRole(user, 'analyst') || hasRole(user, 'admin');
  const active = campaigns.filter((c) => c.status === 'open' || c.status === 'review')
    .sort((a, b) => b.year - a.year || collate(a.title, b.title));
  const toReview = active.filter((c) => user.roles.some((g) => g.role !== 'focal_point' && (!g.campaign || g.campaign === c.id)));
  return (
    <div class="page">
      <h1>{t('myWorkTitle')}</h1>
      <p class="lead">{t('myWorkLead', { name: user.name || user.email })} <span class="muted">{rolesText(user)}</span></p>
      {focal.length > 0 && (
        <section aria-labelledby="answer-title" class="work-section">
          <h2 id="answer-title">{t('toAnswerTitle')}</h2>
          {!active.length ? <p class="muted">{t('noOpenCampaigns')}</p> : (
            <ul class="cards">
              {active.flatMap((c) => [...new Set(focal.filter((g) => !g.campaign || g.campaign === c.id).map((g) => g.unit!))]
                .map((u) => <AssessmentCard key={c.id + u} campaign={c} unit={u} units={units} user={user} />))}
            </ul>
          )}
        </section>
      )}
      {reviewing && (
        <section aria-labelledby="review-title" class="work-section">
          <h2 id="review-title">{t('toReviewTitle')}</h2>
          {!toReview.length ? <p class="muted">{t('noReviewCampaigns')}</p> : toReview.map((c) => (
            <section key={c.id} class="work-campaign" aria-labelledby={'wc-' + c.id}>
              <div class="work-campaign-head">
                <h3 id={'wc-' + c.id}>{c.title}</h3>
                <StatusTag status={c.status} kind="campaign" />
                {analyst && <Link href={href('/campaigns/' + encodeURIComponent(c.id))}>{t('manageCampaign')}</Link>}
              </div>
              <UnitTable campaign={c} units={units} user={user} caption={t('unitsOf', { title: c.title })} />
            </section>
          ))}
        </section>
      )}
      {analyst && (
        <section aria-labelledby="campaigns-title" class="work-section">
          <h2 id="campaigns-title">{t('allCampaignsTitle')}</h2>
          <div class="table-wrap">
            <table class="data">
              <caption class="sr-only">{t('allCampaignsTitle')}</caption>
              <thead><tr><th scope="col">{t('colCampaign')}</th><th scope="col">{t('colYear')}</th><th scope="col">{t('colStatus')}</th><th scope="col" class="num">{t('colUnits')}</th></tr></thead>
              <tbody>
                {[...campaigns].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id)).map((c) => (
                  <tr key={c.id}>
                    <th scope="row"><Link href={href('/campaigns/' + encodeURIComponent(c.id))}>{c.title}</Link> <span class="code">{c.id}</span></th>
                    <td>{c.year}</td>
                    <td><StatusTag status={c.status} kind="campaign" /></td>
                    <td class="num">{int(c.units)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <MyDrills list={myDrills} />
      <RiskWork user={user} />
      <SkillsWork user={user} />
      {!focal.length && !reviewing && !myDrills.length && !riskWorkshopsOf(user).length && !skillsRoles(user).length && !hasSkillsRecord(user)
        && <p>{t('noWork')}</p>}
    </div>
  );
}

/** The risk workshops the user rates in (GET /me's risk_workshops), and the risk registers for those who run them. */
function RiskWork({ user }: { user: User }) {
  const mine = riskWorkshopsOf(user);
  const team = user.roles.some((g) => !g.campaign && ['admin', 'analyst', 'focal_point'].includes(g.role));
  if (!mine.length && !team) return null;
  return (
    <section aria-labelledby="risk-work-title" class="work-section" data-testid="risk-work">
      <h2 id="risk-work-title">{t('rkWorkTitle')}</h2>
      {mine.length > 0 && (
        <ul class="cards">
          {mine.map((w) => (
            <li class="card" key={w.assessment} data-assessment={w.assessment}>
              <p class="eyebrow">{t('rkWorkWorkshop')}</p>
              <h3 class="card-title"><Link href={href(riskHref(w.assessment, 'rate'))}>{w.title}</Link></h3>
              <p>{t('rkWorkRated', { n: w.rated })}</p>
            </li>
          ))}
        </ul>
      )}
      {team && <p><Link href={href('/risks')}>{t('rkWorkRegisters')}</Link></p>}
    </section>
  );
}

/** Skills programmes: a coordinator's cohorts and dashboard, a sponsor's dashboard and report, a trainer's cohorts, a participant's own record. */
function SkillsWork({ user }: { user: User }) {
  const roles = skillsRoles(user);
  if (!roles.length && !hasSkillsRecord(user)) return null;
  return (
    <section aria-labelledby="skills-work-title" class="work-section" data-testid="skills-work">
      <h2 id="skills-work-title">{t('skWorkTitle')}</h2>
      <ul class="link-list">
        {roles.map((r) => (
          <li key={r.role + r.programme}>
            {r.role === 'coordinator'
              ? <Link href={href(skillsHref.cohorts(r.programme))}>{t('skWorkCohorts', { p: r.programme })}</Link>
              : <Link href={href(skillsHref.report(r.programme))}>{t('skWorkReport', { p: r.programme })}</Link>}
            {' · '}<Link href={href(skillsHref.dashboard(r.programme))}>{t('skWorkDashboard')}</Link>
          </li>
        ))}
        {trainerCohorts(user).map((c) => (
          <li key={'trainer-' + c.cohort}>
            <Link href={href(skillsHref.cohort(c.programme, c.cohort, 'sessions'))}>{t('skWorkTrainer', { cohort: c.name })}</Link>
          </li>
        ))}
        {hasSkillsRecord(user) && <li><Link href={href('/skills/me')}>{t('skWorkMe')}</Link></li>}
      </ul>
    </section>
  );
}

function AssessmentCard({ campaign, unit, units, user }: { campaign: Campaign; unit: string; units: Unit[]; user: User }) {
  const [a, setA] = useState<Assessment | null | ApiError>(null);
  useEffect(() => {
    let live = true;
    wf.assessment(campaign.id, unit).then((x) => live && setA(x), (e) => live && setA(e));
    return () => { live = false; };
  }, [campaign.id, unit]);
  if (a && !('status' in a && 'answers' in a)) {
    const e = a as ApiError;
    if (e.status === 404 || e.status === 403) return null; // not in this campaign
    return <li class="card"><p class="state-error">{t('errGeneric', { message: e.message })}</p></li>;
  }
  const u = units.find((x) => x.id === unit);
  const path = href(`/campaigns/${encodeURIComponent(campaign.id)}/assessments/${encodeURIComponent(unit)}`);
  const as = a as Assessment | null;
  const action = !as ? t('actionOpen') : as.status === 'not_started' && !as.progress.answered ? t('actionStart')
    : as.status === 'in_progress' || as.status === 'returned' ? t('actionContinue') : t('actionView');
  return (
    <li class="card">
      <p class="eyebrow">{campaign.title}</p>
      <h3 class="card-title"><Link href={path}>{unitName(u, unit)} <span class="code-inline">{unit}</span></Link></h3>
      {!as ? <p class="muted">{t('loading')}</p> : (
        <>
          <p><StatusTag status={as.status} kind="assessment" /></p>
          {as.status === 'returned' && <p class="card-warn">{t('returnedCard', { n: Object.values(as.reviews).filter((r) => r.verdict === 'query').length })}</p>}
          <dl class="card-facts">
            <div><dt>{t('answered')}</dt><dd>{t('nOfM', { n: int(as.progress.answered), m: int(as.progress.applicable) })}</dd></div>
            <div><dt>{t('needEvidence')}</dt><dd class={as.missing_evidence_count ? 'card-warn' : undefined}>{int(as.missing_evidence_count)}</dd></div>
          </dl>
          <MeasureLinks campaign={campaign.id} unit={unit} framework={as.framework} user={user} unitLabel={unitName(u, unit)} />
          <p><Link class="button" href={path} aria-label={`${action}: ${unitName(u, unit)}, ${campaign.title}`}>{action}</Link></p>
        </>
      )}
    </li>
  );
}
