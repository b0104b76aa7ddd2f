// What the maturity page and the printable report show of one unit in one
// campaign: the published results once the campaign is published (for
// anyone), else the live answers of the assessment (for those who may read
// it: the server decides), with the targets of either.
import { api, ApiError } from '../../api';
import { wf, type Assessment } from '../../workflow';
import { ws } from '../../workshop';
import { indexFramework, type FwIndex } from '../../applies';
import { fromAnswers, fromResult, items, type Item, type Reading } from '../../maturity';
import { sourceLine } from '../../components/CampaignGate';
import { unitName } from '../../format';
import { t } from '../../i18n';
import { when } from '../../components/forms';
import type { User } from '../../session';
import type { Campaign, Framework, TargetResult, Targets, Unit } from '../../types';

export interface MaturityData {
  mode: 'published' | 'live';
  campaign: Campaign;
  campaigns: Campaign[];
  fw: Framework;
  ix: FwIndex;
  its: Item[];
  unit: { id: string; name: string };
  reading: Reading;
  targets: TargetResult[];
  source: string;
  assessment?: Assessment;
  units: Unit[];
}

const noTargets = (e: unknown): Targets => {
  // A framework without targets, or a server without the route: no targets.
  if (e instanceof ApiError && e.status === 404) return { targets: [] };
  throw e;
};

export async function loadMaturity(c: string, u: string, user: User | null): Promise<MaturityData> {
  const [campaigns, units] = await Promise.all([api.campaigns(), api.units().catch(() => [] as Unit[])]);
  const campaign = campaigns.find((x) => x.id === c);
  if (!campaign) throw new ApiError(404, 'not_found', t('campaignUnknownTitle', { id: c }));
  const fw = await api.framework(campaign.framework, campaign.framework_version);
  const ix = indexFramework(fw);
  const unit = { id: u, name: unitName(units.find((x) => x.id === u), u) };
  const base = { campaign, campaigns, fw, ix, its: items(fw), unit, units };
  if (campaign.status === 'published') {
    const [res, tg] = await Promise.all([api.unitResult(c, u), api.unitTargets(c, u).catch(noTargets)]);
    return { ...base, mode: 'published', reading: fromResult(fw, res), targets: tg.targets, source: sourceLine(fw, campaign) };
  }
  if (!user) throw new ApiError(401, 'unauthorized', '');
  const [a, tg] = await Promise.all([wf.assessment(c, u), ws.liveTargets(c, u).catch(noTargets)]);
  const answers = Object.fromEntries(Object.entries(a.answers).map(([q, r]) => [q, r.answer]));
  return {
    ...base, mode: 'live', assessment: a, reading: fromAnswers(fw, ix, answers), targets: tg.targets,
    source: t('sourceLive', { framework: fw.title, campaign: campaign.title, date: when(new Date().toISOString()) }),
  };
}
