// The partnership pages (pages/build/partners/) are loaded only when one
// of them is opened (one chunk).
import { t } from '../i18n';
import { lazyPage } from './LazyPage';

const pages = () => import('./partnersPages');
export const PartnersRequestsPage = lazyPage(() => pages().then((m) => m.RequestsPage), () => t('ptRequestsTitle'));
export const PartnersRequestPage = lazyPage(() => pages().then((m) => m.RequestPage), () => t('ptRequestTitle'));
export const PartnersOffersPage = lazyPage(() => pages().then((m) => m.OffersPage), () => t('ptOffersTitle'));
export const PartnersPledgesPage = lazyPage(() => pages().then((m) => m.PledgesPage), () => t('ptPledgesTitle'));
export const PartnersReportPage = lazyPage(() => pages().then((m) => m.ReportPage), () => t('ptReportTitle'));
export const PartnersNewRequestPage = lazyPage(() => pages().then((m) => m.NewRequestPage), () => t('ptNewTitle'));
export const PartnersNewOrgPage = lazyPage(() => pages().then((m) => m.NewOrgPage), () => t('ptOrgTitle'));
export const PartnersNewOfferPage = lazyPage(() => pages().then((m) => m.NewOfferPage), () => t('ptOfferNewTitle'));
export const PartnersNewPledgePage = lazyPage(() => pages().then((m) => m.NewPledgePage), () => t('ptPledgeNewTitle'));
export const PartnersPledgePage = lazyPage(() => pages().then((m) => m.PledgePage), () => t('ptPledgeTitle'));
export const PartnersCountryPage = lazyPage(() => pages().then((m) => m.CountryPage), () => t('ptCountryTitle', { unit: '' }));
export const PartnersPartnerPage = lazyPage(() => pages().then((m) => m.PartnerPage), () => t('ptPartnerTitle', { partner: '' }));
