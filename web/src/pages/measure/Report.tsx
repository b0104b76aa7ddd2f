// The printable A4 report of a unit's maturity profile
// (/campaigns/{c}/report/{unit}): a cover, the summary, the profile (the
// charts with their numbers), the gaps to each target and the next steps,
// and, for the assessment team (whoever may read the workshop's answers),
// an annex with every respondent's answers beside the consensus. On screen
// it is the same document with a "Print" button; print CSS sets the pages.
import './measure.css';
import { t } from '../../i18n';
import { href, type Route } from '../../router';
import { useAsync, useTitle } from '../../hooks';
import { date } from '../../format';
import { useSession } from '../../session';
import { ws, type QuestionResponses } from '../../workshop';
import { isQuestion, numbers, answerLabel, label } from '../../questionnaire';
import { overall, profile } from '../../maturity';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { DataTable } from '../../components/ChartFrame';
import { loadMaturity, type MaturityData } from './maturityData';
import { KeyFigures, ModeNote } from './Maturity';
import { ProfileChart, StageChart, pct } from './ProfileCharts';
import { NextSteps, TargetsBlock } from './TargetParts';
import { groupName } from './Respondents';
import { ApiError } from '../../api';

export function Report({ route }: { route: Route }) {
  const s = useSession(true);
  const c = route.id!, u = route.unit!;
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(async () => {
    if (s.status === 'unknown') return new Promise<never>(() => {});
    const d = await loadMaturity(c, u, user);
    // The annex only for those the server lets read the workshop.
    const annex = user ? await ws.responses(c, u).catch((e) => {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) return null;
      throw e;
    }) : null;
    return { d, annex };
  }, [c, u, s.status, user?.id]);
  useTitle(data.data ? t('rpDocTitle', { unit: data.data.d.unit.name }) : t('rpTitle'));
  if (data.state === 'error') return <AccessError title={t('rpTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('rpTitle')}</h1><Loading /></div>;
  return <ReportView d={data.data.d} annex={data.data.annex} />;
}

function ReportView({ d, annex }: { d: MaturityData; annex: QuestionResponses[] | null }) {
  const enc = encodeURIComponent;
  const back = href(`/campaigns/${enc(d.campaign.id)}/maturity/${enc(d.unit.id)}`);
  const parts = profile(d.fw, d.its, d.reading);
  const on = d.mode === 'published' ? date(d.campaign.published_at) : date(new Date().toISOString());
  const file = (w: string) => `${w}-${d.unit.id}-${d.campaign.id}`;
  return (
    <div class="page report" data-testid="report">
      <div class="report-tools no-print">
        <Link href={back}>{t('rpBack')}</Link>
        <button type="button" class="button" onClick={() => window.print()}>{t('rpPrint')}</button>
      </div>
      <section class="report-cover" aria-labelledby="rp-title">
        <p class="eyebrow">{d.fw.title}{d.fw.version ? ` · ${t('version')} ${d.fw.version}` : ''}</p>
        <h1 id="rp-title">{t('rpH1', { unit: d.unit.name })}</h1>
        <p class="report-campaign">{d.campaign.title}</p>
        <p class="report-date">{d.mode === 'published' ? t('rpPublishedOn', { date: on }) : t('rpDraftOn', { date: on })}</p>
        <ModeNote d={d} />
      </section>

      <section class="report-section" aria-labelledby="rp-summary">
        <h2 id="rp-summary">{t('rpSummary')}</h2>
        <KeyFigures d={d} />
        <ul class="report-findings">
          <li>{t('rpOverall', { share: pct(overall(d.its, d.reading)) })}</li>
          {parts.filter((p) => p.share != null).map((p) => <li key={p.pillar.id}>{t('rpPart', { part: label(p.pillar), share: pct(p.share) })}</li>)}
        </ul>
      </section>

      <section class="report-section" aria-labelledby="rp-profile">
        <h2 id="rp-profile">{t('rpProfile')}</h2>
        <ProfileChart d={d} file={file('maturity')} level={3} />
        <StageChart d={d} file={file('stages')} level={3} />
      </section>

      <section class="report-section" aria-labelledby="rp-gaps">
        <h2 id="rp-gaps">{t('rpGaps')}</h2>
        {d.targets.length ? <><TargetsBlock d={d} open level={3} /><NextSteps d={d} first={10} printed level={3} /></> : <p>{t('rpNoTargets')}</p>}
      </section>

      {annex && <Annex d={d} annex={annex} />}
      <p class="report-source">{d.source}</p>
    </div>
  );
}

function Annex({ d, annex }: { d: MaturityData; annex: QuestionResponses[] }) {
  const nums = numbers(d.ix);
  const byQ = new Map(annex.map((q) => [q.question, q]));
  const qs = d.ix.leaves.filter((n) => isQuestion(n) && (byQ.get(n.id)?.responses.length || byQ.get(n.id)?.consensus));
  return (
    <section class="report-section report-annex" aria-labelledby="rp-annex">
      <h2 id="rp-annex">{t('rpAnnex')}</h2>
      <p>{t('rpAnnexText')}</p>
      {!qs.length ? <p class="muted">{t('wsNoResponses')}</p> : qs.map((n) => {
        const r = byQ.get(n.id)!;
        const caption = t('questionN', { n: nums.get(n.id) || 0 }) + ': ' + (n.question || n.id);
        return (
          <div class="annex-q" key={n.id} data-question={n.id}>
            <DataTable caption={caption} data={{
              columns: [{ label: t('colRespondent') }, { label: t('colGroup') }, { label: t('colAnswer') }, { label: t('commentLabel') }],
              rows: [
                ...r.responses.map((x) => [x.name, groupName(x.group), answerLabel(n, x.answer), x.comment || t('noValue')]),
                ...(r.consensus ? [[t('rpConsensus'), '', answerLabel(n, r.consensus.answer), r.consensus.comment || t('noValue')]] : []),
              ],
            }} />
            {r.spread.divergent && <p class="wq-diverge"><span aria-hidden="true">⚠ </span><strong>{t('wsDivergent')}</strong></p>}
          </div>
        );
      })}
    </section>
  );
}
