// The workflow part of the API (docs/workflow.md): assessments, answers,
// evidence, reviews, statuses. Never cached: these change as people work.
import { request, sendFile } from './session';
import { ApiError } from './api';
import type { Campaign, Unit } from './types';
import { currentLang } from './i18n';

export type AssessmentStatus = 'not_started' | 'in_progress' | 'submitted' | 'returned' | 'validated' | string;

/** Where a pre-filled answer came from (docs/crosswalks.md): the mapping, the other campaign, the source questions ("mapped:a|b"). */
export interface PrefillMark { mapping: string; from_campaign: string; source: string }
export interface AnswerRec {
  answer: string; comment: string; updated_at: string;
  /** Set while the answer is pre-filled and not yet confirmed or changed. */
  prefill?: PrefillMark | null;
}
export interface Prefilled { question: string; answer: string; source: string }
/** A crosswalk and a campaign an assessment can start from (GET .../prefill). */
export interface PrefillOption { mapping: string; title: string; from_campaign: string; from_title: string; from_year: number; from_status: string }
export interface PrefillResult { campaign: string; unit: string; mapping: string; from_campaign: string; prefilled: Prefilled[]; kept: Prefilled[] }
export interface Evidence {
  id: number; question: string; kind: 'url' | 'file' | string;
  url?: string | null; filename?: string | null; mime?: string | null; size: number;
  author: string; at: string;
}
export interface ReviewRec { verdict: 'accepted' | 'query' | string; comment: string; reviewer: string; at: string }
export interface PillarProgress { id: string; name: string; answered: number; applicable: number; points: number | null; max: number }
export interface Progress { answered: number; applicable: number; pillars: PillarProgress[]; points: number | null; max: number }

export interface Assessment {
  campaign: string;
  campaign_status: Campaign['status'];
  unit: string;
  framework: string;
  /** The version of the framework the questionnaire follows. */
  framework_version?: string;
  status: AssessmentStatus;
  answers: Record<string, AnswerRec>;
  evidence: Evidence[];
  reviews: Record<string, ReviewRec>;
  progress: Progress;
  missing_evidence_count: number;
  missing_evidence: string;
  not_applicable: string[];
  /** The questions whose pre-filled answers await confirmation (the assessment cannot be submitted until none is left). */
  prefilled?: string[];
}

export interface HistoryRow { answer: string; comment: string; author: string; at: string }
export interface AuditRow { id: number; at: string; actor: string; action: string; before: string; after: string }

/**
 * An evidence link the page may make clickable: http:// and https:// only.
 * The server refuses other links, but a row stored before that check, or a
 * tampered database, must not give a javascript:, data: or vbscript: href;
 * such a link is shown as text (null here).
 */
export function webLink(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && /^https?:\/\//i.test(url) ? url : null;
  } catch {
    return null;
  }
}

const e = encodeURIComponent;
const base = (c: string, u: string) => `/campaigns/${e(c)}/assessments/${e(u)}`;

export interface WorkbookError { sheet: string | null; row: number; column: string; message: string; text: string }
export interface WorkbookResult { ok: boolean; rows: number; saved: number; message?: string; errors: WorkbookError[] }

