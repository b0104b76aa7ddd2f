// Pages whose code is loaded only when one of them is opened (their charts
// and forms are not part of the first load). Until then the page shows its
// heading and a loading state; if the code cannot be fetched, an error with
// "Try again". Used by the robustness page, the over-time pages and the
// workflow pages (WorkflowLazy).
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../router';
import { ApiError } from '../api';
import { ErrorState, Loading } from '../components/ui';

type Page = FunctionComponent<{ route: Route }>;

/** A module loaded once by LOAD (remembered in HOLDER), with the page shown meanwhile under TITLE. */
export function useLazy<M>(load: () => Promise<M>, holder: { m: M | null }, title: string):
  { m: M; shell?: undefined } | { m?: undefined; shell: preact.JSX.Element } {
  const [m, setM] = useState<M | null>(() => holder.m);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (m) return;
    let live = true;
    load().then(
      (x) => { holder.m = x; if (live) setM(() => x); },
      () => { if (live) setFailed(true); },
    );
    return () => { live = false; };
  }, [tick]);
  if (m) return { m };
  return {
    shell: (
      <div class="page">
        <h1>{title}</h1>
        {failed
          ? <ErrorState error={new ApiError(0, 'network', '')} retry={() => { setFailed(false); setTick((x) => x + 1); }} />
          : <Loading />}
      </div>
    ),
  };
}

/** A component that loads the page LOAD gives on first use, under the heading TITLE() meanwhile. */
export function lazyPage(load: () => Promise<Page>, title: () => string): Page {
  const holder: { m: Page | null } = { m: null };
  return function LazyPage({ route }: { route: Route }) {
    const r = useLazy(load, holder, title());
    if (!r.m) return r.shell;
    const P = r.m;
    return <P route={route} />;
  };
}
