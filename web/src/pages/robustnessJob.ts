// The robustness analysis as a job (docs/api.md "Robustness analyses"):
// POST /campaigns/{id}/robustness starts it (202, or 429 while the server
// runs as many as it allows: wait a few seconds and ask again), then
// GET /jobs/{id} every 300 ms gives its progress until it is done or failed.
// The server reports the uncertainty runs first, then the runs of the
// Sobol design (N (k + 2) for k factors); the hook joins both into one
// progress. Results are kept for the life of the page (the same request on
// the same published campaign gives the same answer: the seed is fixed).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { API, ApiError } from '../api';

export interface RankStat {
  unit: string;
  name: string;
  nominal: number | null;
  mean: number | null;
  median: number | null;
  p5: number | null;
  p95: number | null;
  mean_abs_shift: number | null;
}

export interface SobolIndex {
  factor: string;
  first: number | null; first_lo: number | null; first_hi: number | null;
  total: number | null; total_lo: number | null; total_hi: number | null;
}

export interface RobustResult {
  campaign: string;
  runs: number;
  seed: number;
  factors: string[];
  units: RankStat[];
  sobol?: { n: number; target: string; indices: SobolIndex[] };
}

interface Job {
  id: string;
  campaign: string;
  status: 'running' | 'done' | 'failed';
  progress: { done: number; total: number };
  error?: string;
  result?: RobustResult;
}

export interface RobustRequest { vary: string[]; runs: number; sobol: number; seed: number }

export type JobState =
  | { state: 'starting' }
  | { state: 'running'; phase: 'runs' | 'sobol'; phaseDone: number; phaseTotal: number; done: number; total: number }
  | { state: 'busy'; retryIn: number }
  | { state: 'done'; result: RobustResult }
  | { state: 'failed'; message: string }
  | { state: 'error'; error: ApiError };

export const POLL_MS = 300;
const BUSY_WAIT_S = 5;

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; data: T; retryAfter: number | null }> {
  let res: Response;
  try {
    res = await fetch(API + path, {
      method,
      headers: body ? { Accept: 'application/json', 'Content-Type': 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      // Published data need no sign-in. Sending no cookie keeps the call
      // anonymous, so it needs no CSRF token even when someone is signed in.
      credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, 'network', String((e as Error)?.message || e));
  }
  const ra = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(ra) && ra > 0 ? ra : null;
  let data: unknown = null;
  try { data = await res.json(); } catch { /* not JSON */ }
  if (res.status === 429) return { status: 429, data: data as T, retryAfter };
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code || 'http_' + res.status, err?.message || res.statusText, err?.field);
  }
  if (data == null) throw new ApiError(res.status, 'bad_json', 'the server sent a response that is not JSON');
  return { status: res.status, data: data as T, retryAfter };
}

const results = new Map<string, RobustResult>();

export function useRobustness(campaign: string, req: RobustRequest): JobState & { retry: () => void } {
  const key = campaign + '\n' + JSON.stringify(req);
  const [tick, setTick] = useState(0);
  const [s, setS] = useState<JobState>(() => {
    const r = results.get(key);
    return r ? { state: 'done', result: r } : { state: 'starting' };
  });
  const retry = useCallback(() => setTick((x) => x + 1), []);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    const sleep = (ms: number) => new Promise<void>((resolve) => { timer = window.setTimeout(resolve, ms); });
    const cached = results.get(key);
    if (cached) {
      setS({ state: 'done', result: cached });
      return;
    }
    const sobolRuns = req.sobol > 0 ? req.sobol * (req.vary.length + 2) : 0;
    const total = req.runs + sobolRuns;
    (async () => {
      setS({ state: 'starting' });
      let id = '';
      for (;;) {
        const r = await call<{ id: string }>('POST', `/campaigns/${encodeURIComponent(campaign)}/robustness`, req);
        if (!live) return;
        if (r.status !== 429) { id = r.data.id; break; }
        for (let left = Math.min(30, Math.max(2, r.retryAfter ?? BUSY_WAIT_S)); left > 0; left--) {
          setS({ state: 'busy', retryIn: left });
          await sleep(1000);
          if (!live) return;
        }
        setS({ state: 'starting' });
      }
      let sobolPhase = false;
      let last = 0;
      await sleep(POLL_MS / 2);
      for (;;) {
        if (!live) return;
        const { data: job } = await call<Job>('GET', `/jobs/${encodeURIComponent(id)}`);
        if (!live) return;
        if (job.status === 'done' && job.result) {
          results.set(key, job.result);
          setS({ state: 'done', result: job.result });
          return;
        }
        if (job.status === 'failed') {
          setS({ state: 'failed', message: job.error || '' });
          return;
        }
        const p = job.progress || { done: 0, total: req.runs };
        // the Sobol runs follow the uncertainty runs and count from 0 again
        if (sobolRuns && !sobolPhase && (p.total !== req.runs || p.done < last)) sobolPhase = true;
        last = p.done;
        const phaseTotal = p.total || (sobolPhase ? sobolRuns : req.runs);
        const phaseDone = Math.min(p.done, phaseTotal);
        setS({
          state: 'running', phase: sobolPhase ? 'sobol' : 'runs', phaseDone, phaseTotal,
          done: (sobolPhase ? req.runs : 0) + phaseDone, total,
        });
        await sleep(POLL_MS);
      }
    })().catch((e) => {
      if (!live) return;
      setS({ state: 'error', error: e instanceof ApiError ? e : new ApiError(0, 'client', String(e?.message || e)) });
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);

  return { ...s, retry } as JobState & { retry: () => void };
}
