// The robustness page is loaded only when it is opened (its charts, form and
// job client are not part of the first load).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

export const RobustnessPage = lazyPage(() => import('./Robustness').then((m) => m.Robustness), () => t('rbH1'));
