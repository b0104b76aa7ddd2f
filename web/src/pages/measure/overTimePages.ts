// The over-time page and the crosswalk coverage page, loaded together on
// first use (pages/OverTimeLazy.tsx).
export { Trends } from './Trends';
export { Crosswalks } from './Crosswalks';
