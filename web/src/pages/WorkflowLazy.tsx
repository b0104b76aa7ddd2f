// The workflow pages (sign-in, my work, questionnaire, review, campaign;
// workshops and maturity results, pages/measure/) are
// loaded only when one of them is opened, so that the first load of the
// published results stays small (LazyPage).
import type { FunctionComponent } from 'preact';
import type { Route } from '../router';
import { t, type Key } from '../i18n';
import { useLazy } from './LazyPage';

type Pages = typeof import('./workflowPages');
type Name = 'SignIn' | 'MyWork' | 'Questionnaire' | 'Review' | 'CampaignPage'
  | 'Respond' | 'Workshop' | 'Maturity' | 'Report' | 'SetPassword'
  | 'PlansPage' | 'NewPlan' | 'PlanPage' | 'ActionPage' | 'DraftPage' | 'ServicesPage' | 'MonitoringPage' | 'PlanReportPage'
  | 'DrillPage' | 'DrillList' | 'Evaluate' | 'AfterAction';
const holder: { m: Pages | null } = { m: null };

const TITLES: Record<Name, Key> = {
  SignIn: 'signInTitle', MyWork: 'myWorkTitle', Questionnaire: 'qnTitle', Review: 'reviewTitle', CampaignPage: 'campaignTitle',
  Respond: 'qnTitle', Workshop: 'wsTitle', Maturity: 'mtTitle', Report: 'rpTitle', SetPassword: 'pwTitle',
  PlansPage: 'plListTitle', NewPlan: 'plNewTitle', PlanPage: 'plTitle', ActionPage: 'plEditAction', DraftPage: 'plDraftTitle',
  ServicesPage: 'plServicesTitle', MonitoringPage: 'plMonTitle', PlanReportPage: 'plReportTitle',
  DrillPage: 'drTitle', DrillList: 'dlTitle', Evaluate: 'evTitle', AfterAction: 'aarTitle',
};

export function WorkflowPage({ name, route }: { name: Name; route: Route }) {
  const r = useLazy(() => import('./workflowPages'), holder, t(TITLES[name]));
  if (!r.m) return r.shell;
  const Page = r.m[name] as FunctionComponent<{ route: Route }>;
  return <Page route={route} />;
}
