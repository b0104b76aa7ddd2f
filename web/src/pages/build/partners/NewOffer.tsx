// Recording an organisation (/partnerships/organisations/new: the
// secretariat) and an offer of support (/partnerships/offers/new?partner=O:
// a partner for its own organisation, the secretariat for any): themes
// from the GFCE themes taxonomy the API serves, kinds of support,
// languages, who is eligible (groups, read on the list of the offer's
// year, and countries), places, the window, the value of one place with
// its currency and valuation basis. Checked here first; the server's 422
// names the field, shown at it and in the summary.
import { useState } from 'preact/hooks';
import { t, type Key } from '../../../i18n';
import { href, navigate, type Route } from '../../../router';
import { ErrorSummary, Panel } from '../../../components/forms';
import { partners } from '../../../partners';
import { DATE_RE, Choice, Text } from '../fields';
import { Header, MODALITIES, VALUATIONS, WithRef, actsFor, valuation, type Ref } from './common';
import { Checks, NUMBER, Radios, Send, WHOLE, toggled, useForm, words } from './forms';

const KINDS = ['government', 'private', 'academia', 'civil_society', 'international'];
const ORG_LABELS: Record<string, Key> = { id: 'ptF_org_id', name: 'ptF_name', kind: 'ptF_kind' };

function OrgForm() {
  const [d, setD] = useState({ id: '', name: '', kind: '' });
  const f = useForm('og', ORG_LABELS, 'id');
  const set = (k: keyof typeof d) => (v: string) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const local: [string, string][] = [];
    if (!/^[a-z0-9._-]{1,64}$/.test(d.id)) local.push(['id', t('ptNeedOrgId')]);
    if (!d.name.trim()) local.push(['name', t('ptNeedOrgName')]);
    if (!d.kind) local.push(['kind', t('ptNeedOrgKind')]);
    if (await f.run(local, () => partners.createOrg({ id: d.id, name: d.name.trim(), kind: d.kind }))) {
      navigate(href('/partnerships/offers/new', { partner: d.id, created: d.id }));
    }
  };
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="org-form">
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      <Text id={f.id('name')} label={t('ptF_name')} value={d.name} onInput={set('name')} error={f.err('name')} />
      <Text id={f.id('id')} label={t('ptF_org_id')} hint={t('ptOrgIdHint')} value={d.id} onInput={set('id')} error={f.err('id')}
        extra={{ autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none' }} />
      <Radios id={f.id('kind')} legend={t('ptF_kind')} value={d.kind} onChange={set('kind')} error={f.err('kind')}
        options={KINDS.map((k) => ({ value: k, label: t(('ptKind_' + k) as Key) }))} />
      <Send busy={f.busy} label={t('ptOrgSend')} />
    </form>
  );
}

export function NewOrgPage({ route }: { route: Route }) {
  return (
    <WithRef route={route} title="ptOrgTitle" load={async () => null}>
      {(r) => (
        <div class="page partners">
          <Header route={route} h1={t('ptOrgTitle')} lead={t('ptOrgLead')} />
          {r.rights.secretariat ? <OrgForm /> : <p>{t('ptOrgOnlySecretariat')}</p>}
        </div>
      )}
    </WithRef>
  );
}

interface OfferDraft {
  partner: string; title: string; description: string; themes: string[]; modalities: string[]; languages: string;
  groups: string[]; units: string; countries: string; beneficiaries: string; from: string; to: string;
  unit_value: string; currency: string; valuation: string;
}
const OFFER_LABELS: Record<string, Key> = {
  partner: 'ptF_partner', title: 'ptF_offer_title', description: 'ptF_description', themes: 'ptF_themes', modalities: 'ptF_modalities',
  languages: 'ptF_languages', 'eligible.groups': 'ptF_groups', 'eligible.units': 'ptF_units', eligible: 'ptF_groups',
  'capacity.countries': 'ptF_countries', 'capacity.beneficiaries': 'ptF_cap_beneficiaries', capacity: 'ptF_countries',
  available_from: 'ptF_available_from', available_to: 'ptF_available_to', unit_value: 'ptF_unit_value', currency: 'ptF_currency',
  valuation: 'ptF_valuation',
};

