// The donor report (/partnerships/report?year=Y): LDCs and SIDS supported
// as a count and a share of that year's list (the list's year named), the
// value in US dollars by partner, theme, modality, region and valuation
// basis with the exchange-rate dates, fulfilment and beneficiaries, who
// does what where, the gaps; the workbook and the IATI-style XML.
import { t } from '../../../i18n';
import { setParams, type Route } from '../../../router';
import { int, num } from '../../../format';
import { partners, iatiUrl, reportXlsxUrl, type ValueRow } from '../../../partners';
import { Header, WithRef, requestHref, usd, type Ref } from './common';
import { Empty, Link } from '../../../components/ui';

function Values({ title, rows, name }: { title: string; rows: ValueRow[]; name: (x: ValueRow) => string }) {
  if (!rows.length) return null;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title })}>
      <table class="data">
        <caption>{title}</caption>
        <thead><tr><th scope="col">{t('ptWhich')}</th><th scope="col" class="num">{t('ptUsd')}</th><th scope="col" class="num">{t('ptPledgesN')}</th></tr></thead>
        <tbody>{rows.map((x) => (
          <tr key={name(x)}><th scope="row">{name(x)}</th><td class="num">{usd(x.usd)}</td><td class="num">{int(x.pledges)}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

const pct = (x: number | null) => (x == null ? t('noValue') : t('plPct', { n: num(100 * x, 0) }));

export function ReportPage({ route }: { route: Route }) {
  const year = Number(route.params.get('year')) || new Date().getFullYear();
  const years = [year - 1, year, year + 1].filter((y) => y >= 2020);
  return (
    <WithRef route={route} title="ptReportTitle" load={() => partners.report(year)}>
      {(r: Ref, d) => (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptReportH1', { year: d.year })} lead={t('ptReportLead')} />
          <form class="controls" aria-label={t('chooseWhatToShow')} onSubmit={(e) => e.preventDefault()}>
            <div class="field">
              <label for="pt-year">{t('ptYear')}</label>
              <select id="pt-year" value={String(year)} onChange={(e) => setParams({ year: (e.currentTarget as HTMLSelectElement).value })}>
                {years.map((y) => <option key={y} value={String(y)}>{y}</option>)}
              </select>
            </div>
          </form>
          <p class="no-print">
            <a class="button button-secondary" href={reportXlsxUrl(d.year)} download>{t('ptDownloadXlsx')}</a>{' '}
            <a class="button button-secondary" href={iatiUrl()} download>{t('ptDownloadIati')}</a>
          </p>
          <dl class="facts" data-testid="report-summary">
            <div><dt>{t('ptLdcSupported')}</dt><dd data-testid="ldc">{t('ptShareOf', { n: d.ldc.supported, of: d.ldc.of, share: pct(d.ldc.share), year: d.ldc.list_year })}</dd></div>
            <div><dt>{t('ptSidsSupported')}</dt><dd data-testid="sids">{t('ptShareOf', { n: d.sids.supported, of: d.sids.of, share: pct(d.sids.share), year: d.sids.list_year })}</dd></div>
            <div><dt>{t('ptTotal')}</dt><dd>{t('ptTotalText', { usd: usd(d.usd), n: d.pledges })}</dd></div>
            <div><dt>{t('ptFulfilment')}</dt><dd>{pct(d.fulfilment_rate)}</dd></div>
            <div><dt>{t('ptBeneficiaries')}</dt><dd>{int(d.beneficiaries)}</dd></div>
            <div><dt>{t('ptFxDates')}</dt><dd>{d.fx_dates.join(', ') || t('noValue')}</dd></div>
          </dl>
          <p class="hint">{t('ptReportNote')}</p>
          <Values title={t('ptByPartner')} rows={d.value_by_partner} name={(x) => x.name || r.org(x.partner || '')} />
          <Values title={t('ptByTheme')} rows={d.value_by_theme} name={(x) => r.theme(x.theme || '')} />
          <Values title={t('ptByModality')} rows={d.value_by_modality} name={(x) => r.modality(x.modality || '')} />
          <Values title={t('ptByRegion')} rows={d.value_by_region} name={(x) => (x.region ? r.group(x.region) : t('noValue'))} />
          <Values title={t('ptByValuation')} rows={d.value_by_valuation} name={(x) => t(('ptVal_' + x.valuation) as 'ptVal_declared')} />
          <h2>{t('ptMatrix')}</h2>
          {!d.matrix.length ? <Empty title={t('ptNoMatrix')} /> : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptMatrix') })}>
              <table class="data" data-testid="matrix">
                <caption>{t('ptMatrixCaption')}</caption>
                <thead><tr><th scope="col">{t('ptUnit')}</th><th scope="col">{t('ptTheme')}</th><th scope="col" class="num">{t('ptPledgesN')}</th>
                  <th scope="col" class="num">{t('ptUsd')}</th><th scope="col" class="num">{t('ptOpenRequests')}</th><th scope="col">{t('ptCell')}</th></tr></thead>
                <tbody>{d.matrix.map((x) => (
                  <tr key={x.unit + x.theme}>
                    <th scope="row">{r.unit(x.unit)}</th><td>{r.theme(x.theme)}</td><td class="num">{int(x.pledges)}</td>
                    <td class="num">{usd(x.usd)}</td><td class="num">{int(x.open_requests)}</td>
                    <td>{x.pledges === 0 ? t('ptCellGap') : x.pledges > 1 ? t('ptCellOverlap') : t('ptCellCovered')}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
          )}
          <h2>{t('ptGaps')}</h2>
          {!d.gaps.length ? <p>{t('ptNoGaps')}</p> : (
            <ul data-testid="gaps">{d.gaps.map((g) => (
              <li key={g.request}><Link href={requestHref(g.request)}>{g.title}</Link> ({r.unit(g.unit)}; {t('ptAge', { n: g.age_days })})</li>
            ))}</ul>
          )}
        </div>
      )}
    </WithRef>
  );
}
