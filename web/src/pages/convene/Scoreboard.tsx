// /drills/{d}/scoreboard: the live board of a drill's challenges, for
// everyone in the drill. Opens with the leader, then the board in the
// spec's order (ties shown "=2"), one per bracket (?bracket=B), first
// solves marked (★ and a count, named in words), whether it is frozen
// (players and observers then see it as it was; staff see it live), and
// the score over time of the leading teams (chart with a table view).
// ?view=projector shows it for a room: large type, high contrast, no site
// header or footer, the top teams only (App renders it bare).
import { currentLang, t } from '../../i18n';
import type { Route } from '../../router';
import { setParams } from '../../router';
import { num } from '../../format';
import { SERIES } from '../../colors';
import { clockText, myTeam, type Drill } from '../../drills';
import { ctf, firstsByTeam, rankText, useBoardFeed, type Board, type Series } from '../../challenges';
import { Link, Loading, errorText } from '../../components/ui';
import { ChartFrame } from '../../components/ChartFrame';
import { Steps, type StepSeries } from '../../charts/Steps';
import { DrillStatusTag, LinkState } from './Drill';
import { ChallengeLinks, DrillShell, isStaff, paths, teamNamer, useKept } from './ChallengeShell';
import './challenges.css';

export function ScoreboardPage({ route }: { route: Route }) {
  const projector = route.params.get('view') === 'projector';
  const bracket = route.params.get('bracket') || null;
  return (
    <DrillShell route={route} title={t('bdTitle')}>
      {(d) => <ScoreboardView drill={d} bracket={bracket} projector={projector} />}
    </DrillShell>
  );
}

const PROJECTOR_ROWS = 12;

function ScoreboardView({ drill, bracket, projector }: { drill: Drill; bracket: string | null; projector: boolean }) {
  const d = drill.id;
  const data = useKept(async () => {
    // the challenges' names where the caller may read them (observers may not)
    const [board, all, series, list] = await Promise.all([ctf.board(d, bracket), bracket ? ctf.board(d) : null, ctf.series(d), ctf.list(d).catch(() => [])]);
    return { board, brackets: brackets(all || board), series, names: new Map(list.map((c) => [c.id, c.name])) };
  }, [d, bracket]);
  const { link, status } = useBoardFeed(d, drill.status, data.reload);
  const name = teamNamer(drill);
  const cur = data.data;
  if (!cur) {
    return (
      <div class={projector ? 'sb-projector' : 'page'}><h1>{t('bdTitle')}</h1>
        {data.error ? <p class="field-error" role="alert">{errorText(data.error)}</p> : <Loading />}
      </div>
    );
  }
  const { board } = cur;
  const leader = board.teams[0];
  const lead = !leader ? t('bdEmpty') : leader.score <= 0 ? t('bdNoScore')
    : board.teams.length > 1 && board.teams[1].rank === leader.rank ? t('bdLeadTie', { teams: board.teams.filter((x) => x.rank === leader.rank).map((x) => name(x.team)).join(', '), points: pts(leader.score) })
      : t('bdLead', { team: name(leader.team), points: pts(leader.score) });
  if (projector) {
    return (
      <div class="sb-projector">
        <p class="sb-p-eyebrow">{drill.title}{bracket ? ' · ' + t('bdBracketName', { bracket }) : ''}</p>
        <h1>{t('bdTitle')}</h1>
        <p class="sb-p-lead">{lead}</p>
        {board.frozen && <p class="sb-p-frozen"><strong>{t('chFrozenTag')}</strong> {t('bdFrozenText')}</p>}
        <BoardTable board={board} name={name} mine={myTeam(drill)?.id} rows={PROJECTOR_ROWS} />
        {board.teams.length > PROJECTOR_ROWS && <p>{t('bdMore', { n: board.teams.length - PROJECTOR_ROWS })}</p>}
        <p class="sb-p-exit"><Link href={paths.scoreboard(d, { bracket })}>{t('bdLeaveProjector')}</Link></p>
        <LinkState link={link} open="chLinkOpen" />
      </div>
    );
  }
  return (
    <div class="page page-wide sb-page">
      <p class="eyebrow">{drill.title}</p>
      <h1>{t('bdTitle')}</h1>
      <div class="dr-bar">
        <DrillStatusTag status={status} />
        <LinkState link={link} open="chLinkOpen" />
      </div>
      <p class="lead" data-lead>{lead}</p>
      {board.frozen && <div class="panel panel-warning" role="status"><p><strong>{t('chFrozenTag')}</strong> {t('bdFrozenText')}</p></div>}
      {!board.frozen && isStaff(drill) && <p class="muted">{t('bdStaffLive')}</p>}
      <ChallengeLinks drill={drill} current="scoreboard" />
      <p><Link href={paths.scoreboard(d, { bracket, view: 'projector' })}>{t('bdProjector')}</Link></p>
      {cur.brackets.length > 0 && (
        <nav class="dr-tabs" aria-label={t('bdBrackets')}>
          <a href={paths.scoreboard(d)} aria-current={!bracket ? 'page' : undefined} onClick={(e) => { e.preventDefault(); setParams({ bracket: null }); }}>{t('bdAllTeams')}</a>
          {cur.brackets.map((b) => (
            <a key={b} href={paths.scoreboard(d, { bracket: b })} aria-current={bracket === b ? 'page' : undefined}
              onClick={(e) => { e.preventDefault(); setParams({ bracket: b }); }}>{b}</a>
          ))}
        </nav>
      )}
      {data.error && <p class="field-error" role="alert">{t('chStale', { message: errorText(data.error) })}</p>}
      <section class="work-section" aria-labelledby="sb-board-title">
        <h2 id="sb-board-title">{bracket ? t('bdBracketName', { bracket }) : t('bdBoardTitle')}</h2>
        <BoardTable board={board} name={name} mine={myTeam(drill)?.id} showBracket={!bracket && cur.brackets.length > 0} />
        <p class="muted">{t('bdOrder')}</p>
      </section>
      <FirstSolves board={board} name={name} challenge={(c) => cur.names.get(c) || c} />
      <OverTime series={cur.series} name={name} drill={drill} />
    </div>
  );
}

