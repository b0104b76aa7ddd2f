// The player's inbox (/drills/{d} for a player): the injects delivered to
// their team, arriving live over the drill's event stream, sorted into the
// inbox and the media feed by channel (?feed=media); an answer to each
// inject; the communication check before play. Works on a phone, and says
// when the connection drops; files attached to an answer; the feedback
// survey once play has ended (the browser reconnects by itself and the
// server replays what was missed, from Last-Event-ID).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { setParams } from '../../router';
import { ApiError } from '../../api';
import { drills, myTeam, clockNow, clockText, isMedia, useDrillEvents, useNow, type Drill, type DrillStatus, type Inject, type Response } from '../../drills';
import { when, type FieldError } from '../../components/forms';
import { errorText } from '../../components/ui';
import { DrillStatusTag, LinkState, channelName } from './Drill';
import { ChallengeTrack } from './ChallengeShell';
import { Attachments } from './Attachments';
import { Feedback } from './Feedback';

export function Inbox({ drill }: { drill: Drill }) {
  const [injects, setInjects] = useState<Inject[]>(() => drill.injects || []);
  const [status, setStatus] = useState<{ status: DrillStatus; clock: number; asOf: number }>({ status: drill.status, clock: drill.clock, asOf: Date.now() });
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [check, setCheck] = useState<string | null>(drill.commcheck ?? null);
  const [checkErr, setCheckErr] = useState<string | null>(null);
  const now = useNow();
  const link = useDrillEvents(drill.id, ['inject', 'status'], (e) => {
    if (e.type === 'status') setStatus({ status: e.data.status, clock: e.data.clock, asOf: Date.now() });
    else if (e.type === 'inject') {
      setInjects((l) => (l.some((x) => x.id === e.data.id) ? l : [...l, { ...e.data, responses: [] }]));
      setFresh((f) => new Set(f).add(e.data.id));
      // the stream speaks the scenario's own language; the drill view is
      // in the reader's: take the inject's texts from it
      if (drill.lang) {
        drills.view(drill.id).then((v) => {
          const mine = (v.injects || []).find((x) => x.id === e.data.id);
          if (mine) setInjects((l) => l.map((x) => (x.id === mine.id ? { ...x, title: mine.title, content: mine.content, from: mine.from } : x)));
        }, () => { /* keep the stream's text */ });
      }
    }
  });
  const feed = new URLSearchParams(location.search).get('feed') === 'media' ? 'media' : 'inbox';
  const inbox = injects.filter((i) => !isMedia(i.channel)), media = injects.filter((i) => isMedia(i.channel));
  const shown = (feed === 'media' ? media : inbox).slice().reverse();
  const open = status.status === 'running' || status.status === 'paused';
  const addResponse = (r: Response) => setInjects((l) => l.map((i) => (i.id === r.inject ? { ...i, responses: [...(i.responses || []), r] } : i)));
  const confirm = async () => {
    setCheckErr(null);
    try { setCheck((await drills.commcheck(drill.id)).confirmed_at); } catch (e) { setCheckErr(errorText(e as ApiError)); }
  };
  return (
    <div class="page dr-inbox">
      <p class="eyebrow">{myTeam(drill)?.name}</p>
      <h1>{drill.title}</h1>
      <div class="dr-bar">
        <DrillStatusTag status={status.status} />
        <span class="dr-clock" aria-label={t('drClockLabel')}>{t('drClock', { clock: clockText(clockNow(status.status, status.clock, drill.speed, status.asOf, now)) })}</span>
        <LinkState link={link} />
      </div>
      {status.status !== 'ended' && status.status !== 'cancelled' && (
        <section class="dr-commcheck" aria-labelledby="cc-title">
          <h2 id="cc-title" class="h-s">{t('drCommTitle')}</h2>
          {check
            ? <p>{t('drCommDone', { at: when(check) })}</p>
            : <>
              <p>{t('drCommText')}</p>
              {checkErr && <p class="field-error">{checkErr}</p>}
              <button type="button" class="button" onClick={confirm}>{t('drCommButton')}</button>
            </>}
        </section>
      )}
      <ChallengeTrack drill={drill} />
      <nav class="dr-tabs" aria-label={t('drFeeds')}>
        <a href="?" aria-current={feed === 'inbox' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); setParams({ feed: null }); }}>
          {t('drInbox', { n: inbox.length })}</a>
        <a href="?feed=media" aria-current={feed === 'media' ? 'page' : undefined} onClick={(e) => { e.preventDefault(); setParams({ feed: 'media' }); }}>
          {t('drMedia', { n: media.length })}</a>
      </nav>
      <h2 class="sr-only">{feed === 'media' ? t('drMediaTitle') : t('drInboxTitle')}</h2>
      {shown.length === 0 && <p class="muted">{status.status === 'scheduled' ? t('drNothingYetScheduled') : t('drNothingYet')}</p>}
      <ol class="dr-injects" aria-live="polite">
        {shown.map((i) => <InjectCard key={i.id} drill={drill.id} inject={i} fresh={fresh.has(i.id)} open={open} onResponse={addResponse} />)}
      </ol>
      {status.status === 'ended' && <Feedback drill={drill.id} />}
    </div>
  );
}

