// Drills (docs/api.md, "Drills"): the caller's view of a drill, the live
// control, responses, evaluations, the report; and useDrillEvents, which
// follows the drill's Server-Sent Events through the browser's EventSource
// (it reconnects by itself and sends Last-Event-ID, so nothing is missed).
import { useEffect, useRef, useState } from 'preact/hooks';
import { API } from './api';
import { request } from './session';

export type DrillStatus = 'scheduled' | 'running' | 'paused' | 'ended' | 'cancelled';
export interface Attachment { id: number; response: number; filename: string; mime: string; size: number; at: string | null }
export interface Response { id: number; inject: string; team: string; player: string; text: string; at: string; attachments?: Attachment[] }
export interface DrillSummary { id: string; title: string; status: DrillStatus; scenario: string; speed: number; created_at: string; roles: string[]; team: string | null }
export interface FeedbackQuestion { id: string; text: string; type: 'scale' | 'text' }
export interface Feedback { drill: string; questions: FeedbackQuestion[]; scale: { value: number; name: string }[]; text_max: number; answers: Record<string, number | string> | null; answered: number }
export interface Inject { id: string; title: string; content: string; channel: string; from: string | null; clock: number; at: string; responses?: Response[] }
export interface TeamView {
  id: string; name: string; unit?: string | null; hidden?: boolean;
  players?: { email: string; name: string; commcheck: string | null }[];
  commcheck?: { confirmed: number; players: number }; delivered?: number; answered?: number;
}
export interface Objective { id: string; name: string; criteria?: string[]; framework?: unknown }
export interface Drill {
  id: string; title: string; status: DrillStatus; speed: number; clock: number;
  created_at: string; started_at: string | null; ended_at: string | null;
  scenario: { id: string; title: string; description?: string };
  roles: string[]; team: string | { id: string; name: string } | null;
  objectives: Objective[]; teams: TeamView[];
  /** every team: id -> name (players see the others on the scoreboard) */
  team_names?: Record<string, string>;
  injects?: Inject[]; commcheck?: string | null;
  counts?: { pending: number; delivered: number; skipped: number };
  /** the scenario translation the texts come from (null: its own), its languages */
  lang?: string | null; languages?: string[]; untranslated?: number;
}
export interface TimelineEntry {
  id: string; at: number; planned: string; status: 'pending' | 'delivered' | 'skipped';
  delivered_at: string | null; clock_at_delivery: number | null; skipped_at: string | null; by: string | null;
  title: string; content: string; channel: string; from: string | null; to: string[]; to_all: boolean;
  after: string | null; notes: string | null; adhoc: boolean; expects: Expect[] | null;
}
export interface Expect { id: string; text: string; objective: string | null }
export interface Finding { text: string; evaluator: string; at: string }
export interface Timeline { id: string; status: DrillStatus; speed: number; clock: number; next_due_at: string | null; injects: TimelineEntry[] }

const p = (d: string) => '/drills/' + encodeURIComponent(d);

export const drills = {
  list: () => request<{ drills: DrillSummary[]; total: number }>('GET', '/drills?limit=500'),
  view: (d: string) => request<Drill>('GET', p(d)),
  timeline: (d: string) => request<Timeline>('GET', p(d) + '/timeline'),
  status: (d: string, status: DrillStatus) => request<{ status: DrillStatus; clock: number; at: string }>('POST', p(d) + '/status', { json: { status } }),
  deliver: (d: string, i: string) => request<TimelineEntry>('POST', p(d) + '/injects/' + encodeURIComponent(i) + '/deliver'),
  skip: (d: string, i: string) => request<TimelineEntry>('POST', p(d) + '/injects/' + encodeURIComponent(i) + '/skip'),
  respond: (d: string, i: string, text: string) => request<Response>('POST', p(d) + '/injects/' + encodeURIComponent(i) + '/responses', { json: { text } }),
  adhoc: (d: string, body: { title: string; content: string; channel: string; to: string[]; from?: string; notes?: string }) =>
    request<TimelineEntry>('POST', p(d) + '/injects', { json: body }),
  feedback: (d: string) => request<Feedback>('GET', p(d) + '/feedback'),
  sendFeedback: (d: string, answers: Record<string, number | string>) => request<unknown>('POST', p(d) + '/feedback', { json: { answers } }),
  attach: (d: string, r: number, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<Attachment>('POST', p(d) + '/responses/' + r + '/attachments', { form });
  },
  attachmentUrl: (d: string, a: Attachment) => API + p(d) + '/responses/' + a.response + '/attachments/' + a.id,
  responses: (d: string) => request<{ responses: Response[] }>('GET', p(d) + '/responses'),
  commcheck: (d: string) => request<{ confirmed_at: string }>('POST', p(d) + '/commcheck'),
  evaluate: (d: string, body: { team: string; objective: string; rating: string | null; observation: string }) =>
    request<unknown>('POST', p(d) + '/evaluations', { json: body }),
  evaluations: (d: string) => request<{ evaluations: { team: string; objective: string; rating: string | null; observation: string; at: string }[] }>('GET', p(d) + '/evaluations'),
  expect: (d: string, i: string, body: { team: string; expect: string; met: boolean }) =>
    request<unknown>('POST', p(d) + '/injects/' + encodeURIComponent(i) + '/expects', { json: body }),
  report: (d: string) => request<Report>('GET', p(d) + '/report'),
  improve: (d: string, body: Record<string, string>) => request<Improvement>('POST', p(d) + '/improvements', { json: body }),
  fileUrl: (d: string, ext: 'csv' | 'xlsx') => API + p(d) + '/report.' + ext,
};

