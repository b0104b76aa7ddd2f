// The facilitator's risk workshop (/risks/{a}/workshop?phase&show): the
// participants (add, remove, the one-time link for a new one), then per
// scenario, in the phase chosen, what each participant rated, the spread
// (how many gave each level, the median, "two ratings two or more levels
// apart" said in words and marked by a sign, never by colour alone), and
// the form to record the rating the workshop agreed as the risk's own with
// a note of the dissent. For the register's team; individual ratings stay
// here and are never published.
import { useRef, useState } from 'preact/hooks';
import { t } from '../../../i18n';
import { setParams, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { int } from '../../../format';
import { ApiError } from '../../../api';
import { Controls, ErrorState, Loading, Select } from '../../../components/ui';
import { ErrorSummary, clock, type FieldError } from '../../../components/forms';
import { PHASES, isPhase, risks, type Matrix, type Phase, type Spread, type Workshop, type WorkshopPhase } from '../../../risks';
import { AddRespondent, RespondentList, groupName } from '../Respondents';
import { LevelTag, RegisterHeader, WithRegister, levelNames, phaseName } from './common';
import { RatingFields, checkRating, ratingValue } from './RatingFields';

type Show = 'all' | 'divergent' | 'open';

export function RiskWorkshop({ route }: { route: Route }) {
  const a = route.id!;
  const [tick, setTick] = useState(0);
  const ws = useAsync(() => risks.workshop(a), [a, tick]);
  const [addErrors, setAddErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const ph = route.params.get('phase');
  const phase: Phase = isPhase(ph) ? ph : 'current';
  const sh = route.params.get('show');
  const show: Show = sh === 'divergent' || sh === 'open' ? sh : 'all';
  // The last answer is kept while a new one loads, so that forms keep their state.
  const last = useRef<Workshop | null>(null);
  if (ws.data) last.current = ws.data;
  const w = ws.data || last.current;
  return (
    <WithRegister route={route} title="rkWsTitle">
      {({ a: as }) => {
        const m = as.matrix;
        if (ws.state === 'error' && !w) return <div class="page"><h1>{t('rkWsTitle')}</h1><ErrorState error={ws.error} retry={ws.retry} /></div>;
        if (!w) return <div class="page"><h1>{t('rkWsTitle')}</h1><Loading /></div>;
        const active = w.participants.filter((p) => !p.removed);
        const of = (r: Workshop['risks'][number]) => r.phases[phase];
        const divergent = w.risks.filter((r) => divergentOf(of(r)));
        const agreed = w.risks.filter((r) => of(r).agreed?.workshop);
        const shown = w.risks.filter((r) => show === 'divergent' ? divergentOf(of(r)) : show === 'open' ? !of(r).agreed?.workshop : true);
        return (
          <div class="page page-wide risk workshop">
            <ErrorSummary errors={addErrors} focusKey={attempt} />
            <RegisterHeader a={as} current="workshop" h1={t('rkWsTitle')} />
            <p class="lead">{t('rkWsLead')}</p>
            <dl class="figures" data-testid="rws-figures">
              <div><dt>{t('rkWsParticipants')}</dt><dd>{int(active.length)}</dd></div>
              <div><dt>{t('rkWsAgreed')}</dt><dd>{t('nOfM', { n: int(agreed.length), m: int(w.risks.length) })}</dd></div>
              <div><dt>{t('rkWsDivergentN')}</dt><dd>{int(divergent.length)}</dd></div>
            </dl>
            <section class="work-section" aria-labelledby="rws-p-title">
              <h2 id="rws-p-title">{t('rkWsParticipants')}</h2>
              {!active.length ? <p class="muted" data-testid="no-participants">{t('rkWsNone')}</p> : (
                <RespondentList list={active.map((p) => ({ ...p, answered: p.rated }))} questions={w.risks.length} title={t('rkWsParticipants')}
                  doneLabel={t('rkWsRated')} remove={(id) => risks.removeParticipant(a, id)} onChange={() => setTick((x) => x + 1)} readOnly={false}
                  confirm={(name) => t('rkWsRemoveConfirm', { name })} />
              )}
              <AddRespondent add={(p) => risks.addParticipant(a, p)} onAdded={() => setTick((x) => x + 1)} title={t('rkWsAdd')} button={t('rkWsAddButton')}
                errors={addErrors} onErrors={(e) => { setAddErrors(e); setAttempt((x) => x + 1); }} />
            </section>
            <section class="work-section" aria-labelledby="rws-r-title">
              <h2 id="rws-r-title">{t('rkWsRisks')}</h2>
              <Controls label={t('chooseWhatToShow')}>
                <Select id="rws-phase" label={t('rkPhase')} value={phase} onChange={(v) => setParams({ phase: v === 'current' ? null : v })}
                  options={PHASES.map((x) => ({ value: x, label: phaseName(x) }))} />
                <Select id="rws-show" label={t('wsShow')} value={show} onChange={(v) => setParams({ show: v === 'all' ? null : v })}
                  options={[{ value: 'all', label: t('rkWsShowAll') }, { value: 'divergent', label: t('rkWsShowDivergent') }, { value: 'open', label: t('rkWsShowOpen') }]} />
              </Controls>
              {!shown.length ? <p class="muted">{t('nothingToShow')}</p> : shown.map((r) => (
                <WorkshopRisk key={r.id + phase} a={a} m={m} id={r.id} title={r.title} phase={phase} d={of(r)} onSaved={() => setTick((x) => x + 1)} />
              ))}
            </section>
          </div>
        );
      }}
    </WithRegister>
  );
}

const divergentOf = (d: WorkshopPhase) => !!d.spread && (d.spread.likelihood.divergent || d.spread.impact.divergent || d.spread.level.divergent
  || Object.values(d.spread.dimensions || {}).some((s) => s.divergent));

function WorkshopRisk({ a, m, id, title, phase, d, onSaved }: { a: string; m: Matrix; id: string; title: string; phase: Phase; d: WorkshopPhase; onSaved: () => void }) {
  const { lname, iname, dname } = levelNames(m);
  const hid = 'rws-' + id;
  const div = divergentOf(d);
  return (
    <section class={'q wq' + (div ? ' wq-divergent' : '')} aria-labelledby={hid + '-title'} data-risk={id}>
      <h3 class="q-title" id={hid + '-title'}>{title}</h3>
      {div && <p class="wq-diverge" data-testid="divergent"><span class="wq-diverge-sign" aria-hidden="true">⚠</span> <strong>{t('rkWsDivergent')}</strong></p>}
      {d.spread && d.responses.length > 0 && <SpreadTable m={m} hid={hid} spread={d.spread} title={title} />}
      {d.responses.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('rkWsResponsesOf', { title })}>
          <table class="data wq-responses stack-table" data-testid="responses">
            <caption class="sr-only">{t('rkWsResponsesOf', { title })}</caption>
            <thead><tr><th scope="col">{t('colRespondent')}</th><th scope="col">{t('rkLikelihood')}</th><th scope="col">{t('rkImpactBy')}</th>
              <th scope="col">{t('rkLevelWord')}</th><th scope="col">{t('commentLabel')}</th></tr></thead>
            <tbody>
              {d.responses.map((x) => (
                <tr key={x.participant} data-participant={x.participant}>
                  <th scope="row">{x.name}<span class="muted respondent-email">{groupName(x.group)}</span></th>
                  <td data-label={t('cellLabel', { label: t('rkLikelihood') })}>{lname(x.likelihood)}</td>
                  <td data-label={t('cellLabel', { label: t('rkImpactBy') })}>{x.impacts
                    ? Object.entries(x.impacts).map(([k, v]) => `${dname(k)}: ${iname(v)}`).join('; ') : iname(x.impact)}</td>
                  <td data-label={t('cellLabel', { label: t('rkLevelWord') })}><LevelTag m={m} level={x.level} /></td>
                  <td data-label={t('cellLabel', { label: t('commentLabel') })}>{x.comment || <span class="muted">{t('noValue')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p class="muted">{t('rkWsNoRatings', { phase: phaseName(phase) })}</p>}
      <Agreed a={a} m={m} id={id} title={title} phase={phase} d={d} onSaved={onSaved} />
    </section>
  );
}

/** The spread of the ratings: per measure, the count at every level (zeros too), the median, whether views differ by two or more levels. */
function SpreadTable({ m, hid, spread, title }: { m: Matrix; hid: string; spread: NonNullable<WorkshopPhase['spread']>; title: string }) {
  const { dname } = levelNames(m);
  const rows: { label: string; s: Spread; scale: { id: string; name: string }[] }[] = [
    { label: t('rkLikelihood'), s: spread.likelihood, scale: m.likelihood },
    { label: t('rkImpact'), s: spread.impact, scale: m.impact.levels },
    ...Object.entries(spread.dimensions || {}).filter(([, s]) => Object.keys(s.counts).length)
      .map(([k, s]) => ({ label: dname(k), s, scale: m.impact.levels })),
    { label: t('rkLevelWord'), s: spread.level, scale: m.levels },
  ];
  const at = (r: typeof rows[number], k: number) => r.scale[k - 1]?.name || '';
  const med = (r: typeof rows[number]) => (r.s.median == null ? t('noValue') : Number.isInteger(r.s.median) ? at(r, r.s.median)
    : t('rkWsBetween', { a: at(r, Math.floor(r.s.median)), b: at(r, Math.ceil(r.s.median)) }));
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('rkWsSpreadOf', { title })}>
      <table class="data rws-spread stack-table" data-testid="spread" id={hid + '-spread'}>
        <caption class="wq-sub">{t('rkWsSpread')}</caption>
        <thead><tr><th scope="col">{t('rkWsMeasure')}</th><th scope="col">{t('wsCounts')}</th><th scope="col">{t('wsMedian')}</th><th scope="col">{t('rkWsApart')}</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td data-label={t('cellLabel', { label: t('wsCounts') })}>{r.scale.map((x) => `${x.name} ${int(r.s.counts[x.id] || 0)}`).join(' · ')}</td>
              <td data-testid="median" data-label={t('cellLabel', { label: t('wsMedian') })}>{med(r)}</td>
              <td data-label={t('cellLabel', { label: t('rkWsApart') })}>{r.s.divergent ? <strong><span aria-hidden="true">⚠ </span>{t('rkYes')}</strong> : t('rkNo')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Agreed({ a, m, id, title, phase, d, onSaved }: { a: string; m: Matrix; id: string; title: string; phase: Phase; d: WorkshopPhase; onSaved: () => void }) {
  const cur = d.agreed;
  const [v, setV] = useState(() => ratingValue(cur));
  const [rationale, setRationale] = useState(cur?.rationale || '');
  const [dissent, setDissent] = useState(cur?.dissent || '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Date | null>(null);
  const { lname, iname } = levelNames(m);
  const fid = 'ag-' + id;
  const [open] = useState(!cur?.workshop && d.responses.length > 0);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const c = checkRating(m, fid, v);
    setErrors(c.errors);
    setSaved(null);
    if (c.errors.length) return;
    setBusy(true);
    try {
      await risks.agree(a, id, phase, { ...c.body, rationale, dissent, workshop: true, ...(cur?.confidence ? { confidence: cur.confidence } : {}) });
      setSaved(new Date());
      onSaved();
    } catch (e) {
      const ae = e as ApiError;
      setErrors([{ id: fid + '-l', message: ae.status === 0 ? t('errNetwork') : t('errGeneric', { message: ae.message }) }]);
    } finally { setBusy(false); }
  };
  return (
    <div class="wq-consensus">
      <h4 class="wq-sub">{t('rkWsAgreedTitle')}</h4>
      {cur?.workshop ? (
        <p class="wq-recorded" data-testid="agreed"><span aria-hidden="true">✓ </span>
          {t('rkWsAgreedIs', { l: lname(cur.likelihood), i: iname(cur.impact) })} <LevelTag m={m} level={cur.level} /></p>
      ) : <p class="muted">{cur ? t('rkWsRegisterIs', { l: lname(cur.likelihood), i: iname(cur.impact) }) : t('rkWsNoAgreed')}</p>}
      {cur?.workshop && cur.dissent && <p data-testid="dissent"><span class="muted">{t('rkDissent')}:</span> {cur.dissent}</p>}
      <details class="wq-form" open={open || undefined}>
        <summary>{cur?.workshop ? t('rkWsChange') : t('rkWsRecord')}<span class="sr-only">: {title}</span></summary>
        <form noValidate onSubmit={submit}>
          <RatingFields m={m} id={fid} value={v} onChange={setV} errors={errors} legend={t('rkWsAgreedLegend')} />
          <div class="form-group">
            <label class="label label-s" for={fid + '-r'}>{t('rkRationale')}</label>
            <textarea class="textarea" id={fid + '-r'} rows={2} value={rationale} onInput={(e) => setRationale((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <div class="form-group">
            <label class="label label-s" for={fid + '-d'}>{t('rkDissent')}</label>
            <span class="hint" id={fid + '-d-hint'}>{t('rkDissentHint')}</span>
            <textarea class="textarea" id={fid + '-d'} rows={2} value={dissent} aria-describedby={fid + '-d-hint'}
              onInput={(e) => setDissent((e.currentTarget as HTMLTextAreaElement).value)} />
          </div>
          <button type="submit" class="button button-small" disabled={busy}>{busy ? t('saving') : t('rkWsRecordButton')}</button>
          {saved && <span class="save-line save-saved" role="status"> {t('savedAt', { time: clock(saved) })}</span>}
        </form>
      </details>
    </div>
  );
}
