// The figures of the over-time page, computed from the trends API: which
// frameworks have editions to compare, the data of one view (the chosen
// node and each of its parts over the editions), the group gap and whether
// it narrowed, the level distribution, and which editions changed their
// questionnaire. Pure functions beside one loader; the page draws them.
import { api } from '../../api';
import type { Campaign, Framework, FwNode, TrendEdition, Trends } from '../../types';
import { findNode } from '../../fw';

export const DEFAULT_FRAMEWORK = 'national-commitment';
/** The groups offered for the gap chart, in this order, then the ITU regions. */
export const GAP_GROUPS = ['ldc', 'sids', 'lldc'];
/** The most parts drawn as lines in one chart. */
export const MAX_PARTS = 10;

/** Frameworks with at least two published campaigns, each with its editions oldest first. */
export function trendFrameworks(campaigns: Campaign[]): Map<string, Campaign[]> {
  const by = new Map<string, Campaign[]>();
  for (const c of campaigns) {
    if (c.status !== 'published') continue;
    if (!by.has(c.framework)) by.set(c.framework, []);
    by.get(c.framework)!.push(c);
  }
  const out = new Map<string, Campaign[]>();
  for (const [fw, cs] of [...by.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (cs.length >= 2) out.set(fw, cs.sort((a, b) => a.year - b.year || a.id.localeCompare(b.id)));
  }
  return out;
}

/**
 * The framework the page opens with: the one asked for, else that of the
 * campaign the other pages were showing, else national-commitment, else
 * the one whose editions cover most units.
 */
export function chooseFramework(fws: Map<string, Campaign[]>, asked: string | null, campaign: Campaign | undefined): string | undefined {
  if (asked && fws.has(asked)) return asked;
  if (campaign && fws.has(campaign.framework)) return campaign.framework;
  if (fws.has(DEFAULT_FRAMEWORK)) return DEFAULT_FRAMEWORK;
  let best: string | undefined, units = -1;
  for (const [fw, cs] of fws) {
    const u = Math.max(...cs.map((c) => c.units));
    if (u > units) { best = fw; units = u; }
  }
  return best;
}

/** The parts drawn as lines for a node: its children (at most MAX_PARTS). */
export function partsOf(fw: Framework, nodeId: string): FwNode[] {
  const n = findNode(fw, nodeId);
  return (n?.children || []).slice(0, MAX_PARTS);
}

export interface TrendView {
  node: Trends;
  /** The trends of each part of the node, in the framework's order. */
  parts: { node: FwNode; trends: Trends }[];
}

/** One request for the node (every group in it) and one per part. */
export async function loadView(fw: Framework, nodeId: string, balanced: boolean, campaigns: Campaign[]): Promise<TrendView> {
  const parts = partsOf(fw, nodeId);
  const [node, ...pts] = await Promise.all([
    api.trends(fw.id, nodeId === fw.id ? null : nodeId, balanced),
    ...parts.map((p) => api.trends(fw.id, p.id, balanced)),
  ]);
  const v = (tr: Trends) => ({ ...tr, editions: withVersions(tr.editions, campaigns) });
  return { node: v(node), parts: parts.map((p, i) => ({ node: p, trends: v(pts[i]) })) };
}

/** The framework version of each edition: the trends API's, else its campaign's. */
export function withVersions(eds: TrendEdition[], campaigns: Campaign[]): TrendEdition[] {
  return eds.map((e) => (e.version != null ? e : { ...e, version: campaigns.find((c) => c.id === e.campaign)?.framework_version ?? null }));
}

/**
 * How an edition's questionnaire differs from the one before, for one node:
 * `missing` (the node is not in it), `equal` (another version, but the
 * crosswalk between the versions finds the node the same), `mapped` (the
 * crosswalk relates it otherwise: subset, superset, intersect), `unmapped`
 * (another version and no crosswalk says how). The server gives the
 * crosswalk's relation on the older edition (it reads every edition
 * against the latest version).
 */
export interface EditionChange {
  kind: 'missing' | 'equal' | 'mapped' | 'unmapped';
  year: number;
  prev?: number;
  version?: string | null;
  relation?: string | null;
  mapping?: string | null;
  /** The id the older edition asked the node by, when it was renamed. */
  renamed?: string | null;
}

export function editionChanges(eds: TrendEdition[], nodeId: string): (EditionChange | null)[] {
  return eds.map((e, i) => {
    if (e.node_missing) return { kind: 'missing', year: e.year };
    const prev = eds[i - 1];
    if (!prev || prev.node_missing || e.version == null || prev.version == null || e.version === prev.version) return null;
    const mapping = prev.mapping ?? e.mapping ?? null;
    const relation = prev.mapping ? prev.relation : e.relation;
    const renamed = prev.node_used && prev.node_used !== nodeId ? prev.node_used : null;
    const base = { year: e.year, prev: prev.year, version: e.version, mapping, relation, renamed };
    if (!mapping || !relation) return { kind: 'unmapped', ...base };
    return { kind: relation === 'equal' ? 'equal' : 'mapped', ...base };
  });
}

/** Whether the line into each edition joins measures that are not the same (drawn dashed). */
export const changedEditions = (ch: (EditionChange | null)[]) => ch.map((c) => c != null && c.kind !== 'equal');

/** The first and last editions with a value of f, for "from X to Y" findings. */
export function endpoints<T>(eds: T[], f: (e: T) => number | null | undefined): { first: T; last: T; a: number; b: number } | null {
  const ok = eds.filter((e) => f(e) != null);
  if (ok.length < 2) return null;
  const first = ok[0], last = ok[ok.length - 1];
  return { first, last, a: f(first) as number, b: f(last) as number };
}

/** Equal at the framework's precision (what the reader sees). */
export const same = (a: number, b: number, precision: number) => Math.abs(a - b) < 0.5 * 10 ** -precision;

// ------------------------------------------------------------------ gap

export interface GapPoint { year: number; campaign: string; n: number; mean: number | null; restN: number; rest: number | null; gap: number | null }

/** A group against the rest per edition; gap = the rest's mean minus the group's (positive: the group is behind). */
export function gapSeries(eds: TrendEdition[], group: string): GapPoint[] {
  return eds.map((e) => {
    const g = e.groups[group];
    const mean = g && g.n ? g.mean : null;
    const rest = g && g.rest.n ? g.rest.mean : null;
    return {
      year: e.year, campaign: e.campaign, n: g?.n ?? 0, mean, restN: g?.rest.n ?? 0, rest,
      gap: mean != null && rest != null ? rest - mean : null,
    };
  });
}

/** Whether some edition has units both in GROUP and outside it. */
export const gapPresent = (eds: TrendEdition[], group: string) =>
  eds.some((e) => (e.groups[group]?.n || 0) > 0 && (e.groups[group]?.rest.n || 0) > 0);

export type GapKind = 'narrowed' | 'widened' | 'same' | 'leadGrew' | 'leadShrank' | 'leadSame' | 'overtook' | 'fellBehind' | 'none';

/**
 * What happened to the gap between the first and the last edition where it
 * can be computed: a group behind the rest narrows or widens its gap; a
 * group ahead sees its lead grow or shrink; one that changed sides
 * overtook or fell behind.
 */
export function gapFinding(pts: GapPoint[], precision: number): { kind: GapKind; from?: GapPoint; to?: GapPoint } {
  const ep = endpoints(pts, (p) => p.gap);
  if (!ep) return { kind: 'none' };
  const { a, b } = ep;
  const r = (x: number) => Math.round(x * 10 ** precision) / 10 ** precision;
  const [ra, rb] = [r(a), r(b)];
  let kind: GapKind;
  if (ra >= 0 && rb >= 0) kind = same(a, b, precision) ? 'same' : b < a ? 'narrowed' : 'widened';
  else if (ra < 0 && rb < 0) kind = same(a, b, precision) ? 'leadSame' : -b > -a ? 'leadGrew' : 'leadShrank';
  else kind = ra >= 0 ? 'overtook' : 'fellBehind';
  return { kind, from: ep.first, to: ep.last };
}

// ------------------------------------------------------------------ levels

export interface LevelDef { key: string; name: string; min?: number }

/**
 * The levels a node's units fall in, lowest first: the framework's levels
 * at the root; a stage group's stage names; none elsewhere.
 */
export function levelsOf(fw: Framework, nodeId: string): LevelDef[] {
  if (nodeId === fw.id && fw.levels?.length) {
    return [...fw.levels].sort((a, b) => a.min - b.min).map((l) => ({ key: l.id, name: l.name, min: l.min }));
  }
  const n = findNode(fw, nodeId);
  if (n?.aggregate === 'stage' && n.stage_names?.length) return n.stage_names.map((s) => ({ key: s, name: s }));
  return [];
}

/** The position of a level from the bottom (-1 when unknown). */
export const levelRank = (levels: LevelDef[], key: string | null | undefined) => (key == null ? -1 : levels.findIndex((l) => l.key === key));

/**
 * The threshold the distribution's title speaks of: the middle level from
 * the bottom (of five, the third), so that "at X or above" is neither
 * everyone nor almost no one.
 */
export function thresholdLevel(levels: LevelDef[]): number {
  return levels.length <= 1 ? 0 : Math.floor(levels.length / 2);
}

export const atOrAbove = (e: TrendEdition, levels: LevelDef[], from: number) =>
  levels.slice(from).reduce((s, l) => s + (e.levels[l.key] || 0), 0);
