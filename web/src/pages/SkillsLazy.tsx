// The skills programme pages (pages/skills/) are loaded only when one of
// them is opened (one chunk).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./skills/skillsPages');
export const SkillsDashboardPage = lazyPage(() => pages().then((m) => m.SkillsDashboard), () => t('skDashTitle'));
export const SkillsMePage = lazyPage(() => pages().then((m) => m.SkillsMe), () => t('skMeTitle'));
export const SkillsCohortsPage = lazyPage(() => pages().then((m) => m.SkillsCohorts), () => t('skCohortsTitle'));
export const SkillsReportPage = lazyPage(() => pages().then((m) => m.SkillsReport), () => t('skReportTitle'));
export const SkillsCohortPage = lazyPage(() => pages().then((m) => m.SkillsCohort), () => t('skCohortTitle'));
export const SkillsSessionsPage = lazyPage(() => pages().then((m) => m.SkillsSessions), () => t('skSessionsTitle'));
export const SkillsProgressPage = lazyPage(() => pages().then((m) => m.SkillsProgress), () => t('skProgressTitle'));
export const SkillsMentoringPage = lazyPage(() => pages().then((m) => m.SkillsMentoring), () => t('skMentoringTitle'));
