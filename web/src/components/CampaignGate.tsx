// Loads what every results page needs: the published campaigns (choosing
// the latest when the URL names none, and writing it into the URL so the
// link can be shared), the campaign's framework, the units and the groups.
// Shows the loading, error and empty states so pages need not.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { useAsync } from '../hooks';
import { setParams, href, type Route } from '../router';
import { t } from '../i18n';
import type { Campaign, Framework, Group, ResultRow, Unit } from '../types';
import { Empty, ErrorState, Link, Loading } from './ui';
import { date } from '../format';
import { isMaturity } from '../fw';

export interface Ctx {
  campaign: Campaign;
  published: Campaign[];
  framework: Framework;
  units: Unit[];
  unitsById: Map<string, Unit>;
  groups: Group[];
  groupsById: Map<string, Group>;
  /** The units with results in this campaign (root node, best rank first). */
  assessed: ResultRow[];
  /** "Source: …" line under every chart. */
  source: string;
  /** A campaign of a single unit: no ranking is shown anywhere. */
  single: boolean;
}

export function publishedCampaigns(cs: Campaign[]): Campaign[] {
  return cs.filter((c) => c.status === 'published')
    .sort((a, b) => b.year - a.year || String(b.published_at).localeCompare(String(a.published_at)));
}

/**
 * The campaign a results page opens with when the URL names none: the
 * latest edition of the framework with the widest campaign (the index that
 * covers most units), not a maturity review of one unit published last.
 */
export function defaultCampaign(published: Campaign[]): Campaign | undefined {
  const widest = published.reduce<Campaign | undefined>((w, c) => (!w || c.units > w.units ? c : w), undefined);
  return widest && published.find((c) => c.framework === widest.framework);
}

export function sourceLine(fw: Framework, c: Campaign): string {
  return t('sourceLine', {
    framework: fw.title + (fw.version ? ` (${t('version')} ${fw.version})` : ''),
    campaign: c.title,
    date: c.published_at ? date(c.published_at) : String(c.year),
  });
}

export function CampaignGate({ route, title, children }: { route: Route; title: string; children: (ctx: Ctx) => ComponentChildren }) {
  // Until the page itself can render, it still has its heading.
  const shell = (c: ComponentChildren) => <div class="page"><h1>{title}</h1>{c}</div>;
  const camps = useAsync(api.campaigns, []);
  const wanted = route.params.get('campaign');
  const published = camps.data ? publishedCampaigns(camps.data) : [];
  const first = defaultCampaign(published);
  const campaign = wanted ? published.find((c) => c.id === wanted) : first;

  useEffect(() => {
    if (camps.state === 'ok' && !wanted && first) setParams({ campaign: first.id }, true);
  }, [camps.state, wanted]);

  const fwId = campaign?.framework;
  const fwVersion = campaign?.framework_version;
  const cid = campaign?.id;
  const rest = useAsync(async () => {
    if (!fwId || !cid) return null;
    const [framework, units, groups, root] = await Promise.all([
      api.framework(fwId, fwVersion), api.units(), api.groups(), api.results(cid),
    ]);
    return { framework, units, groups, assessed: root.results };
  }, [fwId, fwVersion, cid]);

  if (camps.state === 'loading') return shell(<Loading />);
  if (camps.state === 'error') return shell(<ErrorState error={camps.error} retry={camps.retry} />);
  if (!published.length) {
    return shell(
      <Empty title={t('noCampaignsTitle')}>
        <p>{t('noCampaignsText')}</p>
      </Empty>
    );
  }
  if (!campaign) {
    const other = camps.data.find((c) => c.id === wanted);
    return shell(
      <Empty title={other ? t('campaignNotPublishedTitle', { title: other.title }) : t('campaignUnknownTitle', { id: wanted || '' })}>
        <p>{other ? t('campaignNotPublishedText', { status: t(('status_' + other.status) as 'status_open') || other.status }) : t('campaignUnknownText')}</p>
        <p><Link href={href(route.path, { ...Object.fromEntries(route.params), campaign: first!.id })}>
          {t('seeLatest', { title: first!.title })}
        </Link></p>
      </Empty>
    );
  }
  if (rest.state === 'loading' || (rest.state === 'ok' && !rest.data)) return shell(<Loading />);
  if (rest.state === 'error') return shell(<ErrorState error={rest.error} retry={rest.retry} />);
  const { framework, units, groups, assessed } = rest.data!;
  const ctx: Ctx = {
    campaign, published, framework, units, assessed,
    unitsById: new Map(units.map((u) => [u.id, u])),
    groups, groupsById: new Map(groups.map((g) => [g.id, g])),
    source: sourceLine(framework, campaign),
    single: assessed.length === 1,
  };
  return <>{children(ctx)}</>;
}

/** The campaign picker shared by the results pages. */
export function CampaignSelect({ ctx }: { ctx: Ctx }) {
  return (
    <div class="field">
      <label for="campaign">{t('campaign')}</label>
      <select id="campaign" value={ctx.campaign.id}
        onChange={(e) => setParams({ campaign: (e.currentTarget as HTMLSelectElement).value })}>
        {ctx.published.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
      </select>
    </div>
  );
}

/** Root and pillars, for node pickers. */
export function nodeOptions(fw: Framework) {
  return [
    { value: fw.id, label: t('nodeRoot', { title: fw.title }) },
    ...fw.children.map((c) => ({ value: c.id, label: c.name || c.question || c.id })),
  ];
}

export function NodeSelect({ ctx, value, id = 'node' }: { ctx: Ctx; value: string; id?: string }) {
  return (
    <div class="field">
      <label for={id}>{t('nodePicker')}</label>
      <select id={id} value={value}
        onChange={(e) => {
          const v = (e.currentTarget as HTMLSelectElement).value;
          setParams({ node: v === ctx.framework.id ? null : v });
        }}>
        {nodeOptions(ctx.framework).map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** Instead of a ranking, for a campaign of a single unit: where to see that unit. */
export function NoRanking({ ctx }: { ctx: Ctx }) {
  const u = ctx.assessed[0];
  const enc = encodeURIComponent;
  return (
    <Empty title={t('singleUnitTitle', { campaign: ctx.campaign.title })}>
      <p>{t('singleUnitText')}</p>
      {u && (
        <ul class="link-list">
          <li><Link href={href('/units/' + enc(u.unit), { campaign: ctx.campaign.id })}>{t('singleUnitProfile', { unit: u.name })}</Link></li>
          {isMaturity(ctx.framework) && <li><Link href={href(`/campaigns/${enc(ctx.campaign.id)}/maturity/${enc(u.unit)}`)}>{t('singleUnitMaturity', { unit: u.name })}</Link></li>}
        </ul>
      )}
    </Empty>
  );
}
