// /drills/{d}/challenges: a player's challenge board (staff get the editor,
// ChallengeEditor). The challenges their team may see, by category, each
// with its value now, solved or not, the attempts left, its files, its
// hints (each unlocked after a confirmation that names the cost) and a
// flag form that says plainly what happened: right, already solved by a
// team mate, wrong (with the attempts left), too many wrong answers (when
// the team may try again, counting down), locked out, or not taken because
// the drill does not run. The team's score and rank head the page; the
// board follows the drill live (useBoardFeed) and keeps what it shows while
// it fetches again.
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLang, t } from '../../i18n';
import type { Route } from '../../router';
import { ApiError } from '../../api';
import { WaitError } from '../../session';
import { int, num } from '../../format';
import { errorText } from '../../components/ui';
import { Loading } from '../../components/ui';
import { myTeam, type Drill, type DrillStatus } from '../../drills';
import { ctf, rankText, useBoardFeed, useTicking, type Board, type Challenge, type Hint } from '../../challenges';
import { DrillStatusTag, LinkState } from './Drill';
import { ChallengeLinks, DrillShell, isStaff, teamNamer, useKept } from './ChallengeShell';
import { ChallengeEditor } from './ChallengeEditor';
import './challenges.css';

export function ChallengesPage({ route }: { route: Route }) {
  return (
    <DrillShell route={route} title={t('chTitle')}>
      {(d) => (d.roles.includes('player') ? <PlayerBoard drill={d} /> : isStaff(d) ? <ChallengeEditor drill={d} /> : <NotForYou drill={d} />)}
    </DrillShell>
  );
}

function NotForYou({ drill }: { drill: Drill }) {
  return (
    <div class="page">
      <h1>{t('chTitle')}</h1>
      <p>{t('chObserverText')}</p>
      <ChallengeLinks drill={drill} current="challenges" />
    </div>
  );
}

