// The robustness page is loaded only when it is opened (its charts, form and
// job client are not part of the first load). Until then it shows its
// heading and a loading state; if the code cannot be fetched, an error with
// "Try again".
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Route } from '../router';
import { t } from '../i18n';
import { ApiError } from '../api';
import { ErrorState, Loading } from '../components/ui';

type Page = FunctionComponent<{ route: Route }>;
let loaded: Page | null = null;

export function RobustnessPage({ route }: { route: Route }) {
  const [Page, setPage] = useState<Page | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (Page) return;
    let live = true;
    import('./Robustness').then(
      (m) => { loaded = m.Robustness; if (live) setPage(() => m.Robustness); },
      () => { if (live) setFailed(true); },
    );
    return () => { live = false; };
  }, [tick]);
  if (Page) return <Page route={route} />;
  return (
    <div class="page">
      <h1>{t('rbH1')}</h1>
      {failed
        ? <ErrorState error={new ApiError(0, 'network', '')} retry={() => { setFailed(false); setTick((x) => x + 1); }} />
        : <Loading />}
    </div>
  );
}
