// Recording a pledge (/partnerships/pledges/new, or ?match=M from an
// accepted match, which fixes the provider, the recipient and the
// request): what is given, its kind, its value (amount, currency, the
// exchange rate to US dollars and its date, the valuation basis), the
// period and whether it is confirmed yet. The secretariat or the
// providing partner records it; the server decides anyway (403, 409 when
// the match is not accepted, 422 naming the field).
import { useState } from 'preact/hooks';
import { t, type Key } from '../../../i18n';
import { href, navigate, type Route } from '../../../router';
import { ErrorSummary } from '../../../components/forms';
import { partners, type Match, type SupportRequest } from '../../../partners';
import { DATE_RE, Choice, Text } from '../fields';
import { Header, MODALITIES, VALUATIONS, WithRef, actsFor, pledgeHref, providerSide, requestHref, valuation, type Ref } from './common';
import { NUMBER, Radios, Send, useForm } from './forms';

interface PledgeDraft {
  provider: string; recipient: string; description: string; modality: string; amount: string; currency: string;
  fx_rate: string; fx_date: string; valuation: string; from: string; to: string; commitment: string;
}
const LABELS: Record<string, Key> = {
  provider: 'ptF_provider', recipient: 'ptF_recipient', description: 'ptF_pledge_description', modality: 'ptF_modality',
  'value.amount': 'ptF_amount', 'value.currency': 'ptF_currency', 'value.fx_rate': 'ptF_fx_rate', 'value.fx_date': 'ptF_fx_date',
  'value.valuation': 'ptF_valuation', value: 'ptF_amount', 'period.from': 'ptF_period_from', 'period.to': 'ptF_period_to',
  period: 'ptF_period_from', commitment: 'ptF_commitment', match: 'ptF_provider', themes: 'ptF_themes',
};

function problems(d: PledgeDraft): [string, string][] {
  const p: [string, string][] = [];
  if (!d.provider) p.push(['provider', t('ptNeedPartner')]);
  if (!d.recipient) p.push(['recipient', t('ptNeedRecipient')]);
  if (!d.description.trim()) p.push(['description', t('ptNeedPledgeDescription')]);
  if (!NUMBER.test(d.amount)) p.push(['value.amount', t('ptNeedAmount')]);
  if (!/^[A-Z]{3}$/.test(d.currency)) p.push(['value.currency', t('ptNeedCurrency')]);
  if (!NUMBER.test(d.fx_rate) || Number(d.fx_rate) <= 0) p.push(['value.fx_rate', t('ptNeedFxRate')]);
  if (!DATE_RE.test(d.fx_date)) p.push(['value.fx_date', t('ptNeedDateOf', { field: t('ptF_fx_date') })]);
  if (!d.valuation) p.push(['value.valuation', t('ptNeedValuation')]);
  if (!DATE_RE.test(d.from)) p.push(['period.from', t('ptNeedDateOf', { field: t('ptF_period_from') })]);
  if (!DATE_RE.test(d.to)) p.push(['period.to', t('ptNeedDateOf', { field: t('ptF_period_to') })]);
  else if (DATE_RE.test(d.from) && d.to < d.from) p.push(['period.to', t('ptNeedToAfterFrom')]);
  return p;
}

