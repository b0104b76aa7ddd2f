// Saving answers as they are given, without ever losing one. Each answer is
// first written to localStorage (the queue), then sent; it leaves the queue
// only once the server has it. When the connection fails, the answer waits
// in the queue and is sent again when the browser is back online, every
// half minute meanwhile, and on the next visit. Answers to one question are
// sent one after the other, the latest last.
// The assessment's answers by default; a workshop respondent's own answers
// with a SaveTarget.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { wf } from './workflow';
import type { ApiError } from './api';

export interface Pending { answer: string; comment: string; at: number }

export type SaveState =
  | { s: 'saving' }
  | { s: 'saved'; at: Date }
  | { s: 'offline' }
  | { s: 'signin' }
  | { s: 'error'; field: 'answer' | 'comment' | string; message: string; status: number };

const RETRY_MS = 30000;

export class Queue {
  constructor(public key: string) {}
  all(): Record<string, Pending> {
    try { return JSON.parse(localStorage.getItem(this.key) || '{}') || {}; } catch { return {}; }
  }
  private write(m: Record<string, Pending>) {
    try {
      if (Object.keys(m).length) localStorage.setItem(this.key, JSON.stringify(m));
      else localStorage.removeItem(this.key);
    } catch { /* storage full or blocked: the in-memory state still holds the answer */ }
  }
  put(q: string, p: Pending) { const m = this.all(); m[q] = p; this.write(m); }
  /** Removes Q unless a newer answer was queued meanwhile. */
  done(q: string, sent: Pending) {
    const m = this.all();
    if (m[q] && m[q].at === sent.at) { delete m[q]; this.write(m); }
  }
}

/** Where answers go other than the assessment: a workshop respondent's own answers. */
export interface SaveTarget { key: string; send: (q: string, answer: string, comment: string) => Promise<unknown> }

export function useSaver(campaign: string, unit: string, onSaved: (q: string) => void, target?: SaveTarget) {
  const key = target ? target.key : `cybercap.pending.${campaign}.${unit}`;
  const queue = useMemo(() => new Queue(key), [key]);
  const deliver = target ? target.send : (q: string, answer: string, comment: string) => wf.answer(campaign, unit, q, answer, comment);
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [lastSaved, setLastSaved] = useState<Date | null>(null);
  const busy = useRef(new Map<string, Promise<void>>());
  const latest = useRef(new Map<string, Pending>());
  const savedCb = useRef(onSaved);
  savedCb.current = onSaved;
  const live = useRef(true);
  useEffect(() => () => { live.current = false; }, []);

  const setState = (q: string, st: SaveState) => { if (live.current) setStates((m) => ({ ...m, [q]: st })); };

  const send = async (q: string): Promise<void> => {
    const p = latest.current.get(q);
    if (!p) return;
    latest.current.delete(q);
    if (typeof navigator !== 'undefined' && navigator.onLine === false) { setState(q, { s: 'offline' }); return; }
    setState(q, { s: 'saving' });
    try {
      await deliver(q, p.answer, p.comment);
      queue.done(q, p);
      if (!latest.current.has(q)) {
        const at = new Date();
        setState(q, { s: 'saved', at });
        if (live.current) setLastSaved(at);
        savedCb.current(q);
      }
    } catch (err) {
      const e = err as ApiError;
      if (latest.current.has(q)) return; // a newer answer follows
      if (e.status === 0) setState(q, { s: 'offline' });
      else if (e.status === 401) setState(q, { s: 'signin' });
      else {
        // Refused (422: the answer, 409: not possible now): the server will
        // not take it, so it leaves the queue; the page keeps showing it.
        queue.done(q, p);
        setState(q, { s: 'error', field: e.field || 'answer', message: e.message, status: e.status });
      }
    }
  };

  /** Queues and sends an answer (and its comment). */
  const save = (q: string, answer: string, comment: string) => {
    const p = { answer, comment, at: Date.now() };
    queue.put(q, p);
    latest.current.set(q, p);
    const prev = busy.current.get(q) || Promise.resolve();
    const next = prev.then(() => send(q));
    busy.current.set(q, next);
    next.finally(() => { if (busy.current.get(q) === next) busy.current.delete(q); });
  };

  /** Keeps an answer being typed (sent later by save or on the next visit). */
  const stash = (q: string, answer: string, comment: string) => {
    queue.put(q, { answer, comment, at: Date.now() });
  };

  /** Sends everything still in the queue (after a reconnection, on load). */
  const retryAll = () => {
    const m = queue.all();
    for (const [q, p] of Object.entries(m)) {
      if (busy.current.has(q)) continue;
      latest.current.set(q, p);
      const next = send(q);
      busy.current.set(q, next);
      next.finally(() => { if (busy.current.get(q) === next) busy.current.delete(q); });
    }
  };

  useEffect(() => {
    const on = () => retryAll();
    window.addEventListener('online', on);
    const timer = window.setInterval(() => { if (Object.keys(queue.all()).length) retryAll(); }, RETRY_MS);
    return () => { window.removeEventListener('online', on); window.clearInterval(timer); };
  }, [queue]);

  return { states, lastSaved, save, stash, retryAll, pending: () => queue.all(), queue };
}
