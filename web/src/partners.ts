// Partnerships (docs/partnerships.md, docs/api.md "Partnerships"): requests
// from countries, offers from partners, matches with the reasons of their
// score, pledges and deliveries, the donor report. Never cached; who may
// see or do what is the server's to say.
import { request } from './session';
import { API } from './api';

export interface Source { kind: 'node' | 'target' | 'action'; framework?: string | null; node?: string | null; campaign?: string | null; target?: string | null; action?: number }
export interface Breakdown {
  theme: number; modality: number; language: number; region: number; capacity: number; gap: number; total: number; max: number;
  subtopics: number; themes: number; eligible_by: string; list_year: number;
}
export interface Match {
  id: number; request: number; offer: number; unit: string; partner: string; score: number; breakdown: Breakdown;
  list_year: number; status: 'proposed' | 'shortlisted' | 'accepted' | 'declined' | 'withdrawn'; reason: string;
  proposed_by?: string; decided_by?: string | null; decided_at?: string | null;
}
export interface Pledge {
  id: number; match: number | null; request: number | null; provider: string; recipient: string; description: string;
  modality: string; themes: string[];
  value: { amount: number; currency: string; fx_rate: number; fx_date: string; valuation: string; usd: number };
  period: { from: string; to: string }; commitment: 'proposed' | 'confirmed'; delivery: 'none' | 'partial' | 'complete';
  verification: 'self' | 'recipient' | 'secretariat'; cancelled: boolean; completed_at?: string | null; beneficiaries: number;
  action?: number | null;
  deliveries?: { id: number; date: string; what: string; quantity: number; beneficiaries: number }[];
  /** GET /pledges/{p}: the request's framework node before and after (values 0..1). */
  measurement?: PledgeMeasurement | null;
}
export interface PledgeMeasurement {
  framework: string; node: string; before: number | null; before_campaign?: string | null; after: number | null; after_campaign?: string | null;
}
export interface SupportRequest {
  id: number; unit: string; title: string; description: string; themes: string[]; modalities: string[]; languages: string[];
  needed_by: string; priority: string; visibility: 'public' | 'partners' | 'secretariat'; status: string;
  source: Source | null; measured_gap: boolean; created_at: string; matches?: Match[]; pledges?: Pledge[];
}
export interface Offer {
  id: number; partner: string; title: string; description: string; themes: string[]; modalities: string[]; languages: string[];
  eligible: { groups: string[]; units: string[] }; capacity: { countries: number; used: number; beneficiaries?: number };
  available_from: string; available_to: string; unit_value: number; currency: string; valuation: string; status: string;
}
export interface Organisation { id: string; name: string; kind: string; fictional: boolean }
export interface Theme { id: string; parent: string | null; name: string }
export interface Share { supported: number; of: number; list_year: number; share: number | null; units: string[] }
export interface ValueRow { usd: number; pledges: number; partner?: string; name?: string; theme?: string; modality?: string; region?: string; valuation?: string }
export interface PartnersReport {
  year: number; ldc: Share; sids: Share; pledges: number; usd: number; value_by_partner: ValueRow[]; value_by_theme: ValueRow[];
  value_by_modality: ValueRow[]; value_by_region: ValueRow[]; value_by_valuation: ValueRow[]; fx_dates: string[];
  fulfilment_rate: number | null; beneficiaries: number;
  matrix: { unit: string; theme: string; usd: number; pledges: number; open_requests: number }[];
  gaps: { request: number; unit: string; title: string; themes: string[]; age_days: number }[]; open_requests: number;
}
/** GET /pledges' totals: the listed pledges counted as the donor report counts them. */
export interface PledgeSums { pledges: number; usd: number; delivered_usd: number; beneficiaries: number }
export interface PledgeTotals extends PledgeSums {
  by_year: (PledgeSums & { year: number; amounts: { currency: string; amount: number; usd: number }[]; fx_dates: string[] })[];
}
export interface Rights { secretariat: boolean; organisations: string[]; focal_units: string[] }

const e = encodeURIComponent;
export const partners = {
  me: () => request<Rights>('GET', '/partnerships/me'),
  themes: () => request<{ themes: Theme[] }>('GET', '/partnerships/themes'),
  orgs: () => request<{ organisations: Organisation[] }>('GET', '/organisations'),
  requests: (unit?: string | null) => request<{ requests: SupportRequest[] }>('GET', '/requests' + (unit ? '?unit=' + e(unit) : '')),
  request: (r: number) => request<SupportRequest>('GET', `/requests/${r}`),
  create: (b: Record<string, unknown>) => request<SupportRequest>('POST', '/requests', { json: b }),
  draft: (action: number) => request<Omit<SupportRequest, 'id' | 'status' | 'created_at' | 'needed_by'> & { plan: string }>('POST', '/requests/draft', { json: { action } }),
  propose: (r: number) => request<{ matches: Match[]; left_out: { offer: number; filter: string }[] }>('POST', `/requests/${r}/matches`, { json: {} }),
  decide: (m: number, b: { status: string; reason?: string }) => request<Match>('PATCH', `/matches/${m}`, { json: b }),
  offers: () => request<{ offers: Offer[] }>('GET', '/offers'),
  pledges: (unit?: string | null) => request<{ pledges: Pledge[]; totals: PledgeTotals }>('GET', '/pledges' + (unit ? '?unit=' + e(unit) : '')),
  /** A country's (unit) or a partner's (partner) pledges, with their totals. */
  pledgesOf: (q: { unit?: string; partner?: string }) => request<{ pledges: Pledge[]; totals: PledgeTotals }>('GET', '/pledges?' + new URLSearchParams(q)),
  pledge: (p: number) => request<Pledge>('GET', `/pledges/${p}`),
  matches: (q: { unit?: string; partner?: string } = {}) => request<{ matches: Match[] }>('GET', '/matches?' + new URLSearchParams(q)),
  offersOf: (partner: string) => request<{ offers: Offer[] }>('GET', '/offers?partner=' + e(partner)),
  createOrg: (b: Record<string, unknown>) => request<Organisation>('POST', '/organisations', { json: b }),
  createOffer: (b: Record<string, unknown>) => request<Offer>('POST', '/offers', { json: b }),
  createPledge: (b: Record<string, unknown>) => request<Pledge>('POST', '/pledges', { json: b }),
  deliver: (p: number, b: Record<string, unknown>) => request<Pledge>('POST', `/pledges/${p}/deliveries`, { json: b }),
  patchPledge: (p: number, b: Record<string, unknown>) => request<Pledge>('PATCH', `/pledges/${p}`, { json: b }),
  report: (year: number) => request<PartnersReport>('GET', `/partnerships/report?year=${year}`),
};
export const reportXlsxUrl = (year: number) => `${API}/partnerships/report.xlsx?year=${year}`;
export const iatiUrl = () => `${API}/partnerships/pledges.iati.xml`;