function PledgeForm({ r, match, req }: { r: Ref; match: Match | null; req: SupportRequest | null }) {
  const mine = actsFor(r);
  const [d, setD] = useState<PledgeDraft>({
    provider: match ? match.partner : mine[0] || '', recipient: match ? match.unit : '', description: req?.title || '',
    modality: req?.modalities[0] || 'training', amount: '', currency: 'USD', fx_rate: '1', fx_date: '', valuation: '',
    from: '', to: '', commitment: 'proposed',
  });
  const f = useForm('pn', LABELS, 'description');
  const set = (k: keyof PledgeDraft) => (v: string) => setD((x) => ({ ...x, [k]: v }));
  const submit = async (e: Event) => {
    e.preventDefault();
    let id = 0;
    const ok = await f.run(problems(d), async () => {
      const made = await partners.createPledge({
        ...(match ? { match: match.id } : {}), provider: d.provider, recipient: d.recipient, description: d.description.trim(),
        modality: d.modality, commitment: d.commitment,
        value: { amount: Number(d.amount), currency: d.currency, fx_rate: Number(d.fx_rate), fx_date: d.fx_date, valuation: d.valuation },
        period: { from: d.from, to: d.to },
      });
      id = made.id;
    });
    if (ok) navigate(pledgeHref(id));
  };
  const units = r.units.map((u) => ({ value: u.id, label: r.unit(u.id) }));
  return (
    <form class="form" onSubmit={submit} noValidate data-testid="pledge-form">
      <ErrorSummary errors={f.errors} focusKey={f.tries} />
      {match ? (
        <dl class="facts">
          <div><dt>{t('ptF_provider')}</dt><dd id={f.id('provider')} tabIndex={-1}>{r.org(match.partner)}</dd></div>
          <div><dt>{t('ptF_recipient')}</dt><dd id={f.id('recipient')} tabIndex={-1}>{r.unit(match.unit)}</dd></div>
          <div><dt>{t('ptRequest')}</dt><dd><a href={requestHref(match.request)}>{req?.title || match.request}</a></dd></div>
        </dl>
      ) : (
        <>
          <Choice id={f.id('provider')} label={t('ptF_provider')} value={d.provider} onChange={set('provider')} error={f.err('provider')}
            options={mine.map((o) => ({ value: o, label: r.org(o) }))} />
          <Choice id={f.id('recipient')} label={t('ptF_recipient')} value={d.recipient} onChange={set('recipient')} error={f.err('recipient')}
            options={[{ value: '', label: t('ptChooseCountry') }, ...units]} />
        </>
      )}
      <Text id={f.id('description')} label={t('ptF_pledge_description')} value={d.description} onInput={set('description')} error={f.err('description')} area />
      <Choice id={f.id('modality')} label={t('ptF_modality')} value={d.modality} onChange={set('modality')} error={f.err('modality')}
        options={MODALITIES.map((m) => ({ value: m, label: r.modality(m) }))} />
      <fieldset class="fieldset">
        <legend class="label label-s">{t('ptValue')}</legend>
        <Text id={f.id('value.amount')} label={t('ptF_amount')} value={d.amount} onInput={set('amount')} error={f.err('value.amount')}
          class="input-date" extra={{ inputmode: 'decimal' }} />
        <Text id={f.id('value.currency')} label={t('ptF_currency')} hint={t('ptCurrencyHint')} value={d.currency}
          onInput={(v) => set('currency')(v.toUpperCase())} error={f.err('value.currency')} class="input-date" extra={{ maxlength: '3', autocomplete: 'off' }} />
        <Text id={f.id('value.fx_rate')} label={t('ptF_fx_rate')} hint={t('ptFxRateHint')} value={d.fx_rate} onInput={set('fx_rate')}
          error={f.err('value.fx_rate')} class="input-date" extra={{ inputmode: 'decimal' }} />
        <Text id={f.id('value.fx_date')} label={t('ptF_fx_date')} hint={t('plDateHint')} value={d.fx_date} onInput={set('fx_date')}
          error={f.err('value.fx_date')} class="input-date" />
        <Radios id={f.id('value.valuation')} legend={t('ptF_valuation')} hint={t('ptValuationHint')} value={d.valuation} onChange={set('valuation')}
          error={f.err('value.valuation')} options={VALUATIONS.map((v) => ({ value: v, label: valuation(v) }))} />
      </fieldset>
      <Text id={f.id('period.from')} label={t('ptF_period_from')} hint={t('plDateHint')} value={d.from} onInput={set('from')} error={f.err('period.from')} class="input-date" />
      <Text id={f.id('period.to')} label={t('ptF_period_to')} hint={t('plDateHint')} value={d.to} onInput={set('to')} error={f.err('period.to')} class="input-date" />
      <Radios id={f.id('commitment')} legend={t('ptF_commitment')} hint={t('ptCommitmentHint')} value={d.commitment} onChange={set('commitment')}
        error={f.err('commitment')} options={['proposed', 'confirmed'].map((v) => ({ value: v, label: t(('ptSt_' + v) as Key) }))} />
      <Send busy={f.busy} label={t('ptPledgeSend')} />
    </form>
  );
}

export function NewPledgePage({ route }: { route: Route }) {
  const m = Number(route.params.get('match')) || 0;
  return (
    <WithRef route={route} title="ptPledgeNewTitle" load={async () => {
      if (!m) return { match: null, req: null };
      const match = (await partners.matches()).matches.find((x) => x.id === m) || null;
      return { match, req: match ? await partners.request(match.request) : null };
    }}>
      {(r, x) => {
        const may = x.match ? providerSide(r, x.match.partner) && x.match.status === 'accepted' : actsFor(r).length > 0;
        return (
          <div class="page partners">
            <Header route={route} h1={t('ptPledgeNewTitle')} lead={x.match ? t('ptPledgeFromMatch') : t('ptPledgeNewLead')} />
            {m && !x.match ? <p>{t('ptNoSuchMatch', { n: m })}</p>
              : may ? <PledgeForm r={r} match={x.match} req={x.req} />
                : <p>{x.match && x.match.status !== 'accepted' ? t('ptMatchNotAccepted') : t('ptPledgeOnlyProvider')}</p>}
            <p><a href={href('/partnerships/pledges')}>{t('ptBackToPledges')}</a></p>
          </div>
        );
      }}
    </WithRef>
  );
}
