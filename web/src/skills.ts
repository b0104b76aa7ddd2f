// Skills programmes (docs/skills.md, docs/api.md "Skills programmes"): the
// dashboard and the caller's own record with its consents. Never cached:
// counts change as people enrol.
import { request } from './session';

/** A count, or null when it is suppressed (1 to 4 people, for a sponsor). */
export type Count = number | null;
export interface Funnel {
  applied: Count; selected: Count; waitlisted: Count; rejected: Count; enrolled: Count;
  active: Count; completed: Count; withdrawn: Count; dropped: Count; suppressed?: boolean;
}
export interface Result { campaign: string; year: number; score: number | null; results: string }
export interface CountryRow extends Funnel {
  country: string; name: string; ldc: boolean; sids: boolean; cohorts: number;
  capacity_development: Result | null; education_capacity: Result | null;
}
export interface Dashboard {
  programme: string; edition: string | null; suppressed_cells: boolean;
  funnel: Funnel;
  by_track: (Funnel & { track: string; name: string })[];
  by_country: CountryRow[];
  learning: { competency: string; n: Count; before: number | null; after: number | null; change: number | null }[];
  pairs: Record<string, Count>;
  countries_reached: { year: number; countries: number; ldc: number; sids: number };
}
export interface Consent { purpose: string; given_at: string; withdrawn_at: string | null }
export interface Me {
  person: { id: number; name: string; email: string; country: string; org_kind: string; experience: string | null } | null;
  consents: Consent[];
  enrolments: { id: number; cohort: string; role: string; status: string; reason: string | null }[];
}
export const PURPOSES = ['participation', 'evaluation', 'sponsor_sharing', 'alumni_contact', 'photos'] as const;

export const skills = {
  dashboard: (p: string) => request<Dashboard>('GET', `/api/v1/programmes/${encodeURIComponent(p)}/dashboard`),
  me: () => request<Me>('GET', '/api/v1/skills/me'),
  give: (person: number, purpose: string) =>
    request<{ consents: Consent[] }>('POST', `/api/v1/people/${person}/consents`, { json: { purpose } }),
  withdraw: (person: number, purpose: string) =>
    request<{ effect: string; consents: Consent[] }>('DELETE', `/api/v1/people/${person}/consents/${purpose}`),
};
