// The signed-in user. The session itself is an HttpOnly cookie the page
// cannot read; the CSRF token that every PUT/POST/DELETE must carry is kept
// in memory only, and fetched again from GET /api/v1/me on each page load.
// request() is the one way the workflow pages talk to the API: it adds the
// token, turns error bodies into ApiError (with the field the API names and
// Retry-After), and notices an expired session.
import { useEffect, useRef, useState } from 'preact/hooks';
import { API, ApiError } from './api';
import { currentLang } from './i18n';

export interface Grant { role: 'admin' | 'analyst' | 'reviewer' | 'focal_point' | 'respondent' | string; unit: string | null; campaign: string | null }
export interface User { id: number; email: string; name: string; roles: Grant[] }

export type SessionState =
  | { status: 'unknown' }
  | { status: 'signed-out'; expired?: boolean }
  | { status: 'signed-in'; user: User };

let state: SessionState = { status: 'unknown' };
let csrf: string | null = null;
/** Whether the server has been asked who is signed in, on this page load. */
let asked = false;

// A hint (not a secret: the session is the HttpOnly cookie) that this browser
// signed in, so that anonymous visitors of the published results are not
// asked GET /me, answered 401, on every page.
const HINT = 'cybercap.session';
const hint = (on: boolean) => { try { if (on) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT); } catch { /* blocked */ } };
const hinted = () => { try { return localStorage.getItem(HINT) === '1'; } catch { return true; } };
const listeners = new Set<() => void>();
const set = (s: SessionState) => { state = s; listeners.forEach((l) => l()); };

export const session = () => state;
export const currentUser = (): User | null => (state.status === 'signed-in' ? state.user : null);

/**
 * The session, following its changes. NEED: the page needs to know for sure
 * (a workflow page), so the server is asked if it was not yet.
 */
export function useSession(need = false): SessionState {
  const [, tick] = useState(0);
  const seen = state;
  useEffect(() => {
    const l = () => tick((x) => x + 1);
    listeners.add(l);
    // The state may have changed between this render and now.
    if (state !== seen) l();
    if (need && !asked) refresh();
    return () => { listeners.delete(l); };
  }, []);
  return need && !asked ? { status: 'unknown' } : state;
}

/**
 * The user of a page where people answer: when the session ends while they
 * answer, the page stays with the last user (answers wait on the device and
 * the save bar offers to sign in again). Undefined while not known yet.
 */
export function useAnsweringUser(): User | null | undefined {
  const s = useSession(true);
  const last = useRef<User | null>(null);
  if (s.status === 'signed-in') last.current = s.user;
  if (s.status === 'unknown') return undefined;
  return s.status === 'signed-in' ? s.user : s.expired ? last.current : null;
}

/** On page load: ask the server only if this browser signed in (or FORCE). */
export function startSession(force: boolean) {
  if (force || hinted()) refresh();
  else if (state.status === 'unknown') set({ status: 'signed-out' });
}

/** An error with the seconds the server asks to wait (429). */
export class WaitError extends ApiError {
  constructor(message: string, public retryAfter: number) { super(429, 'too_many_attempts', message); }
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status, message = res.statusText, field: string | undefined;
  try {
    const body = await res.json();
    if (body?.error) { code = body.error.code || code; message = body.error.message || message; field = body.error.field; }
  } catch { /* not JSON */ }
  if (res.status === 429) {
    const after = Number(res.headers.get('Retry-After')) || Number(/(\d+) seconds/.exec(message)?.[1]) || 60;
    return new WaitError(message, after);
  }
  return new ApiError(res.status, code, message, field);
}

type Body = { json?: unknown; form?: FormData };

async function send(method: string, path: string, body?: Body): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
  let payload: BodyInit | undefined;
  if (body?.json !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body.json); }
  else if (body?.form) payload = body.form;
  try {
    return await fetch(API + path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'network', String((e as Error)?.message || e));
  }
}

/** A request with the session and a raw body (a file); the Response as it
 * came, so that callers can read error bodies with more than one error. */
export async function sendFile(method: string, path: string, file: Blob): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/octet-stream' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return fetch(API + path, { method, headers, body: file, credentials: 'same-origin', cache: 'no-store' });
}

/** A request with the session; JSON in, JSON out. */
export async function request<T>(method: string, path: string, body?: Body): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 403 && method !== 'GET') {
    // A stale token (another tab signed in again): fetch it and try once more.
    const err = await errorOf(res.clone());
    if (err.code === 'csrf' && (await refresh())) res = await send(method, path, body);
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && state.status === 'signed-in') { csrf = null; hint(false); set({ status: 'signed-out', expired: true }); }
    throw err;
  }
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiError(res.status, 'bad_json', 'the server sent a response that is not JSON');
  }
}

/** Asks the server who is signed in (on page load, and after a CSRF refusal). */
let asking: Promise<boolean> | null = null;
export function refresh(): Promise<boolean> {
  if (!asking) asking = ask().finally(() => { asking = null; });
  return asking;
}

async function ask(): Promise<boolean> {
  try {
    const r = await send('GET', '/me');
    if (r.ok) {
      const b = await r.json() as { user: User; csrf_token: string | null };
      csrf = b.csrf_token;
      asked = true;
      hint(true);
      set({ status: 'signed-in', user: b.user });
      return true;
    }
    await r.text().catch(() => '');  // read to the end, so the request is over
    asked = true;
    if (r.status === 401) { csrf = null; hint(false); set({ status: 'signed-out' }); }
    else set(state.status === 'unknown' ? { status: 'signed-out' } : state);
  } catch {
    // Offline: stay as we were; a later request will tell.
    asked = true;
    set(state.status === 'unknown' ? { status: 'signed-out' } : state);
  }
  return false;
}

export async function signIn(email: string, password: string): Promise<User> {
  const b = await request<{ user: User; csrf_token: string }>('POST', '/session', { json: { email, password } });
  csrf = b.csrf_token;
  asked = true;
  hint(true);
  set({ status: 'signed-in', user: b.user });
  return b.user;
}

export async function signOut(): Promise<void> {
  try { await request('DELETE', '/session'); } catch { /* signed out anyway */ }
  csrf = null;
  hint(false);
  set({ status: 'signed-out' });
}

// ---- roles, as the server decides them (service/auth.c) -------------------

export type Action = 'read' | 'answer' | 'review' | 'validate' | 'manage';

const ROLE_ALLOWS: Record<string, Action[]> = {
  admin: ['read', 'answer', 'review', 'validate', 'manage'],
  analyst: ['read', 'review', 'validate', 'manage'],
  reviewer: ['read', 'review'],
  focal_point: ['read', 'answer'],
  // A workshop respondent answers their own questions only (workshop.ts).
  respondent: [],
};

const inScope = (g: Grant, campaign?: string | null, unit?: string | null) =>
  (!g.campaign || g.campaign === campaign) && (!g.unit || g.unit === unit);

/** Whether the user may do ACTION on (campaign, unit); the server has the last word. */
export function can(user: User | null, action: Action, campaign?: string | null, unit?: string | null): boolean {
  return !!user && user.roles.some((g) => (ROLE_ALLOWS[g.role] || []).includes(action) && inScope(g, campaign, unit));
}

export const hasRole = (user: User | null, role: string) => !!user && user.roles.some((g) => g.role === role);
