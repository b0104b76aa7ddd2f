// One pledge (/partnerships/pledges/{p}): what is given by whom to whom,
// its value, period and three statuses; what it did to the gap it was
// made for (the framework node's value for the recipient before, in the
// campaign the gap was measured in, and after, in the first campaign on
// the framework published once it was delivered in full: the API's
// reading, campaigns named with their year); its dated deliveries. The
// providing side records deliveries, moves the statuses and cancels; the
// recipient's focal point verifies. Each form only for those who may (the
// server decides anyway: its 403 and its 409 for a move backwards are
// shown at the field).
import { useState } from 'preact/hooks';
import { t, type Key } from '../../../i18n';
import { type Route } from '../../../router';
import { api } from '../../../api';
import { date, int, num } from '../../../format';
import { useAsync } from '../../../hooks';
import { ErrorSummary } from '../../../components/forms';
import { findNode, nodeLabel } from '../../../fw';
import { partners, type Pledge, type PledgeMeasurement } from '../../../partners';
import type { Campaign } from '../../../types';
import { DATE_RE, Choice, Text } from '../fields';
import { Header, Status, WithRef, money, providerSide, requestHref, usd, valuation, type Ref } from './common';
import { NUMBER, Send, WHOLE, useForm } from './forms';

const v01 = (x: number | null) => (x == null ? t('noValue') : num(x, 2));

/** The node's value before and after, with the campaigns' names and years. */
function Gap({ m, p, unit }: { m: PledgeMeasurement; p: Pledge; unit: string }) {
  const d = useAsync(async () => {
    const cs = await api.campaigns().catch(() => [] as Campaign[]);
    const before = cs.find((c) => c.id === m.before_campaign);
    const fw = await api.framework(m.framework, before?.framework_version).catch(() => null);
    return { cs, name: fw ? nodeLabel(findNode(fw, m.node)) || m.node : m.node };
  }, [m.framework, m.node, m.before_campaign]);
  const x = d.data;
  const camp = (id?: string | null) => {
    const c = x?.cs.find((y) => y.id === id);
    return !id ? t('noValue') : c ? t('ptCampaignYear', { title: c.title, year: c.year }) : id;
  };
  const change = m.after == null || m.before == null ? null : m.after - m.before;
  const reading = m.after == null
    ? (p.delivery === 'complete' ? t('ptGapNoAfter') : t('ptGapNotDelivered'))
    : change! > 0 ? t('ptGapRose', { d: num(change!, 2) }) : change! < 0 ? t('ptGapFell', { d: num(-change!, 2) }) : t('ptGapSame');
  return (
    <section aria-labelledby="pt-gap" data-testid="pledge-gap">
      <h2 id="pt-gap">{t('ptGapTitle')}</h2>
      <p class="lead">{reading}</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptGapTitle') })}>
        <table class="data compact">
          <caption>{t('ptGapCaption', { node: x?.name || m.node, unit })}</caption>
          <thead><tr><th scope="col">{t('ptGapWhen')}</th><th scope="col">{t('ptGapCampaign')}</th><th scope="col" class="num">{t('ptGapValue')}</th></tr></thead>
          <tbody>
            <tr data-testid="gap-before"><th scope="row">{t('plBefore')}</th><td>{camp(m.before_campaign)}</td><td class="num">{v01(m.before)}</td></tr>
            <tr data-testid="gap-after"><th scope="row">{t('plAfter')}</th><td>{m.after_campaign ? camp(m.after_campaign) : t('plNotYet')}</td><td class="num">{v01(m.after)}</td></tr>
          </tbody>
        </table>
      </div>
      <p class="hint">{t('ptGapNote')}</p>
    </section>
  );
}

const DELIVERY_LABELS: Record<string, Key> = { date: 'ptF_date', what: 'ptF_what', quantity: 'ptF_quantity', beneficiaries: 'ptF_beneficiaries', pledge: 'ptF_date' };

