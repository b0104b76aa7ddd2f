// National cyber risk registers (docs/risks.md, docs/api.md "Risk
// assessments" and "Risk workshops"): the assessments, one with its matrix,
// the register, heat maps and the other views, a risk, the public register,
// and the workshop (participants, their own ratings, the spread, the agreed
// rating). Never cached: registers change as people work.
import { request, type User } from './session';
import type { NewRespondent } from './workshop';

export interface Term { id: string; name: string; description?: string }
export interface Matrix {
  id: string; title: string; likelihood: Term[]; impact: { dimensions?: Term[]; levels: Term[] };
  levels: (Term & { color: string })[]; grid: string[][];
}
export interface RiskAssessment {
  id: string; unit: string; title: string; matrix: Matrix; start: string; end: string; published: boolean; risks: number;
  published_at?: string | null; participant?: number;
}
/** An assessment as the list gives it (its matrix by id and hash only). */
export type RiskAssessmentItem = Omit<RiskAssessment, 'matrix'> & { matrix: { id: string; hash: string } };
export interface Rating {
  likelihood: string; impact: string; level: string; impacts?: Record<string, string>; confidence: string | null;
  rationale: string; workshop: boolean; dissent: string;
}
export interface Treatment {
  id: number; option: string; justification: string; plan: string | null;
  action: { id: number; plan: string; title: string; status: string; progress: number; due: string | null } | null;
}
export interface Risk {
  id: string; title: string; scenario: string; sectors: string[]; threat: string; actor: string; owner: string;
  vulnerabilities: string; nodes: { framework: string; node: string }[]; public: boolean;
  public_title: string | null; public_summary: string | null; review_date: string | null;
  inherent: Rating | null; current: Rating | null; target: Rating | null; treatments: Treatment[];
}
/** A rating as sent: a likelihood and, with dimensions, an impact per dimension (else one impact). */
export interface RatingInput { likelihood: string; impacts?: Record<string, string>; impact?: string }
export interface ParticipantRating extends RatingInput { impact: string; level: string; comment: string; by: string; at: string }
export interface Participant {
  id: number; email: string; name: string; organisation: string; group: string; rated: number; removed: boolean;
}
export interface ParticipantRecord extends Participant {
  assessment: RiskAssessment;
  risks: { id: string; title: string; scenario: string; sectors: string[]; threat: string; actor: string; vulnerabilities: string;
    ratings: Partial<Record<Phase, ParticipantRating>> }[];
}
export interface Spread { counts: Record<string, number>; median: number | null; divergent: boolean }
export interface WorkshopPhase {
  responses: (ParticipantRating & { participant: number; name: string; group: string })[];
  spread: { likelihood: Spread; impact: Spread; level: Spread; dimensions?: Record<string, Spread> } | null;
  agreed: Rating | null;
}
export interface Workshop {
  assessment: string; active: number; participants: Participant[];
  risks: { id: string; title: string; phases: Record<Phase, WorkshopPhase> }[];
}
export interface Gain {
  risks: { id: string; title: string; current: { likelihood: string; impact: string; level: string } | null;
    target: { likelihood: string; impact: string; level: string } | null; levels_off: number; treatments: string[] }[];
  current: Record<string, number>; target: Record<string, number>;
}
export interface SectorRisks { id: string; name: string; risks: string[]; levels: Record<string, number>; unrated: number }
export interface ReviewDue { today: string; risks: { id: string; title: string; owner: string; review_date: string; days_overdue: number; level: string | null }[] }
/** What GET /me adds for a participant of risk workshops. */
export interface RiskWorkshopGrant { assessment: string; title: string; unit: string; participant: number; rated: number }
export const riskWorkshopsOf = (u: User | null): RiskWorkshopGrant[] =>
  ((u as (User & { risk_workshops?: RiskWorkshopGrant[] }) | null)?.risk_workshops) || [];

