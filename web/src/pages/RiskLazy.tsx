// The risk register pages (pages/measure/risk/) are loaded only when one
// of them is opened (one chunk).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./measure/risk/riskPages');
export const RiskRegisterPage = lazyPage(() => pages().then((m) => m.RiskRegister), () => t('rkRegisterTitle'));
export const RiskHeatMapPage = lazyPage(() => pages().then((m) => m.RiskHeatMap), () => t('rkHeatTitle'));
export const RiskRiskPage = lazyPage(() => pages().then((m) => m.RiskPage), () => t('rkRiskTitle'));
