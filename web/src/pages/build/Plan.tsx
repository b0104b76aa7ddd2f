// A plan (/plans/{p}?status=S&owner=O&overdue=1): the answer first (progress,
// RAG in words, counts by status, overdue and blocked), then the objectives
// with their actions (status, owner, due, progress; overdue and blocked said
// in words), filters, the timeline of actions from start to due (with its
// table), the chosen CSIRT services, and for those who may change it: add
// an objective, add or edit an action, make the plan public, delete the
// plan (after a confirmation that says what goes and what keeps a record).
import './build.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { href, navigate, setParams, type Route } from '../../router';
import { date, int } from '../../format';
import { Empty, Link } from '../../components/ui';
import { ChartFrame, type TableData } from '../../components/ChartFrame';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { Gantt, type GanttRow } from '../../charts/Gantt';
import { STATUSES, plans, type Action, type Plan } from '../../plans';
import type { ApiError } from '../../api';
import { ActionStatus, PlanHeader, RagTag, WithPlan, pct, planHref, statusName, type PlanData } from './common';
import { Text } from './fields';
import { useAsync } from '../../hooks';
import { partners, type Pledge } from '../../partners';

export function PlanPage({ route }: { route: Route }) {
  const [tick, setTick] = useState(0);
  return (
    <WithPlan route={route} title="plTitle" tick={tick}>
      {(d) => <PlanView route={route} d={d} reload={() => setTick((x) => x + 1)} />}
    </WithPlan>
  );
}

export const STATUS_COLOR: Record<string, string> = {
  proposed: '#8a8f94', planned: '#5c6b7a', in_progress: '#0b5fa5', done: '#007a5a', blocked: '#c44e00', cancelled: '#b1b4b6',
};

/** Overdue and blocked in words beside the status. */
export function Marks({ a }: { a: Action }) {
  return (
    <>
      {a.overdue && <strong class="mark mark-overdue">{t('plOverdueMark')}</strong>}
    </>
  );
}

