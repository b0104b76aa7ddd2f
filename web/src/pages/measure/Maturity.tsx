// A unit's maturity or readiness profile in one campaign
// (/campaigns/{c}/maturity/{unit}): the published results, or, before
// publication, the live answers for the assessment team. Opens with where
// the unit stands (the share of the highest levels, the targets met), then
// the profile per part, the stages reached, the distance to each target,
// the next steps toward the nearest, the trend, downloads and the report.
// No ranks: a maturity profile stands on its own.
import './measure.css';
import { t } from '../../i18n';
import { href, type Route } from '../../router';
import { exportUrl, targetsExportUrl } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { int } from '../../format';
import { useSession } from '../../session';
import { mayFacilitate } from '../../workshop';
import { overall } from '../../maturity';
import { Link, Loading } from '../../components/ui';
import { AccessError } from '../../components/Gate';
import { loadMaturity, type MaturityData } from './maturityData';
import { ProfileChart, StageChart, TrendChart, pct } from './ProfileCharts';
import { NextSteps, TargetsBlock } from './TargetParts';

export function Maturity({ route }: { route: Route }) {
  const s = useSession(true);
  const c = route.id!, u = route.unit!;
  const user = s.status === 'signed-in' ? s.user : null;
  const data = useAsync(() => (s.status === 'unknown' ? new Promise<never>(() => {}) : loadMaturity(c, u, user)), [c, u, s.status, user?.id]);
  useTitle(data.data ? t('mtDocTitle', { unit: data.data.unit.name }) : t('mtTitle'));
  if (data.state === 'error') return <AccessError title={t('mtTitle')} error={data.error} route={route} retry={data.retry} />;
  if (data.state === 'loading') return <div class="page"><h1>{t('mtTitle')}</h1><Loading /></div>;
  return <MaturityView d={data.data} facilitator={mayFacilitate(user, c, u)} />;
}

/** The answer the page opens with: the share of the highest levels, the targets met, the level. */
export function KeyFigures({ d }: { d: MaturityData }) {
  const all = overall(d.its, d.reading);
  const met = d.targets.filter((x) => x.met);
  return (
    <dl class="figures figures-big" data-testid="maturity-figures">
      <div><dt>{t('mtOverall')}</dt><dd data-testid="maturity-overall">{pct(all)}</dd></div>
      {d.targets.length > 0 && (
        <div><dt>{t('mtTargetsMet')}</dt><dd data-testid="maturity-targets">{t('nOfM', { n: int(met.length), m: int(d.targets.length) })}
          <small class="figure-note">{met.length ? met.map((x) => x.name).join(', ') : t('none')}</small></dd></div>
      )}
    </dl>
  );
}

export function ModeNote({ d }: { d: MaturityData }) {
  return d.mode === 'published'
    ? <p class="tag tag-green mode-tag">{t('mtPublished')}</p>
    : <p class="panel panel-info mode-live" data-testid="live-note"><strong>{t('mtLiveTitle')}</strong> {t('mtLiveText')}</p>;
}

function MaturityView({ d, facilitator }: { d: MaturityData; facilitator: boolean }) {
  const c = d.campaign.id, u = d.unit.id, enc = encodeURIComponent;
  const file = (what: string) => `${what}-${u}-${c}`;
  return (
    <div class="page maturity">
      <p class="eyebrow">{t('mtEyebrow')} · {d.campaign.title}</p>
      <h1>{d.unit.name}</h1>
      <ModeNote d={d} />
      <section class="answer" aria-labelledby="mt-key">
        <h2 id="mt-key" class="sr-only">{t('keyFigures')}</h2>
        <KeyFigures d={d} />
        <p class="lead">{t('mtLead', { framework: d.fw.title })}</p>
        <ul class="link-row no-print">
          <li><Link class="button button-secondary" href={href(`/campaigns/${enc(c)}/report/${enc(u)}`)}>{t('mtReportLink')}</Link></li>
          {facilitator && <li><Link href={href(`/campaigns/${enc(c)}/workshop/${enc(u)}`)}>{t('mtWorkshopLink')}</Link></li>}
          {d.mode === 'published' && <li><Link href={href('/units/' + enc(u), { campaign: c })}>{t('mtProfileLink')}</Link></li>}
        </ul>
      </section>
      <ProfileChart d={d} file={file('maturity')} />
      <StageChart d={d} file={file('stages')} />
      <TargetsBlock d={d} />
      <NextSteps d={d} />
      <TrendChart d={d} file={file('maturity-trend')} />
      {d.mode === 'published' && (
        <section class="chart mt-downloads no-print" aria-labelledby="mt-dl">
          <h2 id="mt-dl" class="chart-title">{t('mtDownloads')}</h2>
          <ul class="link-list">
            {d.targets.length > 0 && <li><a href={targetsExportUrl(c, u, 'csv')} download>{t('dlTargetsCsv')}</a></li>}
            {d.targets.length > 0 && <li><a href={targetsExportUrl(c, u, 'xlsx')} download>{t('dlTargetsXlsx')}</a></li>}
            <li><a href={exportUrl(c, 'csv')} download>{t('dlResultsCsv')}</a></li>
            <li><a href={exportUrl(c, 'xlsx')} download>{t('dlResultsXlsx')}</a></li>
          </ul>
        </section>
      )}
    </div>
  );
}
