// The risk register pages, loaded together on first use (pages/RiskLazy.tsx).
export { RiskList } from './List';
export { RiskRegister } from './Register';
export { RiskHeatMap } from './HeatMap';
export { RiskSectors } from './Sectors';
export { RiskGain } from './Gain';
export { RiskWorkshop } from './Workshop';
export { RiskRate } from './Rate';
export { RiskPublic } from './Public';
export { RiskReport } from './Report';
export { RiskPage } from './RiskPage';