export interface Taxonomies { sectors: Term[]; threats: Term[]; actors: Term[] }
export interface Cell { likelihood: string; impact: string; level: string; count: number; risks: string[] }
export interface PublicRegister {
  id: string; unit: string; title: string; start: string; end: string; published: boolean; published_at: string | null;
  matrix: { id: string; title: string; levels: (Term & { color: string })[] };
  risks: { public_title: string; public_summary: string; level: string }[]; counts: Record<string, number>;
}

export const PHASES = ['inherent', 'current', 'target'] as const;
export type Phase = typeof PHASES[number];
export const isPhase = (x: string | null): x is Phase => (PHASES as readonly string[]).includes(x || '');

const e = encodeURIComponent;
const A = (a: string) => `/risk-assessments/${e(a)}`;

export const risks = {
  list: () => request<{ risk_assessments: RiskAssessmentItem[] }>('GET', '/risk-assessments?limit=1000').then((r) => r.risk_assessments),
  get: (a: string) => request<RiskAssessment>('GET', A(a)),
  register: (a: string) => request<{ risks: Risk[]; total: number }>('GET', `${A(a)}/risks?limit=1000`).then((r) => r.risks),
  risk: (a: string, r: string) => request<Risk>('GET', `${A(a)}/risks/${e(r)}`),
  heatmap: (a: string, phase: Phase) => request<{ cells: Cell[] }>('GET', `${A(a)}/heatmap?phase=${phase}`).then((r) => r.cells),
  taxonomies: () => request<Taxonomies>('GET', '/taxonomies'),
  publicRegister: (a: string) => request<PublicRegister>('GET', `${A(a)}/public`),
  treat: (a: string, r: string, b: Record<string, unknown>) => request<Treatment>('POST', `${A(a)}/risks/${e(r)}/treatments`, { json: b }),
  gain: (a: string) => request<Gain>('GET', `${A(a)}/treatment-gain`),
  sectors: (a: string) => request<{ sectors: SectorRisks[] }>('GET', `${A(a)}/sectors`).then((r) => r.sectors),
  reviewDue: (a: string) => request<ReviewDue>('GET', `${A(a)}/review-due`),
  workshop: (a: string) => request<Workshop>('GET', `${A(a)}/workshop`),
  participants: (a: string) => request<{ participants: Participant[] }>('GET', `${A(a)}/participants`).then((r) => r.participants),
  addParticipant: (a: string, p: { email: string; name: string; organisation: string; group: string }) =>
    request<NewRespondent>('POST', `${A(a)}/participants`, { json: p }),
  removeParticipant: (a: string, p: number) => request<unknown>('DELETE', `${A(a)}/participants/${p}`),
  participant: (a: string, p: number) => request<ParticipantRecord>('GET', `${A(a)}/participants/${p}`),
  rate: (a: string, p: number, r: string, body: RatingInput & { phase: Phase; comment: string }) =>
    request<{ ratings: Partial<Record<Phase, ParticipantRating>> }>('PUT', `${A(a)}/participants/${p}/ratings/${e(r)}`, { json: body }),
  agree: (a: string, r: string, phase: Phase, body: RatingInput & { rationale: string; dissent: string; workshop: true; confidence?: string }) =>
    request<Risk>('PUT', `${A(a)}/risks/${e(r)}/ratings/${phase}`, { json: body }),
};

/** Who runs the register (the unit's focal point, analysts, admins; the server has the last word). */
export const mayRunRegister = (u: User | null, unit: string) => !!u && u.roles.some((g) => !g.campaign
  && (g.role === 'admin' || g.role === 'analyst' || (g.role === 'focal_point' && g.unit === unit)));

export const riskHref = (a: string, sub = '') => `/risks/${e(a)}${sub ? '/' + sub : ''}`;
export const fileUrl = (a: string, ext: 'csv' | 'xlsx') => `/api/v1${A(a)}/register.${ext}`;
