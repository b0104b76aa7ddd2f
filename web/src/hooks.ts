// Small hooks: asynchronous data with loading/error states, element width.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export type Async<T> =
  | { state: 'loading'; data?: undefined; error?: undefined; retry: () => void }
  | { state: 'error'; data?: undefined; error: ApiError; retry: () => void }
  | { state: 'ok'; data: T; error?: undefined; retry: () => void };

export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): Async<T> {
  const [tick, setTick] = useState(0);
  const [s, setS] = useState<{ state: 'loading' | 'ok' | 'error'; data?: T; error?: ApiError }>({ state: 'loading' });
  const retry = useCallback(() => setTick((x) => x + 1), []);
  useEffect(() => {
    let live = true;
    setS((old) => (old.state === 'loading' ? old : { state: 'loading' }));
    fn().then(
      (data) => { if (live) setS({ state: 'ok', data }); },
      (e) => {
        if (!live) return;
        const err = e instanceof ApiError ? e : new ApiError(0, 'client', String(e?.message || e));
        setS({ state: 'error', error: err });
      },
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...s, retry } as Async<T>;
}

/** Width of an element, following resizes (charts draw for their real width). */
export function useWidth<E extends HTMLElement>(fallback = 640): [preact.RefObject<E>, number] {
  const ref = useRef<E>(null);
  const [w, setW] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const cw = Math.floor(el.getBoundingClientRect().width);
      if (cw > 0) setW(cw);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/** Sets the document title. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    if (title) document.title = title + ' · cybercap';
  }, [title]);
}

/** Whether the browser says it is online, following its changes. */
export function useOnline(): boolean {
  const [on, setOn] = useState(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  useEffect(() => {
    const up = () => setOn(true), down = () => setOn(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => { window.removeEventListener('online', up); window.removeEventListener('offline', down); };
  }, []);
  return on;
}

/** Whether a media query matches, following its changes. */
export function useMedia(q: string): boolean {
  const [on, setOn] = useState(() => typeof matchMedia === 'undefined' || matchMedia(q).matches);
  useEffect(() => {
    if (typeof matchMedia === 'undefined') return;
    const m = matchMedia(q);
    const l = () => setOn(m.matches);
    m.addEventListener?.('change', l);
    return () => m.removeEventListener?.('change', l);
  }, [q]);
  return on;
}

/** Whether the window is wider than a phone (side lists open by themselves). */
export const useWide = () => useMedia('(min-width: 761px)');
