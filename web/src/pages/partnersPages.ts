// The partnership pages (pages/build/partners/), loaded together on first use (PartnersLazy).
export { RequestsPage, RequestPage } from './build/partners/Requests';
export { OffersPage, PledgesPage } from './build/partners/Deals';
export { ReportPage } from './build/partners/Report';
export { NewRequestPage } from './build/partners/NewRequest';
export { NewOrgPage, NewOfferPage } from './build/partners/NewOffer';
export { NewPledgePage } from './build/partners/NewPledge';
export { PledgePage } from './build/partners/Pledge';
export { CountryPage, PartnerPage } from './build/partners/Views';
