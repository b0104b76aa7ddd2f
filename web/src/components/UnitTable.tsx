// The units of a campaign with the status of each assessment, for
// reviewers and analysts ("My work" and the campaign page).
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href } from '../router';
import { int, unitName } from '../format';
import { can, type User } from '../session';
import { campaignUnits, type UnitRow } from '../workflow';
import type { Campaign, Unit } from '../types';
import { Link } from './ui';
import { MeasureLinks } from './MeasureLinks';
import { StatusTag } from './forms';

/** The units USER may read in CAMPAIGN: null for all, else the list (possibly empty). */
export function readableUnits(user: User, c: Campaign): string[] | null {
  const grants = user.roles.filter((g) => ['admin', 'analyst', 'reviewer', 'focal_point'].includes(g.role) && (!g.campaign || g.campaign === c.id));
  if (grants.some((g) => !g.unit)) return null;
  return [...new Set(grants.map((g) => g.unit!).filter(Boolean))];
}

const STATUS_ORDER = ['submitted', 'returned', 'in_progress', 'not_started', 'validated'];

export function UnitTable({ campaign, units, user, caption, onRows }: {
  campaign: Campaign; units: Unit[]; user: User; caption: string; onRows?: (rows: UnitRow[]) => void;
}) {
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const [progress, setProgress] = useState<[number, number]>([0, 0]);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setRows(null);
    campaignUnits(campaign, units, readableUnits(user, campaign), (a, b) => { if (live) setProgress([a, b]); })
      .then((r) => { if (live) { setRows(r); onRows?.(r); } });
    return () => { live = false; };
  }, [campaign.id, campaign.status, user.id, tick]);
  const byId = new Map(units.map((u) => [u.id, u]));
  if (!rows) {
    return (
      <div class="state state-loading" role="status">
        <span class="spinner" aria-hidden="true" />
        <span>{t('findingUnits', { tried: int(progress[0]), total: int(progress[1] || units.length) })}</span>
      </div>
    );
  }
  const ok = rows.filter((r) => r.assessment);
  const failed = rows.filter((r) => r.error);
  const counts = new Map<string, number>();
  for (const r of ok) counts.set(r.assessment!.status, (counts.get(r.assessment!.status) || 0) + 1);
  return (
    <div class="unit-table">
      {failed.length > 0 && (
        <div class="state state-error" role="alert">
          <p>{t('someUnitsFailed', { n: failed.length, count: int(failed.length) })}</p>
          <button type="button" class="button button-secondary" onClick={() => setTick((x) => x + 1)}>{t('tryAgain')}</button>
        </div>
      )}
      {!ok.length ? <p class="muted">{t('noUnitsVisible')}</p> : (
        <>
          <ul class="status-counts" aria-label={t('statusCounts')}>
            {STATUS_ORDER.filter((s) => counts.get(s)).map((s) => (
              <li key={s}><StatusTag status={s} kind="assessment" /> <span>{int(counts.get(s)!)}</span></li>
            ))}
          </ul>
          <div class="table-wrap">
            <table class="data work-table">
              <caption class="sr-only">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colUnit')}</th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col" class="num">{t('colAnswered')}</th>
                  <th scope="col" class="num">{t('colNeedEvidence')}</th>
                  <th scope="col"><span class="sr-only">{t('colAction')}</span></th>
                </tr>
              </thead>
              <tbody>
                {ok.map(({ unit, assessment: a }) => {
                  const u = byId.get(unit);
                  const review = can(user, 'review', campaign.id, unit);
                  const path = review ? `/campaigns/${encodeURIComponent(campaign.id)}/review/${encodeURIComponent(unit)}`
                    : `/campaigns/${encodeURIComponent(campaign.id)}/assessments/${encodeURIComponent(unit)}`;
                  const label = review ? (a!.status === 'submitted' ? t('actionReview') : t('actionView')) : t('actionOpen');
                  return (
                    <tr key={unit}>
                      <th scope="row"><span class="unit-name">{unitName(u, unit)}</span> <span class="code">{unit}</span></th>
                      <td><StatusTag status={a!.status} kind="assessment" /></td>
                      <td class="num">{t('nOfM', { n: int(a!.progress.answered), m: int(a!.progress.applicable) })}</td>
                      <td class="num">{a!.missing_evidence_count ? int(a!.missing_evidence_count) : <span class="muted">{t('none')}</span>}</td>
                      <td>
                        <Link class={a!.status === 'submitted' && review ? 'button button-small' : ''} href={href(path)}
                          aria-label={`${label}: ${unitName(u, unit)}`}>{label}</Link>
                        <MeasureLinks campaign={campaign.id} unit={unit} framework={a!.framework} user={user} unitLabel={unitName(u, unit)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
