// A country's picture (/partnerships/countries/{unit}): its requests, where
// each comes from and the matches proposed on it, and what it received
// (pledges with deliveries, and the totals by year as the donor report
// counts them, from GET /pledges' totals); a partner's picture
// (/partnerships/partners/{org}): its offers with the places left, the
// matches proposed on them, its pledges and what is delivered. What the
// caller may see is the server's to say; nothing is summed here.
import { t } from '../../../i18n';
import { type Route } from '../../../router';
import { date, int, num } from '../../../format';
import { Empty, Link } from '../../../components/ui';
import { partners, type Match, type Offer, type PledgeTotals, type SupportRequest } from '../../../partners';
import { PledgeTable } from './Deals';
import { Header, Status, WithRef, countryHref, money, partnerHref, requestHref, sourceText, usd, type Ref } from './common';

const DAY = 86400000;
/** Days since the request was made (its age, as the report's board reads it). */
const ageOf = (q: SupportRequest, now = Date.now()) => Math.max(0, Math.floor((now - Date.parse(q.created_at)) / DAY));

/** The totals of GET /pledges by year: value in each pledge's currency and in US dollars. */
function Totals({ totals, id }: { totals: PledgeTotals; id: string }) {
  if (!totals.pledges) return null;
  return (
    <>
      <dl class="facts" data-testid={id + '-sums'}>
        <div><dt>{t('ptTotal')}</dt><dd data-usd={totals.usd}>{t('ptTotalText', { usd: usd(totals.usd), n: totals.pledges })}</dd></div>
        <div><dt>{t('ptDeliveredValue')}</dt><dd data-usd={totals.delivered_usd}>{usd(totals.delivered_usd)}</dd></div>
        <div><dt>{t('ptBeneficiaries')}</dt><dd>{int(totals.beneficiaries)}</dd></div>
      </dl>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptByYear') })}>
        <table class="data compact" data-testid={id}>
          <caption>{t('ptByYear')}</caption>
          <thead><tr>
            <th scope="col">{t('ptYear')}</th><th scope="col" class="num">{t('ptPledgesN')}</th>
            <th scope="col">{t('ptInCurrency')}</th><th scope="col" class="num">{t('ptUsd')}</th>
            <th scope="col" class="num">{t('ptDeliveredValue')}</th><th scope="col" class="num">{t('ptBeneficiaries')}</th>
            <th scope="col">{t('ptFxDates')}</th>
          </tr></thead>
          <tbody>
            {totals.by_year.map((y) => (
              <tr key={y.year} data-year={y.year}>
                <th scope="row">{y.year}</th>
                <td class="num">{int(y.pledges)}</td>
                <td>{y.amounts.map((a) => a.currency === 'USD' ? usd(a.amount) : t('ptAmountIs', { amount: money(a.amount, a.currency), usd: usd(a.usd) })).join('; ') || '–'}</td>
                <td class="num" data-usd={y.usd}>{usd(y.usd)}</td>
                <td class="num">{usd(y.delivered_usd)}</td>
                <td class="num">{int(y.beneficiaries)}</td>
                <td>{y.fx_dates.map(date).join(', ') || '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('ptReportNote')}</p>
    </>
  );
}

/** Matches with their offer, partner, score and status. */
function MatchTable({ r, matches, offers, caption, testid, show }: {
  r: Ref; matches: Match[]; offers: Offer[]; caption: string; testid: string; show: 'partner' | 'request';
}) {
  const offer = (id: number) => offers.find((o) => o.id === id)?.title || t('ptOfferN', { n: id });
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: caption })}>
      <table class="data compact" data-testid={testid}>
        <caption>{caption}</caption>
        <thead><tr>
          <th scope="col">{t('ptOffer')}</th>
          <th scope="col">{show === 'partner' ? t('ptPartner') : t('ptRequest')}</th>
          <th scope="col" class="num">{t('ptScore')}</th><th scope="col">{t('ptStatus')}</th>
        </tr></thead>
        <tbody>
          {matches.map((m) => (
            <tr key={m.id} data-match={m.id}>
              <th scope="row">{offer(m.offer)}</th>
              <td>{show === 'partner' ? <Link href={partnerHref(m.partner)}>{r.org(m.partner)}</Link>
                : <><Link href={requestHref(m.request)}>{t('ptRequestN', { n: m.request })}</Link> (<Link href={countryHref(m.unit)}>{r.unit(m.unit)}</Link>)</>}</td>
              <td class="num">{t('ptOf', { v: num(m.score, 2), max: num(m.breakdown.max, 1) })}</td>
              <td><Status s={m.status} />{m.reason && <> <span class="hint">{t('ptBecause', { reason: m.reason })}</span></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CountryPage({ route }: { route: Route }) {
  const unit = route.id || '';
  const load = async () => {
    const [q, m, p, o] = await Promise.all([partners.requests(unit), partners.matches({ unit }), partners.pledgesOf({ unit }), partners.offers()]);
    return { requests: q.requests, matches: m.matches, pledges: p.pledges, totals: p.totals, offers: o.offers };
  };
  return (
    <WithRef route={route} title="ptCountryTitleShort" load={load}>
      {(r, d) => !r.units.some((u) => u.id === unit) ? (
        <div class="page partners"><Header route={route} h1={t('ptCountryTitleShort')} /><Empty title={t('ptNoCountry', { unit })} /></div>
      ) : (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptCountryTitle', { unit: r.unit(unit) })} lead={t('ptCountryLead')} />
          <section aria-labelledby="pt-c-requests">
            <h2 id="pt-c-requests">{t('ptCountryRequests')}</h2>
            {!d.requests.length ? <p>{t('ptNoRequests')}</p> : d.requests.map((q) => {
              const ms = d.matches.filter((m) => m.request === q.id);
              return (
                <article class="card match" key={q.id} data-request={q.id}>
                  <h3><Link href={requestHref(q.id)}>{q.title}</Link></h3>
                  <dl class="facts">
                    <div><dt>{t('ptStatus')}</dt><dd><Status s={q.status} /></dd></div>
                    <div><dt>{t('ptThemes')}</dt><dd>{q.themes.map(r.theme).join('; ')}</dd></div>
                    <div><dt>{t('ptAsked')}</dt><dd>{t('ptAskedOn', { date: date(q.created_at), n: ageOf(q) })}</dd></div>
                    <div><dt>{t('ptSource')}</dt><dd>{sourceText(q)}{q.measured_gap && <> {t('ptMeasuredGap')}</>}</dd></div>
                  </dl>
                  {!ms.length ? <p class="hint">{t('ptNoMatchSeen')}</p>
                    : <MatchTable r={r} matches={ms} offers={d.offers} caption={t('ptMatchesOf', { title: q.title })} testid={`matches-${q.id}`} show="partner" />}
                </article>
              );
            })}
          </section>
          <section aria-labelledby="pt-c-received">
            <h2 id="pt-c-received">{t('ptReceived')}</h2>
            {!d.pledges.length ? <p>{t('ptNoPledges')}</p> : (
              <>
                <Totals totals={d.totals} id="country-totals" />
                <PledgeTable r={r} pledges={d.pledges} caption={t('ptPledgesTo', { unit: r.unit(unit) })} testid="country-pledges" deliveries />
              </>
            )}
          </section>
        </div>
      )}
    </WithRef>
  );
}

export function PartnerPage({ route }: { route: Route }) {
  const org = route.id || '';
  const load = async () => {
    const [o, m, p] = await Promise.all([partners.offersOf(org), partners.matches({ partner: org }), partners.pledgesOf({ partner: org })]);
    return { offers: o.offers, matches: m.matches, pledges: p.pledges, totals: p.totals };
  };
  return (
    <WithRef route={route} title="ptPartnerTitleShort" load={load}>
      {(r, d) => !r.orgs.some((x) => x.id === org) ? (
        <div class="page partners"><Header route={route} h1={t('ptPartnerTitleShort')} /><Empty title={t('ptNoPartner', { partner: org })} /></div>
      ) : (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptPartnerTitle', { partner: r.org(org) })} lead={t('ptPartnerLead')} />
          <section aria-labelledby="pt-p-offers">
            <h2 id="pt-p-offers">{t('ptOffersTitle')}</h2>
            {!d.offers.length ? <p>{t('ptNoOffers')}</p> : (
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptOffersTitle') })}>
                <table class="data compact" data-testid="partner-offers">
                  <caption>{t('ptOffersOf', { partner: r.org(org) })}</caption>
                  <thead><tr>
                    <th scope="col">{t('ptOffer')}</th><th scope="col">{t('ptThemes')}</th><th scope="col">{t('ptWindow')}</th>
                    <th scope="col" class="num">{t('ptPlaces')}</th><th scope="col">{t('ptStatus')}</th>
                  </tr></thead>
                  <tbody>
                    {d.offers.map((o) => (
                      <tr key={o.id} data-offer={o.id}>
                        <th scope="row">{o.title}</th>
                        <td>{o.themes.map(r.theme).join('; ')}</td>
                        <td>{t('ptFromTo', { from: date(o.available_from), to: date(o.available_to) })}</td>
                        <td class="num">{t('ptPlacesLeft', { left: o.capacity.countries - o.capacity.used, of: o.capacity.countries })}</td>
                        <td><Status s={o.status} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="pt-p-matches">
            <h2 id="pt-p-matches">{t('ptMatches')}</h2>
            {!d.matches.length ? <p>{t('ptNoMatchSeen')}</p>
              : <MatchTable r={r} matches={d.matches} offers={d.offers} caption={t('ptMatchesOfPartner', { partner: r.org(org) })} testid="partner-matches" show="request" />}
          </section>
          <section aria-labelledby="pt-p-pledges">
            <h2 id="pt-p-pledges">{t('ptTabPledges')}</h2>
            {!d.pledges.length ? <p>{t('ptNoPledges')}</p> : (
              <>
                <Totals totals={d.totals} id="partner-totals" />
                <PledgeTable r={r} pledges={d.pledges} caption={t('ptPledgesFrom', { partner: r.org(org) })} testid="partner-pledges" deliveries />
              </>
            )}
          </section>
        </div>
      )}
    </WithRef>
  );
}
