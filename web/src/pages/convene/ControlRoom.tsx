// The control room (/drills/{d} for staff): the play clock, the status
// moves (end and cancel after a confirmation), the timeline of what is due,
// delivered and skipped with "deliver now" and "skip", each team's
// communication check and response status, the responses as they come
// (with their files), an ad-hoc inject, and the feedback survey after play.
// Evaluators and observers see it without the controls.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href } from '../../router';
import { ApiError } from '../../api';
import { useAsync } from '../../hooks';
import { int } from '../../format';
import { drills, clockNow, clockText, useDrillEvents, useNow, type Drill, type DrillStatus, type Response, type TimelineEntry } from '../../drills';
import { when } from '../../components/forms';
import { Link, Loading, errorText } from '../../components/ui';
import { DrillStatusTag, LinkState, channelName } from './Drill';
import { ChallengeTrack } from './ChallengeShell';
import { AdhocForm } from './AdhocForm';
import { Attachments } from './Attachments';
import { Feedback } from './Feedback';

const MOVES: Record<DrillStatus, DrillStatus[]> = {
  scheduled: ['running', 'cancelled'], running: ['paused', 'ended', 'cancelled'], paused: ['running', 'ended', 'cancelled'], ended: [], cancelled: [],
};

export function ControlRoom({ drill: first }: { drill: Drill }) {
  const d = first.id;
  const [tick, setTick] = useState(0);
  const reload = () => setTick((x) => x + 1);
  const control = first.roles.includes('director') || first.roles.includes('controller');
  const staff = control || first.roles.includes('evaluator');
  const data = useAsync(async () => {
    const [view, tl, rs] = await Promise.all([drills.view(d), staff ? drills.timeline(d) : null, staff ? drills.responses(d) : null]);
    return { view, tl, responses: rs?.responses || [], asOf: Date.now() };
  }, [d, tick]);
  const [live, setLive] = useState<Response[]>([]);
  const link = useDrillEvents(d, ['delivery', 'skip', 'response', 'commcheck', 'status'], (e) => {
    if (e.type === 'response') setLive((l) => (l.some((r) => r.id === e.data.id) ? l : [...l, e.data]));
    reload();
  });
  const now = useNow();
  const [last, setLast] = useState<typeof data.data>(undefined);
  if (data.state === 'ok' && data.data !== last) setLast(data.data);
  const cur = data.data || last;
  if (!cur) return data.state === 'error'
    ? <div class="page"><h1>{first.title}</h1><p class="field-error">{errorText(data.error)}</p></div>
    : <div class="page"><h1>{first.title}</h1><Loading /></div>;
  const v = cur.view;
  const responses = [...cur.responses, ...live.filter((r) => !cur.responses.some((x) => x.id === r.id))];
  const clock = clockNow(v.status, v.clock, v.speed, cur.asOf, now);
  return (
    <div class="page page-wide dr-control">
      <p class="eyebrow">{t('drControlEyebrow', { scenario: v.scenario.title })}</p>
      <h1>{v.title}</h1>
      <div class="dr-bar">
        <DrillStatusTag status={v.status} />
        <span class="dr-clock dr-clock-big" aria-label={t('drClockLabel')}>{t('drClock', { clock: clockText(clock) })}</span>
        <span class="muted">{t('drSpeed', { speed: v.speed })}</span>
        <LinkState link={link} />
      </div>
      <p class="link-row">
        {(first.roles.includes('director') || first.roles.includes('evaluator')) && <Link href={href('/drills/' + encodeURIComponent(d) + '/evaluate')}>{t('drEvalLink')}</Link>}
        <Link href={href('/drills/' + encodeURIComponent(d) + '/report')}>{t('drReportLink')}</Link>
      </p>
      {control && <StatusMoves drill={d} status={v.status} onDone={reload} />}
      <ChallengeTrack drill={first} />
      <Teams drill={v} responses={responses} />
      {cur.tl && <TimelineTable drill={d} tl={cur.tl.injects} status={v.status} control={control} onDone={reload} clock={clock} />}
      {control && (v.status === 'running' || v.status === 'paused') && <AdhocForm drill={v} onSent={reload} />}
      {staff && <Responses drill={v} responses={responses} />}
      {v.status === 'ended' && <Feedback drill={d} />}
    </div>
  );
}

