// The workflow pages (sign-in, my work, questionnaire, review, campaign;
// workshops and maturity results, pages/measure/) are
// loaded only when one of them is opened, so that the first load of the
// published results stays small. Until then the page shows its heading and
// a loading state; if the code cannot be fetched, an error with "Try again".
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../router';
import { t, type Key } from '../i18n';
import { ApiError } from '../api';
import { ErrorState, Loading } from '../components/ui';

type Pages = typeof import('./workflowPages');
type Name = 'SignIn' | 'MyWork' | 'Questionnaire' | 'Review' | 'CampaignPage'
  | 'Respond' | 'Workshop' | 'Maturity' | 'Report' | 'SetPassword'
  | 'PlansPage' | 'NewPlan' | 'PlanPage' | 'ActionPage' | 'DraftPage' | 'ServicesPage' | 'MonitoringPage' | 'PlanReportPage'
  | 'DrillPage' | 'Evaluate' | 'AfterAction';
let loaded: Pages | null = null;

const TITLES: Record<Name, Key> = {
  SignIn: 'signInTitle', MyWork: 'myWorkTitle', Questionnaire: 'qnTitle', Review: 'reviewTitle', CampaignPage: 'campaignTitle',
  Respond: 'qnTitle', Workshop: 'wsTitle', Maturity: 'mtTitle', Report: 'rpTitle', SetPassword: 'pwTitle',
  PlansPage: 'plListTitle', NewPlan: 'plNewTitle', PlanPage: 'plTitle', ActionPage: 'plEditAction', DraftPage: 'plDraftTitle',
  ServicesPage: 'plServicesTitle', MonitoringPage: 'plMonTitle', PlanReportPage: 'plReportTitle',
  DrillPage: 'drTitle', Evaluate: 'evTitle', AfterAction: 'aarTitle',
};

export function WorkflowPage({ name, route }: { name: Name; route: Route }) {
  const [pages, setPages] = useState<Pages | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (pages) return;
    let live = true;
    import('./workflowPages').then(
      (m) => { loaded = m; if (live) setPages(m); },
      () => { if (live) setFailed(true); },
    );
    return () => { live = false; };
  }, [tick]);
  if (pages) {
    const Page = pages[name] as FunctionComponent<{ route: Route }>;
    return <Page route={route} />;
  }
  return (
    <div class="page">
      <h1>{t(TITLES[name])}</h1>
      {failed
        ? <ErrorState error={new ApiError(0, 'network', '')} retry={() => { setFailed(false); setTick((x) => x + 1); }} />
        : <Loading />}
    </div>
  );
}