const hms = (d: Date) => d.toLocaleTimeString(currentLang() === 'en' ? 'en-GB' : currentLang(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const pts = (v: number) => t('chPoints', { n: v, value: num(v, 0) });

/** The categories in the order their first challenge comes. */
function byCategory(list: Challenge[]): [string, Challenge[]][] {
  const m = new Map<string, Challenge[]>();
  for (const c of list) m.set(c.category, [...(m.get(c.category) || []), c]);
  return [...m.entries()];
}

// an id for a category in any script (a translated one may have no Latin letter)
const slug = (s: string) => 'cat-' + Array.from(s.toLowerCase()).map((c) => (/[a-z0-9]/.test(c) ? c : c.charCodeAt(0) < 128 ? '-' : '-' + c.codePointAt(0)!.toString(36))).join('');

function PlayerBoard({ drill }: { drill: Drill }) {
  const d = drill.id, team = myTeam(drill)?.id || '';
  const data = useKept(async () => {
    const [list, board] = await Promise.all([ctf.list(d), ctf.board(d)]);
    return { list, board };
  }, [d]);
  const { link, status } = useBoardFeed(d, drill.status, data.reload);
  const [wait, setWait] = useState<number | null>(null);   // the rate limit: ms when the team may try again
  const now = useTicking(wait != null);
  useEffect(() => { if (wait != null && wait <= now) setWait(null); }, [now, wait]);
  const cur = data.data;
  if (!cur) {
    return (
      <div class="page"><h1>{t('chTitle')}</h1>
        {data.error ? <p class="field-error" role="alert">{errorText(data.error)}</p> : <Loading />}
      </div>
    );
  }
  const name = teamNamer(drill);
  const me = cur.board.teams.find((x) => x.team === team);
  const solved = cur.list.filter((c) => c.solved).length;
  const cats = byCategory(cur.list);
  return (
    <div class="page ch-board">
      <p class="eyebrow">{myTeam(drill)?.name} · {drill.title}</p>
      <h1>{t('chTitle')}</h1>
      <div class="dr-bar">
        <DrillStatusTag status={status} />
        <LinkState link={link} open="chLinkOpen" />
      </div>
      <TeamSummary me={me} rank={me ? rankText(cur.board.teams, cur.board.teams.indexOf(me)) : null} n={cur.board.teams.length}
        solved={solved} total={cur.list.length} frozen={cur.board.frozen} />
      <ChallengeLinks drill={drill} current="challenges" />
      <PlayNotice status={status} />
      {data.error && <p class="field-error" role="alert">{t('chStale', { message: errorText(data.error) })}</p>}
      {cur.list.length === 0 ? <p class="muted">{t('chNoneYet')}</p> : (
        <>
          {cats.length > 1 && (
            <nav class="ch-cats" aria-label={t('chCategories')}>
              <ul>
                {cats.map(([cat, l]) => <li key={cat}><a href={'#' + slug(cat)}>{cat} <span class="muted">{t('chSolvedOf', { n: l.filter((c) => c.solved).length, m: l.length })}</span></a></li>)}
              </ul>
            </nav>
          )}
          {cats.map(([cat, l]) => (
            <section key={cat} class="ch-cat" aria-labelledby={slug(cat)}>
              <h2 id={slug(cat)} tabIndex={-1}>{cat}</h2>
              <ul class="ch-cards">
                {l.map((c) => (
                  <ChallengeCard key={c.id} drill={d} c={c} status={status} score={me?.score ?? 0} now={now}
                    firstBy={cur.board.first_solves?.[c.id] ? (cur.board.first_solves[c.id] === team ? t('chYourTeam') : name(cur.board.first_solves[c.id])) : null}
                    wait={wait} onWait={setWait} onChange={data.reload} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

function TeamSummary({ me, rank, n, solved, total, frozen }: {
  me: Board['teams'][number] | undefined; rank: string | null; n: number; solved: number; total: number; frozen: boolean;
}) {
  return (
    <section class="ch-summary" aria-labelledby="ch-summary-title">
      <h2 id="ch-summary-title" class="sr-only">{t('chYourTeamTitle')}</h2>
      <dl class="ch-stats">
        <div><dt>{t('chScore')}</dt><dd data-score>{me ? pts(me.score) : t('noValue')}</dd></div>
        <div><dt>{t('chRank')}</dt><dd>{rank ? t('chRankOf', { rank, n }) : t('noValue')}</dd></div>
        <div><dt>{t('chSolved')}</dt><dd>{t('nOfM', { n: int(solved), m: int(total) })}</dd></div>
      </dl>
      {frozen && <p class="ch-frozen"><strong>{t('chFrozenTag')}</strong> {t('chFrozenPlayer')}</p>}
    </section>
  );
}

function PlayNotice({ status }: { status: DrillStatus }) {
  if (status === 'running') return null;
  const key = status === 'scheduled' ? 'chNotStarted' : status === 'paused' ? 'chPaused' : 'chOver';
  return <div class="panel panel-warning" role="status"><p>{t(key)}</p></div>;
}

type Said = { kind: 'ok' | 'info' | 'error'; text: string };

function ChallengeCard({ drill, c, status, score, now, firstBy, wait, onWait, onChange }: {
  drill: string; c: Challenge; status: DrillStatus; score: number; now: number; firstBy: string | null;
  wait: number | null; onWait: (ms: number | null) => void; onChange: () => void;
}) {
  const [flag, setFlag] = useState('');
  const [sending, setSending] = useState(false);
  const [said, setSaid] = useState<Said | null>(null);
  const [locked, setLocked] = useState(false);
  const waiting = wait != null && wait > now;
  const out = c.attempts_left === 0 || locked;
  const fid = 'flag-' + c.id, eid = fid + '-error', sid = fid + '-said';
  const submit = async (ev: Event) => {
    ev.preventDefault();
    if (sending) return;
    if (!flag.trim()) { setSaid({ kind: 'error', text: t('chFlagEmpty') }); return; }
    setSending(true);
    setSaid(null);
    try {
      const r = await ctf.attempt(drill, c.id, flag);
      if (r.correct) { setSaid({ kind: 'ok', text: t('chRight', { points: pts(r.value ?? c.value) }) }); setFlag(''); onChange(); }
      else if (r.already_solved) { setSaid({ kind: 'info', text: t('chAlready') }); setFlag(''); onChange(); }
      else {
        const left = r.attempts_left;
        setSaid({ kind: 'error', text: left == null ? t('chWrong') : left === 0 ? t('chWrongLast') : t('chWrongLeft', { n: left }) });
        if (left === 0) setLocked(true);
        if (left != null) onChange();
      }
    } catch (e) {
      const err = e as ApiError;
      if (err instanceof WaitError) {
        const until = Date.now() + err.retryAfter * 1000;
        onWait(until);
        setSaid({ kind: 'error', text: t('chRate', { at: hms(new Date(until)) }) });
      } else if (err.code === 'locked') { setLocked(true); setSaid({ kind: 'error', text: t('chLocked') }); onChange(); }
      else if (err.code === 'not_running') setSaid({ kind: 'error', text: t('chNotRunning') });
      else if (err.code === 'forbidden') { setSaid({ kind: 'error', text: t('chHiddenNow') }); onChange(); }
      else if (err.code === 'network') setSaid({ kind: 'error', text: t('chNotSent') });
      else setSaid({ kind: 'error', text: errorText(err) });
    } finally { setSending(false); }
  };
  const error = said?.kind === 'error' ? said.text : null;
  return (
    <li class={'ch-card' + (c.solved ? ' ch-solved' : out ? ' ch-out' : '')} data-challenge={c.id}>
      <div class="ch-head">
        <h3>{c.name}</h3>
        <span class="ch-value">{pts(c.value)}</span>
        {c.solved ? <strong class="tag tag-green">{t('chSolvedTag')}</strong>
          : out ? <strong class="tag tag-orange">{t('chLockedTag')}</strong>
            : <strong class="tag tag-grey">{t('chOpenTag')}</strong>}
      </div>
      {firstBy && <p class="ch-first"><span aria-hidden="true">★ </span>{t('chFirstBy', { team: firstBy })}</p>}
      {c.description && <p class="ch-desc">{c.description}</p>}
      {c.files.length > 0 && (
        <div class="ch-files">
          <h4>{t('chFiles')}</h4>
          <ul>{c.files.map((f) => <li key={f}><a href={ctf.fileUrl(drill, c.id, f)} download={f}>{f}<span class="sr-only"> {t('chOfChallenge', { name: c.name })}</span></a></li>)}</ul>
        </div>
      )}
      {c.hints.length > 0 && (
        <div class="ch-hints">
          <h4>{t('chHints')}</h4>
          <ol>{c.hints.map((h, i) => <HintItem key={h.id} drill={drill} c={c} h={h} i={i} score={score} running={status === 'running'} onChange={onChange} />)}</ol>
        </div>
      )}
      {c.solved ? <p class="ch-done">{t('chSolvedText')}</p> : out ? <p class="ch-done" role="status">{t('chLocked')}</p> : (
        <form class="ch-flag" onSubmit={submit} noValidate>
          <label class="label label-s" for={fid}>{t('chFlagLabel')}<span class="sr-only"> {t('chOfChallenge', { name: c.name })}</span></label>
          {c.attempts_left != null && <span class="hint" id={fid + '-hint'}>{t('chAttemptsLeft', { n: c.attempts_left })}</span>}
          {error && <p class="field-error" id={eid} role="alert"><span class="sr-only">{t('errorPrefix')}</span>{error}</p>}
          {waiting && <p class="ch-wait">{t('chWaitLeft', { n: Math.ceil((wait! - now) / 1000) })}</p>}
          <div class="input-row">
            <input id={fid} class="input" type="text" autocomplete="off" autocapitalize="off" spellcheck={false} value={flag}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={[c.attempts_left != null ? fid + '-hint' : '', error ? eid : ''].filter(Boolean).join(' ') || undefined}
              onInput={(e) => setFlag((e.currentTarget as HTMLInputElement).value)} />
            <button type="submit" class="button" disabled={sending || waiting}>
              {sending ? t('chChecking') : t('chSubmit')}
            </button>
          </div>
          {said && said.kind !== 'error' && <p id={sid} class={'ch-said ch-said-' + said.kind} role="status">{said.text}</p>}
        </form>
      )}
      {c.solved && said?.kind === 'ok' && <p class="ch-said ch-said-ok" role="status">{said.text}</p>}
      {c.solved && said?.kind === 'info' && <p class="ch-said ch-said-info" role="status">{said.text}</p>}
    </li>
  );
}

function HintItem({ drill, c, h, i, score, running, onChange }: {
  drill: string; c: Challenge; h: Hint; i: number; score: number; running: boolean; onChange: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const [text, setText] = useState<string | null>(null);
  const ask = useRef<HTMLDivElement>(null), back = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (asking) ask.current?.focus(); }, [asking]);
  const shown = h.text ?? text;
  if (shown != null) {
    return <li class="ch-hint"><p><strong>{t('chHintN', { n: i + 1 })}</strong> <span class="muted">{h.cost ? t('chHintPaid', { points: pts(h.cost) }) : t('chHintFree')}</span></p><p>{shown}</p></li>;
  }
  const unlock = async () => {
    setBusy(true); setErr(null);
    try {
      const r = await ctf.unlock(drill, c.id, h.id);
      setText(r.text); setAsking(false); onChange();
    } catch (e) {
      const x = e as ApiError;
      setErr(x.code === 'refused' ? (running ? t('chHintTooDear', { points: pts(h.cost), score: pts(score) }) : t('chHintNotRunning'))
        : x.code === 'forbidden' ? t('chHiddenNow') : errorText(x));
    } finally { setBusy(false); }
  };
  const cancel = () => { setAsking(false); setErr(null); setTimeout(() => back.current?.focus(), 0); };
  const tid = `hint-${c.id}-${h.id}`;
  return (
    <li class="ch-hint">
      {!asking ? (
        <button type="button" class="button button-secondary button-small" ref={back} onClick={() => setAsking(true)}>
          {t('chHintUnlock', { n: i + 1, points: h.cost ? pts(h.cost) : t('chHintFreeShort') })}<span class="sr-only"> {t('chOfChallenge', { name: c.name })}</span>
        </button>
      ) : (
        <div class="panel panel-warning ch-confirm" role="alertdialog" aria-labelledby={tid + '-t'} aria-describedby={tid + '-d'} tabIndex={-1} ref={ask}
          onKeyDown={(e) => { if (e.key === 'Escape') cancel(); }}>
          <h5 id={tid + '-t'} class="panel-title">{t('chHintConfirmTitle', { n: i + 1 })}</h5>
          <p id={tid + '-d'}>{h.cost ? t('chHintConfirmText', { points: pts(h.cost), after: pts(score - h.cost) }) : t('chHintConfirmFree')}</p>
          {err && <p class="field-error" role="alert">{err}</p>}
          <div class="dr-buttons">
            <button type="button" class="button" disabled={busy} onClick={unlock}>{h.cost ? t('chHintYes', { points: pts(h.cost) }) : t('chHintYesFree')}</button>
            <button type="button" class="button button-secondary" onClick={cancel}>{t('chHintNo')}</button>
          </div>
        </div>
      )}
    </li>
  );
}
