// Skills programmes (docs/skills.md, docs/api.md "Skills programmes"): the
// dashboard, the coordinator's cohorts (enrolments, sessions and
// attendance, progress imports, mentoring), and the caller's own record
// with its consents, surveys and pairs. Never cached: counts change as
// people enrol.
import { request, sendFile } from './session';
import type { User } from './session';
import { currentLang } from './i18n';

const e = encodeURIComponent;

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
/** A knowledge check's figures: N with a score, their mean (0–100) and the share at or above the pass mark. */
export interface KnowledgeCheck { module: string; pass: number; n: Count; mean: number | null; share_passed: number | null }
export interface Dashboard {
  programme: string; edition: string | null; suppressed_cells: boolean;
  funnel: Funnel;
  by_track: (Funnel & { track: string; name: string })[];
  by_country: CountryRow[];
  attendance: { kind: string; present: Count; absent: Count; excused: Count }[];
  satisfaction: { kind: string; question: string; answers: Count; share_satisfied: number | null }[];
  learning: { competency: string; n: Count; before: number | null; after: number | null; change: number | null }[];
  knowledge_checks: KnowledgeCheck[];
  pairs: Record<string, Count>;
  outcomes: { months: string; outcome: string; people: Count }[];
  countries_reached: { year: number; countries: number; ldc: number; sids: number };
}
export interface Consent { purpose: string; given_at: string; withdrawn_at: string | null }
export interface Survey { framework: string; version: string }
export interface Meeting { id: number; at: string; minutes: number; notes: string | null }
export interface Goal { id: number; text: string | null; status: 'open' | 'met' | 'dropped' }
export interface MyPair {
  id: number; cohort: string; status: string; as: 'mentor' | 'mentee'; with: string | null;
  meetings: Meeting[]; goals: Goal[];
}
export interface MyEnrolment {
  id: number; cohort: string; role: string; status: string; reason: string | null;
  programme?: string; surveys?: Record<string, Survey>; answers?: Record<string, Record<string, number>>;
  competencies?: { id: string; name: string }[];
}
export interface Me {
  person: { id: number; name: string; email: string; country: string; org_kind: string; experience: string | null } | null;
  consents: Consent[];
  enrolments: MyEnrolment[];
  pairs?: MyPair[];
}
export const PURPOSES = ['participation', 'evaluation', 'sponsor_sharing', 'alumni_contact', 'photos'] as const;

export interface Programme {
  id: string; name: string; sponsors: string[]; partners: string[];
  tracks: { id: string; name: string; competencies: string[] }[];
  cohorts: CohortHead[];
  surveys: Record<string, Survey>;
}
export interface CohortHead {
  id: string; programme: string; edition: string; track: string; name: string; region: string; language: string; capacity: number;
}
export interface Person { id: number; name: string; email: string | null; country: string; org_kind: string; experience: string | null }
export interface Enrolment {
  id: number; cohort: string; role: 'participant' | 'mentor' | 'trainer'; status: string; reason: string | null; country: string;
  languages: string[]; utc_offset: number; goals: string[]; max_mentees: number; person: Person | null;
}
export interface Pair {
  id: number; cohort?: string; mentor: number; mentee: number; status: string; reasons: string[]; overridden?: boolean;
}
export interface Session {
  id: string; kind: string; title: string; starts: string; minutes: number; attendance: Record<string, 'present' | 'absent' | 'excused'>;
}
export interface Cohort extends CohortHead { enrolments: Enrolment[]; pairs: Pair[]; sessions: Session[] }
export interface Match { cohort: string; pairs: Pair[]; unmatched: { mentee: number; reasons: string[] }[] }
/** A refused import: the message and every bad row with its line (the header is line 1). */
export interface ImportErrors { message: string; errors: { row: number; column: string; message: string; text: string }[] }

/** The enrolment lifecycle (core/skills_rules.c): the moves the server allows. */
export const MOVES: Record<string, string[]> = {
  applied: ['selected', 'waitlisted', 'rejected', 'withdrawn'],
  waitlisted: ['selected', 'rejected', 'withdrawn'],
  selected: ['enrolled', 'withdrawn'],
  enrolled: ['active', 'withdrawn', 'dropped'],
  active: ['completed', 'withdrawn', 'dropped'],
  rejected: [], completed: [], withdrawn: [], dropped: [],
};
/** Moves that need a reason. */
export const NEEDS_REASON = new Set(['rejected', 'withdrawn', 'dropped']);
/** The pair lifecycle (core/skills_rules.c). */
export const PAIR_MOVES: Record<string, string[]> = {
  proposed: ['accepted', 'declined', 'cancelled'], accepted: ['completed', 'cancelled'], declined: [], completed: [], cancelled: [],
};
export const SESSION_KINDS = ['self_paced', 'live', 'in_person', 'webinar', 'mentoring_circle', 'study_visit'] as const;
export const STATES = ['present', 'absent', 'excused'] as const;
/** Who attendance is for. */
export const takesPart = (status: string) => status === 'enrolled' || status === 'active';