/** The local checks of an offer: [field, message]. */
function offerProblems(d: OfferDraft): [string, string][] {
  const p: [string, string][] = [];
  if (!d.partner) p.push(['partner', t('ptNeedPartner')]);
  if (!d.title.trim()) p.push(['title', t('ptNeedOfferTitle')]);
  if (!d.themes.length) p.push(['themes', t('ptNeedTheme')]);
  if (!d.modalities.length) p.push(['modalities', t('ptNeedModality')]);
  if (!words(d.languages).length) p.push(['languages', t('ptNeedLanguage')]);
  if (!WHOLE.test(d.countries) || Number(d.countries) < 1) p.push(['capacity.countries', t('ptNeedCountries')]);
  if (d.beneficiaries && !WHOLE.test(d.beneficiaries)) p.push(['capacity.beneficiaries', t('ptNeedWhole')]);
  if (!DATE_RE.test(d.from)) p.push(['available_from', t('ptNeedDateOf', { field: t('ptF_available_from') })]);
  if (!DATE_RE.test(d.to)) p.push(['available_to', t('ptNeedDateOf', { field: t('ptF_available_to') })]);
  else if (DATE_RE.test(d.from) && d.to < d.from) p.push(['available_to', t('ptNeedToAfterFrom')]);
  if (!NUMBER.test(d.unit_value)) p.push(['unit_value', t('ptNeedAmount')]);
  if (!/^[A-Z]{3}$/.test(d.currency)) p.push(['currency', t('ptNeedCurrency')]);
  if (!d.valuation) p.push(['valuation', t('ptNeedValuation')]);
  return p;
}

