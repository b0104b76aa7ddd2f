// The skills programme pages, loaded together on first use (pages/SkillsLazy.tsx).
export { SkillsDashboard } from './Dashboard';
export { SkillsMe } from './Me';
export { SkillsCohorts } from './Cohorts';
export { SkillsReport } from './Report';
export { SkillsCohort } from './Enrolments';
export { SkillsSessions } from './Sessions';
export { SkillsProgress } from './Progress';
export { SkillsMentoring } from './Mentoring';
