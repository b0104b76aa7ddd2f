// The after-action report (/drills/{d}/report; staff, observers), from GET
// .../report: overview, per objective the ratings with strengths and areas
// for improvement, the timeline, feedback and the improvement-plan matrix;
// the technical results of a drill with challenges (board, solves, first
// solves, hints; a challenge's solves under the objective it is tied to);
// "send to plan" makes an improvement an action of the unit's plan. Prints
// on A4; CSV and XLSX beside it.
import './convene.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { ApiError } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { useSession } from '../../session';
import { drills, clockText, type Improvement, type Report, type Technical } from '../../drills';
import { Loading, errorText } from '../../components/ui';
import { AccessError, SignInNeeded } from '../../components/Gate';
import { when } from '../../components/forms';

export function AfterAction({ route }: { route: Route }) {
  const s = useSession(true);
  const d = route.id!;
  const data = useAsync(() => drills.report(d), [d, s.status]);
  useTitle(t('aarTitle'));
  if (s.status === 'unknown') return <div class="page"><h1>{t('aarTitle')}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={t('aarTitle')} route={route} />;
  if (data.state === 'error') return <AccessError title={t('aarTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('aarTitle')}</h1><Loading /></div>;
  const r = data.data;
  const team = (id: string) => r.teams.find((x) => x.id === id)?.name || id;
  return (
    <div class="page page-wide dr-report">
      <p class="eyebrow">{t('aarTitle')}</p>
      <h1>{r.drill.title}</h1>
      {!r.drill.final && <p class="panel panel-warning">{t('aarNotFinal')}</p>}
      <p class="link-row no-print">
        <a href={drills.fileUrl(d, 'csv')} download>{t('aarCsv')}</a>
        <a href={drills.fileUrl(d, 'xlsx')} download>{t('aarXlsx')}</a>
        <button type="button" class="button button-secondary button-small" onClick={() => window.print()}>{t('aarPrint')}</button>
      </p>
      <section class="work-section" aria-labelledby="ov">
        <h2 id="ov">{t('aarOverview')}</h2>
        <dl class="dr-facts">
          <dt>{t('aarScenario')}</dt><dd>{r.scenario.title}</dd>
          <dt>{t('aarDates')}</dt><dd>{when(r.drill.started_at) || t('noValue')} – {when(r.drill.ended_at) || t('noValue')}</dd>
          <dt>{t('aarTeams')}</dt><dd>{r.teams.map((x) => x.name + (x.organisation ? ' (' + x.organisation + ')' : '')).join('; ')}</dd>
        </dl>
        {r.scenario.description && r.scenario.description.split(/\n{2,}/).map((para, k) => <p key={k}>{para.replace(/\*\*/g, '')}</p>)}
      </section>
      <section class="work-section" aria-labelledby="obj">
        <h2 id="obj">{t('aarObjectives')}</h2>
        {r.objectives.map((o) => (
          <div class="dr-objective" key={o.id}>
            <h3>{o.name}</h3>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: o.name })}>
              <table class="data">
                <thead><tr><th scope="col">{t('drColTeam')}</th><th scope="col">{t('aarRating')}</th><th scope="col">{t('aarStrengths')}</th><th scope="col">{t('aarImprovements')}</th><th scope="col">{t('aarExpects')}</th></tr></thead>
                <tbody>{o.teams.map((x) => (
                  <tr key={x.team}><th scope="row">{team(x.team)}</th>
                    <td>{x.rating ? <><strong>{x.rating}</strong> {t(('hseep_' + x.rating) as 'hseep_P')}</> : t('aarNotRated')}</td>
                    <td>{x.strengths.length ? <ul>{x.strengths.map((s, k) => <li key={k}>{s.text}</li>)}</ul> : t('noValue')}</td>
                    <td>{x.improvements.length ? <ul>{x.improvements.map((s, k) => <li key={k}>{s.text}</li>)}</ul> : t('noValue')}</td>
                    <td>{t('aarExpectCounts', { met: x.expects.met, not: x.expects.not_met, open: x.expects.unmarked })}</td></tr>
                ))}</tbody>
              </table>
            </div>
            {o.challenges && o.challenges.length > 0 && <>
              <p><strong>{t('aarEvidence')}</strong></p>
              <ul>{o.challenges.map((c) => <li key={c.challenge}>{t('aarEvidenceLine', { challenge: challengeName(r.technical, c.challenge), teams: c.solved_by.length ? c.solved_by.map(team).join(', ') : t('noValue') })}</li>)}</ul>
            </>}
          </div>
        ))}
      </section>
      {r.technical && <TechnicalResults tech={r.technical} team={team} />}
      <section class="work-section" aria-labelledby="tl">
        <h2 id="tl">{t('drTimelineTitle')}</h2>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('drTimelineTitle') })}>
          <table class="data">
            <thead><tr><th scope="col">{t('drColAt')}</th><th scope="col">{t('drColInject')}</th><th scope="col">{t('drColTo')}</th><th scope="col">{t('drColState')}</th><th scope="col" class="num">{t('aarResponses')}</th></tr></thead>
            <tbody>{r.timeline.map((x) => (
              <tr key={x.id}><td>{clockText(x.clock != null ? x.clock : x.planned)}</td><th scope="row">{x.title}</th><td>{x.to.map(team).join(', ')}</td>
                <td>{t(('drst_' + x.status) as 'drst_pending')}</td><td class="num">{Array.isArray(x.responses) ? x.responses.length : x.responses}</td></tr>
            ))}</tbody>
          </table>
        </div>
      </section>
      <section class="work-section" aria-labelledby="fb">
        <h2 id="fb">{t('aarFeedback')}</h2>
        <p>{t('aarFeedbackN', { n: r.feedback.answered })}</p>
        <ul>{r.feedback.questions.filter((q) => q.type === 'scale').map((q) => <li key={q.id}>{q.text}: {q.mean != null ? q.mean.toFixed(1) + ' / 5' : t('noValue')} ({q.n})</li>)}</ul>
      </section>
      <Matrix drill={d} report={r} team={team} />
    </div>
  );
}

