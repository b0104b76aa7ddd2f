// The over-time page and the crosswalk coverage page are loaded only when
// one of them is opened (pages/measure/overTimePages.ts, one chunk).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./measure/overTimePages');
export const TrendsPage = lazyPage(() => pages().then((m) => m.Trends), () => t('trH1Loading'));
export const CrosswalksPage = lazyPage(() => pages().then((m) => m.Crosswalks), () => t('cwTitle'));
