// /drills/{d}/challenges for staff: every challenge of the drill with its
// value now, visibility, flag types, attempts and hints; controllers add
// one during play, edit it (flags and hints only when given: the old
// flags stay unless new ones are typed, hints are added), hide or show it,
// and award or deduct points with a reason (the awards so far listed), and
// set the scoreboard's freeze and brackets (BoardSettings.tsx).
// Evaluators see the same without the controls. Errors in the manner of
// GOV.UK: a summary linking to each field, the message at the field.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ApiError } from '../../api';
import { num } from '../../format';
import { clockText, type Drill } from '../../drills';
import { ctf, useBoardFeed, type Award, type Challenge, type ChallengeBody } from '../../challenges';
import { ErrorSummary, FieldErrorText, when, type FieldError } from '../../components/forms';
import { Loading, errorText } from '../../components/ui';
import { DrillStatusTag, LinkState } from './Drill';
import { ChallengeLinks, isControl, teamNamer, useKept } from './ChallengeShell';
import { BoardSettings } from './BoardSettings';

const pts = (v: number) => t('chPoints', { n: v, value: num(v, 0) });

export function ChallengeEditor({ drill }: { drill: Drill }) {
  const d = drill.id, control = isControl(drill);
  const data = useKept(async () => {
    const [list, awards, board] = await Promise.all([ctf.list(d), ctf.awards(d), ctf.board(d)]);
    return { list, awards: awards.awards, board };
  }, [d]);
  const { link, status } = useBoardFeed(d, drill.status, data.reload);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const cur = data.data;
  if (!cur) {
    return <div class="page"><h1>{t('ceTitle')}</h1>{data.error ? <p class="field-error" role="alert">{errorText(data.error)}</p> : <Loading />}</div>;
  }
  const toggle = async (c: Challenge) => {
    setErr(null); setDone(null);
    try { await ctf.change(d, c.id, { hidden: !c.hidden }); setDone(t(c.hidden ? 'ceShown' : 'ceHidden', { name: c.name })); data.reload(); }
    catch (e) { setErr(errorText(e as ApiError)); }
  };
  const edited = editing && editing !== 'new' ? cur.list.find((c) => c.id === editing) : undefined;
  return (
    <div class="page page-wide ch-editor">
      <p class="eyebrow">{drill.title}</p>
      <h1>{t(control ? 'ceTitle' : 'ceTitleRead')}</h1>
      <div class="dr-bar"><DrillStatusTag status={status} /><LinkState link={link} open="chLinkOpen" /></div>
      <ChallengeLinks drill={drill} current="challenges" />
      {done && <div class="panel panel-success" role="status"><p>{done}</p></div>}
      {err && <p class="field-error" role="alert">{err}</p>}
      <section class="work-section" aria-labelledby="ce-list-title">
        <h2 id="ce-list-title">{t('ceListTitle', { n: cur.list.length })}</h2>
        {cur.list.length === 0 ? <p class="muted">{t('ceNone')}</p> : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('ceListTitle', { n: cur.list.length }) })}>
            <table class="data stack-table ce-table">
              <thead><tr>
                <th scope="col">{t('ceColName')}</th><th scope="col">{t('ceColCategory')}</th><th scope="col" class="num">{t('ceColValue')}</th>
                <th scope="col">{t('ceColSeen')}</th><th scope="col">{t('ceColFlags')}</th><th scope="col">{t('ceColLimits')}</th>
                {control && <th scope="col">{t('drColActions')}</th>}
              </tr></thead>
              <tbody>
                {cur.list.map((c) => (
                  <tr key={c.id} data-challenge={c.id}>
                    <th scope="row">{c.name} <span class="code">{c.id}</span></th>
                    <td data-label={t('cellLabel', { label: t('ceColCategory') })}>{c.category}</td>
                    <td class="num" data-label={t('cellLabel', { label: t('ceColValue') })}>{pts(c.value)}{c.dynamic && <><br /><span class="muted">{t('ceDynamic', { initial: num(c.dynamic.initial, 0), minimum: num(c.dynamic.minimum, 0), fn: t(c.dynamic.function === 'linear' ? 'ceLinear' : 'ceLog') })}</span></>}</td>
                    <td data-label={t('cellLabel', { label: t('ceColSeen') })}>
                      {c.hidden ? <strong class="tag tag-orange">{t('ceHiddenTag')}</strong> : <strong class="tag tag-green">{t('ceVisibleTag')}</strong>}
                      {c.opens_at != null && <span class="muted"> {t('ceOpensAt', { clock: clockText(c.opens_at) })}</span>}
                      {c.requires && c.requires.length > 0 && <span class="muted"> {t('ceRequires', { ids: c.requires.join(', ') })}</span>}
                    </td>
                    <td data-label={t('cellLabel', { label: t('ceColFlags') })}>{(c.flags || []).map((f) => t(('ceFlag_' + f.type) as 'ceFlag_static')).join(', ')}</td>
                    <td data-label={t('cellLabel', { label: t('ceColLimits') })}>
                      {c.max_attempts ? t('ceMaxAttempts', { n: c.max_attempts }) : t('ceNoLimit')}
                      {c.hints.length > 0 && <><br />{t('ceHintCosts', { n: c.hints.length, costs: c.hints.map((h) => num(h.cost, 0)).join(', ') })}</>}
                      {c.files.length > 0 && <><br />{t('ceFiles', { n: c.files.length })}</>}
                    </td>
                    {control && <td data-label={t('cellLabel', { label: t('drColActions') })}>
                      <span class="dr-buttons">
                        <button type="button" class="button button-small button-secondary" onClick={() => { setDone(null); setEditing(c.id); }}>{t('ceEdit')}<span class="sr-only"> {c.name}</span></button>
                        <button type="button" class="button button-small button-secondary" onClick={() => toggle(c)}>{t(c.hidden ? 'ceShow' : 'ceHide')}<span class="sr-only"> {c.name}</span></button>
                      </span>
                    </td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {control && !editing && <p><button type="button" class="button" onClick={() => { setDone(null); setEditing('new'); }}>{t('ceAdd')}</button></p>}
      </section>
      {control && editing && (
        <ChallengeForm key={editing} drill={d} c={edited} ids={cur.list.map((c) => c.id)}
          onCancel={() => setEditing(null)}
          onSaved={(msg) => { setEditing(null); setDone(msg); data.reload(); }} />
      )}
      <Awards drill={drill} awards={cur.awards} control={control} onSaved={data.reload} />
      {control && <BoardSettings drill={drill} board={cur.board} onSaved={data.reload} />}
    </div>
  );
}

const FIELDS = ['id', 'name', 'category', 'description', 'value', 'dynamic.initial', 'dynamic.minimum', 'dynamic.decay', 'flags', 'max_attempts', 'hints', 'hints.cost'];
const fieldId = (f: string) => 'ce-' + f.replace(/\./g, '-');

function ChallengeForm({ drill, c, ids, onCancel, onSaved }: {
  drill: string; c?: Challenge; ids: string[]; onCancel: () => void; onSaved: (msg: string) => void;
}) {
  const [f, setF] = useState(() => ({
    id: '', name: c?.name || '', category: c?.category || '', description: c?.description || '',
    scoring: c?.dynamic ? 'dynamic' : 'fixed', value: c && !c.dynamic ? String(c.value) : '',
    initial: c?.dynamic ? String(c.dynamic.initial) : '', minimum: c?.dynamic ? String(c.dynamic.minimum) : '',
    decay: c?.dynamic ? String(c.dynamic.decay) : '', fn: c?.dynamic?.function || 'logarithmic',
    flagType: 'static', flag: '', max: c?.max_attempts ? String(c.max_attempts) : '', hidden: !!c?.hidden,
    hintText: '', hintCost: '',
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [busy, setBusy] = useState(false);
  const head = useRef<HTMLHeadingElement>(null);
  useEffect(() => { head.current?.focus(); }, []);
  const set = (k: keyof typeof f) => (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    setF((o) => ({ ...o, [k]: el.type === 'checkbox' ? el.checked : el.value }));
  };
  const errOf = (field: string) => errors.find((e) => e.id === fieldId(field))?.message;
  const numOr = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const check = (): FieldError[] => {
    const out: FieldError[] = [];
    const need = (k: string, ok: boolean, key: Parameters<typeof t>[0]) => { if (!ok) out.push({ id: fieldId(k), message: t(key) }); };
    if (!c) need('id', /^[A-Za-z0-9_.:-]{1,64}$/.test(f.id) && !ids.includes(f.id), ids.includes(f.id) ? 'ceErrIdTaken' : 'ceErrId');
    need('name', !!f.name.trim(), 'ceErrName');
    need('category', !!f.category.trim(), 'ceErrCategory');
    if (f.scoring === 'fixed') need('value', Number.isFinite(numOr(f.value)), 'ceErrValue');
    else {
      need('dynamic.initial', numOr(f.initial) >= 0, 'ceErrInitial');
      need('dynamic.minimum', numOr(f.minimum) >= 0 && numOr(f.minimum) <= numOr(f.initial), 'ceErrMinimum');
      need('dynamic.decay', numOr(f.decay) > 0, 'ceErrDecay');
    }
    if (!c) need('flags', !!f.flag.trim(), 'ceErrFlag');
    if (f.max.trim()) need('max_attempts', Number.isInteger(numOr(f.max)) && numOr(f.max) >= 0, 'ceErrMax');
    if (f.hintText.trim() || f.hintCost.trim()) {
      need('hints', !!f.hintText.trim(), 'ceErrHintText');
      need('hints.cost', numOr(f.hintCost) >= 0, 'ceErrHintCost');
    }
    return out;
  };
  const body = (): ChallengeBody => {
    const b: ChallengeBody = { name: f.name.trim(), category: f.category.trim(), description: f.description, hidden: f.hidden, max_attempts: f.max.trim() ? Number(f.max) : 0 };
    if (!c) b.id = f.id;
    if (f.scoring === 'fixed') b.value = Number(f.value);
    else b.dynamic = { initial: Number(f.initial), minimum: Number(f.minimum), decay: Number(f.decay), function: f.fn };
    if (f.flag.trim()) b.flags = [f.flagType === 'regex' ? { type: 'regex', value: f.flag } : { type: f.flagType, value: f.flag }];
    if (f.hintText.trim()) {
      const taken = new Set(c?.hints.map((h) => h.id) || []);
      let n = taken.size + 1;
      while (taken.has('h' + n)) n++;
      b.hints = [{ id: 'h' + n, text: f.hintText.trim(), cost: Number(f.hintCost) }];
    }
    return b;
  };
  const save = async (ev: Event) => {
    ev.preventDefault();
    setTries((x) => x + 1);
    const local = check();
    setErrors(local);
    if (local.length) return;
    setBusy(true);
    try {
      if (c) await ctf.change(drill, c.id, body()); else await ctf.add(drill, body());
      onSaved(t(c ? 'ceSaved' : 'ceAdded', { name: f.name.trim() }));
    } catch (e) {
      const x = e as ApiError;
      const field = x.field && FIELDS.includes(x.field) ? x.field : x.status === 409 ? 'id' : x.field?.split('.')[0];
      const id = field && FIELDS.includes(field) ? fieldId(field) : fieldId(c ? 'name' : 'id');
      setErrors([{ id, message: x.status === 409 ? t('ceErrIdTaken') : x.status === 422 ? x.message : errorText(x) }]);
    } finally { setBusy(false); }
  };
  const input = (k: keyof typeof f, field: string, label: string, opts: { hint?: string; type?: string; mode?: string; cls?: string } = {}) => {
    const id = fieldId(field), e = errOf(field);
    return (
      <div class={'form-group' + (e ? ' form-group-error' : '')}>
        <label class="label label-s" for={id}>{label}</label>
        {opts.hint && <span class="hint" id={id + '-hint'}>{opts.hint}</span>}
        <FieldErrorText id={id + '-error'} message={e} />
        <input id={id} class={'input ' + (opts.cls || '')} type={opts.type} inputMode={opts.mode as 'numeric'} value={f[k] as string} onInput={set(k)}
          aria-invalid={e ? 'true' : undefined} aria-describedby={[opts.hint ? id + '-hint' : '', e ? id + '-error' : ''].filter(Boolean).join(' ') || undefined} />
      </div>
    );
  };
  return (
    <section class="work-section ce-form" aria-labelledby="ce-form-title">
      <h2 id="ce-form-title" tabIndex={-1} ref={head}>{c ? t('ceEditTitle', { name: c.name }) : t('ceAddTitle')}</h2>
      <ErrorSummary errors={errors} focusKey={tries} />
      <form onSubmit={save} noValidate>
        {!c && input('id', 'id', t('ceId'), { hint: t('ceIdHint') })}
        {input('name', 'name', t('ceName'))}
        {input('category', 'category', t('ceCategory'), { hint: t('ceCategoryHint') })}
        <div class="form-group">
          <label class="label label-s" for="ce-description">{t('ceDescription')}</label>
          <textarea id="ce-description" class="textarea" rows={4} value={f.description} onInput={set('description')} />
        </div>
        <fieldset class="fieldset">
          <legend class="legend-s">{t('ceScoring')}</legend>
          <div class="dr-radios">
            <label class="dr-radio"><input type="radio" name="ce-scoring" value="fixed" checked={f.scoring === 'fixed'} onChange={set('scoring')} /> {t('ceFixed')}</label>
            <label class="dr-radio"><input type="radio" name="ce-scoring" value="dynamic" checked={f.scoring === 'dynamic'} onChange={set('scoring')} /> {t('ceDynamicChoice')}</label>
          </div>
          {f.scoring === 'fixed' ? input('value', 'value', t('ceValue'), { mode: 'decimal', cls: 'input-number' }) : (
            <div class="ce-row">
              {input('initial', 'dynamic.initial', t('ceInitial'), { mode: 'decimal', cls: 'input-number' })}
              {input('minimum', 'dynamic.minimum', t('ceMinimum'), { mode: 'decimal', cls: 'input-number' })}
              {input('decay', 'dynamic.decay', t('ceDecay'), { mode: 'decimal', cls: 'input-number', hint: t('ceDecayHint') })}
              <div class="form-group">
                <label class="label label-s" for="ce-fn">{t('ceFunction')}</label>
                <select id="ce-fn" class="input" value={f.fn} onChange={set('fn')}>
                  <option value="logarithmic">{t('ceLog')}</option>
                  <option value="linear">{t('ceLinear')}</option>
                </select>
              </div>
            </div>
          )}
        </fieldset>
        <div class="ce-row">
          <div class="form-group">
            <label class="label label-s" for="ce-flagtype">{t('ceFlagType')}</label>
            <select id="ce-flagtype" class="input" value={f.flagType} onChange={set('flagType')}>
              <option value="static">{t('ceFlag_static')}</option>
              <option value="case_insensitive">{t('ceFlag_case_insensitive')}</option>
              <option value="regex">{t('ceFlag_regex')}</option>
            </select>
          </div>
          {input('flag', 'flags', t(c ? 'ceFlagNew' : 'ceFlag'), { hint: t(c ? 'ceFlagKeep' : 'ceFlagHint'), cls: 'ce-flag' })}
        </div>
        {input('max', 'max_attempts', t('ceMax'), { hint: t('ceMaxHint'), mode: 'numeric', cls: 'input-number' })}
        <fieldset class="fieldset">
          <legend class="legend-s">{t('ceHintTitle')}</legend>
          <span class="hint">{t('ceHintHint')}</span>
          <div class="ce-row">
            {input('hintText', 'hints', t('ceHintText'), { cls: 'ce-flag' })}
            {input('hintCost', 'hints.cost', t('ceHintCost'), { mode: 'decimal', cls: 'input-number' })}
          </div>
        </fieldset>
        <div class="form-group">
          <label class="dr-radio"><input type="checkbox" checked={f.hidden} onChange={set('hidden')} /> {t('ceHiddenBox')}</label>
        </div>
        <div class="dr-buttons">
          <button type="submit" class="button" disabled={busy}>{t(c ? 'ceSave' : 'ceAddButton')}</button>
          <button type="button" class="button button-secondary" onClick={onCancel}>{t('ceCancel')}</button>
        </div>
      </form>
    </section>
  );
}

function Awards({ drill, awards, control, onSaved }: { drill: Drill; awards: Award[]; control: boolean; onSaved: () => void }) {
  const name = teamNamer(drill);
  const teams = drill.teams.filter((x) => !x.hidden);
  const [team, setTeam] = useState(teams[0]?.id || '');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (ev: Event) => {
    ev.preventDefault();
    setTries((x) => x + 1);
    setDone(null);
    const v = Number(value), out: FieldError[] = [];
    if (!team) out.push({ id: 'aw-team', message: t('awErrTeam') });
    if (!value.trim() || !Number.isFinite(v) || v === 0) out.push({ id: 'aw-value', message: t('awErrValue') });
    if (!reason.trim()) out.push({ id: 'aw-reason', message: t('awErrReason') });
    setErrors(out);
    if (out.length) return;
    setBusy(true);
    try {
      await ctf.award(drill.id, { team, value: v, reason: reason.trim() });
      setDone(t(v > 0 ? 'awDoneAward' : 'awDoneDeduct', { team: name(team), points: pts(Math.abs(v)) }));
      setValue(''); setReason(''); onSaved();
    } catch (e) {
      const x = e as ApiError;
      setErrors([{ id: x.field === 'reason' ? 'aw-reason' : x.field === 'team' ? 'aw-team' : 'aw-value', message: x.status === 422 ? x.message : errorText(x) }]);
    } finally { setBusy(false); }
  };
  const e = (id: string) => errors.find((x) => x.id === id)?.message;
  const list = awards.slice().reverse();
  return (
    <section class="work-section" aria-labelledby="aw-title">
      <h2 id="aw-title">{t('awTitle')}</h2>
      {control && (
        <form class="aw-form" onSubmit={send} noValidate>
          <ErrorSummary errors={errors} focusKey={tries} />
          {done && <div class="panel panel-success" role="status"><p>{done}</p></div>}
          <p class="hint">{t('awHint')}</p>
          <div class="ce-row">
            <div class={'form-group' + (e('aw-team') ? ' form-group-error' : '')}>
              <label class="label label-s" for="aw-team">{t('drColTeam')}</label>
              <FieldErrorText id="aw-team-error" message={e('aw-team')} />
              <select id="aw-team" class="input" value={team} onChange={(ev) => setTeam((ev.currentTarget as HTMLSelectElement).value)}>
                {teams.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
            </div>
            <div class={'form-group' + (e('aw-value') ? ' form-group-error' : '')}>
              <label class="label label-s" for="aw-value">{t('awValue')}</label>
              <span class="hint" id="aw-value-hint">{t('awValueHint')}</span>
              <FieldErrorText id="aw-value-error" message={e('aw-value')} />
              <input id="aw-value" class="input input-number" inputMode="decimal" value={value} onInput={(ev) => setValue((ev.currentTarget as HTMLInputElement).value)}
                aria-invalid={e('aw-value') ? 'true' : undefined} aria-describedby={'aw-value-hint' + (e('aw-value') ? ' aw-value-error' : '')} />
            </div>
          </div>
          <div class={'form-group' + (e('aw-reason') ? ' form-group-error' : '')}>
            <label class="label label-s" for="aw-reason">{t('awReason')}</label>
            <FieldErrorText id="aw-reason-error" message={e('aw-reason')} />
            <input id="aw-reason" class="input" value={reason} onInput={(ev) => setReason((ev.currentTarget as HTMLInputElement).value)}
              aria-invalid={e('aw-reason') ? 'true' : undefined} aria-describedby={e('aw-reason') ? 'aw-reason-error' : undefined} />
          </div>
          <button type="submit" class="button" disabled={busy}>{t('awSend')}</button>
        </form>
      )}
      {list.length === 0 ? <p class="muted">{t('awNone')}</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: t('awTitle') })}>
          <table class="data stack-table">
            <thead><tr><th scope="col">{t('drColTeam')}</th><th scope="col" class="num">{t('awValue')}</th><th scope="col">{t('awReason')}</th><th scope="col">{t('awBy')}</th><th scope="col">{t('awWhen')}</th></tr></thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id} data-award={a.id}>
                  <th scope="row">{name(a.team)}</th>
                  <td class="num" data-label={t('cellLabel', { label: t('awValue') })}>{(a.value > 0 ? '+' : '') + num(a.value, 0)}</td>
                  <td data-label={t('cellLabel', { label: t('awReason') })}>{a.reason}</td>
                  <td data-label={t('cellLabel', { label: t('awBy') })}>{a.by}</td>
                  <td data-label={t('cellLabel', { label: t('awWhen') })}>{clockText(a.clock)} · {when(a.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
