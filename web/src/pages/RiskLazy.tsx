// The risk register pages (pages/measure/risk/) are loaded only when one
// of them is opened (one chunk), as the workflow pages are (WorkflowLazy).
import type { FunctionComponent } from 'preact';
import type { Route } from '../router';
import { t, type Key } from '../i18n';
import { useLazy } from './LazyPage';

type Pages = typeof import('./measure/risk/riskPages');
export type RiskPageName = keyof Pages;
const holder: { m: Pages | null } = { m: null };

const TITLES: Record<RiskPageName, Key> = {
  RiskList: 'rkListTitle', RiskRegister: 'rkRegisterTitle', RiskHeatMap: 'rkHeatTitle', RiskSectors: 'rkSectorsTitle',
  RiskGain: 'rkGainTitle', RiskWorkshop: 'rkWsTitle', RiskRate: 'rkRateTitle', RiskPublic: 'rkPubTitle',
  RiskReport: 'rkReportTitle', RiskPage: 'rkRiskTitle',
};

/** The page of the risk register called NAME. */
export function RiskLazyPage({ name, route }: { name: RiskPageName; route: Route }) {
  const r = useLazy(() => import('./measure/risk/riskPages'), holder, t(TITLES[name]));
  if (!r.m) return r.shell;
  const Page = r.m[name] as FunctionComponent<{ route: Route }>;
  return <Page route={route} />;
}