function OfferForm({ r, partner }: { r: Ref; partner: string }) {
  const mine = actsFor(r);
  const [d, setD] = useState<OfferDraft>({
    partner: mine.includes(partner) ? partner : mine[0] || '', title: '', description: '', themes: [], modalities: [], languages: 'en',
    groups: [], units: '', countries: '1', beneficiaries: '', from: '', to: '', unit_value: '', currency: 'USD', valuation: '',
  });
  const f = useForm('of', OFFER_LABELS, 'title');
  const set = (k: keyof OfferDraft) => (v: string) => setD((x) => ({ ...x, [k]: v }));
  const toggle = (k: 'themes' | 'modalities' | 'groups') => (v: string) => setD((x) => ({ ...x, [k]: toggled(x[k], v) }));
  const submit = async (e: Event) => {
    e.preventDefault();
    let id = 0;
    const ok = await f.run(offerProblems(d), async () => {
      const made = await partners.createOffer({
        partner: d.partner, title: d.title.trim(), description: d.description, themes: d.themes, modalities: d.modalities,
        languages: words(d.languages), eligible: { groups: d.groups, units: words(d.units).map((u) => u.toUpperCase()) },
        capacity: { countries: Number(d.countries), ...(d.beneficiaries ? { beneficiaries: Number(d.beneficiaries) } : {}) },
        available_from: d.from, available_to: d.to, unit_value: Number(d.unit_value), currency: d.currency, valuation: d.valuation,
      });
      id = made.id;
    });
    if (ok) navigate(href('/partnerships/offers', { created: String(id) }));
  };
  const themes = r.themes.map((th) => ({ value: th.id, label: th.parent ? `${r.theme(th.parent)}: ${th.name}` : th.name }));
  const groups = r.groups.filter((g) => g.kind === 'un' || g.kind === 'itu_region').map((g) => ({ value: g.id, label: r.group(g.id) }));
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="offer-form">
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      <Choice id={f.id('partner')} label={t('ptF_partner')} value={d.partner} onChange={set('partner')} error={f.err('partner')}
        options={mine.map((o) => ({ value: o, label: r.org(o) }))} />
      <Text id={f.id('title')} label={t('ptF_offer_title')} value={d.title} onInput={set('title')} error={f.err('title')} />
      <Text id={f.id('description')} label={t('ptF_description')} value={d.description} onInput={set('description')} error={f.err('description')} area />
      <Checks id={f.id('themes')} legend={t('ptF_themes')} hint={t('ptOfferThemesHint')} error={f.err('themes')}
        options={themes} chosen={d.themes} onToggle={toggle('themes')} />
      <Checks id={f.id('modalities')} legend={t('ptF_modalities')} error={f.err('modalities')}
        options={MODALITIES.map((m) => ({ value: m, label: r.modality(m) }))} chosen={d.modalities} onToggle={toggle('modalities')} />
      <Text id={f.id('languages')} label={t('ptF_languages')} hint={t('ptOfferLanguagesHint')} value={d.languages} onInput={set('languages')} error={f.err('languages')} />
      <Checks id={f.id('eligible.groups')} legend={t('ptF_groups')} hint={t('ptGroupsHint')} error={f.err('eligible.groups')}
        options={groups} chosen={d.groups} onToggle={toggle('groups')} />
      <Text id={f.id('eligible.units')} label={t('ptF_units')} hint={t('ptUnitsHint')} value={d.units} onInput={set('units')} error={f.err('eligible.units')} />
      <Text id={f.id('capacity.countries')} label={t('ptF_countries')} hint={t('ptCountriesHint')} value={d.countries} onInput={set('countries')}
        error={f.err('capacity.countries')} class="input-date" extra={{ inputmode: 'numeric' }} />
      <Text id={f.id('capacity.beneficiaries')} label={t('ptF_cap_beneficiaries')} hint={t('ptCapBeneficiariesHint')} value={d.beneficiaries}
        onInput={set('beneficiaries')} error={f.err('capacity.beneficiaries')} class="input-date" extra={{ inputmode: 'numeric' }} />
      <Text id={f.id('available_from')} label={t('ptF_available_from')} hint={t('plDateHint')} value={d.from} onInput={set('from')} error={f.err('available_from')} class="input-date" />
      <Text id={f.id('available_to')} label={t('ptF_available_to')} hint={t('plDateHint')} value={d.to} onInput={set('to')} error={f.err('available_to')} class="input-date" />
      <Text id={f.id('unit_value')} label={t('ptF_unit_value')} hint={t('ptUnitValueHint')} value={d.unit_value} onInput={set('unit_value')}
        error={f.err('unit_value')} class="input-date" extra={{ inputmode: 'decimal' }} />
      <Text id={f.id('currency')} label={t('ptF_currency')} hint={t('ptCurrencyHint')} value={d.currency} onInput={(v) => set('currency')(v.toUpperCase())}
        error={f.err('currency')} class="input-date" extra={{ maxlength: '3', autocomplete: 'off' }} />
      <Radios id={f.id('valuation')} legend={t('ptF_valuation')} hint={t('ptValuationHint')} value={d.valuation} onChange={set('valuation')}
        error={f.err('valuation')} options={VALUATIONS.map((v) => ({ value: v, label: valuation(v) }))} />
      <Send busy={f.busy} label={t('ptOfferSend')} />
    </form>
  );
}

export function NewOfferPage({ route }: { route: Route }) {
  const created = route.params.get('created');
  return (
    <WithRef route={route} title="ptOfferNewTitle" load={async () => null}>
      {(r) => (
        <div class="page partners">
          <Header route={route} h1={t('ptOfferNewTitle')} lead={t('ptOfferNewLead')} />
          {created && <Panel kind="success" title={t('ptOrgCreated', { name: r.org(created) })} />}
          {actsFor(r).length ? <OfferForm r={r} partner={route.params.get('partner') || ''} /> : <p>{t('ptOfferOnlyPartners')}</p>}
          <p><a href={href('/partnerships/offers')}>{t('ptBackToOffers')}</a></p>
        </div>
      )}
    </WithRef>
  );
}