function InjectCard({ drill, inject, fresh, open, onResponse }: { drill: string; inject: Inject; fresh: boolean; open: boolean; onResponse: (r: Response) => void }) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const fid = 'answer-' + inject.id;
  const send = async (ev: Event) => {
    ev.preventDefault();
    if (!text.trim()) { setErrors([{ id: fid, message: t('drAnswerEmpty') }]); return; }
    setBusy(true);
    try { onResponse(await drills.respond(drill, inject.id, text.trim())); setText(''); setErrors([]); }
    catch (e) { setErrors([{ id: fid, message: errorText(e as ApiError) }]); }
    finally { setBusy(false); }
  };
  const responses = inject.responses || [];
  return (
    <li class={'dr-inject' + (fresh ? ' dr-new' : '') + (isMedia(inject.channel) ? ' dr-media' : '')} data-inject={inject.id}>
      <article aria-labelledby={'inj-' + inject.id}>
        <p class="dr-meta">
          <span class="tag tag-blue">{channelName(inject.channel)}</span>
          {fresh && <strong class="tag tag-green">{t('drNew')}</strong>}
          <span>{t('drAtClock', { clock: clockText(inject.clock) })}</span>
        </p>
        <h3 id={'inj-' + inject.id}>{inject.title}</h3>
        {inject.from && <p class="dr-from">{t('drFrom', { from: inject.from })}</p>}
        <div class="dr-content">{inject.content.split(/\n{2,}/).map((para, k) => <p key={k}>{para}</p>)}</div>
        {responses.length > 0 && (
          <div class="dr-responses">
            <h4>{t('drYourAnswers')}</h4>
            <ul>{responses.map((r) => <li key={r.id} data-response={r.id}><span class="muted">{when(r.at)}, {r.player}:</span> {r.text}
              <Attachments drill={drill} response={r} canAdd={open} /></li>)}</ul>
          </div>
        )}
        {open && (
          <form class="form dr-answer" noValidate onSubmit={send}>
            <div class={'form-group' + (errors.length ? ' form-group-error' : '')}>
              <label class="label label-s" for={fid}>{t('drAnswerLabel')}</label>
              {errors.map((e) => <p class="field-error" key={e.message}><span class="sr-only">{t('errorPrefix')}</span>{e.message}</p>)}
              <textarea class="textarea" id={fid} rows={3} value={text} maxLength={10000}
                aria-invalid={errors.length ? 'true' : undefined}
                onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
            </div>
            <button type="submit" class="button button-small" disabled={busy}>{t('drAnswerSend')}</button>
          </form>
        )}
      </article>
    </li>
  );
}
