// The shell: skip link, header with the main navigation, the page, footer.
// Moving to another page moves focus to its heading and announces it.
import { useEffect, useState } from 'preact/hooks';
import { useRoute, href, takeFocusFlag, type Route } from './router';
import { t, languages, LANGUAGE_NAMES, currentLang, setLanguage } from './i18n';
import { Link } from './components/ui';
import { Overview } from './pages/Overview';
import { Rankings } from './pages/Rankings';
import { Profile } from './pages/Profile';
import { Compare } from './pages/Compare';
import { FrameworkPage } from './pages/Framework';
import { RobustnessPage } from './pages/RobustnessLazy';
import { CrosswalksPage, TrendsPage } from './pages/OverTimeLazy';
import { WorkflowPage } from './pages/WorkflowLazy';
import { ChallengesPage, ScoreboardPage, SubmissionsPage } from './pages/ChallengesLazy';
import { RiskLazyPage, type RiskPageName } from './pages/RiskLazy';
import { PartnersCountryPage, PartnersPartnerPage, PartnersNewOfferPage, PartnersNewOrgPage, PartnersNewPledgePage, PartnersPledgePage, PartnersNewRequestPage, PartnersOffersPage, PartnersPledgesPage, PartnersReportPage, PartnersRequestPage, PartnersRequestsPage } from './pages/PartnersLazy';
import {
  SkillsCohortPage, SkillsCohortsPage, SkillsDashboardPage, SkillsMePage, SkillsMentoringPage, SkillsProgressPage, SkillsReportPage, SkillsSessionsPage,
} from './pages/SkillsLazy';
import { AccountBar, WorkNavItem, useRespondentOnly } from './components/Account';
import { isStatic } from './api';

const RISK_PAGES: Partial<Record<Route['page'], RiskPageName>> = {
  riskList: 'RiskList', riskRegister: 'RiskRegister', riskHeatmap: 'RiskHeatMap', riskSectors: 'RiskSectors', riskGain: 'RiskGain',
  riskWorkshop: 'RiskWorkshop', riskRate: 'RiskRate', riskPublic: 'RiskPublic', riskReport: 'RiskReport', riskPage: 'RiskPage',
};

const NAV: { page: Route['page']; path: string; key: 'navOverview' | 'navRankings' | 'navOverTime' | 'navCompare' | 'navFramework' | 'navRobustness' | 'navRisks' | 'navPartners'; also?: string; live?: boolean }[] = [
  { page: 'overview', path: '/', key: 'navOverview' },
  { page: 'rankings', path: '/rankings', key: 'navRankings' },
  { page: 'trends', path: '/trends', key: 'navOverTime' },
  { page: 'compare', path: '/compare', key: 'navCompare' },
  { page: 'robustness', path: '/robustness', key: 'navRobustness', live: true },
  { page: 'framework', path: '/frameworks', key: 'navFramework' },
  { page: 'riskList', path: '/risks', key: 'navRisks', also: 'risk', live: true },
  { page: 'partners', path: '/partnerships', key: 'navPartners', also: 'partners', live: true },
];

function LanguagePicker({ onChange }: { onChange: () => void }) {
  if (languages.length < 2) return null;
  return (
    <div class="lang">
      <label for="lang">{t('language')}</label>
      <select id="lang" value={currentLang()} onChange={async (e) => {
        const v = (e.currentTarget as HTMLSelectElement).value;
        await setLanguage(v);
        try { localStorage.setItem('cybercap.lang', v); } catch { /* ignore */ }
        const s = new URLSearchParams(location.search);
        s.set('lang', v);
        history.replaceState(null, '', location.pathname + '?' + s.toString());
        onChange();
      }}>
        {languages.map((l) => <option key={l} value={l} lang={l}>{LANGUAGE_NAMES[l] || l}</option>)}
      </select>
    </div>
  );
}