function DeliveryForm({ p, onDone }: { p: Pledge; onDone: () => void }) {
  const empty = { date: '', what: '', quantity: '', beneficiaries: '' };
  const [d, setD] = useState(empty);
  const f = useForm('dl', DELIVERY_LABELS, 'date');
  const set = (k: keyof typeof d) => (v: string) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: Event) => {
    e.preventDefault();
    const local: [string, string][] = [];
    if (!DATE_RE.test(d.date)) local.push(['date', t('ptNeedDateOf', { field: t('ptF_date') })]);
    if (!d.what.trim()) local.push(['what', t('ptNeedWhat')]);
    if (!NUMBER.test(d.quantity)) local.push(['quantity', t('ptNeedQuantity')]);
    if (d.beneficiaries && !WHOLE.test(d.beneficiaries)) local.push(['beneficiaries', t('ptNeedWhole')]);
    const ok = await f.run(local, () => partners.deliver(p.id, {
      date: d.date, what: d.what.trim(), quantity: Number(d.quantity), beneficiaries: d.beneficiaries ? Number(d.beneficiaries) : 0,
    }));
    if (ok) { setD(empty); onDone(); }
  };
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="delivery-form" aria-labelledby="pt-deliver">
      <h3 id="pt-deliver">{t('ptDeliverTitle')}</h3>
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      <Text id={f.id('date')} label={t('ptF_date')} hint={t('plDateHint')} value={d.date} onInput={set('date')} error={f.err('date')} class="input-date" />
      <Text id={f.id('what')} label={t('ptF_what')} hint={t('ptWhatHint')} value={d.what} onInput={set('what')} error={f.err('what')} />
      <Text id={f.id('quantity')} label={t('ptF_quantity')} hint={t('ptQuantityHint')} value={d.quantity} onInput={set('quantity')}
        error={f.err('quantity')} class="input-date" extra={{ inputmode: 'decimal' }} />
      <Text id={f.id('beneficiaries')} label={t('ptF_beneficiaries')} hint={t('ptBeneficiariesHint')} value={d.beneficiaries}
        onInput={set('beneficiaries')} error={f.err('beneficiaries')} class="input-date" extra={{ inputmode: 'numeric' }} />
      <Send busy={f.busy} label={t('ptDeliverSend')} />
    </form>
  );
}

const STATUS_LABELS: Record<string, Key> = { commitment: 'ptCommitment', delivery: 'ptDelivery', verification: 'ptVerification', cancelled: 'ptCommitment', pledge: 'ptCommitment' };
const ORDER = { commitment: ['proposed', 'confirmed'], delivery: ['none', 'partial', 'complete'], verification: ['self', 'recipient', 'secretariat'] };
type StatusKey = keyof typeof ORDER;

function StatusForm({ r, p, onDone }: { r: Ref; p: Pledge; onDone: () => void }) {
  const provider = providerSide(r, p.provider);
  const focal = r.rights.focal_units.includes(p.recipient);
  // The verification a caller may give: the partner's own report, the country's, the secretariat's.
  const verify = ORDER.verification.filter((v) => v === p.verification || (v === 'self' && provider) || (v === 'recipient' && focal) || (v === 'secretariat' && r.rights.secretariat));
  const fields: StatusKey[] = [...(provider ? ['commitment', 'delivery'] as StatusKey[] : []), ...(verify.length > 1 ? ['verification'] as StatusKey[] : [])];
  const [d, setD] = useState({ commitment: p.commitment, delivery: p.delivery, verification: p.verification } as Record<StatusKey, string>);
  const f = useForm('ps', STATUS_LABELS, fields[0] || 'commitment');
  if (!fields.length) return null;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, string> = {};
    for (const k of fields) if (d[k] !== p[k]) body[k] = d[k];
    const ok = await f.run(Object.keys(body).length ? [] : [[fields[0], t('ptNeedChange')]], () => partners.patchPledge(p.id, body));
    if (ok) onDone();
  };
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="status-form" aria-labelledby="pt-statuses">
      <h3 id="pt-statuses">{t('ptStatusesTitle')}</h3>
      <p class="hint">{t('ptStatusesHint')}</p>
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      {fields.map((k) => (
        <Choice key={k} id={f.id(k)} label={t(STATUS_LABELS[k])} value={d[k]} error={f.err(k)} onChange={(v) => setD((x) => ({ ...x, [k]: v }))}
          options={(k === 'verification' ? verify : ORDER[k]).map((v) => ({ value: v, label: t(('ptSt_' + v) as Key) }))} />
      ))}
      <Send busy={f.busy} label={t('ptStatusesSend')} />
    </form>
  );
}

