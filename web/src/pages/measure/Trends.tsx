// Over time: how a framework's results moved across its published
// editions. Opens with the answer (the mean of all units, first edition
// against the latest, with N), then the lines of the node and of its parts,
// the gap between a group and the rest, the units per level, and who rose
// and fell most between two editions chosen by the reader. "Only units
// present in every edition" (balanced=true) keeps a change from being an
// artefact of who answered. An edition whose questionnaire changed is said
// so on every chart, and its lines are dashed.
// State in the URL: ?framework&node&group&balanced=true&from&to.
import { useEffect } from 'preact/hooks';
import { api, isStatic } from '../../api';
import { useAsync, useTitle } from '../../hooks';
import { href, setParams, type Route } from '../../router';
import { t } from '../../i18n';
import { Controls, Empty, ErrorState, Link, Loading } from '../../components/ui';
import { nodeOptions, publishedCampaigns, defaultCampaign } from '../../components/CampaignGate';
import { findNode, nodeLabel } from '../../fw';
import { int, num, numShort } from '../../format';
import type { Campaign, Framework, Group, Unit } from '../../types';
import {
  chooseFramework, editionChanges, endpoints, gapPresent, gapSeries, loadView, same, trendFrameworks, type EditionChange, type TrendView,
} from './trendsData';
import { GapChart, LevelsChart, NodeLine, PartLines, editionNotes, gapTitle, groupLabel } from './TrendCharts';
import { MoversSection } from './Movers';
import './trends.css';

export interface TrendCtx {
  fw: Framework;
  editions: Campaign[];
  nodeId: string;
  node: { id: string; name: string; max: number };
  balanced: boolean;
  view: TrendView;
  units: Map<string, Unit>;
  groups: Group[];
  source: string;
  /** How each edition's questionnaire differs from the one before, for the node. */
  changes: (EditionChange | null)[];
}

export function Trends({ route }: { route: Route }) {
  const camps = useAsync(api.campaigns, []);
  const infos = useAsync(api.frameworks, []);
  const shell = (c: preact.ComponentChildren) => <div class="page tr"><h1>{t('trH1Loading')}</h1>{c}</div>;
  const fws = camps.data ? trendFrameworks(camps.data) : new Map<string, Campaign[]>();
  const asked = route.params.get('framework');
  const fromCampaign = camps.data?.find((c) => c.id === route.params.get('campaign'))
    || (camps.data ? defaultCampaign(publishedCampaigns(camps.data)) : undefined);
  const fwId = chooseFramework(fws, asked, fromCampaign);
  useEffect(() => {
    if (camps.state === 'ok' && fwId && !asked) setParams({ framework: fwId }, true);
  }, [camps.state, fwId, asked]);
  const meta = useAsync(async () => {
    if (!fwId) return null;
    const [fw, units, groups] = await Promise.all([api.framework(fwId), api.units(), api.groups()]);
    return { fw, units, groups };
  }, [fwId]);

  if (camps.state === 'loading') return shell(<Loading />);
  if (camps.state === 'error') return shell(<ErrorState error={camps.error} retry={camps.retry} />);
  if (!fwId) {
    return shell(
      <Empty title={t('trNoneTitle')}>
        <p>{t('trNoneText')}</p>
        <p><Link href={href('/')}>{t('backToOverview')}</Link></p>
      </Empty>,
    );
  }
  if (meta.state === 'loading' || (meta.state === 'ok' && !meta.data)) return shell(<Loading />);
  if (meta.state === 'error') return shell(<ErrorState error={meta.error} retry={meta.retry} />);
  const { fw, units, groups } = meta.data!;
  const titles = new Map((infos.data || []).map((f) => [f.id, f.title]));
  return <TrendsBody route={route} fw={fw} fws={fws} titles={titles} units={units} groups={groups} unknown={asked && asked !== fwId ? asked : null} />;
}

