// A participant's own ratings (/risks/{a}/rate?phase): every scenario of
// the assessment with what it is about (not its owner, nor the register's
// ratings or treatments: the server does not send them), and a form to
// rate its likelihood and impact in the phase chosen, saved risk by risk
// ("Saved 10:42"). Only the participant's own ratings are shown; the
// facilitator brings them together at the workshop. The team may open
// a participant's page with ?participant=ID to enter ratings in their hand.
import { useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { href, setParams, type Route } from '../../../router';
import { useAsync, useTitle } from '../../../hooks';
import { int } from '../../../format';
import { useSession } from '../../../session';
import { ApiError } from '../../../api';
import { Controls, Link, Loading, Select } from '../../../components/ui';
import { AccessError, SignInNeeded } from '../../../components/Gate';
import { ErrorSummary, clock, type FieldError } from '../../../components/forms';
import { PHASES, isPhase, riskWorkshopsOf, risks, type Matrix, type ParticipantRecord, type Phase, type Taxonomies } from '../../../risks';
import { LevelTag, levelNames, phaseName, termName } from './common';
import { RatingFields, checkRating, ratingValue } from './RatingFields';
import { groupName } from '../Respondents';

export function RiskRate({ route }: { route: Route }) {
  const s = useSession(true);
  const title = t('rkRateTitle');
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  const asked = Number(route.params.get('participant'));
  const mine = riskWorkshopsOf(s.user).find((w) => w.assessment === route.id);
  const p = asked || mine?.participant;
  if (!p) return <AccessError title={title} error={new ApiError(403, 'forbidden', '')} route={route} />;
  return <RateLoader route={route} p={p} key={route.id + '/' + p} />;
}

function RateLoader({ route, p }: { route: Route; p: number }) {
  const a = route.id!;
  const data = useAsync(async () => {
    const [rec, tax] = await Promise.all([risks.participant(a, p), risks.taxonomies()]);
    return { rec, tax };
  }, [a, p]);
  useTitle(data.data ? t('rkRateDoc', { title: data.data.rec.assessment.title }) : t('rkRateTitle'));
  if (data.state === 'error') return <AccessError title={t('rkRateTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('rkRateTitle')}</h1><Loading /></div>;
  const ph = route.params.get('phase');
  return <RateView d={data.data} phase={isPhase(ph) ? ph : 'current'} p={p} />;
}

type Ratings = ParticipantRecord['risks'][number]['ratings'];

function RateView({ d, phase, p }: { d: { rec: ParticipantRecord; tax: Taxonomies }; phase: Phase; p: number }) {
  const { rec, tax } = d;
  const m = rec.assessment.matrix;
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  // The ratings as saved, kept here as each save answers (no reload, so each form keeps its state).
  const [mine, setMine] = useState<Record<string, Ratings>>(() => Object.fromEntries(rec.risks.map((r) => [r.id, r.ratings])));
  const done = rec.risks.filter((r) => mine[r.id]?.[phase]).length;
  return (
    <div class="page risk risk-rate">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <p class="eyebrow">{rec.assessment.title}</p>
      <h1>{t('rkRateTitle')}</h1>
      <p class="lead">{t('rkRateLead', { name: rec.name, group: groupName(rec.group) })}</p>
      <Controls label={t('rkPhase')}>
        <Select id="rt-phase" label={t('rkPhase')} value={phase} onChange={(v) => setParams({ phase: v === 'current' ? null : v })}
          options={PHASES.map((x) => ({ value: x, label: phaseName(x) }))} hint={t('rkRatePhaseHint')} />
      </Controls>
      <p role="status" data-testid="rate-progress"><strong>{t('rkRateProgress', { n: int(done), m: int(rec.risks.length), phase: phaseName(phase) })}</strong></p>
      <ol class="rate-list">
        {rec.risks.map((r, k) => (
          <li key={r.id + phase}>
            <RateRisk a={rec.assessment.id} p={p} m={m} tax={tax} r={{ ...r, ratings: mine[r.id] || {} }} k={k + 1} phase={phase}
              onSaved={(x) => setMine((old) => ({ ...old, [r.id]: x }))}
              onErrors={(e) => { setErrors(e); setAttempt((x) => x + 1); }} />
          </li>
        ))}
      </ol>
      <p><Link href={href('/work')}>{t('backToMyWork')}</Link></p>
    </div>
  );
}

function RateRisk({ a, p, m, tax, r, k, phase, onSaved, onErrors }: {
  a: string; p: number; m: Matrix; tax: Taxonomies; r: ParticipantRecord['risks'][number]; k: number; phase: Phase;
  onSaved: (r: Ratings) => void; onErrors: (e: FieldError[]) => void;
}) {
  const mine = r.ratings[phase];
  const [v, setV] = useState(() => ratingValue(mine));
  const [comment, setComment] = useState(mine?.comment || '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Date | null>(null);
  const [open] = useState(!mine); // open at first when not rated yet; then as the person leaves it
  const id = `rt-${k}`;
  const { lname, iname } = levelNames(m);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const c = checkRating(m, id, v);
    const es = c.errors.map((e) => ({ ...e, message: t('rkErrOf', { n: k, message: e.message }) }));
    setErrors(c.errors);
    setSaved(null);
    onErrors(es);
    if (es.length) return;
    setBusy(true);
    try {
      const x = await risks.rate(a, p, r.id, { ...c.body, phase, comment });
      setSaved(new Date());
      onSaved(x.ratings);
    } catch (e) {
      const ae = e as ApiError;
      const msg = ae.status === 0 ? t('errNetwork') : t('errGeneric', { message: ae.message });
      setErrors([{ id: id + '-l', message: msg }]);
      onErrors([{ id: id + '-l', message: t('rkErrOf', { n: k, message: msg }) }]);
    } finally { setBusy(false); }
  };
  return (
    <section class="rate-risk" aria-labelledby={id + '-title'} data-risk={r.id}>
      <h2 id={id + '-title'} class="rate-title"><span class="q-num">{t('rkScenarioN', { n: k })}</span> {r.title}</h2>
      <p>{r.scenario}</p>
      <dl class="card-facts">
        <div><dt>{t('rkSector')}</dt><dd>{r.sectors.map((s) => termName(tax.sectors, s)).join(', ')}</dd></div>
        <div><dt>{t('rkThreat')}</dt><dd>{termName(tax.threats, r.threat)}</dd></div>
        <div><dt>{t('rkActor')}</dt><dd>{termName(tax.actors, r.actor)}</dd></div>
      </dl>
      {r.vulnerabilities && <p><span class="muted">{t('rkVulns')}:</span> {r.vulnerabilities}</p>}
      {mine && (
        <p class="rate-mine" data-testid="my-rating"><span aria-hidden="true">✓ </span>
          {t('rkMine', { l: lname(mine.likelihood), i: iname(mine.impact) })} <LevelTag m={m} level={mine.level} />
          {mine.comment && <span class="muted rate-comment"> — “{mine.comment}”</span>}</p>
      )}
      <details class="rate-form" open={open || undefined}>
        <summary>{mine ? t('rkRateChange') : t('rkRateGive')}<span class="sr-only">: {r.title}</span></summary>
        <form noValidate onSubmit={submit}>
          <RatingFields m={m} id={id} value={v} onChange={setV} errors={errors} legend={t('rkScenarioN', { n: k })} />
          <div class="form-group">
            <label class="label label-s" for={id + '-c'}>{t('rkComment')}</label>
            <span class="hint" id={id + '-c-hint'}>{t('rkCommentHint')}</span>
            <textarea class="textarea" id={id + '-c'} rows={2} value={comment} aria-describedby={id + '-c-hint'}
              onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit" class="button" disabled={busy}>{busy ? t('saving') : t('rkRateSave')}</button>
          {saved && <span class="save-line save-saved" role="status"> {t('savedAt', { time: clock(saved) })}</span>}
        </form>
      </details>
    </section>
  );
}
