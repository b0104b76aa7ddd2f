// The skills programme pages, loaded together on first use (pages/SkillsLazy.tsx).
export { SkillsDashboard } from './Dashboard';
export { SkillsMe } from './Me';