function TrendsBody({ route, fw, fws, titles, units, groups, unknown }: {
  route: Route; fw: Framework; fws: Map<string, Campaign[]>; titles: Map<string, string>; units: Unit[]; groups: Group[]; unknown: string | null;
}) {
  const askedNode = route.params.get('node');
  const node = askedNode ? findNode(fw, askedNode) : undefined;
  const nodeId = node ? node.id : fw.id;
  const balanced = route.params.get('balanced') === 'true';
  const editions = fws.get(fw.id) || [];
  const view = useAsync(() => loadView(fw, nodeId, balanced, editions), [fw.id, nodeId, balanced]);
  const nodeName = nodeId === fw.id ? fw.title : nodeLabel(node);
  useTitle(t('trDocTitle', { framework: fw.title }));

  return (
    <div class="page tr">
      <p class="eyebrow">{t('navOverTime')} · {fw.title}</p>
      <h1>{t('trH1', { node: nodeName })}</h1>
      <p class="tr-intro">{t('trIntro')}</p>
      <Controls label={t('chooseWhatToShow')}>
        <div class="field">
          <label for="tr-framework">{t('trFramework')}</label>
          <select id="tr-framework" value={fw.id}
            onChange={(e) => setParams({ framework: (e.currentTarget as HTMLSelectElement).value, node: null, from: null, to: null })}>
            {[...fws.entries()].map(([id, cs]) => (
              <option key={id} value={id}>{t('trFrameworkOption', { title: titles.get(id) || id, n: cs.length, count: int(cs.length) })}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="tr-node">{t('nodePicker')}</label>
          <select id="tr-node" value={nodeId}
            onChange={(e) => { const v = (e.currentTarget as HTMLSelectElement).value; setParams({ node: v === fw.id ? null : v }); }}>
            {nodeOptions(fw).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div class="tr-balanced">
          <input type="checkbox" id="tr-balanced" checked={balanced} aria-describedby="tr-balanced-hint"
            onChange={(e) => setParams({ balanced: (e.currentTarget as HTMLInputElement).checked ? 'true' : null })} />
          <label for="tr-balanced">{t('trBalanced')}</label>
          <span class="hint" id="tr-balanced-hint">{t('trBalancedHint')}</span>
        </div>
      </Controls>
      {unknown && <p class="notice">{t('trFrameworkUnknown', { id: unknown, framework: fw.title })}</p>}
      {askedNode && !node && <p class="notice">{t('nodeUnknown', { id: askedNode })}</p>}
      {view.state === 'loading' ? <Loading />
        : view.state === 'error' ? <ErrorState error={view.error} retry={view.retry} />
          : <TrendsContent ctx={{
            fw, editions, nodeId, balanced, view: view.data, groups,
            node: { id: nodeId, name: nodeName, max: node?.max ?? fw.max },
            units: new Map(units.map((u) => [u.id, u])),
            source: t(balanced ? 'trSourceBalanced' : 'trSource', {
              framework: fw.title, editions: view.data.node.editions.map((e) => e.year).join(', '),
            }),
            changes: editionChanges(view.data.node.editions, nodeId),
          }} route={route} />}
      {!isStatic() && <p class="tr-more"><Link href={href('/crosswalks', { target: fw.id })}>{t('trCrosswalkLink', { framework: fw.title })}</Link></p>}
    </div>
  );
}

function TrendsContent({ ctx, route }: { ctx: TrendCtx; route: Route }) {
  const eds = ctx.view.node.editions;
  const p = ctx.fw.precision;
  if (eds.length < 2) return <Empty title={t('trNoneTitle')}><p>{t('trNoneText')}</p></Empty>;
  const ep = endpoints(eds, (e) => e.mean);
  const notes = editionNotes(ctx.changes, ctx.node.name);
  const ns = eds.map((e) => t('trNYear', { year: e.year, n: int(e.n) })).join(', ');
  const lead = !ep ? t('trLeadNone')
    : t(same(ep.a, ep.b, p) ? 'trLeadSame' : ep.b > ep.a ? 'trLeadUp' : 'trLeadDown', {
      from: ep.first.year, to: ep.last.year, a: num(ep.a, p), b: num(ep.b, p),
      max: numShort(ctx.node.max, p), node: ctx.node.name,
    });
  // where the gaps are: LDCs and SIDS against the rest
  const gaps = ['ldc', 'sids'].map((id) => ctx.groups.find((g) => g.id === id))
    .filter((g) => g && gapPresent(eds, g.id))
    .map((g) => gapTitle(gapSeries(eds, g!.id), groupLabel(g!), p) + '.');
  return (
    <>
      <section class="answer" aria-labelledby="tr-answer-title">
        <h2 id="tr-answer-title" class="sr-only">{t('keyFigures')}</h2>
        <p class="lead">{lead} {ctx.balanced ? t('trLeadNBalanced', { ns }) : t('trLeadN', { ns })}</p>
        {gaps.length > 0 && <ul class="tr-gaps">{gaps.map((g) => <li key={g}>{g}</li>)}</ul>}
        <dl class="figures tr-figures">
          {eds.map((e) => (
            <div key={e.campaign} data-campaign={e.campaign}>
              <dt>{e.year}</dt>
              <dd>{num(e.mean, p)} <small>{t('ofMax', { max: numShort(ctx.node.max, p) })}</small></dd>
              <dd class="tr-n">{t('trNUnits', { n: e.n, count: int(e.n) })}</dd>
            </div>
          ))}
        </dl>
        {notes.length > 0 && (
          <ul class="notice tr-edition-notes">
            {notes.map((n) => <li key={n}>{n}</li>)}
          </ul>
        )}
      </section>
      <NodeLine ctx={ctx} />
      {ctx.view.parts.length > 0 && <PartLines ctx={ctx} />}
      <GapChart ctx={ctx} route={route} />
      <LevelsChart ctx={ctx} />
      <MoversSection ctx={ctx} route={route} />
    </>
  );
}
