// The evaluator's sheet (/drills/{d}/evaluate; director, evaluators): per
// team and objective a rating on the HSEEP scale (P, S, M, U, each said in
// words) with an observation; per delivered inject the expected actions,
// met or not, for each team it went to.
import './convene.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href, type Route } from '../../router';
import { ApiError } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { useSession } from '../../session';
import { drills, type Drill, type Objective, type TeamView, type TimelineEntry } from '../../drills';
import { Link, Loading, errorText } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { when } from '../../components/forms';

const RATINGS = ['P', 'S', 'M', 'U'] as const;

export function Evaluate({ route }: { route: Route }) {
  const s = useSession(true);
  const d = route.id!;
  const data = useAsync(async () => {
    const [view, tl, ev] = await Promise.all([drills.view(d), drills.timeline(d), drills.evaluations(d)]);
    return { view, tl, ev: ev.evaluations };
  }, [d, s.status]);
  useTitle(t('evTitle'));
  if (s.status === 'unknown') return <div class="page"><h1>{t('evTitle')}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={t('evTitle')} route={route} />;
  if (data.state === 'error') return <AccessError title={t('evTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('evTitle')}</h1><Loading /></div>;
  const { view, tl, ev } = data.data;
  const teams = view.teams.filter((x) => (x.players?.length ?? 0) > 0);
  return (
    <div class="page page-wide dr-eval">
      <p class="eyebrow">{view.title}</p>
      <h1>{t('evTitle')}</h1>
      <p class="lead">{t('evLead')}</p>
      <dl class="dr-scale">{RATINGS.map((r) => <div key={r}><dt>{r}</dt><dd>{t(('hseep_' + r) as 'hseep_P')}</dd></div>)}</dl>
      <p class="link-row"><Link href={href('/drills/' + encodeURIComponent(d))}>{t('evBack')}</Link></p>
      {teams.map((tm) => (
        <section class="work-section" key={tm.id} aria-labelledby={'team-' + tm.id}>
          <h2 id={'team-' + tm.id}>{tm.name}</h2>
          {view.objectives.map((o) => <Rating key={o.id} drill={view} team={tm} objective={o}
            latest={ev.filter((e) => e.team === tm.id && e.objective === o.id && e.rating).slice(-1)[0]} />)}
          <Expects drill={view.id} team={tm} injects={tl.injects.filter((x) => x.status === 'delivered' && (x.expects?.length ?? 0) > 0 && (x.to_all || x.to.includes(tm.id)))} />
        </section>
      ))}
    </div>
  );
}

function Rating({ drill, team, objective, latest }: { drill: Drill; team: TeamView; objective: Objective; latest?: { rating: string | null; observation: string; at: string } }) {
  const id = team.id + '-' + objective.id;
  const [rating, setRating] = useState<string | null>(latest?.rating ?? null);
  const [obs, setObs] = useState('');
  const [saved, setSaved] = useState<string | null>(latest ? latest.at : null);
  const [err, setErr] = useState<string | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    if (!rating && !obs.trim()) { setErr(t('evNeedSomething')); return; }
    setErr(null);
    try { await drills.evaluate(drill.id, { team: team.id, objective: objective.id, rating, observation: obs.trim() }); setSaved(new Date().toISOString()); setObs(''); }
    catch (x) { setErr(errorText(x as ApiError)); }
  };
  return (
    <form class="form dr-rating" noValidate onSubmit={save} data-objective={objective.id}>
      <fieldset class={'fieldset' + (err ? ' form-group-error' : '')}>
        <legend class="legend-s">{objective.name}</legend>
        {objective.criteria?.length ? <ul class="hint">{objective.criteria.map((c) => <li key={c}>{c}</li>)}</ul> : null}
        {err && <p class="field-error" id={'err-' + id}><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
        <div class="dr-radios">
          {RATINGS.map((r) => (
            <label key={r} class="dr-radio">
              <input type="radio" name={'rating-' + id} value={r} checked={rating === r} onChange={() => setRating(r)} />
              <span><strong>{r}</strong> {t(('hseep_' + r) as 'hseep_P')}</span>
            </label>
          ))}
        </div>
        <label class="label label-s" for={'obs-' + id}>{t('evObservation')}</label>
        <textarea class="textarea" id={'obs-' + id} rows={2} value={obs} onInput={(e) => setObs((e.target as HTMLTextAreaElement).value)} />
      </fieldset>
      <button type="submit" class="button button-small">{t('evSave')}</button>
      {saved && <span class="muted dr-saved" role="status">{t('evSaved', { at: when(saved) })}</span>}
    </form>
  );
}

function Expects({ drill, team, injects }: { drill: string; team: TeamView; injects: TimelineEntry[] }) {
  const [marks, setMarks] = useState<Record<string, boolean>>({});
  const [err, setErr] = useState<string | null>(null);
  if (!injects.length) return null;
  const mark = async (i: string, expect: string, met: boolean) => {
    setErr(null);
    try { await drills.expect(drill, i, { team: team.id, expect, met }); setMarks((m) => ({ ...m, [i + '|' + expect]: met })); }
    catch (x) { setErr(errorText(x as ApiError)); }
  };
  return (
    <div class="dr-expects">
      <h3>{t('evExpectsTitle')}</h3>
      {err && <p class="field-error" role="alert">{err}</p>}
      {injects.map((x) => (x.expects || []).map((ex, k) => {
        const key = x.id + '|' + ex.id, name = 'ex-' + team.id + '-' + x.id + '-' + k;
        return (
          <fieldset class="fieldset dr-expect" key={key}>
            <legend class="legend-s">{x.title}: {ex.text}</legend>
            <label class="dr-radio"><input type="radio" name={name} checked={marks[key] === true} onChange={() => mark(x.id, ex.id, true)} /> {t('evMet')}</label>
            <label class="dr-radio"><input type="radio" name={name} checked={marks[key] === false} onChange={() => mark(x.id, ex.id, false)} /> {t('evNotMet')}</label>
          </fieldset>
        );
      }))}
    </div>
  );
}