function challengeName(tech: Technical | null | undefined, id: string): string {
  return tech?.challenges.find((c) => c.id === id)?.name || id;
}

function TechnicalResults({ tech, team }: { tech: Technical; team: (id: string) => string }) {
  return (
    <section class="work-section" aria-labelledby="tech">
      <h2 id="tech">{t('aarTechTitle')}</h2>
      <p>{t('aarTechIntro', { hints: tech.hints_used, awards: tech.awards })}</p>
      <h3>{t('aarBoard')}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('aarBoard') })}>
        <table class="data">
          <thead><tr><th scope="col" class="num">{t('aarColRank')}</th><th scope="col">{t('drColTeam')}</th><th scope="col" class="num">{t('aarColScore')}</th><th scope="col" class="num">{t('aarColSolves')}</th></tr></thead>
          <tbody>{tech.board.teams.map((x) => (
            <tr key={x.team}><td class="num">{x.rank}</td><th scope="row">{team(x.team)}</th><td class="num">{x.score}</td><td class="num">{x.solves}</td></tr>
          ))}</tbody>
        </table>
      </div>
      <h3>{t('aarPerChallenge')}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('aarPerChallenge') })}>
        <table class="data">
          <thead><tr><th scope="col">{t('aarColChallenge')}</th><th scope="col" class="num">{t('aarColSolves')}</th><th scope="col">{t('aarColFirst')}</th><th scope="col" class="num">{t('aarColHints')}</th><th scope="col">{t('aarColSolvedBy')}</th></tr></thead>
          <tbody>{tech.challenges.map((c) => (
            <tr key={c.id}><th scope="row">{c.name}<br /><span class="muted">{c.category}</span></th><td class="num">{c.solves}</td>
              <td>{c.first_solve ? t('aarFirstAt', { team: team(c.first_solve.team), at: clockText(c.first_solve.minutes) }) : t('noValue')}</td>
              <td class="num">{c.hints_unlocked}</td><td>{c.solved_by.length ? c.solved_by.map(team).join(', ') : t('noValue')}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}

function Matrix({ drill, report, team }: { drill: string; report: Report; team: (id: string) => string }) {
  const [rows, setRows] = useState<Improvement[]>(report.improvements);
  const [plan, setPlan] = useState<Record<number, string>>({});
  const [err, setErr] = useState<string | null>(null);
  const send = async (x: Improvement) => {
    setErr(null);
    const p = (plan[x.id] || '').trim();
    if (!p) { setErr(t('aarPlanNeeded')); return; }
    try {
      const made = await drills.improve(drill, { team: x.team, objective: x.objective, issue: x.issue, action: x.action, owner: x.owner, due: x.due, ...(x.start ? { start: x.start } : {}), ...(x.organisation ? { organisation: x.organisation } : {}), plan: p });
      setRows((l) => [...l, made]);
    } catch (e) { setErr(errorText(e as ApiError)); }
  };
  return (
    <section class="work-section" aria-labelledby="ip">
      <h2 id="ip">{t('aarPlanTitle')}</h2>
      {err && <p class="field-error" role="alert">{err}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('aarPlanTitle') })}>
        <table class="data dr-matrix">
          <thead><tr><th scope="col">{t('aarIssue')}</th><th scope="col">{t('aarAction')}</th><th scope="col">{t('aarOrg')}</th><th scope="col">{t('aarOwner')}</th><th scope="col">{t('aarStart')}</th><th scope="col">{t('aarDue')}</th><th scope="col" class="no-print">{t('aarPlan')}</th></tr></thead>
          <tbody>{rows.map((x) => (
            <tr key={x.id}><th scope="row">{x.issue}<br /><span class="muted">{team(x.team)}</span></th><td>{x.action}</td><td>{x.organisation || t('noValue')}</td><td>{x.owner}</td><td>{x.start || t('noValue')}</td><td>{x.due}</td>
              <td class="no-print">{x.plan ? t('aarInPlan', { plan: x.plan }) : <span class="dr-send">
                <label class="sr-only" for={'plan-' + x.id}>{t('aarPlanLabel', { issue: x.issue })}</label>
                <input class="input input-s" id={'plan-' + x.id} value={plan[x.id] || ''} placeholder="xaa-2026" onInput={(e) => setPlan((m) => ({ ...m, [x.id]: (e.target as HTMLInputElement).value }))} />
                <button type="button" class="button button-small" onClick={() => send(x)}>{t('aarSend')}</button></span>}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}
