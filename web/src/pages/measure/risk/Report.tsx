// The printable A4 report of a risk assessment (/risks/{a}/report), for the
// register's team: a cover, the summary (risks per level, the highest
// risks, what treatment buys, reviews due), the heat maps of the current
// and the target ratings, the register, risks by sector, and one block per
// risk (its scenario, ratings, treatments). The workshop's individual
// ratings are not in it. On screen it is the same document with a "Print"
// button; print CSS (measure.css, risk.css) sets the pages.
import { t } from '../../../i18n';
import { href, type Route } from '../../../router';
import { useAsync } from '../../../hooks';
import { date, int } from '../../../format';
import { ErrorState, Link, Loading } from '../../../components/ui';
import { riskHref, risks, type Cell, type Gain, type ReviewDue, type SectorRisks } from '../../../risks';
import { LevelTag, WithRegister, termName, type RegisterData } from './common';
import { Grid } from './HeatMap';
import { RiskTable } from './Register';
import { GainCounts, TreatmentsCell, phaseCounts } from './Gain';
import { SectorsTable, sectorsHit } from './Sectors';
import { RatingsTable } from './RiskPage';

interface Views { current: Cell[]; target: Cell[]; gain: Gain; sectors: SectorRisks[]; due: ReviewDue }

export function RiskReport({ route }: { route: Route }) {
  const a = route.id!;
  const views = useAsync<Views>(async () => {
    const [current, target, gain, sectors, due] = await Promise.all([risks.heatmap(a, 'current'), risks.heatmap(a, 'target'),
      risks.gain(a), risks.sectors(a), risks.reviewDue(a)]);
    return { current, target, gain, sectors, due };
  }, [a]);
  return (
    <WithRegister route={route} title="rkReportTitle">
      {(d) => views.state === 'error' ? <div class="page"><h1>{t('rkReportTitle')}</h1><ErrorState error={views.error} retry={views.retry} /></div>
        : views.state === 'loading' ? <div class="page"><h1>{t('rkReportTitle')}</h1><Loading /></div>
        : <ReportView d={d} v={views.data} />}
    </WithRegister>
  );
}

function ReportView({ d, v }: { d: RegisterData; v: Views }) {
  const { a, list, tax } = d;
  const m = a.matrix;
  const levels = [...m.levels].reverse();
  const counts = phaseCounts(list, v.gain);
  const top = list.filter((r) => r.current && levels.slice(0, 2).some((l) => l.id === r.current!.level));
  const lowered = v.gain.risks.filter((r) => r.levels_off > 0).length;
  const today = date(new Date().toISOString());
  return (
    <div class="page report risk-report" data-testid="risk-report">
      <div class="report-tools no-print">
        <Link href={href(riskHref(a.id))}>{t('rkBack')}</Link>
        <button type="button" class="button" onClick={() => window.print()}>{t('rpPrint')}</button>
      </div>
      <section class="report-cover" aria-labelledby="rr-title">
        <p class="eyebrow">{t('rkReportEyebrow')}</p>
        <h1 id="rr-title">{a.title}</h1>
        <p class="report-campaign">{t('rkPeriod', { from: date(a.start), to: date(a.end) })} · {m.title}</p>
        <p class="report-date">{t('rkReportAsOf', { d: today })}</p>
        <p><strong class="tag tag-orange">{t('rkReportRestricted')}</strong></p>
      </section>

      <section class="report-section" aria-labelledby="rr-summary">
        <h2 id="rr-summary">{t('rpSummary')}</h2>
        <dl class="figures" data-testid="report-counts">
          {levels.map((l) => <div key={l.id} data-level={l.id}><dt><LevelTag m={m} level={l.id} /></dt><dd>{int(counts.current[l.id] || 0)}</dd></div>)}
        </dl>
        <ul class="report-findings">
          <li>{t('rkReportTotal', { n: list.length, k: top.length, levels: levels.slice(0, 2).map((l) => l.name.toLowerCase()).join(' / ') })}</li>
          <li>{t('rkReportGain', { n: lowered, m: v.gain.risks.length })}</li>
          <li>{t('rkReportDue', { n: v.due.risks.length })}</li>
        </ul>
        <h3>{t('rkReportTop')}</h3>
        <ol>{top.map((r) => <li key={r.id}>{r.title} <LevelTag m={m} level={r.current?.level} /> <span class="muted">{r.owner}</span></li>)}</ol>
        <GainCounts m={m} counts={counts} />
      </section>

      <section class="report-section" aria-labelledby="rr-heat">
        <h2 id="rr-heat">{t('rkHeatTitle')}</h2>
        <div class="report-heat">
          <Grid m={m} cells={v.current} phase="current" still />
          <Grid m={m} cells={v.target} phase="target" still />
        </div>
      </section>

      <section class="report-section" aria-labelledby="rr-register">
        <h2 id="rr-register">{t('rkRegisterTitle')}</h2>
        <RiskTable a={a.id} m={m} list={list} tax={tax} caption={t('rkRegisterTitle')} />
        <h3>{t('rkSectorsTitle')}</h3>
        <SectorsTable a={a.id} m={m} list={list} hit={sectorsHit(v.sectors)} />
      </section>

      <section class="report-section" aria-labelledby="rr-risks">
        <h2 id="rr-risks">{t('rkReportRisks')}</h2>
        {list.map((r) => (
          <article class="report-risk" key={r.id} aria-labelledby={'rr-' + r.id} data-risk={r.id}>
            <h3 id={'rr-' + r.id}>{r.title} <LevelTag m={m} level={r.current?.level} /></h3>
            <p>{r.scenario}</p>
            <p class="muted">{t('rkOwner')}: {r.owner} · {t('rkSector')}: {r.sectors.map((s) => termName(tax.sectors, s)).join(', ')} · {t('rkThreat')}: {termName(tax.threats, r.threat)}</p>
            <RatingsTable m={m} r={r} />
            <p><strong>{t('rkTreatments')}:</strong> </p>
            <TreatmentsCell r={r} />
          </article>
        ))}
      </section>
      <p class="report-source">{t('rkReportSource', { matrix: m.title, d: today })}</p>
    </div>
  );
}
