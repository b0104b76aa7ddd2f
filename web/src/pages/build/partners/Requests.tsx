// Requests for support (/partnerships) and one request with its matches
// (/partnerships/requests/{r}): each match's score part by part with its
// reason in words; the secretariat or a partner proposes; the requesting
// country's focal point alone accepts, shortlists or declines (a reason
// needed), GOV.UK style errors at the field.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { ApiError } from '../../../api';
import { date, num } from '../../../format';
import { Empty, Link } from '../../../components/ui';
import { ErrorSummary, type FieldError } from '../../../components/forms';
import { partners, type Breakdown, type Match, type SupportRequest } from '../../../partners';
import { Text } from '../fields';
import { Header, Status, WithRef, countryHref, partnerHref, pledgeHref, providerSide, requestHref, sourceText, usd, type Ref } from './common';

export function RequestsPage({ route }: { route: Route }) {
  return (
    <WithRef route={route} title="ptRequestsTitle" load={() => partners.requests()}>
      {(r, d) => (
        <div class="page page-wide partners">
          <Header route={route} h1={t('ptRequestsTitle')} lead={t('ptRequestsLead')} />
          {r.rights.focal_units.length > 0 && <p><Link class="button" href={href('/partnerships/requests/new')}>{t('ptNewTitle')}</Link></p>}
          {!d.requests.length ? <Empty title={t('ptNoRequests')} /> : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ptRequestsTitle') })}>
              <table class="data" data-testid="requests-table">
                <caption>{t('ptRequestsTitle')}</caption>
                <thead><tr>
                  <th scope="col">{t('ptRequest')}</th><th scope="col">{t('ptUnit')}</th><th scope="col">{t('ptThemes')}</th>
                  <th scope="col">{t('ptNeededBy')}</th><th scope="col">{t('ptVisibility')}</th><th scope="col">{t('ptStatus')}</th>
                </tr></thead>
                <tbody>
                  {d.requests.map((q) => (
                    <tr key={q.id} data-request={q.id}>
                      <th scope="row"><Link href={requestHref(q.id)}>{q.title}</Link></th>
                      <td><Link href={countryHref(q.unit)}>{r.unit(q.unit)}</Link></td>
                      <td>{q.themes.map(r.theme).join('; ')}</td>
                      <td>{date(q.needed_by)}</td>
                      <td>{t(('ptVis_' + q.visibility) as 'ptVis_public')}</td>
                      <td><Status s={q.status} /></td>
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

/** Each part of the score with its reason, in words. */
function Reasons({ b }: { b: Breakdown }) {
  const rows: [string, number, number, string][] = [
    [t('ptPartTheme'), b.theme, 1, t('ptWhyTheme', { subtopics: b.subtopics, themes: b.themes })],
    [t('ptPartModality'), b.modality, 0.5, b.modality ? t('ptWhyModality') : t('ptWhyNoModality')],
    [t('ptPartLanguage'), b.language, 0.25, b.language ? t('ptWhyLanguage') : t('ptWhyNoLanguage')],
    [t('ptPartRegion'), b.region, 0.25, b.region ? t('ptWhyRegion') : t('ptWhyNoRegion')],
    [t('ptPartCapacity'), b.capacity, 0.25, t('ptWhyCapacity')],
    [t('ptPartGap'), b.gap, 0.25, b.gap ? t('ptWhyGap') : t('ptWhyNoGap')],
  ];
  const by = b.eligible_by === 'everyone' ? t('ptEligibleEveryone') : b.eligible_by === 'unit' ? t('ptEligibleUnit')
    : t('ptEligibleGroup', { group: b.eligible_by.toUpperCase(), year: b.list_year });
  return (
    <>
      <p class="hint">{by}</p>
      <table class="data compact">
        <caption class="sr-only">{t('ptReasons')}</caption>
        <thead><tr><th scope="col">{t('ptPart')}</th><th scope="col" class="num">{t('ptPoints')}</th><th scope="col">{t('ptWhy')}</th></tr></thead>
        <tbody>
          {rows.map(([name, v, max, why]) => (
            <tr key={name}><th scope="row">{name}</th><td class="num">{t('ptOf', { v: num(v, 2), max: num(max, 2) })}</td><td>{why}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Decide({ m, onDone }: { m: Match; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = `pt-reason-${m.id}`;
  const send = async (status: string) => {
    setTries((x) => x + 1);
    if (status === 'declined' && !reason.trim()) {
      setErrors([{ id, message: t('ptReasonNeeded') }]);
      return;
    }
    setBusy(true);
    try {
      await partners.decide(m.id, { status, reason: reason.trim() || undefined });
      setErrors([]);
      onDone();
    } catch (e) {
      const err = e as ApiError;
      setErrors([{ id, message: err.status === 0 ? t('errNetwork') : t('errGeneric', { message: err.message }) }]);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = errors.find((x) => x.id === id)?.message;
  return (
    <form class="form decide" onSubmit={(e) => e.preventDefault()} aria-label={t('ptDecideLabel', { n: m.id })}>
      <ErrorSummary errors={errors} focusKey={tries} />
      <Text id={id} label={t('ptReason')} hint={t('ptReasonHint')} error={fieldError} value={reason} onInput={setReason} area />
      <div class="button-group">
        <button class="button" type="button" disabled={busy} onClick={() => send('accepted')}>{t('ptAccept')}</button>
        {m.status === 'proposed' && <button class="button button-secondary" type="button" disabled={busy} onClick={() => send('shortlisted')}>{t('ptShortlist')}</button>}
        <button class="button button-warning" type="button" disabled={busy} onClick={() => send('declined')}>{t('ptDecline')}</button>
      </div>
    </form>
  );
}

function Matches({ q, r, reload }: { q: SupportRequest; r: Ref; reload: () => void }) {
  const mine = r.rights.focal_units.includes(q.unit);
  const may = r.rights.secretariat || r.rights.organisations.length > 0;
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const propose = async () => {
    setBusy(true);
    try { await partners.propose(q.id); setErr(null); reload(); } catch (e) { setErr((e as ApiError).message); } finally { setBusy(false); }
  };
  const list = q.matches || [];
  return (
    <section aria-labelledby="pt-matches">
      <h2 id="pt-matches">{t('ptMatches')}</h2>
      {may && (q.status === 'open' || q.status === 'matched') && (
        <p><button class="button button-secondary" type="button" disabled={busy} onClick={propose}>{t('ptPropose')}</button></p>
      )}
      {err && <p class="field-error" role="alert">{err}</p>}
      {!list.length ? <p>{t('ptNoMatches')}</p> : list.map((m) => (
        <article class="card match" key={m.id} data-match={m.id}>
          <h3>{t('ptMatchOf', { partner: r.org(m.partner), score: num(m.score, 2), max: num(m.breakdown.max, 1) })}</h3>
          <p><Link href={partnerHref(m.partner)}>{t('ptPartnerLink', { partner: r.org(m.partner) })}</Link></p>
          <p><Status s={m.status} />{m.reason && <> {t('ptBecause', { reason: m.reason })}</>}</p>
          <Reasons b={m.breakdown} />
          {mine && (m.status === 'proposed' || m.status === 'shortlisted') && <Decide m={m} onDone={reload} />}
          {m.status === 'accepted' && providerSide(r, m.partner) && (
            <p><Link class="button button-secondary" href={href('/partnerships/pledges/new', { match: String(m.id) })}>{t('ptRecordPledge')}</Link></p>
          )}
        </article>
      ))}
    </section>
  );
}

export function RequestPage({ route }: { route: Route }) {
  const id = Number(route.id);
  const [tick, setTick] = useState(0);
  return (
    <WithRef route={route} title="ptRequestTitle" tick={tick} load={() => partners.request(id)}>
      {(r, q) => (
        <div class="page page-wide partners">
          <Header route={route} h1={q.title} lead={t('ptRequestLead', { unit: r.unit(q.unit), date: date(q.needed_by) })} />
          <dl class="facts">
            <div><dt>{t('ptStatus')}</dt><dd><Status s={q.status} /></dd></div>
            <div><dt>{t('ptThemes')}</dt><dd>{q.themes.map(r.theme).join('; ')}</dd></div>
            <div><dt>{t('ptModalities')}</dt><dd>{q.modalities.map(r.modality).join(', ')}</dd></div>
            <div><dt>{t('ptLanguages')}</dt><dd>{q.languages.join(', ')}</dd></div>
            <div><dt>{t('ptUnit')}</dt><dd><Link href={countryHref(q.unit)}>{t('ptCountryLink', { unit: r.unit(q.unit) })}</Link></dd></div>
            <div><dt>{t('ptSource')}</dt><dd>{sourceText(q)}{q.measured_gap && <> {t('ptMeasuredGap')}</>}</dd></div>
          </dl>
          {q.description && <p>{q.description}</p>}
          <Matches q={q} r={r} reload={() => setTick((x) => x + 1)} />
          <section aria-labelledby="pt-req-pledges">
            <h2 id="pt-req-pledges">{t('ptTabPledges')}</h2>
            {!(q.pledges || []).length ? <p>{t('ptNoPledges')}</p> : (
              <ul>{q.pledges!.map((p) => (
                <li key={p.id}>{r.org(p.provider)}: <Link href={pledgeHref(p.id)}>{p.description}</Link> ({usd(p.value.usd)}) <Status s={p.cancelled ? 'cancelled' : p.delivery} /></li>
              ))}</ul>
            )}
          </section>
        </div>
      )}
    </WithRef>
  );
}