export interface Improvement { id: number; team: string; organisation: string | null; objective: string; issue: string; action: string; owner: string; start: string | null; due: string; plan: string | null; plan_action: number | null }
export interface Report {
  drill: { id: string; title: string; status: DrillStatus; speed: number; clock: number; started_at: string | null; ended_at: string | null; final: boolean };
  scenario: { id: string; title: string; description?: string };
  teams: { id: string; name: string; unit: string | null; organisation: string | null; players: number | unknown[] }[];
  objectives: { id: string; name: string; criteria?: string[]; challenges?: { challenge: string; solved_by: string[] }[]; teams: { team: string; rating: string | null; rating_name: string | null; strengths: Finding[]; improvements: Finding[]; notes: Finding[]; expects: { met: number; not_met: number; unmarked: number } }[] }[];
  timeline: { id: string; title: string; channel: string; to: string[]; planned: number; status: string; delivered_at: string | null; clock: number | null; responses: number | unknown[] }[];
  feedback: { answered: number; questions: { id: string; text: string; type: string; n: number; mean?: number | null }[] };
  improvements: Improvement[];
  technical?: Technical | null;
}

/** The technical results of a drill with challenges (the report's `technical`). */
export interface Technical {
  board: { teams: { team: string; score: number; rank: number; solves: number }[]; first_solves: Record<string, string> };
  challenges: { id: string; name: string; category: string; objective: string | null; solves: number; solved_by: string[]; first_solve: { team: string; minutes: number } | null; hints_unlocked: number }[];
  hints_used: number;
  awards: number;
}

/** A player's own team (the API gives its id; its name is in `teams`). */
export function myTeam(d: Drill): { id: string; name: string } | null {
  if (!d.team) return null;
  if (typeof d.team !== 'string') return d.team;
  const id = d.team;
  return { id, name: d.teams.find((x) => x.id === id)?.name || id };
}

/** The play clock now (minutes), from the clock the server gave at ASOF (ms). */
export function clockNow(status: DrillStatus, clock: number, speed: number, asOf: number, now: number): number {
  return status === 'running' ? clock + ((now - asOf) / 60000) * speed : clock;
}

/** "H+1 M+05" as the scenario writes times. */
export function clockText(min: number): string {
  const m = Math.max(0, Math.floor(min));
  return 'H+' + Math.floor(m / 60) + ' M+' + String(m % 60).padStart(2, '0');
}

/** Media and social injects go to the media feed, the rest to the inbox. */
export const isMedia = (channel: string) => channel === 'media' || channel === 'social';

export type Link = 'connecting' | 'open' | 'lost';
export interface DrillEvent { type: string; id: number; data: any }

/** Follows the drill's event stream; ONEVENT for each event (types TYPES). */
export function useDrillEvents(d: string, types: string[], onEvent: (e: DrillEvent) => void): Link {
  const [link, setLink] = useState<Link>('connecting');
  const cb = useRef(onEvent);
  cb.current = onEvent;
  useEffect(() => {
    const es = new EventSource(API + p(d) + '/events', { withCredentials: true });
    es.onopen = () => setLink('open');
    es.onerror = () => setLink(es.readyState === EventSource.CLOSED ? 'lost' : 'lost');
    const handlers = types.map((type) => {
      const h = (ev: MessageEvent) => {
        let data: unknown = null;
        try { data = JSON.parse(ev.data); } catch { return; }
        cb.current({ type, id: Number(ev.lastEventId), data });
      };
      es.addEventListener(type, h as EventListener);
      return h;
    });
    return () => { handlers.forEach((h, i) => es.removeEventListener(types[i], h as EventListener)); es.close(); };
  }, [d]);
  return link;
}

/** A ticking "now" (ms) for the clock, every SECONDS. */
export function useNow(seconds = 1): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => { const h = setInterval(() => setNow(Date.now()), seconds * 1000); return () => clearInterval(h); }, [seconds]);
  return now;
}
