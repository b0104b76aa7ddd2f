// The register (/risks/{a}): the risks past their review date first, then
// every risk in the matrix contract's order of its current rating,
// filtered by sector, threat, status, owner and level (all kept in the
// URL); the CSV and Excel files of the register.
import { t } from '../../../i18n';
import { href, setParams, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { date } from '../../../format';
import { Controls, Empty, Link, Select } from '../../../components/ui';
import { fileUrl, riskHref, risks, type Matrix, type Phase, type Risk, type Taxonomies } from '../../../risks';
import { LevelTag, RegisterHeader, WithRegister, termName } from './common';

const today = () => new Date().toISOString().slice(0, 10);
export const statusOf = (r: Risk) => (r.review_date && r.review_date < today() ? 'review' : r.treatments.length ? 'treated' : 'untreated');

export function RiskRegister({ route }: { route: Route }) {
  const p = route.params;
  const f = { sector: p.get('sector') || '', threat: p.get('threat') || '', status: p.get('status') || '', owner: p.get('owner') || '', level: p.get('level') || '' };
  return (
    <WithRegister route={route} title="rkRegisterTitle">
      {({ a, list, tax }) => {
        const m = a.matrix;
        const shown = list.filter((r) => (!f.sector || r.sectors.includes(f.sector)) && (!f.threat || r.threat === f.threat)
          && (!f.status || statusOf(r) === f.status) && (!f.owner || r.owner === f.owner) && (!f.level || r.current?.level === f.level));
        const owners = [...new Set(list.map((r) => r.owner))].sort();
        const all = { value: '', label: t('rkAll') };
        return (
          <div class="page page-wide risk">
            <RegisterHeader a={a} current="" h1={t('rkRegisterTitle')} />
            <p class="lead">{t('rkRegisterLead', { n: list.length })}</p>
            <ReviewsDue a={a.id} m={m} />
            <Controls label={t('rkFilters')}>
              <Select id="rk-sector" label={t('rkSector')} value={f.sector} onChange={(v) => setParams({ sector: v })}
                options={[all, ...tax.sectors.filter((s) => list.some((r) => r.sectors.includes(s.id))).map((s) => ({ value: s.id, label: s.name }))]} />
              <Select id="rk-threat" label={t('rkThreat')} value={f.threat} onChange={(v) => setParams({ threat: v })}
                options={[all, ...tax.threats.filter((s) => list.some((r) => r.threat === s.id)).map((s) => ({ value: s.id, label: s.name }))]} />
              <Select id="rk-status" label={t('rkStatus')} value={f.status} onChange={(v) => setParams({ status: v })}
                options={[all, { value: 'untreated', label: t('rkSt_untreated') }, { value: 'treated', label: t('rkSt_treated') }, { value: 'review', label: t('rkSt_review') }]} />
              <Select id="rk-owner" label={t('rkOwner')} value={f.owner} onChange={(v) => setParams({ owner: v })}
                options={[all, ...owners.map((o) => ({ value: o, label: o }))]} />
              <Select id="rk-level" label={t('rkLevel')} value={f.level} onChange={(v) => setParams({ level: v })}
                options={[all, ...[...m.levels].reverse().map((l) => ({ value: l.id, label: l.name }))]} />
            </Controls>
            <p role="status" data-testid="rk-count">{t('rkShown', { n: shown.length, m: list.length })}</p>
            {!shown.length ? <Empty title={t('rkNone')} /> : <RiskTable a={a.id} m={m} list={shown} tax={tax} caption={t('rkRegisterTitle')} />}
            <p class="no-print">{t('rkFiles')} <a href={fileUrl(a.id, 'csv')} download>CSV</a> · <a href={fileUrl(a.id, 'xlsx')} download>Excel</a></p>
          </div>
        );
      }}
    </WithRegister>
  );
}

/** The risks past their review date, most overdue first (GET .../review-due). */
function ReviewsDue({ a, m }: { a: string; m: Matrix }) {
  const due = useAsync(() => risks.reviewDue(a), [a]);
  if (!due.data?.risks.length) return null;
  return (
    <div class="panel panel-warning" data-testid="reviews-due">
      <h2 class="panel-title">{t('rkDueTitle', { n: due.data.risks.length })}</h2>
      <ul>
        {due.data.risks.map((r) => (
          <li key={r.id}><Link href={href(riskHref(a, 'risks/' + encodeURIComponent(r.id)))}>{r.title}</Link>{' '}
            <LevelTag m={m} level={r.level} /> {t('rkDueLine', { n: r.days_overdue, d: date(r.review_date), owner: r.owner })}</li>
        ))}
      </ul>
    </div>
  );
}

/** Risks as a table: title (a link), the level in PHASE (current by default), sector, threat, owner, status, review date. */
const cl = (k: 'rkSector' | 'rkThreat' | 'rkOwner' | 'rkStatus' | 'rkReview') => t('cellLabel', { label: t(k) });

export function RiskTable({ a, m, list, tax, caption, phase = 'current' }: { a: string; m: Matrix; list: Risk[]; tax: Taxonomies; caption: string; phase?: Phase }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: caption })}>
      <table class="data stack-table" data-testid="risk-table">
        <caption class="sr-only">{caption}</caption>
        <thead><tr>
          <th scope="col">{t('rkRisk')}</th><th scope="col">{phase === 'current' ? t('rkLevel') : t('rkLevelPhase', { phase: t(('rkPhShort_' + phase) as 'rkPhShort_current') })}</th><th scope="col">{t('rkSector')}</th>
          <th scope="col">{t('rkThreat')}</th><th scope="col">{t('rkOwner')}</th><th scope="col">{t('rkStatus')}</th><th scope="col">{t('rkReview')}</th>
        </tr></thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} data-risk={r.id}>
              <th scope="row"><Link href={href(riskHref(a, 'risks/' + encodeURIComponent(r.id)))}>{r.title}</Link></th>
              <td><LevelTag m={m} level={r[phase]?.level} /></td>
              <td data-label={cl('rkSector')}>{r.sectors.map((s) => termName(tax.sectors, s)).join(', ')}</td>
              <td data-label={cl('rkThreat')}>{termName(tax.threats, r.threat)}</td>
              <td data-label={cl('rkOwner')}>{r.owner}</td>
              <td data-label={cl('rkStatus')}>{t(('rkSt_' + statusOf(r)) as 'rkSt_treated')}</td>
              <td data-label={cl('rkReview')}>{r.review_date ? date(r.review_date) : t('noValue')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
