// Workshops of respondents (docs/workflow.md): the facilitator of an
// assessment (its unit's focal point, an analyst, an administrator) adds
// respondents, each answers the questionnaire on their own, and the
// facilitator records the consensus as the assessment's answer. Also the
// assessment's live targets, and setting a password from a one-time link.
// Never cached: these change as people work.
import { request } from './session';
import type { Grant, User } from './session';
import type { Targets } from './types';

export const GROUPS = ['government', 'cirt', 'critical_infrastructure', 'law_enforcement', 'academia',
  'civil_society', 'private_sector', 'international_partner'] as const;
export type RespondentGroup = typeof GROUPS[number];

export interface Respondent {
  id: number; email: string; name: string; organisation: string; group: RespondentGroup | string; answered: number;
}
export interface RespondentAnswer { answer: string; comment: string; at: string; by: string }
export interface RespondentDetail extends Respondent { answers: Record<string, RespondentAnswer> }
export interface NewRespondent extends Respondent { setup?: { token: string; expires_at: string } }

export interface Spread { counts: Record<string, number>; median: number | null; divergent: boolean }
export interface QuestionResponses {
  question: string;
  consensus: { answer: string; comment: string } | null;
  responses: { respondent: number; name: string; group: string; answer: string; comment: string }[];
  spread: Spread;
}

const e = encodeURIComponent;
const base = (c: string, u: string) => `/campaigns/${e(c)}/assessments/${e(u)}`;

export const ws = {
  list: (c: string, u: string) => request<{ respondents: Respondent[] }>('GET', `${base(c, u)}/respondents`).then((r) => r.respondents),
  add: (c: string, u: string, r: { email: string; name: string; organisation: string; group: string }) =>
    request<NewRespondent>('POST', `${base(c, u)}/respondents`, { json: r }),
  get: (c: string, u: string, id: number) => request<RespondentDetail>('GET', `${base(c, u)}/respondents/${id}`),
  answer: (c: string, u: string, id: number, q: string, answer: string, comment: string) =>
    request<unknown>('PUT', `${base(c, u)}/respondents/${id}/answers/${e(q)}`, { json: { answer, comment } }),
  remove: (c: string, u: string, id: number) => request<unknown>('DELETE', `${base(c, u)}/respondents/${id}`),
  responses: (c: string, u: string) => request<{ questions: QuestionResponses[] }>('GET', `${base(c, u)}/responses`).then((r) => r.questions),
  annexUrl: (c: string, u: string) => `/api/v1${base(c, u)}/responses.xlsx`,
  liveTargets: (c: string, u: string) => request<Targets>('GET', `${base(c, u)}/targets`),
  setPassword: (token: string, password: string) => request<unknown>('POST', '/password', { json: { token, password } }),
};

/** The link a new respondent opens to choose a password. */
export const setupLink = (token: string) => `${location.origin}/password?token=${e(token)}`;

/** The assessments a user answers as a workshop respondent (role `respondent`, a campaign and a unit). */
export const respondentGrants = (u: User | null): Grant[] =>
  (u?.roles || []).filter((g) => g.role === 'respondent' && g.campaign && g.unit);

/** A user who is a respondent and nothing else sees only their own questionnaire. */
export const onlyRespondent = (u: User | null) => !!u && u.roles.length > 0 && u.roles.every((g) => g.role === 'respondent');

export const respondPath = (g: { campaign: string | null; unit: string | null }) =>
  `/campaigns/${e(g.campaign || '')}/respond/${e(g.unit || '')}`;

/**
 * The respondent record of the signed-in user in one assessment: the id the
 * grant carries (`respondent`), else the user's own id, which the server
 * uses for a respondent's routes.
 */
export function selfId(u: User, g: Grant): number {
  const r = (g as Grant & { respondent?: number }).respondent;
  return typeof r === 'number' ? r : u.id;
}

/** Who may run a workshop: the unit's focal point, an analyst, an administrator (the server has the last word). */
export function mayFacilitate(u: User | null, c: string, unit: string): boolean {
  return !!u && u.roles.some((g) => (g.role === 'admin' || g.role === 'analyst' || (g.role === 'focal_point' && g.unit === unit))
    && (!g.campaign || g.campaign === c) && (!g.unit || g.unit === unit));
}

/** The median of numeric answers (as the server gives it when it does not). */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
