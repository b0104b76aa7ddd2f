// The risk register pages, loaded together on first use (pages/RiskLazy.tsx).
export { RiskRegister } from './Register';
export { RiskHeatMap } from './HeatMap';
export { RiskPage } from './RiskPage';