export function App() {
  const route = useRoute();
  const [, setLangTick] = useState(0);
  const keep = (path: string) => {
    // carry the campaign across pages
    const c = route.params.get('campaign');
    return href(path, c ? { campaign: c } : {});
  };

  useEffect(() => {
    if (takeFocusFlag()) {
      // Not on the first load (focus stays at the top, so Tab reaches the
      // skip link first); on later pages, start reading at the content.
      const target = document.getElementById('main');
      if (target && document.activeElement && document.activeElement !== document.body) {
        target.focus({ preventScroll: true });
      }
    }
  }, [route.path]);

  let page;
  switch (route.page) {
    case 'overview': page = <Overview route={route} />; break;
    case 'rankings': page = <Rankings route={route} />; break;
    case 'profile': page = <Profile route={route} />; break;
    case 'compare': page = <Compare route={route} />; break;
    case 'framework': page = <FrameworkPage route={route} />; break;
    case 'robustness': page = <RobustnessPage route={route} />; break;
    case 'trends': page = <TrendsPage route={route} />; break;
    case 'crosswalks': page = <CrosswalksPage route={route} />; break;
    case 'signin': page = <WorkflowPage name="SignIn" route={route} />; break;
    case 'mywork': page = <WorkflowPage name="MyWork" route={route} />; break;
    case 'campaign': page = <WorkflowPage name="CampaignPage" route={route} />; break;
    case 'questionnaire': page = <WorkflowPage name="Questionnaire" route={route} />; break;
    case 'review': page = <WorkflowPage name="Review" route={route} />; break;
    case 'respond': page = <WorkflowPage name="Respond" route={route} />; break;
    case 'workshop': page = <WorkflowPage name="Workshop" route={route} />; break;
    case 'maturity': page = <WorkflowPage name="Maturity" route={route} />; break;
    case 'report': page = <WorkflowPage name="Report" route={route} />; break;
    case 'password': page = <WorkflowPage name="SetPassword" route={route} />; break;
    case 'plans': page = <WorkflowPage name="PlansPage" route={route} />; break;
    case 'plannew': page = <WorkflowPage name="NewPlan" route={route} />; break;
    case 'plan': page = <WorkflowPage name="PlanPage" route={route} />; break;
    case 'planaction': page = <WorkflowPage name="ActionPage" route={route} />; break;
    case 'plandraft': page = <WorkflowPage name="DraftPage" route={route} />; break;
    case 'planservices': page = <WorkflowPage name="ServicesPage" route={route} />; break;
    case 'planmonitoring': page = <WorkflowPage name="MonitoringPage" route={route} />; break;
    case 'planreport': page = <WorkflowPage name="PlanReportPage" route={route} />; break;
    case 'drills': page = <WorkflowPage name="DrillList" route={route} />; break;
    case 'drill': page = <WorkflowPage name="DrillPage" route={route} />; break;
    case 'drillEvaluate': page = <WorkflowPage name="Evaluate" route={route} />; break;
    case 'drillReport': page = <WorkflowPage name="AfterAction" route={route} />; break;
    case 'skillsDashboard': page = <SkillsDashboardPage route={route} />; break;
    case 'skillsMe': page = <SkillsMePage route={route} />; break;
    case 'skillsCohorts': page = <SkillsCohortsPage route={route} />; break;
    case 'skillsReport': page = <SkillsReportPage route={route} />; break;
    case 'skillsCohort': page = <SkillsCohortPage route={route} />; break;
    case 'skillsSessions': page = <SkillsSessionsPage route={route} />; break;
    case 'skillsProgress': page = <SkillsProgressPage route={route} />; break;
    case 'skillsMentoring': page = <SkillsMentoringPage route={route} />; break;
    case 'partners': page = <PartnersRequestsPage route={route} />; break;
    case 'partnersRequest': page = <PartnersRequestPage route={route} />; break;
    case 'partnersNew': page = <PartnersNewRequestPage route={route} />; break;
    case 'partnersOrgNew': page = <PartnersNewOrgPage route={route} />; break;
    case 'partnersOfferNew': page = <PartnersNewOfferPage route={route} />; break;
    case 'partnersPledgeNew': page = <PartnersNewPledgePage route={route} />; break;
    case 'partnersPledge': page = <PartnersPledgePage route={route} />; break;
    case 'partnersOffers': page = <PartnersOffersPage route={route} />; break;
    case 'partnersPledges': page = <PartnersPledgesPage route={route} />; break;
    case 'partnersReport': page = <PartnersReportPage route={route} />; break;
    case 'partnersCountry': page = <PartnersCountryPage route={route} />; break;
    case 'partnersPartner': page = <PartnersPartnerPage route={route} />; break;
    case 'drillChallenges': page = <ChallengesPage route={route} />; break;
    case 'drillScoreboard': page = <ScoreboardPage route={route} />; break;
    case 'drillSubmissions': page = <SubmissionsPage route={route} />; break;
    default: page = RISK_PAGES[route.page] ? <RiskLazyPage name={RISK_PAGES[route.page]!} route={route} /> : (
      <div class="page">
        <h1>{t('notFoundTitle')}</h1>
        <p>{t('notFoundText')}</p>
        <p><Link href={keep('/')}>{t('backToOverview')}</Link></p>
      </div>
    );
  }
  const current = route.page;
  // A workshop respondent is shown their own questionnaire only.
  const respondent = useRespondentOnly();
  // A scoreboard on a projector: the page alone, no header, navigation or footer.
  if (route.page === 'drillScoreboard' && route.params.get('view') === 'projector') {
    return <main id="main" tabIndex={-1} class="bare">{page}</main>;
  }

  return (
    <>
      <a class="skip-link" href="#main">{t('skipToContent')}</a>
      <header class="site-header">
        <div class="header-inner">
          <Link class="brand" href={keep('/')}>
            <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32"><path d="M16 3l11 5v7c0 7-5 12-11 14C10 27 5 22 5 15V8z" fill="#fde725" /><path d="M16 8l6 2.7V15c0 4.4-2.7 7.4-6 8.9z" fill="#21918c" /></svg>
            <span class="brand-name">cybercap</span>
            <span class="brand-tag">{t('tagline')}</span>
          </Link>
          <LanguagePicker onChange={() => setLangTick((x) => x + 1)} />
          {!isStatic() && <AccountBar />}
        </div>
        <nav class="site-nav" aria-label={t('mainNav')}>
          <ul>
            {!respondent && NAV.filter((n) => !(n.live && isStatic())).map((n) => (
              <li key={n.page}>
                <Link href={keep(n.path)} aria-current={current === n.page ? 'page' : n.also && current.startsWith(n.also) ? 'true' : undefined}>{t(n.key)}</Link>
              </li>
            ))}
            {!isStatic() && <WorkNavItem current={current} />}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
      <footer class="site-footer">
        <p>{t('footerAbout')}</p>
        <p>{t('footerData')} <a href="/api/v1/openapi.json">{t('footerApi')}</a></p>
      </footer>
    </>
  );
}
