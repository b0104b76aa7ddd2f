// Links from an assessment to its workshop and its maturity results, shown
// where people find the assessment (my work, the questionnaire), only when
// its framework is a maturity or readiness model (scales, stages, targets)
// and, for the workshop, only to those who may run one.
import { api } from '../api';
import { useAsync } from '../hooks';
import { t } from '../i18n';
import { href } from '../router';
import { isMaturity } from '../fw';
import { mayFacilitate } from '../workshop';
import type { User } from '../session';
import { Link } from './ui';

export function MeasureLinks({ campaign, unit, framework, user, unitLabel }: {
  campaign: string; unit: string; framework: string; user: User; unitLabel?: string;
}) {
  const fw = useAsync(() => api.framework(framework), [framework]);
  if (fw.state !== 'ok' || !isMaturity(fw.data)) return null;
  const enc = encodeURIComponent;
  const sr = unitLabel ? <span class="sr-only">: {unitLabel}</span> : null;
  return (
    <ul class="link-row measure-links">
      {mayFacilitate(user, campaign, unit) && (
        <li><Link href={href(`/campaigns/${enc(campaign)}/workshop/${enc(unit)}`)}>{t('wsTitle')}{sr}</Link></li>
      )}
      <li><Link href={href(`/campaigns/${enc(campaign)}/maturity/${enc(unit)}`)}>{t('mtResultsLink')}{sr}</Link></li>
    </ul>
  );
}
