// A campaign for analysts (/campaigns/{c}): where it is in its life
// (draft, open, review, closed, published), the moves the server allows
// from there, and its units with the status of each assessment. Publishing
// asks for confirmation first: it freezes the results for good.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { href, type Route } from '../router';
import { api, invalidate, type ApiError } from '../api';
import { useTitle } from '../hooks';
import { int, date } from '../format';
import { can, useSession, type User } from '../session';
import { CAMPAIGN_MOVES, CAMPAIGN_STEPS, wf, type UnitRow } from '../workflow';
import { Link, Loading } from '../components/ui';
import { ErrorSummary, StatusTag, type FieldError } from '../components/forms';
import { UnitTable } from '../components/UnitTable';
import { AccessError, SignInNeeded } from '../components/Gate';
import type { Campaign, Unit } from '../types';

export function CampaignPage({ route }: { route: Route }) {
  const s = useSession(true);
  const title = t('campaignTitle');
  if (s.status === 'unknown') return <div class="page"><h1>{title}</h1><Loading /></div>;
  if (s.status === 'signed-out') return <SignInNeeded title={title} route={route} />;
  return <CampaignView route={route} user={s.user} key={route.id} />;
}

const MOVE_KEY: Record<string, string> = {
  'draft>open': 'moveOpen', 'open>review': 'moveReview', 'review>open': 'moveReopen',
  'review>closed': 'moveClose', 'closed>review': 'moveBackToReview', 'closed>published': 'movePublish',
};

function CampaignView({ route, user }: { route: Route; user: User }) {
  const id = route.id!;
  const [c, setC] = useState<Campaign | null>(null);
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [err, setErr] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [errKey, setErrKey] = useState(0);
  const [moved, setMoved] = useState<string | null>(null);
  const [rows, setRows] = useState<UnitRow[] | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const movedRef = useRef<HTMLDivElement>(null);
  useTitle(c?.title || t('campaignTitle'));
  useEffect(() => {
    let live = true;
    Promise.all([wf.campaign(id), api.units()]).then(([cc, us]) => { if (live) { setC(cc); setUnits(us); } }, (e) => live && setErr(e));
    return () => { live = false; };
  }, [id, tick]);
  useEffect(() => { if (confirm) confirmRef.current?.focus(); }, [confirm]);
  if (err) return <AccessError title={t('campaignTitle')} error={err} route={route} retry={() => setTick((x) => x + 1)} />;
  if (!c || !units) return <div class="page"><h1>{t('campaignTitle')}</h1><Loading /></div>;

  const manage = can(user, 'manage', c.id, null);
  const notValidated = (rows || []).filter((r) => r.assessment && r.assessment.status !== 'validated').length;
  const moves = CAMPAIGN_MOVES[c.status] || [];
  const step = CAMPAIGN_STEPS.indexOf(c.status);

  const move = async (to: string) => {
    if (to === 'published' && !confirm) { setConfirm(true); return; }
    setBusy(to);
    setErrors([]);
    try {
      const r = await wf.setStatus(c.id, to);
      setConfirm(false);
      invalidate('/campaigns');
      setC(await wf.campaign(c.id).catch(() => ({ ...c, status: r.status })));
      setMoved(to);
      window.setTimeout(() => movedRef.current?.focus(), 0);
    } catch (e) {
      const ae = e as ApiError;
      setErrors([{ id: 'moves', message: ae.status === 0 ? t('errNetwork') : t('errMove', { message: ae.message }) }]);
      setErrKey((x) => x + 1);
    } finally { setBusy(null); }
  };

  return (
    <div class="page campaign-page">
      <ErrorSummary errors={errors} focusKey={errKey} />
      <p class="eyebrow">{t('campaignTitle')} · <code>{c.id}</code></p>
      <h1>{c.title}</h1>
      <div class="qn-meta">
        <StatusTag status={c.status} kind="campaign" />
        <span>{t('campaignFacts', { year: c.year, units: int(c.units) })}</span>
        <Link href={href('/frameworks/' + encodeURIComponent(c.framework), { version: c.framework_version })}>{t('seeFramework')}</Link>
      </div>
      {moved && (
        <div class="panel panel-success" tabIndex={-1} ref={movedRef} role="status">
          <h2 class="panel-title">{t('movedTitle', { status: t(('cs_' + c.status) as 'cs_open') })}</h2>
          <p>{t(('after_' + c.status) as 'after_open')}</p>
          {c.status === 'published' && <p><Link class="button" href={href('/', { campaign: c.id })}>{t('seePublished')}</Link></p>}
        </div>
      )}

      <section aria-labelledby="steps-title" class="campaign-steps">
        <h2 id="steps-title">{t('lifeTitle')}</h2>
        <ol class="steps">
          {CAMPAIGN_STEPS.map((s, i) => (
            <li key={s} class={i < step ? 'step-done' : i === step ? 'step-current' : 'step-todo'} aria-current={i === step ? 'step' : undefined}>
              <span class="step-name">{t(('cs_' + s) as 'cs_open')}</span>
              <span class="step-what">{t(('step_' + s) as 'step_open')}</span>
              {i === step && <span class="sr-only"> {t('currentStep')}</span>}
            </li>
          ))}
        </ol>
        {c.status === 'published' && c.published_at && <p>{t('publishedOn', { date: date(c.published_at) })} <Link href={href('/', { campaign: c.id })}>{t('seePublished')}</Link></p>}
      </section>

      {manage && moves.length > 0 && (
        <section aria-labelledby="moves-title" class="campaign-moves" id="moves">
          <h2 id="moves-title">{t('nextMovesTitle')}</h2>
          {!confirm ? (
            <div class="moves">
              {moves.map((to) => (
                <div class="move" key={to}>
                  <button type="button" class={to === 'open' && c.status === 'review' || to === 'review' && c.status === 'closed' ? 'button button-secondary' : 'button'}
                    disabled={!!busy} onClick={() => move(to)}>
                    {busy === to ? t('working') : t(MOVE_KEY[c.status + '>' + to] as 'moveOpen')}
                  </button>
                  <p class="hint">{t(('moveHint_' + c.status + '_' + to) as 'moveHint_draft_open')}</p>
                </div>
              ))}
            </div>
          ) : (
            <div class="panel panel-warning confirm" tabIndex={-1} ref={confirmRef} role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
              <h3 class="panel-title" id="confirm-title">{t('confirmPublishTitle', { title: c.title })}</h3>
              <p id="confirm-text">{t('confirmPublishText')}</p>
              {notValidated > 0 && <p class="confirm-warn"><strong>{t('notValidatedWarn', { n: notValidated, count: int(notValidated), total: int(rows?.filter((r) => r.assessment).length || 0) })}</strong></p>}
              <div class="button-group">
                <button type="button" class="button button-danger" disabled={!!busy} onClick={() => move('published')}>
                  {busy ? t('working') : t('confirmPublish')}
                </button>
                <button type="button" class="button button-secondary" onClick={() => setConfirm(false)}>{t('cancel')}</button>
              </div>
            </div>
          )}
        </section>
      )}
      {!manage && <p class="notice">{t('cannotManage')}</p>}

      <section aria-labelledby="units-title" class="work-section">
        <h2 id="units-title">{t('campaignUnitsTitle')}</h2>
        <UnitTable campaign={c} units={units} user={user} caption={t('unitsOf', { title: c.title })} onRows={setRows} />
      </section>
    </div>
  );
}
