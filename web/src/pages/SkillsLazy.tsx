// The skills programme pages (pages/skills/) are loaded only when one of
// them is opened (one chunk).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./skills/skillsPages');
export const SkillsDashboardPage = lazyPage(() => pages().then((m) => m.SkillsDashboard), () => t('skDashTitle'));
export const SkillsMePage = lazyPage(() => pages().then((m) => m.SkillsMe), () => t('skMeTitle'));
