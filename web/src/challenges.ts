// Technical challenges of a drill (docs/api.md, "Technical challenges"):
// the challenges a team may see (or every one, for staff), flags, hints,
// files, the scoreboard and its series, awards and the submissions log;
// and useBoardFeed, which keeps a page's data fresh: on the drill's
// `scoreboard` event (and its status events) over the event stream, and on
// a slow poll when no such event came for a while, so that pages stay
// right whether or not the server sends the event, and on a flaky link.
import { useEffect, useRef, useState } from 'preact/hooks';
import { API } from './api';
import { request } from './session';
import { useDrillEvents, type DrillStatus, type Link } from './drills';

export interface Hint { id: string; cost: number; unlocked: boolean; text?: string }
export interface Challenge {
  id: string; name: string; category: string; description: string; value: number;
  solved?: boolean; attempts_left: number | null; files: string[]; hints: Hint[];
  // staff only
  flags?: { type: 'static' | 'case_insensitive' | 'regex'; regex?: string }[];
  hidden?: boolean; max_attempts?: number; opens_at?: number | null; requires?: string[];
  objective?: string | null; dynamic?: { initial: number; minimum: number; decay: number; function: 'linear' | 'logarithmic' };
}
export interface BoardRow { team: string; score: number; rank: number; solves: number; bracket: string | null }
export interface Board { frozen: boolean; freeze?: number | null; bracket: string | null; teams: BoardRow[]; first_solves: Record<string, string> }
export interface Series { frozen: boolean; teams: { team: string; points: { at: number; clock: number; score: number }[] }[] }
export interface Attempt { correct: boolean; already_solved?: boolean; value?: number; attempts_left?: number | null }
export interface Award { id: number; team: string; value: number; reason: string; by: string; at: string; clock: number }
export interface Submission { id: number; challenge: string; team: string; player: string; outcome: 'correct' | 'wrong' | 'already'; text: string | null; at: string; clock: number }
/** What a controller sends to add or change a challenge (the scenario's keys). */
export type ChallengeBody = Record<string, unknown>;

const p = (d: string) => '/drills/' + encodeURIComponent(d);
const c = (d: string, id: string) => p(d) + '/challenges/' + encodeURIComponent(id);

export const ctf = {
  list: (d: string) => request<Challenge[]>('GET', p(d) + '/challenges'),
  attempt: (d: string, id: string, flag: string) => request<Attempt>('POST', c(d, id) + '/attempts', { json: { flag } }),
  unlock: (d: string, id: string, hint: string) =>
    request<{ challenge: string; hint: string; text: string }>('POST', c(d, id) + '/hints/' + encodeURIComponent(hint) + '/unlock'),
  fileUrl: (d: string, id: string, name: string) => API + c(d, id) + '/files/' + encodeURIComponent(name),
  board: (d: string, bracket?: string | null) =>
    request<Board>('GET', p(d) + '/scoreboard' + (bracket ? '?bracket=' + encodeURIComponent(bracket) : '')),
  series: (d: string) => request<Series>('GET', p(d) + '/scoreboard/series'),
  add: (d: string, body: ChallengeBody) => request<{ id: string }>('POST', p(d) + '/challenges', { json: body }),
  change: (d: string, id: string, body: ChallengeBody) => request<{ id: string }>('PATCH', c(d, id), { json: body }),
  award: (d: string, body: { team: string; value: number; reason: string }) => request<Award>('POST', p(d) + '/awards', { json: body }),
  settings: (d: string, body: { freeze: number | null; brackets: Record<string, string | null> }) =>
    request<{ drill: string }>('PUT', p(d) + '/board-settings', { json: body }),
  awards: (d: string) => request<{ awards: Award[] }>('GET', p(d) + '/awards'),
  submissions: (d: string, team?: string | null) =>
    request<{ submissions: Submission[] }>('GET', p(d) + '/submissions' + (team ? '?team=' + encodeURIComponent(team) : '')),
};

/** "=3" for a rank shared with the row above or below, else "3". */
export function rankText(rows: BoardRow[], i: number): string {
  const r = rows[i].rank;
  const tied = (i > 0 && rows[i - 1].rank === r) || (i + 1 < rows.length && rows[i + 1].rank === r);
  return (tied ? '=' : '') + r;
}

/** How many first solves each team holds. */
export function firstsByTeam(b: Board): Map<string, number> {
  const m = new Map<string, number>();
  for (const team of Object.values(b.first_solves || {})) m.set(team, (m.get(team) || 0) + 1);
  return m;
}

/** Milliseconds between polls when no `scoreboard` event came meanwhile. */
export const POLL_MS = 15000;

/**
 * Calls RELOAD when the board may have changed: on the drill's
 * `scoreboard` and `status` events (at most once a second, so a burst of
 * solves is one fetch) and, when no such event came for POLL_MS, on a poll
 * while the page is visible. Returns the event stream's state and the
 * drill's status (STATUS at first, then as its events say).
 */
export function useBoardFeed(d: string, status: DrillStatus, reload: () => void): { link: Link; status: DrillStatus } {
  const last = useRef(0), timer = useRef<number | null>(null), fn = useRef(reload);
  const [now, setNow] = useState(status);
  fn.current = reload;
  const soon = () => {
    if (timer.current != null) return;
    const wait = Math.max(0, 1000 - (Date.now() - last.current));
    timer.current = window.setTimeout(() => { timer.current = null; last.current = Date.now(); fn.current(); }, wait);
  };
  const link = useDrillEvents(d, ['scoreboard', 'status'], (e) => { if (e.type === 'status' && e.data?.status) setNow(e.data.status); soon(); });
  useEffect(() => {
    const h = window.setInterval(() => {
      if (document.visibilityState === 'visible' && Date.now() - last.current >= POLL_MS) { last.current = Date.now(); fn.current(); }
    }, POLL_MS / 4);
    return () => window.clearInterval(h);
  }, [d]);
  useEffect(() => () => { if (timer.current != null) window.clearTimeout(timer.current); }, []);
  return { link, status: now };
}

/** Date.now(), ticking each second while ON (a countdown), else fixed. */
export function useTicking(on: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const h = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(h);
  }, [on]);
  return now;
}