const pts = (v: number) => t('chPoints', { n: v, value: num(v, 0) });

/** The play clock to the second ("H+0 M+03:20"), for a chart of the first minutes. */
const fineClock = (min: number) => clockText(min) + ':' + String(Math.floor((min * 60) % 60)).padStart(2, '0');

function brackets(b: Board): string[] {
  return [...new Set(b.teams.map((x) => x.bracket).filter((x): x is string => !!x))].sort();
}

function BoardTable({ board, name, mine, rows, showBracket }: { board: Board; name: (id: string) => string; mine?: string; rows?: number; showBracket?: boolean }) {
  const firsts = firstsByTeam(board);
  const list = rows ? board.teams.slice(0, rows) : board.teams;
  if (!list.length) return <p class="muted">{t('bdEmpty')}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('bdTitle') })}>
      <table class="data sb-table">
        <caption class="sr-only">{t('bdTitle')}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">{t('bdColRank')}</th><th scope="col">{t('drColTeam')}</th>
            {showBracket && <th scope="col">{t('bdColBracket')}</th>}
            <th scope="col" class="num">{t('bdColScore')}</th><th scope="col" class="num">{t('bdColSolves')}</th><th scope="col">{t('bdColFirst')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r, i) => (
            <tr key={r.team} data-team={r.team} class={r.team === mine ? 'sb-mine' : undefined}>
              <td class="num">{rankText(board.teams, i)}</td>
              <th scope="row">{name(r.team)}{r.team === mine && <span class="sb-you"> {t('bdYou')}</span>}</th>
              {showBracket && <td>{r.bracket || t('noValue')}</td>}
              <td class="num" data-score>{num(r.score, 0)}</td>
              <td class="num">{r.solves}</td>
              <td>{firsts.get(r.team) ? <><span aria-hidden="true">★ </span>{t('bdFirsts', { n: firsts.get(r.team)! })}</> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FirstSolves({ board, name, challenge }: { board: Board; name: (id: string) => string; challenge: (id: string) => string }) {
  const entries = Object.entries(board.first_solves || {});
  if (!entries.length) return null;
  return (
    <section class="work-section" aria-labelledby="sb-first-title">
      <h2 id="sb-first-title">{t('bdFirstTitle')}</h2>
      <ul class="sb-firsts">
        {entries.map(([c, team]) => <li key={c}><span aria-hidden="true">★ </span><strong>{name(team)}</strong> {t('bdFirstOn', { challenge: challenge(c) })}</li>)}
      </ul>
    </section>
  );
}

function OverTime({ series, name, drill }: { series: Series; name: (id: string) => string; drill: Drill }) {
  const withPoints = series.teams.filter((s) => s.points.length > 0);
  if (!withPoints.length) return null;
  const steps: StepSeries[] = series.teams.map((s, i) => ({
    label: name(s.team), color: SERIES[i % SERIES.length], dash: i >= SERIES.length ? '7 4' : undefined,
    points: s.points.map((p) => [p.clock, p.score] as [number, number]),
  }));
  // the table: one row per moment, a column per team
  const moments = new Map<number, number>();   // clock -> wall time (s)
  for (const s of series.teams) for (const p of s.points) if (!moments.has(p.clock)) moments.set(p.clock, p.at);
  const clocks = [...moments.keys()].sort((a, b) => a - b);
  const scoreAt = (s: Series['teams'][number], c: number) => {
    let v = 0;
    for (const p of s.points) if (p.clock <= c) v = p.score;
    return v;
  };
  const tod = new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : currentLang(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const xEnd = Math.max(drill.clock, clocks[clocks.length - 1] || 0);
  return (
    <ChartFrame title={t('bdOverTimeTitle', { n: series.teams.length })} subtitle={t('bdOverTimeSub')}
      source={t('bdSource', { drill: drill.title })} file={'scoreboard-' + drill.id}
      table={{
        columns: [{ label: t('bdColTime') }, { label: t('drClockLabel') }, ...series.teams.map((s) => ({ label: name(s.team), numeric: true }))],
        rows: clocks.map((c) => [tod.format(new Date(moments.get(c)! * 1000)), clockText(c), ...series.teams.map((s) => scoreAt(s, c))]),
      }}>
      <Steps series={steps} xEnd={xEnd} xLabel={xEnd < 10 ? fineClock : clockText} ariaLabel={t('bdOverTimeAria', { teams: steps.map((s) => s.label).join(', ') })} />
    </ChartFrame>
  );
}
