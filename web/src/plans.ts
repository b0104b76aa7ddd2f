// Action plans (docs/plans.md, docs/api.md "Action plans"): a unit's plan,
// its objectives and actions, drafting from gaps, monitoring, the periodic
// report and the CIRT service catalogue. Never cached: plans change as
// people work. Who may read or change a plan is the server's to say.
import { request } from './session';
import { API } from './api';
import type { User } from './session';

export const STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'blocked', 'cancelled'] as const;
export type Status = typeof STATUSES[number];
export type Rag = 'red' | 'amber' | 'green' | null;

export interface Kpi {
  id?: number; name: string; unit: string; baseline: number | null; target: number | null;
  measurements?: { date: string; value: number }[];
  latest?: { date: string; value: number } | null; expected?: number | null; progress?: number | null;
  reached?: boolean | null; on_track?: boolean | null;
}
export interface Link {
  kind?: string; framework: string; node: string; campaign?: string | null; target?: string | null;
  label?: string | null; before?: number | null; after?: number | null;
}
export interface Source {
  kind: string; framework?: string; node?: string; campaign?: string; target?: string | null;
  ref?: string | null; detail?: Record<string, unknown> | null;
}
export interface Action {
  id: number; objective: number; title: string; description: string; lead_agency: string; owner: string;
  partners: string; start: string | null; due: string | null; budget: { amount: number; currency: string } | null;
  funding_source: string; status: Status; progress: number; kpis: Kpi[]; links: Link[]; source: Source | null;
  evidence: string[]; overdue: boolean; counted: boolean; expected: number | null;
}
export interface Progress {
  overall: number | null; expected: number | null; behind: number | null; rag: Rag; total: number; counted: number;
  overdue: number; blocked: number; by_status: Record<string, number>; weighting?: string; weighting_note?: string | null;
}
export interface Objective extends Progress { id: number; title: string; position: number; progress: number | null; actions: Action[] }
export interface Service { id: string; name: string; area: string; area_name: string }
export interface Plan {
  id: string; unit: string; title: string; start: string; end: string; baseline: string | null; template: string | null;
  public: boolean; at: string; progress: Progress; objectives: Objective[]; services: Service[];
}
export interface PlanSummary {
  id: string; unit: string; title: string; start: string; end: string; baseline: string | null; template: string | null;
  public: boolean; progress: number | null; rag: Rag; actions: number; overdue: number;
}
export interface NodeChange {
  framework: string; node: string; label: string | null; before: number | null; before_campaign: string | null;
  after: number | null; after_campaign: string | null; change: number | null; rose: boolean; actions: number[]; done_actions: number;
}
export interface Monitoring {
  plan: string; at: string; weighting: string; weighting_note: string | null;
  actions: { total: number; by_status: Record<string, number>; counted: number; overdue: number; blocked: number; overdue_actions: number[]; blocked_actions: number[] };
  progress: Progress; objectives: (Progress & { id: number; title: string; progress: number | null })[];
  kpis: (Kpi & { action: number })[]; nodes: NodeChange[];
  remeasurement: { nodes: number; compared: number; rose: number; fell: number; same: number; rose_done: number; summary: string };
}
export interface ReportRow extends Action { objective_title: string; in_period: boolean; kpis_text: string; nodes_text: string }
export interface Report {
  plan: Plan | string; period: { id: string; first: string; last: string }; at: string; flagged: number;
  progress: Progress; objectives: Monitoring['objectives']; nodes: NodeChange[]; remeasurement: Monitoring['remeasurement'];
  services: Service[]; rows: ReportRow[];
}
export interface CsirtServices {
  name: string; version: string; source: string; attribution: string; licence: string;
  areas: { id: string; name: string; services: { id: string; name: string; purpose: string; outcome: string; functions: { id: string; name: string }[] }[] }[];
}

const e = encodeURIComponent;
const P = (p: string) => `/plans/${e(p)}`;

export const plans = {
  list: (unit?: string | null) => request<{ plans: PlanSummary[]; total: number }>('GET', '/plans' + (unit ? '?unit=' + e(unit) : '')),
  create: (b: Record<string, unknown>) => request<Plan>('POST', '/plans', { json: b }),
  get: (p: string) => request<Plan>('GET', P(p)),
  patch: (p: string, b: Record<string, unknown>) => request<Plan>('PATCH', P(p), { json: b }),
  remove: (p: string) =>
    request<{ id: string; deleted: boolean; unlinked: { risk_treatments: number; support_requests: number; drill_improvements: number } }>('DELETE', P(p)),
  addObjective: (p: string, title: string) => request<{ id: number }>('POST', `${P(p)}/objectives`, { json: { title } }),
  action: (p: string, a: number) => request<Action>('GET', `${P(p)}/actions/${a}`),
  addAction: (p: string, b: Record<string, unknown>) => request<Action>('POST', `${P(p)}/actions`, { json: b }),
  patchAction: (p: string, a: number, b: Record<string, unknown>) => request<Action>('PATCH', `${P(p)}/actions/${a}`, { json: b }),
  dropAction: (p: string, a: number) => request<unknown>('DELETE', `${P(p)}/actions/${a}`),
  draft: (p: string, b: Record<string, unknown>) =>
    request<{ proposals: Action[]; skipped: { kind: string; node: string; action: number; reason: string }[];
      merged: { node: string; action: number; sources: string[] }[]; campaign: string; framework: string; live: boolean }>('POST', `${P(p)}/draft`, { json: b }),
  monitoring: (p: string) => request<Monitoring>('GET', `${P(p)}/monitoring`),
  report: (p: string, period?: string | null) => request<Report>('GET', `${P(p)}/report` + (period ? '?period=' + e(period) : '')),
  services: () => request<CsirtServices>('GET', '/csirt-services'),
  setServices: (p: string, ids: string[]) => request<{ services: Service[] }>('PUT', `${P(p)}/services`, { json: { services: ids } }),
};

export const reportUrl = (p: string, ext: 'csv' | 'xlsx', period?: string | null) =>
  `${API}${P(p)}/report.${ext}` + (period ? '?period=' + e(period) : '');

/** Who may change the unit's plans (the server has the last word). */
export const mayEdit = (u: User | null, unit: string) =>
  !!u && u.roles.some((g) => g.role === 'admin' || g.role === 'analyst' || (g.role === 'focal_point' && g.unit === unit));

/** The periods of the report around DAY: quarters and half-years of its year and the year before. */
export function periods(day: string): string[] {
  const y = Number(day.slice(0, 4));
  const out: string[] = [];
  for (const yy of [y, y - 1]) {
    for (const q of [4, 3, 2, 1]) out.push(`${yy}-Q${q}`);
    for (const h of [2, 1]) out.push(`${yy}-H${h}`);
  }
  return out;
}

export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
