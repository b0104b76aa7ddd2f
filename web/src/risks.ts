// National cyber risk registers (docs/risks.md, docs/api.md "Risk
// assessments"): the assessment with its matrix, the register, heat maps,
// a risk, the public register. Never cached: registers change as people work.
import { request } from './session';

export interface Term { id: string; name: string; description?: string }
export interface Matrix {
  id: string; title: string; likelihood: Term[]; impact: { dimensions?: Term[]; levels: Term[] };
  levels: (Term & { color: string })[]; grid: string[][];
}
export interface RiskAssessment {
  id: string; unit: string; title: string; matrix: Matrix; start: string; end: string; published: boolean; risks: number;
}
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
export interface Taxonomies { sectors: Term[]; threats: Term[]; actors: Term[] }
export interface Cell { likelihood: string; impact: string; level: string; count: number; risks: string[] }
export interface PublicRegister {
  id: string; unit: string; title: string; start: string; end: string;
  matrix: { id: string; title: string; levels: (Term & { color: string })[] };
  risks: { public_title: string; public_summary: string; level: string }[]; counts: Record<string, number>;
}

export const PHASES = ['inherent', 'current', 'target'] as const;
export type Phase = typeof PHASES[number];

const e = encodeURIComponent;
const A = (a: string) => `/risk-assessments/${e(a)}`;

export const risks = {
  list: () => request<{ risk_assessments: RiskAssessment[] }>('GET', '/risk-assessments').then((r) => r.risk_assessments),
  get: (a: string) => request<RiskAssessment>('GET', A(a)),
  register: (a: string) => request<{ risks: Risk[]; total: number }>('GET', `${A(a)}/risks?limit=1000`).then((r) => r.risks),
  risk: (a: string, r: string) => request<Risk>('GET', `${A(a)}/risks/${e(r)}`),
  heatmap: (a: string, phase: Phase) => request<{ cells: Cell[] }>('GET', `${A(a)}/heatmap?phase=${phase}`).then((r) => r.cells),
  taxonomies: () => request<Taxonomies>('GET', '/taxonomies'),
  publicRegister: (a: string) => request<PublicRegister>('GET', `${A(a)}/public`),
  treat: (a: string, r: string, b: Record<string, unknown>) => request<Treatment>('POST', `${A(a)}/risks/${e(r)}/treatments`, { json: b }),
};

export const riskHref = (a: string, sub = '') => `/risks/${e(a)}${sub ? '/' + sub : ''}`;
export const fileUrl = (a: string, ext: 'csv' | 'xlsx') => `/api/v1${A(a)}/register.${ext}`;