/** The programmes the user coordinates or sponsors (GET /me's "skills"). */
export function skillsRoles(u: User | null | undefined): { role: 'coordinator' | 'sponsor'; programme: string }[] {
  return ((u as (User & { skills?: { role: 'coordinator' | 'sponsor'; programme: string }[] }) | null)?.skills) || [];
}
/** The cohorts the user trains (enrolled or active as trainer). */
export function trainerCohorts(u: User | null | undefined): { programme: string; cohort: string; name: string }[] {
  return ((u as (User & { skills_trainer?: { programme: string; cohort: string; name: string }[] }) | null)?.skills_trainer) || [];
}
export const hasSkillsRecord = (u: User | null | undefined) => !!(u as (User & { skills_person?: boolean }) | null)?.skills_person;

export const skillsHref = {
  dashboard: (p: string) => `/skills/${e(p)}`,
  cohorts: (p: string) => `/skills/${e(p)}/cohorts`,
  report: (p: string) => `/skills/${e(p)}/report`,
  cohort: (p: string, c: string, tab?: string) => `/skills/${e(p)}/cohorts/${e(c)}${tab ? '/' + tab : ''}`,
  export: (p: string, ext: 'csv' | 'xlsx') => `/api/v1/programmes/${e(p)}/dashboard.${ext}`,
  /** A survey of an enrolment as the questionnaire workbook, in the interface's language. */
  workbook: (enrolment: number, kind: string) =>
    `/api/v1/enrolments/${enrolment}/surveys/${e(kind)}/questionnaire.xlsx?lang=${currentLang()}`,
};

export const skills = {
  dashboard: (p: string) => request<Dashboard>('GET', `/programmes/${e(p)}/dashboard`),
  programme: (p: string) => request<Programme>('GET', `/programmes/${e(p)}`),
  cohort: (c: string) => request<Cohort>('GET', `/cohorts/${e(c)}`),
  move: (id: number, status: string, reason?: string) =>
    request<Enrolment>('PATCH', `/enrolments/${id}`, { json: reason ? { status, reason } : { status } }),
  addSession: (c: string, body: { kind: string; title: string; starts: string; minutes: number }) =>
    request<{ id: string }>('POST', `/cohorts/${e(c)}/sessions`, { json: body }),
  attendance: (s: string, marks: { enrolment: number; state: string }[]) =>
    request<{ session: string; recorded: number }>('POST', `/sessions/${e(s)}/attendance`, { json: marks }),
  /** The completion export of a learning platform; a refusal gives every bad row. */
  progress: async (c: string, file: Blob, module?: string, date?: string):
    Promise<{ ok: true; format: string; imported: number } | ({ ok: false } & ImportErrors)> => {
    const q = new URLSearchParams();
    if (module) q.set('module', module);
    if (date) q.set('date', date);
    const qs = q.toString();
    const res = await sendFile('POST', `/cohorts/${e(c)}/progress${qs ? '?' + qs : ''}`, file);
    const body = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, format: body.format, imported: body.imported };
    return { ok: false, message: body?.error?.message || res.statusText, errors: body?.errors || [] };
  },
  match: (c: string) => request<Match>('POST', `/cohorts/${e(c)}/mentoring/match`, { json: {} }),
  setPair: (c: string, mentor: number, mentee: number, reason?: string) =>
    request<Pair>('POST', `/cohorts/${e(c)}/mentoring/pairs`, { json: reason ? { mentor, mentee, reason } : { mentor, mentee } }),
  movePair: (p: number, status: string) => request<Pair>('PATCH', `/pairs/${p}`, { json: { status } }),
  addMeeting: (p: number, body: { at: string; minutes: number; notes?: string }) =>
    request<Meeting>('POST', `/pairs/${p}/meetings`, { json: body }),
  addGoal: (p: number, text: string) => request<Goal>('POST', `/pairs/${p}/goals`, { json: { text } }),
  setGoal: (p: number, g: number, status: string) => request<Goal>('PATCH', `/pairs/${p}/goals/${g}`, { json: { status } }),
  answer: (enrolment: number, kind: string, answers: Record<string, number>) =>
    request<{ saved: number }>('POST', `/enrolments/${enrolment}/answers`, { json: { kind, answers } }),
  /** The filled survey workbook; a refusal gives every bad cell. */
  uploadWorkbook: async (enrolment: number, kind: string, file: Blob):
    Promise<{ ok: true; saved: number } | ({ ok: false } & ImportErrors)> => {
    const res = await sendFile('PUT', `/enrolments/${enrolment}/surveys/${e(kind)}/questionnaire.xlsx`, file);
    const body = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, saved: body.saved };
    return { ok: false, message: body?.error?.message || res.statusText, errors: body?.errors || [] };
  },
  me: () => request<Me>('GET', '/skills/me'),
  give: (person: number, purpose: string) =>
    request<{ consents: Consent[] }>('POST', `/people/${person}/consents`, { json: { purpose } }),
  withdraw: (person: number, purpose: string) =>
    request<{ effect: string; consents: Consent[] }>('DELETE', `/people/${person}/consents/${purpose}`),
};