function StatusMoves({ drill, status, onDone }: { drill: string; status: DrillStatus; onDone: () => void }) {
  const [asking, setAsking] = useState<DrillStatus | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const go = async (to: DrillStatus) => {
    setErr(null);
    try { await drills.status(drill, to); setAsking(null); onDone(); } catch (e) { setErr(errorText(e as ApiError)); }
  };
  const moves = MOVES[status];
  if (!moves.length) return null;
  const label = (to: DrillStatus) => t(to === 'running' ? (status === 'scheduled' ? 'drStart' : 'drResume') : to === 'paused' ? 'drPause' : to === 'ended' ? 'drEnd' : 'drCancel');
  return (
    <section class="dr-moves" aria-labelledby="moves-title">
      <h2 id="moves-title" class="sr-only">{t('drMovesTitle')}</h2>
      {err && <p class="field-error" role="alert">{err}</p>}
      {asking
        ? <div class="panel panel-warning" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
          <h3 id="confirm-title" class="panel-title">{t(asking === 'ended' ? 'drEndConfirmTitle' : 'drCancelConfirmTitle')}</h3>
          <p id="confirm-text">{t(asking === 'ended' ? 'drEndConfirmText' : 'drCancelConfirmText')}</p>
          <div class="dr-buttons">
            <button type="button" class="button button-danger" onClick={() => go(asking)}>{t(asking === 'ended' ? 'drEndYes' : 'drCancelYes')}</button>
            <button type="button" class="button button-secondary" onClick={() => setAsking(null)}>{t('drKeepGoing')}</button>
          </div>
        </div>
        : <div class="dr-buttons">
          {moves.map((to) => (
            <button key={to} type="button" class={'button' + (to === 'ended' || to === 'cancelled' ? ' button-warning' : to === 'paused' ? ' button-secondary' : ' button-start')}
              onClick={() => (to === 'ended' || to === 'cancelled' ? setAsking(to) : go(to))}>{label(to)}</button>
          ))}
        </div>}
    </section>
  );
}

