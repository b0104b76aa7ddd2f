// Offers (/partnerships/offers) and pledges (/partnerships/pledges): who
// offers what to whom, and each pledge's value (with its valuation basis
// and exchange-rate date), period and its three statuses in words.
import { t } from '../../../i18n';
import { type Route } from '../../../router';
import { href } from '../../../router';
import { date, int } from '../../../format';
import { Empty, Link } from '../../../components/ui';
import { Panel } from '../../../components/forms';
import { partners, type Pledge } from '../../../partners';
import { Header, Status, WithRef, actsFor, countryHref, money, partnerHref, pledgeHref, usd, type Ref } from './common';

export function OffersPage({ route }: { route: Route }) {
  return (
    <WithRef route={route} title="ptOffersTitle" load={() => partners.offers()}>
      {(r, d) => (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptOffersTitle')} lead={t('ptOffersLead')} />
          {(() => {
            const made = d.offers.find((o) => String(o.id) === route.params.get('created'));
            return made && <Panel kind="success" title={t('ptOfferCreated', { title: made.title })} />;
          })()}
          {(r.rights.secretariat || actsFor(r).length > 0) && (
            <p class="button-group">
              {actsFor(r).length > 0 && <Link class="button" href={href('/partnerships/offers/new')}>{t('ptOfferNewTitle')}</Link>}
              {r.rights.secretariat && <Link class="button button-secondary" href={href('/partnerships/organisations/new')}>{t('ptOrgTitle')}</Link>}
            </p>
          )}
          {!d.offers.length ? <Empty title={t('ptNoOffers')} /> : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptOffersTitle') })}>
              <table class="data" data-testid="offers-table">
                <caption>{t('ptOffersTitle')}</caption>
                <thead><tr>
                  <th scope="col">{t('ptOffer')}</th><th scope="col">{t('ptPartner')}</th><th scope="col">{t('ptThemes')}</th>
                  <th scope="col">{t('ptEligible')}</th><th scope="col">{t('ptWindow')}</th>
                  <th scope="col" class="num">{t('ptPlaces')}</th><th scope="col" class="num">{t('ptUnitValue')}</th>
                </tr></thead>
                <tbody>
                  {d.offers.map((o) => (
                    <tr key={o.id} data-offer={o.id} class={String(o.id) === route.params.get('created') ? 'row-new' : undefined}>
                      <th scope="row">{o.title}</th>
                      <td><Link href={partnerHref(o.partner)}>{r.org(o.partner)}</Link></td>
                      <td>{o.themes.map(r.theme).join('; ')}</td>
                      <td>{[...o.eligible.groups.map((g) => g.toUpperCase()), ...o.eligible.units.map(r.unit)].join(', ') || t('ptEveryone')}</td>
                      <td>{t('ptFromTo', { from: date(o.available_from), to: date(o.available_to) })}</td>
                      <td class="num">{t('ptPlacesLeft', { left: o.capacity.countries - o.capacity.used, of: o.capacity.countries })}</td>
                      <td class="num">{money(o.unit_value, o.currency)} <span class="hint">{t(('ptVal_' + o.valuation) as 'ptVal_declared')}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </WithRef>
  );
}

export function PledgesPage({ route }: { route: Route }) {
  return (
    <WithRef route={route} title="ptPledgesTitle" load={() => partners.pledges()}>
      {(r, d) => (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptPledgesTitle')} lead={t('ptPledgesLead')} />
          {actsFor(r).length > 0 && <p><Link class="button" href={href('/partnerships/pledges/new')}>{t('ptPledgeNewTitle')}</Link></p>}
          {!d.pledges.length ? <Empty title={t('ptNoPledges')} /> : (
            <PledgeTable r={r} pledges={d.pledges} caption={t('ptPledgesTitle')} testid="pledges-table" />
          )}
        </div>
      )}
    </WithRef>
  );
}

/** Pledges with their value (basis, rate date), period, statuses and
 * beneficiaries; with deliveries, each pledge's dated deliveries too. */
export function PledgeTable({ r, pledges, caption, testid, deliveries = false }: {
  r: Ref; pledges: Pledge[]; caption: string; testid: string; deliveries?: boolean;
}) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: caption })}>
      <table class="data" data-testid={testid}>
        <caption>{caption}</caption>
        <thead><tr>
          <th scope="col">{t('ptPledge')}</th><th scope="col">{t('ptFromPartner')}</th><th scope="col">{t('ptToUnit')}</th>
          <th scope="col" class="num">{t('ptValue')}</th><th scope="col">{t('ptPeriod')}</th>
          <th scope="col">{t('ptCommitment')}</th><th scope="col">{t('ptDelivery')}</th><th scope="col">{t('ptVerification')}</th>
          <th scope="col" class="num">{t('ptBeneficiaries')}</th>
          {deliveries && <th scope="col">{t('ptDeliveries')}</th>}
        </tr></thead>
        <tbody>
          {pledges.map((p) => (
            <tr key={p.id} data-pledge={p.id}>
              <th scope="row"><Link href={pledgeHref(p.id)}>{p.description}</Link></th>
              <td><Link href={partnerHref(p.provider)}>{r.org(p.provider)}</Link></td>
              <td><Link href={countryHref(p.recipient)}>{r.unit(p.recipient)}</Link></td>
              <td class="num">{money(p.value.amount, p.value.currency)}
                <span class="hint"> {t('ptValueNote', { usd: usd(p.value.usd), date: date(p.value.fx_date), basis: t(('ptVal_' + p.value.valuation) as 'ptVal_declared') })}</span></td>
              <td>{t('ptFromTo', { from: date(p.period.from), to: date(p.period.to) })}</td>
              <td>{p.cancelled ? <Status s="cancelled" /> : <Status s={p.commitment} />}</td>
              <td><Status s={p.delivery} /></td>
              <td><Status s={p.verification} /></td>
              <td class="num">{int(p.beneficiaries)}</td>
              {deliveries && <td>{!(p.deliveries || []).length ? t('ptNoDeliveries') : (
                <ul class="deliveries">{p.deliveries!.map((x) => (
                  <li key={x.id}>{t('ptDeliveryLine', { date: date(x.date), what: x.what, n: int(x.beneficiaries) })}</li>
                ))}</ul>
              )}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
