// "Draft from gaps" (/plans/{p}/draft): choose a campaign, how many of the
// largest gaps, and optionally a target; the server proposes actions from
// the unit's largest gaps and the nodes the target leaves unmet (one
// action for a node that is both), saved as proposed. Each proposal says
// which gap it came from and the peers at full marks; accept it (planned),
// edit it, or drop it. The plan's proposals waiting for a decision follow.
import './build.css';
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { type Route } from '../../router';
import { api, type ApiError } from '../../api';
import { useAsync } from '../../hooks';
import { int } from '../../format';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { ErrorSummary, Panel, type FieldError } from '../../components/forms';
import { plans, type Action } from '../../plans';
import { ApiError as AE } from '../../api';
import type { Campaign } from '../../types';
import { PlanHeader, WithPlan, planHref, type PlanData } from './common';
import { SourceNote } from './SourceNote';
import { Choice, Text } from './fields';

export function DraftPage({ route }: { route: Route }) {
  const [tick, setTick] = useState(0);
  return (
    <WithPlan route={route} title="plDraftTitle" tick={tick}>
      {(d) => d.edit ? <DraftView d={d} reload={() => setTick((x) => x + 1)} /> : <AccessError title={t('plDraftTitle')} error={new AE(403, 'forbidden', '')} route={route} />}
    </WithPlan>
  );
}

function DraftView({ d, reload }: { d: PlanData; reload: () => void }) {
  const { plan } = d;
  const cs = useAsync(() => api.campaigns(), []);
  const [campaign, setCampaign] = useState(plan.baseline || '');
  const [target, setTarget] = useState('');
  const [top, setTop] = useState('10');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ n: number; skipped: number; merged: number; live: boolean } | null>(null);
  const [note, setNote] = useState('');
  const campaigns: Campaign[] = (cs.data || []).filter((c) => c.status !== 'draft');
  const fwId = campaigns.find((c) => c.id === campaign)?.framework;
  const fw = useAsync(() => (fwId ? api.framework(fwId) : Promise.resolve(null)), [fwId]);
  const targets = fw.data?.targets || [];
  const proposals = plan.objectives.flatMap((o) => o.actions.filter((a) => a.status === 'proposed').map((a) => ({ a, o: o.title })));

  const draft = async (ev: Event) => {
    ev.preventDefault();
    setAttempt((x) => x + 1);
    const bad: FieldError[] = [];
    if (!campaign) bad.push({ id: 'dr-campaign', message: t('plErrCampaign') });
    if (!/^\d{1,3}$/.test(top.trim()) || Number(top) > 200) bad.push({ id: 'dr-top', message: t('plErrTop') });
    if (bad.length) { setErrors(bad); return; }
    setBusy(true);
    try {
      const body: Record<string, unknown> = { campaign, top: Number(top) };
      if (target) body.target = target;
      const r = await plans.draft(plan.id, body);
      setErrors([]);
      setResult({ n: r.proposals.length, skipped: r.skipped.length, merged: (r.merged || []).length, live: r.live });
      reload();
    } catch (e) {
      const ae = e as ApiError;
      setErrors([{ id: ae.field === 'target' ? 'dr-target' : ae.field === 'top' ? 'dr-top' : 'dr-campaign', message: t('errGeneric', { message: ae.message }) }]);
    } finally { setBusy(false); }
  };
  const accept = async (a: Action) => {
    try { await plans.patchAction(plan.id, a.id, { status: 'planned' }); setNote(t('plAccepted', { title: a.title })); reload(); }
    catch (e) { setNote(t('errGeneric', { message: (e as ApiError).message })); }
  };
  const drop = async (a: Action) => {
    try { await plans.dropAction(plan.id, a.id); setNote(t('plDropped', { title: a.title })); reload(); }
    catch (e) { setNote(t('errGeneric', { message: (e as ApiError).message })); }
  };

  return (
    <div class="page page-wide draft">
      <ErrorSummary errors={errors} focusKey={attempt} />
      <PlanHeader d={d} current="draft" h1={t('plDraftH1')} lead={t('plDraftLead')} />
      {cs.state === 'loading' ? <Loading /> : (
        <form class="form" noValidate onSubmit={draft} data-testid="draft-form">
          <div class="form-row">
            <Choice id="dr-campaign" label={t('plDrCampaign')} error={errors.find((e) => e.id === 'dr-campaign')?.message} value={campaign} onChange={(v) => { setCampaign(v); setTarget(''); }}
              options={[{ value: '', label: t('plChoose') }, ...campaigns.map((c) => ({ value: c.id, label: `${c.title || c.id}${c.status === 'published' ? '' : ' (' + t('plLive') + ')'}` }))]} />
            <Choice id="dr-target" label={t('plDrTarget')} hint={t('plDrTargetHint')} error={errors.find((e) => e.id === 'dr-target')?.message} value={target} onChange={setTarget}
              options={[{ value: '', label: t('plDrNoTarget') }, ...targets.map((x) => ({ value: x.id, label: x.name || x.id }))]} />
          </div>
          <Text id="dr-top" label={t('plDrTop')} hint={t('plDrTopHint')} class="input-num" value={top} onInput={setTop}
            error={errors.find((e) => e.id === 'dr-top')?.message} extra={{ inputMode: 'numeric' }} />
          <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('plDraftButton')}</button>
        </form>
      )}
      {result && (
        <Panel kind="success" title={t('plDrafted', { n: int(result.n) })}>
          {result.merged > 0 && <p>{t('plDraftMerged', { n: int(result.merged) })}</p>}
          {result.skipped > 0 && <p>{t('plDraftSkipped', { n: int(result.skipped) })}</p>}
          {result.live && <p>{t('plDraftLive')}</p>}
        </Panel>
      )}
      <p role="status" class="muted" data-testid="draft-note">{note}</p>
      <h2>{t('plProposals', { n: int(proposals.length) })}</h2>
      {!proposals.length ? <p class="muted">{t('plNoProposals')}</p> : (
        <ul class="proposals">
          {proposals.map(({ a, o }) => (
            <li key={a.id} class="proposal" data-action={a.id} data-kind={a.source?.kind}>
              <h3>{a.title}</h3>
              <p class="muted">{t('plInObjective', { o })}</p>
              {a.source && <SourceNote source={a.source} />}
              {a.links.length > 0 && <p class="hint">{t('plAddresses')} {a.links.map((l) => `${l.framework}: ${l.node}`).join('; ')}</p>}
              <div class="button-row">
                <button type="button" class="button" onClick={() => accept(a)}>{t('plAccept')}<span class="sr-only">: {a.title}</span></button>
                <Link class="button button-secondary" href={planHref(plan.id, 'actions/' + a.id)}>{t('plEdit')}<span class="sr-only">: {a.title}</span></Link>
                <button type="button" class="button button-warning" onClick={() => drop(a)}>{t('plDrop')}<span class="sr-only">: {a.title}</span></button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