export const wf = {
  campaigns: () => request<{ campaigns: Campaign[] }>('GET', '/campaigns').then((r) => r.campaigns),
  campaign: (c: string) => request<Campaign>('GET', `/campaigns/${e(c)}`),
  assessment: (c: string, u: string) => request<Assessment>('GET', base(c, u)),
  answer: (c: string, u: string, q: string, answer: string, comment: string) =>
    request<{ question: string; answer: string; comment: string }>('PUT', `${base(c, u)}/answers/${e(q)}`, { json: { answer, comment } }),
  history: (c: string, u: string, q: string) =>
    request<{ question: string; history: HistoryRow[]; audit: AuditRow[] }>('GET', `${base(c, u)}/answers/${e(q)}/history`),
  addLink: (c: string, u: string, q: string, url: string) =>
    request<{ id: number }>('POST', `${base(c, u)}/evidence`, { json: { question: q, url } }),
  addFile: (c: string, u: string, q: string, file: File) => {
    const form = new FormData();
    form.append('question', q);
    form.append('file', file, file.name);
    return request<{ id: number }>('POST', `${base(c, u)}/evidence`, { form });
  },
  evidenceUrl: (c: string, u: string, id: number) => `/api/v1${base(c, u)}/evidence/${id}`,
  /** The crosswalks and campaigns this assessment can start from, as the caller may read them. */
  prefillOptions: (c: string, u: string) => request<{ campaign: string; unit: string; options: PrefillOption[] }>('GET', `${base(c, u)}/prefill`),
  /** Pre-fills the unanswered questions from the unit's answers in FROM through MAPPING. */
  prefill: (c: string, u: string, mapping: string, from: string) =>
    request<PrefillResult>('POST', `${base(c, u)}/prefill`, { json: { mapping, from_campaign: from } }),
  /** Keeps a pre-filled answer as it is (its mark goes). */
  confirm: (c: string, u: string, q: string) =>
    request<{ question: string; confirmed: boolean }>('POST', `${base(c, u)}/answers/${e(q)}/confirm`, { json: {} }),
  submit: (c: string, u: string) => request<{ status: string }>('POST', `${base(c, u)}/submit`, { json: {} }),
  returnIt: (c: string, u: string) => request<{ status: string }>('POST', `${base(c, u)}/return`, { json: {} }),
  validate: (c: string, u: string) => request<{ status: string }>('POST', `${base(c, u)}/validate`, { json: {} }),
  review: (c: string, u: string, question: string, verdict: 'accepted' | 'query', comment: string) =>
    request<{ question: string; verdict: string; comment: string }>('POST', `${base(c, u)}/reviews`, { json: { question, verdict, comment } }),
  // the workbook in the interface's language (its words and the framework's texts)
  workbookUrl: (c: string, u: string) => `/api/v1${base(c, u)}/questionnaire.xlsx?lang=${currentLang()}`,
  uploadWorkbook: async (c: string, u: string, file: File): Promise<WorkbookResult> => {
    const res = await sendFile('PUT', `${base(c, u)}/questionnaire.xlsx`, file);
    const body = await res.json().catch(() => ({}));
    if (res.ok) return { ok: true, rows: body.rows, saved: body.saved, errors: [] };
    return { ok: false, rows: 0, saved: 0, message: body?.error?.message || res.statusText, errors: body?.errors || [] };
  },
  setStatus: (c: string, status: string) => request<{ id: string; status: string }>('POST', `/campaigns/${e(c)}/status`, { json: { status } }),
};

/** The campaign moves the server allows (service/workflow.c legal_move). */
export const CAMPAIGN_MOVES: Record<string, string[]> = {
  draft: ['open'],
  open: ['review'],
  review: ['open', 'closed'],
  closed: ['review', 'published'],
  published: [],
};
export const CAMPAIGN_STEPS = ['draft', 'open', 'review', 'closed', 'published'];

/** Whether answers may change now (service/workflow.c check_open). */
export function answerable(a: Assessment): boolean {
  const open = a.campaign_status === 'open' || (a.campaign_status === 'review' && a.status === 'returned');
  return open && a.status !== 'submitted' && a.status !== 'validated';
}

// ---- which units a campaign has --------------------------------------------
// The API has no list of a campaign's assessments, so the units are tried one
// by one (404: not in the campaign, 403: not yours), a few at a time, until
// as many as the campaign counts are found. The membership never changes
// after creation, so it is remembered for the next visit.

export interface UnitRow { unit: string; assessment?: Assessment; error?: ApiError }

const memberKey = (c: string) => 'cybercap.members.' + c;

export async function campaignUnits(
  campaign: Campaign, units: Unit[], candidates: string[] | null,
  onProgress?: (tried: number, total: number) => void,
): Promise<UnitRow[]> {
  let known: string[] | null = null;
  try { known = JSON.parse(localStorage.getItem(memberKey(campaign.id)) || 'null'); } catch { /* none */ }
  const all = candidates || units.map((u) => u.id);
  const order = known ? [...known.filter((u) => all.includes(u)), ...all.filter((u) => !known!.includes(u))] : all;
  const found: UnitRow[] = [];
  const members = new Set<string>();
  let next = 0, tried = 0, stop = false;
  const worker = async () => {
    while (!stop && next < order.length) {
      const u = order[next++];
      try {
        const a = await wf.assessment(campaign.id, u);
        found.push({ unit: u, assessment: a });
        members.add(u);
      } catch (err) {
        const ae = err as ApiError;
        // 404: not in the campaign; 403: not ours to see (which says nothing
        // about membership); anything else is worth showing.
        if (ae.status !== 404 && ae.status !== 403) { found.push({ unit: u, error: ae }); if (ae.status === 0 || ae.status === 401) stop = true; }
      }
      tried++;
      onProgress?.(tried, order.length);
      if (members.size >= campaign.units) stop = true;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker(), worker(), worker()]);
  if (!found.some((f) => f.error && (f.error.status === 0 || f.error.status === 401))) {
    try { localStorage.setItem(memberKey(campaign.id), JSON.stringify([...members])); } catch { /* full */ }
  }
  const pos = new Map(units.map((u, i) => [u.id, i]));
  return found.sort((a, b) => (pos.get(a.unit) ?? 0) - (pos.get(b.unit) ?? 0));
}
