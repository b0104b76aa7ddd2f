// What the partnership pages share: the reference data (themes,
// organisations, units, the caller's rights) loaded once per page, the
// header with the pages as tabs, and statuses named in words.
import '../build.css';
import './partners.css';
import type { ComponentChildren } from 'preact';
import { t, type Key } from '../../../i18n';
import { href, type Route } from '../../../router';
import { api } from '../../../api';
import { useAsync, useTitle } from '../../../hooks';
import { unitName } from '../../../format';
import { Link, Loading } from '../../../components/ui';
import { AccessError } from '../../../components/Gate';
import { useSession } from '../../../session';
import { partners, type Organisation, type Rights, type SupportRequest, type Theme } from '../../../partners';
import type { Group, Unit } from '../../../types';

export interface Ref {
  themes: Theme[]; orgs: Organisation[]; units: Unit[]; groups: Group[]; rights: Rights;
  theme: (id: string) => string; org: (id: string) => string; unit: (id: string) => string;
  group: (id: string) => string; modality: (id: string) => string;
}

/** Loads the reference data and DATA (again when TICK changes) for a page titled TITLE. */
export function WithRef<T>({ route, title, load, tick = 0, children }: {
  route: Route; title: Key; load: () => Promise<T>; tick?: number; children: (r: Ref, d: T) => ComponentChildren;
}) {
  const s = useSession();
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const [themes, orgs, units, groups, rights, d] = await Promise.all([
      partners.themes(), partners.orgs(), api.units().catch(() => [] as Unit[]), api.groups().catch(() => [] as Group[]),
      partners.me(), load()]);
    return { themes: themes.themes, orgs: orgs.organisations, units, groups, rights, d };
  }, [route.path, route.params.toString(), s.status, user?.id, tick]);
  useTitle(t(title));
  if (data.state === 'error') return <AccessError title={t(title)} error={data.error} route={route} retry={data.retry} />;
  if (!data.data) return <div class="page"><h1>{t(title)}</h1><Loading /></div>;
  const x = data.data;
  const r: Ref = {
    themes: x.themes, orgs: x.orgs, units: x.units, groups: x.groups, rights: x.rights,
    theme: (id) => x.themes.find((th) => th.id === id)?.name || id,
    org: (id) => x.orgs.find((o) => o.id === id)?.name || id,
    unit: (id) => unitName(x.units.find((u) => u.id === id), id),
    group: (id) => x.groups.find((g) => g.id === id)?.name || id,
    modality: (id) => t(('ptMod_' + id.replace(/-/g, '_')) as Key),
  };
  return <>{children(r, x.d)}</>;
}

const TABS: { path: string; key: Key; pages: Route['page'][] }[] = [
  { path: '/partnerships', key: 'ptTabRequests', pages: ['partners', 'partnersRequest', 'partnersNew', 'partnersCountry'] },
  { path: '/partnerships/offers', key: 'ptTabOffers', pages: ['partnersOffers', 'partnersOfferNew', 'partnersOrgNew', 'partnersPartner'] },
  { path: '/partnerships/pledges', key: 'ptTabPledges', pages: ['partnersPledges', 'partnersPledge', 'partnersPledgeNew'] },
  { path: '/partnerships/report', key: 'ptTabReport', pages: ['partnersReport'] },
];

export function Header({ route, h1, lead }: { route: Route; h1: string; lead?: string }) {
  return (
    <>
      <p class="eyebrow">{t('ptEyebrow')}</p>
      <h1>{h1}</h1>
      {lead && <p class="lead">{lead}</p>}
      <nav class="plan-tabs no-print" aria-label={t('ptTabsLabel')}>
        <ul>
          {TABS.map((x) => (
            <li key={x.path}><Link href={href(x.path)} aria-current={route.page === x.pages[0] ? 'page' : x.pages.includes(route.page) ? 'true' : undefined}>{t(x.key)}</Link></li>
          ))}
        </ul>
      </nav>
    </>
  );
}

const TAG: Record<string, string> = {
  open: 'tag-blue', matched: 'tag-green', closed: 'tag-grey', withdrawn: 'tag-grey',
  proposed: 'tag-white', shortlisted: 'tag-blue', accepted: 'tag-green', declined: 'tag-orange',
  confirmed: 'tag-green', none: 'tag-grey', partial: 'tag-blue', complete: 'tag-green',
  self: 'tag-white', recipient: 'tag-blue', secretariat: 'tag-green', cancelled: 'tag-orange',
};
/** A status in words (ptSt_STATUS), with a colour that only repeats it. */
export function Status({ s }: { s: string }) {
  return <strong class={'tag ' + (TAG[s] || 'tag-grey')}>{t(('ptSt_' + s) as Key)}</strong>;
}
export const money = (x: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(x);
export const usd = (x: number) => money(x, 'USD');
export const requestHref = (r: number) => href(`/partnerships/requests/${r}`);
export const pledgeHref = (p: number) => href(`/partnerships/pledges/${p}`);
/** A country's partnership page (its requests and what it received). */
export const countryHref = (unit: string) => href(`/partnerships/countries/${encodeURIComponent(unit)}`);
/** A partner's page (its offers, their matches, its pledges). */
export const partnerHref = (org: string) => href(`/partnerships/partners/${encodeURIComponent(org)}`);
/** Where a request comes from, in words: a framework node, a target or a plan action. */
export function sourceText(q: SupportRequest): string {
  if (!q.source) return t('ptNoSource');
  if (q.source.kind === 'action') return t('ptFromAction', { n: q.source.action ?? 0 });
  return t('ptFromNode', { node: q.source.node || q.source.target || '', campaign: q.source.campaign || '' });
}
/** The organisations the caller may act for: all for the secretariat. */
export const actsFor = (r: Ref) => (r.rights.secretariat ? r.orgs.map((o) => o.id) : r.rights.organisations);
/** The provider's side of a pledge or offer of ORG (the server decides anyway). */
export const providerSide = (r: Ref, org: string) => r.rights.secretariat || r.rights.organisations.includes(org);
export const MODALITIES = ['training', 'advisory', 'expert-secondment', 'exercise', 'software-licence', 'equipment', 'cloud-credit', 'funding', 'scholarship'];
export const VALUATIONS = ['list_price', 'staff_day_rate', 'market_quote', 'declared'];
export const valuation = (v: string) => t(('ptVal_' + v) as Key);