function CancelPledge({ p, onDone }: { p: Pledge; onDone: () => void }) {
  const [confirm, setConfirm] = useState(false);
  const f = useForm('pc', { cancelled: 'ptCancelPledge', pledge: 'ptCancelPledge' }, 'cancelled');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await f.run([], () => partners.patchPledge(p.id, { cancelled: true }))) onDone();
  };
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="cancel-form" aria-labelledby="pt-cancel">
      <h3 id="pt-cancel">{t('ptCancelPledge')}</h3>
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      {!confirm ? <button type="button" id={f.id('cancelled')} class="button button-warning" onClick={() => setConfirm(true)}>{t('ptCancelPledge')}</button> : (
        <div class="panel panel-warning" role="group" aria-label={t('ptCancelPledge')}>
          <p>{t('ptCancelConfirm')}</p>
          <Send busy={f.busy} label={t('ptCancelYes')} kind="button-warning" />
          <button type="button" class="button-link" onClick={() => setConfirm(false)}>{t('ptCancelNo')}</button>
        </div>
      )}
    </form>
  );
}

export function PledgePage({ route }: { route: Route }) {
  const id = Number(route.id);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((x) => x + 1);
  return (
    <WithRef route={route} title="ptPledgeTitle" tick={tick} load={() => partners.pledge(id)}>
      {(r, p) => {
        const provider = providerSide(r, p.provider);
        const open = !p.cancelled;
        return (
          <div class="page page-wide partners" data-testid="pledge">
            <Header route={route} h1={p.description} lead={t('ptPledgeLead', { org: r.org(p.provider), unit: r.unit(p.recipient) })} />
            <dl class="facts" data-testid="pledge-facts">
              <div><dt>{t('ptValue')}</dt><dd>{money(p.value.amount, p.value.currency)} <span class="hint">{t('ptValueNote',
                { usd: usd(p.value.usd), date: date(p.value.fx_date), basis: valuation(p.value.valuation) })}</span></dd></div>
              <div><dt>{t('ptF_modality')}</dt><dd>{r.modality(p.modality)}</dd></div>
              <div><dt>{t('ptPeriod')}</dt><dd>{t('ptFromTo', { from: date(p.period.from), to: date(p.period.to) })}</dd></div>
              <div><dt>{t('ptCommitment')}</dt><dd data-testid="st-commitment">{p.cancelled ? <Status s="cancelled" /> : <Status s={p.commitment} />}</dd></div>
              <div><dt>{t('ptDelivery')}</dt><dd data-testid="st-delivery"><Status s={p.delivery} /></dd></div>
              <div><dt>{t('ptVerification')}</dt><dd data-testid="st-verification"><Status s={p.verification} /></dd></div>
              {p.themes.length > 0 && <div><dt>{t('ptThemes')}</dt><dd>{p.themes.map(r.theme).join('; ')}</dd></div>}
              {p.request && <div><dt>{t('ptRequest')}</dt><dd><a href={requestHref(p.request)}>{t('ptRequestN', { n: p.request })}</a></dd></div>}
            </dl>
            {p.measurement && <Gap m={p.measurement} p={p} unit={r.unit(p.recipient)} />}
            <section aria-labelledby="pt-deliveries">
              <h2 id="pt-deliveries">{t('ptDeliveries')}</h2>
              {!(p.deliveries || []).length ? <p>{t('ptNoDeliveries')}</p> : (
                <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptDeliveries') })}>
                  <table class="data" data-testid="deliveries-table">
                    <caption class="sr-only">{t('ptDeliveries')}</caption>
                    <thead><tr><th scope="col">{t('ptF_date')}</th><th scope="col">{t('ptF_what')}</th>
                      <th scope="col" class="num">{t('ptF_quantity')}</th><th scope="col" class="num">{t('ptF_beneficiaries')}</th></tr></thead>
                    <tbody>{p.deliveries!.map((x) => (
                      <tr key={x.id}><td>{date(x.date)}</td><th scope="row">{x.what}</th><td class="num">{num(x.quantity, Number.isInteger(x.quantity) ? 0 : 2)}</td><td class="num">{int(x.beneficiaries)}</td></tr>
                    ))}</tbody>
                  </table>
                </div>
              )}
              {provider && open && p.delivery !== 'complete' && <DeliveryForm p={p} onDone={reload} />}
            </section>
            {open && <StatusForm key={tick} r={r} p={p} onDone={reload} />}
            {provider && open && p.delivery !== 'complete' && <CancelPledge key={'c' + tick} p={p} onDone={reload} />}
          </div>
        );
      }}
    </WithRef>
  );
}