function Teams({ drill, responses }: { drill: Drill; responses: Response[] }) {
  const teams = drill.teams.filter((tm) => (tm.players?.length ?? 0) > 0 || (tm.delivered ?? 0) > 0);
  return (
    <section class="work-section" aria-labelledby="teams-title">
      <h2 id="teams-title">{t('drTeamsTitle')}</h2>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('drTeamsTitle') })}>
        <table class="data stack-table">
          <thead><tr><th scope="col">{t('drColTeam')}</th><th scope="col">{t('drColCommcheck')}</th><th scope="col" class="num">{t('drColDelivered')}</th><th scope="col" class="num">{t('drColAnswered')}</th><th scope="col">{t('drColLastAnswer')}</th></tr></thead>
          <tbody>
            {teams.map((tm) => {
              const mine = responses.filter((r) => r.team === tm.id);
              const lastR = mine[mine.length - 1];
              return (
                <tr key={tm.id} data-team={tm.id}>
                  <th scope="row">{tm.name}</th>
                  <td data-label={t('cellLabel', { label: t('drColCommcheck') })}>{tm.commcheck ? t('nOfM', { n: int(tm.commcheck.confirmed), m: int(tm.commcheck.players) }) : t('noValue')}</td>
                  <td class="num" data-label={t('cellLabel', { label: t('drColDelivered') })}>{int(tm.delivered ?? 0)}</td>
                  <td class="num" data-label={t('cellLabel', { label: t('drColAnswered') })}>{int(tm.answered ?? 0)}</td>
                  <td data-label={t('cellLabel', { label: t('drColLastAnswer') })}>{lastR ? when(lastR.at) : t('drNoAnswer')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const STATE_TAG: Record<string, string> = { pending: 'tag-grey', delivered: 'tag-green', skipped: 'tag-orange' };

function TimelineTable({ drill, tl, status, control, clock, onDone }: { drill: string; tl: TimelineEntry[]; status: DrillStatus; control: boolean; clock: number; onDone: () => void }) {
  const [err, setErr] = useState<string | null>(null);
  const act = async (what: 'deliver' | 'skip', i: string) => {
    setErr(null);
    try { await drills[what](drill, i); onDone(); } catch (e) { setErr(errorText(e as ApiError)); }
  };
  const canAct = control && (status === 'running' || status === 'paused');
  const next = tl.find((x) => x.status === 'pending');
  return (
    <section class="work-section" aria-labelledby="tl-title">
      <h2 id="tl-title">{t('drTimelineTitle')}</h2>
      {next && <p>{t('drNext', { title: next.title, clock: clockText(next.at), in: clockText(Math.max(0, next.at - clock)) })}</p>}
      {err && <p class="field-error" role="alert">{err}</p>}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('drTimelineTitle') })}>
        <table class="data stack-table dr-timeline">
          <thead><tr><th scope="col">{t('drColAt')}</th><th scope="col">{t('drColInject')}</th><th scope="col">{t('drColTo')}</th><th scope="col">{t('drColState')}</th>{canAct && <th scope="col">{t('drColActions')}</th>}</tr></thead>
          <tbody>
            {tl.map((x) => (
              <tr key={x.id} data-inject={x.id} class={x.status === 'pending' ? '' : 'dr-done'}>
                <td data-label={t('cellLabel', { label: t('drColAt') })}>{clockText(x.at)}</td>
                <th scope="row">{x.title}<br /><span class="muted">{channelName(x.channel)}{x.after ? ' · ' + t('drAfter', { id: x.after }) : ''}</span></th>
                <td data-label={t('cellLabel', { label: t('drColTo') })}>{x.to_all ? t('drToAll') : x.to.join(', ')}</td>
                <td data-label={t('cellLabel', { label: t('drColState') })}>
                  <strong class={'tag ' + STATE_TAG[x.status]}>{t(('drst_' + x.status) as 'drst_pending')}</strong>
                  {x.status === 'delivered' && <span class="muted"> {t('drDeliveredAt', { clock: clockText(x.clock_at_delivery ?? 0), by: x.by === 'clock' ? t('drByClock') : x.by || '' })}</span>}
                </td>
                {canAct && <td data-label={t('cellLabel', { label: t('drColActions') })}>
                  {x.status === 'pending' && <span class="dr-buttons">
                    <button type="button" class="button button-small" onClick={() => act('deliver', x.id)}>{t('drDeliverNow')}<span class="sr-only"> {t('drOfInject', { title: x.title })}</span></button>
                    <button type="button" class="button button-small button-secondary" onClick={() => act('skip', x.id)}>{t('drSkip')}<span class="sr-only"> {t('drOfInject', { title: x.title })}</span></button>
                  </span>}
                </td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Responses({ drill, responses }: { drill: Drill; responses: Response[] }) {
  const name = (id: string) => drill.teams.find((x) => x.id === id)?.name || id;
  const list = responses.slice().reverse();
  return (
    <section class="work-section" aria-labelledby="rs-title">
      <h2 id="rs-title">{t('drResponsesTitle')}</h2>
      {list.length === 0 ? <p class="muted">{t('drNoResponses')}</p> : (
        <ol class="dr-feed" aria-live="polite">
          {list.map((r) => (
            <li key={r.id} data-response={r.id}>
              <p class="dr-meta"><strong>{name(r.team)}</strong> <span class="muted">{t('drOnInject', { inject: r.inject })} · {when(r.at)} · {r.player}</span></p>
              <p>{r.text}</p>
              <Attachments drill={drill.id} response={r} canAdd={false} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