function PlanView({ route, d, reload }: { route: Route; d: PlanData; reload: () => void }) {
  const { plan, edit } = d;
  const focal = !!d.user && d.user.roles.some((g) => g.role === 'focal_point' && g.unit === plan.unit);
  const status = route.params.get('status') || '';
  const owner = route.params.get('owner') || '';
  const overdue = route.params.get('overdue') === '1';
  const all = plan.objectives.flatMap((o) => o.actions);
  const owners = [...new Set(all.map((a) => a.owner).filter(Boolean))].sort();
  const keep = (a: Action) => (!status || a.status === status) && (!owner || a.owner === owner) && (!overdue || a.overdue);
  const shown = all.filter(keep);
  const p = plan.progress;
  const pledged = useActionPledges(plan.unit);
  return (
    <div class="page page-wide plan" data-testid="plan">
      <PlanHeader d={d} current="" />
      <p class="muted">{t('plFromTo', { from: date(plan.start), to: date(plan.end) })}{plan.baseline ? ' · ' + t('plBaselineIs', { c: plan.baseline }) : ''}</p>
      <dl class="figures" data-testid="plan-figures">
        <div><dt>{t('plOverall')}</dt><dd data-testid="plan-overall">{pct(p.overall)}</dd></div>
        <div><dt>{t('plStatusRag')}</dt><dd><RagTag rag={p.rag} /></dd></div>
        <div><dt>{t('plActions')}</dt><dd data-testid="plan-total">{int(p.total)}</dd></div>
        <div><dt>{t('plOverdue')}</dt><dd data-testid="plan-overdue">{int(p.overdue)}</dd></div>
        <div><dt>{t('plBlocked')}</dt><dd data-testid="plan-blocked">{int(p.blocked)}</dd></div>
      </dl>
      <ul class="status-counts" aria-label={t('plByStatus')} data-testid="by-status">
        {STATUSES.map((s) => <li key={s} data-status={s}><ActionStatus status={s} /> <span class="count">{int(p.by_status[s] || 0)}</span></li>)}
      </ul>
      {edit && <PublicToggle plan={plan} onDone={reload} />}

      <form class="controls" aria-label={t('plFilters')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="f-status">{t('plFStatus')}</label>
          <select id="f-status" value={status} onChange={(e) => setParams({ status: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('plAnyStatus')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{statusName(s)}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="f-owner">{t('plFOwner')}</label>
          <select id="f-owner" value={owner} onChange={(e) => setParams({ owner: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">{t('plAnyOwner')}</option>
            {owners.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </div>
        <div class="field field-check">
          <input type="checkbox" id="f-overdue" checked={overdue} onChange={(e) => setParams({ overdue: (e.currentTarget as HTMLInputElement).checked ? '1' : null })} />
          <label for="f-overdue">{t('plOnlyOverdue')}</label>
        </div>
      </form>
      <p class="muted" role="status" data-testid="shown">{t('plShown', { n: int(shown.length), m: int(all.length) })}</p>

      {plan.objectives.map((o) => {
        const acts = o.actions.filter(keep);
        return (
          <section key={o.id} class="objective" aria-labelledby={'obj-' + o.id} data-objective={o.id}>
            <div class="objective-head">
              <h2 id={'obj-' + o.id}>{o.title}</h2>
              <p><RagTag rag={o.rag} /> {o.counted ? t('plObjProgress', { p: pct(o.progress), n: int(o.counted) }) : t('plObjNoneCounted')}</p>
            </div>
            {!acts.length ? <p class="muted">{t('plNoneShown')}</p> : (
              <div class="table-wrap" tabIndex={0} role="region" aria-label={t('tableOf', { title: o.title })}>
                <table class="data actions-table">
                  <caption class="sr-only">{t('plActionsOf', { o: o.title })}</caption>
                  <thead><tr>
                    <th scope="col">{t('plAction')}</th><th scope="col">{t('plFStatus')}</th><th scope="col">{t('plFOwner')}</th>
                    <th scope="col">{t('plFDue')}</th><th scope="col" class="num">{t('plProgress')}</th>
                  </tr></thead>
                  <tbody>
                    {acts.map((a) => (
                      <tr key={a.id} data-action={a.id} data-status={a.status} class={a.overdue ? 'row-overdue' : undefined}>
                        <th scope="row">{edit ? <Link href={planHref(plan.id, 'actions/' + a.id)}>{a.title}</Link> : a.title}
                          {focal && <> <Link class="small-link" href={href('/partnerships/requests/new', { action: String(a.id) })}>{t('ptAskPartners')}<span class="sr-only">: {a.title}</span></Link></>}
                          <ActionPledges list={pledged.of(a.id)} org={pledged.org} /></th>
                        <td data-label={t('plFStatus')}><ActionStatus status={a.status} /> <Marks a={a} /></td>
                        <td data-label={t('plFOwner')}>{a.owner || <span class="muted">{t('plNoOwner')}</span>}</td>
                        <td data-label={t('plFDue')}>{a.due ? date(a.due) : <span class="muted">{t('plNoDate')}</span>}</td>
                        <td class="num" data-label={t('plProgress')}>{pct(a.status === 'done' ? 100 : a.progress)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {edit && <p><Link class="button button-secondary" href={planHref(plan.id, 'actions/new', { objective: String(o.id) })}>{t('plAddAction')}<span class="sr-only">: {o.title}</span></Link></p>}
          </section>
        );
      })}
      {edit && <AddObjective plan={plan} onDone={reload} />}
      <Timeline plan={plan} actions={shown} />
      {plan.services.length > 0 && (
        <section aria-labelledby="svc-title" class="work-section">
          <h2 id="svc-title">{t('plServicesChosen', { n: int(plan.services.length) })}</h2>
          <ul>{plan.services.map((s) => <li key={s.id}>{s.id} {s.name} <span class="muted">({s.area_name})</span></li>)}</ul>
        </section>
      )}
      {edit && <DeletePlan plan={plan} />}
    </div>
  );
}

/** The pledges (that the reader may see) whose request comes from an action of the unit's plan. */
function useActionPledges(unit: string) {
  const d = useAsync(async () => {
    const [pl, orgs] = await Promise.all([partners.pledges(unit), partners.orgs()]);
    return { pledges: pl.pledges.filter((x) => x.action), orgs: orgs.organisations };
  }, [unit]);
  const x = d.data;
  return {
    of: (action: number) => (x ? x.pledges.filter((y) => y.action === action) : []),
    org: (id: string) => x?.orgs.find((o) => o.id === id)?.name || id,
  };
}

function ActionPledges({ list, org }: { list: Pledge[]; org: (id: string) => string }) {
  if (!list.length) return null;
  return (
    <ul class="action-pledges" data-testid="action-pledges">
      {list.map((x) => (
        <li key={x.id}><Link href={href(`/partnerships/pledges/${x.id}`)}>{t('ptActionPledge', { org: org(x.provider), what: x.description })}</Link>{' '}
          <span class="muted">({t(x.cancelled ? 'ptSt_cancelled' : (('ptSt_' + x.delivery) as 'ptSt_none'))})</span></li>
      ))}
    </ul>
  );
}

const ms = (iso: string) => Date.parse(iso + 'T00:00:00Z');

function Timeline({ plan, actions }: { plan: Plan; actions: Action[] }) {
  const dated = actions.filter((a) => a.start && a.due).sort((a, b) => a.start!.localeCompare(b.start!) || a.id - b.id);
  const rows: GanttRow[] = dated.map((a) => ({
    key: String(a.id), label: a.title, start: ms(a.start!), end: ms(a.due!), color: STATUS_COLOR[a.status] || '#555',
    hatch: a.status === 'blocked' || a.status === 'proposed',
    note: statusName(a.status) + (a.overdue ? ', ' + t('plOverdueMark').toLowerCase() : ''),
  }));
  const table: TableData = {
    columns: [{ label: t('plAction') }, { label: t('plFStart') }, { label: t('plFDue') }, { label: t('plFStatus') }, { label: t('plOverdue') }],
    rows: dated.map((a) => [a.title, a.start, a.due, statusName(a.status), a.overdue ? t('plYes') : t('plNo')]),
  };
  const from = Math.min(ms(plan.start), ...rows.map((r) => r.start));
  const to = Math.max(ms(plan.end), ...rows.map((r) => r.end));
  return (
    <ChartFrame title={t('plTimelineTitle', { n: int(dated.length) })} subtitle={t('plTimelineSub', { n: int(actions.length - dated.length) })}
      source={t('plSource', { plan: plan.title, date: date(plan.at) })} table={table} file={'timeline-' + plan.id} class="chart-gantt">
      {rows.length ? <Gantt rows={rows} from={from} to={to} today={ms(plan.at)} ariaLabel={t('plTimelineAria', { n: int(rows.length) })}
        todayLabel={t('plToday')} /> : <Empty title={t('plNoDated')} />}
    </ChartFrame>
  );
}

function PublicToggle({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState('');
  const go = async () => {
    setBusy(true);
    try { await plans.patch(plan.id, { public: !plan.public }); setConfirm(false); onDone(); }
    catch (e) { setError(t('errGeneric', { message: (e as ApiError).message })); }
    finally { setBusy(false); }
  };
  return (
    <div class="public-toggle">
      <p>{plan.public ? t('plIsPublic') : t('plIsPrivate')}</p>
      {error && <p class="field-error" role="alert">{error}</p>}
      {plan.public
        ? <button type="button" class="button button-secondary" disabled={busy} onClick={go}>{t('plMakePrivate')}</button>
        : confirm
          ? <div class="panel panel-warning" role="group" aria-label={t('plMakePublic')}>
              <p>{t('plPublicConfirm')}</p>
              <button type="button" class="button" disabled={busy} onClick={go}>{t('plMakePublicYes')}</button>{' '}
              <button type="button" class="button-link" onClick={() => setConfirm(false)}>{t('cancel')}</button>
            </div>
          : <button type="button" class="button button-secondary" onClick={() => setConfirm(true)}>{t('plMakePublic')}</button>}
    </div>
  );
}

function AddObjective({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [n, setN] = useState(0);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setN((x) => x + 1);
    if (!title.trim()) { setErrors([{ id: 'obj-title', message: t('plErrObjTitle') }]); return; }
    try { await plans.addObjective(plan.id, title.trim()); setTitle(''); setErrors([]); onDone(); }
    catch (e) { setErrors([{ id: 'obj-title', message: t('errGeneric', { message: (e as ApiError).message }) }]); }
  };
  return (
    <form class="form add-objective" noValidate onSubmit={submit} aria-labelledby="add-obj-title">
      <ErrorSummary errors={errors} focusKey={n} />
      <h2 id="add-obj-title">{t('plAddObjective')}</h2>
      <Text id="obj-title" label={t('plFObjTitle')} value={title} onInput={setTitle} error={errors[0]?.message} />
      <button type="submit" class="button button-secondary">{t('plAddObjectiveButton')}</button>
    </form>
  );
}

function DeletePlan({ plan }: { plan: Plan }) {
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => { if (confirm) yes.current?.focus(); }, [confirm]);
  const nActions = plan.objectives.reduce((n, o) => n + o.actions.length, 0);
  const go = async () => {
    setBusy(true);
    try {
      await plans.remove(plan.id);
      navigate(href('/plans', { unit: plan.unit, deleted: plan.title }));
    } catch (e) { setError(t('errGeneric', { message: (e as ApiError).message })); setBusy(false); }
  };
  return (
    <section class="work-section delete-plan" aria-labelledby="del-title">
      <h2 id="del-title">{t('plDelete')}</h2>
      {error && <p class="field-error" role="alert">{error}</p>}
      {confirm
        ? <div class="panel panel-warning" role="group" aria-labelledby="del-title" data-testid="delete-confirm">
            <p>{t('plDeleteText', { o: int(plan.objectives.length), a: int(nActions) })}</p>
            <p>{t('plDeleteLinks')}</p>
            <button type="button" class="button button-warning" disabled={busy} onClick={go}
              ref={yes}>{busy ? t('working') : t('plDeleteYes')}</button>{' '}
            <button type="button" class="button-link" onClick={() => setConfirm(false)}>{t('cancel')}</button>
          </div>
        : <button type="button" class="button button-warning" onClick={() => setConfirm(true)}>{t('plDelete')}</button>}
    </section>
  );
}
