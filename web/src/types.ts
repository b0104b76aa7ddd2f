// Shapes of the JSON API (docs/api.md). Keep in step with the contract.

export interface Campaign {
  id: string;
  framework: string;
  /** The version of the framework the campaign was opened on (its tree: api.framework(id, version)). */
  framework_version?: string;
  title: string;
  year: number;
  status: 'draft' | 'open' | 'review' | 'closed' | 'published' | string;
  units: number;
  published_at: string | null;
}

export interface Level { id: string; name: string; min: number }

export interface Option { id: string; label: string; value: number }

/** One step of a rating scale (framework format 1.1). */
export interface ScaleLevel { value: number; name: string; description?: string }
export interface Scale { id: string; name: string; levels: ScaleLevel[] }

/** A named target: a minimum per node (a rating, a stage number or a value in [0, 1]). */
export interface Target { id: string; name: string; default: number | null; require: Record<string, number> }

export interface FwNode {
  id: string;
  name?: string;
  question?: string;
  type?: string;
  weight?: number;
  aggregate?: string;
  max: number;
  children?: FwNode[];
  options?: Option[];
  partial?: number;
  thresholds?: { min: number; value: number }[];
  goalposts?: [number, number];
  indicator?: boolean;
  normalise?: string;
  direction?: number;
  when?: { q: string; is: string };
  na?: string;
  stage?: number;
  guidance?: string;
  evidence?: string;
  /** A rating question's scale (an id of Framework.scales). */
  scale?: string;
  /** A stage group's effective stage names, S + 1 of them (index = stage reached). */
  stage_names?: string[];
}

export interface Framework {
  id: string;
  title: string;
  version?: string;
  scale: number;
  precision: number;
  ranking: string;
  missing: string;
  levels?: Level[];
  max: number;
  children: FwNode[];
  /** Format 1.1; absent or empty for a framework without them. */
  scales?: Scale[];
  stage_names?: string[];
  targets?: Target[];
}

export interface FrameworkInfo {
  id: string; title: string; version?: string; hash: string;
  questions: number; groups: number; indicators: number;
}

export interface Unit {
  id: string;
  m49: string;
  name: string;
  names?: Record<string, string>;
  groups: string[];
  fictional: boolean;
}

export interface Group { id: string; name: string; kind: string; members: number }

export interface Stats {
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface ResultRow {
  unit: string;
  name: string;
  value: number | null;
  points: number | null;
  max: number;
  rank: number | null;
  tied: boolean;
  level: string | null;
}

export interface Results {
  campaign: Campaign;
  node: { id: string; name: string; max: number; parent: string | null };
  n: number;
  total: number;
  stats: Stats;
  results: ResultRow[];
}

export interface UnitNode {
  id: string;
  parent: string | null;
  depth: number;
  kind: 'group' | 'question' | 'indicator' | string;
  label: string;
  type: string | null;
  max: number;
  value: number | null;
  points: number | null;
  rank: number | null;
  tied: boolean;
  ranked: number;
  evidence: string | null;
  answer: string | null;
  means: Record<string, number | null>;
  /** Stage groups only: the stage reached (null when excluded) and its name. */
  stage?: number | null;
  level?: string | null;
}

export interface Gap {
  node: string;
  missing: number;
  points: number;
  max: number;
  region_full: number;
  region_peers: number;
  all_full: number;
  all_peers: number;
}

export interface UnitResult {
  campaign: Campaign;
  unit: { id: string; name: string; groups: string[] };
  level: { id: string; name: string } | null;
  n: number;
  comparators: { id: string; name: string }[];
  nodes: UnitNode[];
  gaps: Gap[];
}

export interface SummaryNode {
  node: string;
  count: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export interface Summary {
  campaign: Campaign;
  by: string;
  groups: { id: string; name: string; nodes: SummaryNode[] }[];
}

export interface HistoryEntry {
  campaign: string;
  year: number;
  title: string;
  points: number | null;
  rank: number | null;
  n: number;
  level: string | null;
  pillars: Record<string, number | null>;
}

export interface History {
  unit: { id: string; name: string };
  framework: string;
  history: HistoryEntry[];
}

/** How far a unit is from each target (results/{unit}/targets, assessments/{unit}/targets). */
export interface TargetNodeResult { node: string; required: number; attained: number | null; met: boolean }
export interface TargetResult { id: string; name: string; met: boolean; required: number; attained: number; nodes: TargetNodeResult[] }
export interface Targets { targets: TargetResult[] }

/** One node over the published editions of a framework (GET /trends). */
export interface TrendGroup { n: number; mean: number | null; rest: { n: number; mean: number | null } }
export interface TrendEdition {
  campaign: string;
  year: number;
  title: string;
  n: number;
  mean: number | null;
  median: number | null;
  levels: Record<string, number>;
  groups: Record<string, TrendGroup>;
  /** The node is not in this edition's framework. */
  node_missing: boolean;
  /** The edition's framework version. */
  version?: string | null;
  /** On an older version than the latest: the node read (a renamed one), the mapping between the versions, its relation for the node. */
  node_used?: string | null;
  mapping?: string | null;
  relation?: string | null;
}
export interface Trends { framework: string; node: string; balanced: boolean; editions: TrendEdition[] }

/** Who rose and fell most between two editions (GET /trends/movers). */
export interface Mover { unit: string; from: number; to: number; change: number; level_from?: string | null; level_to?: string | null }
export interface Movers { framework: string; node: string; from: string; to: string; n: number; risers: Mover[]; fallers: Mover[] }

/** A crosswalk between two frameworks (GET /mappings): counts of its pairs by relation and of the target's nodes it reaches. */
export type Relation = 'equal' | 'superset' | 'subset' | 'intersect' | 'not_related';
export interface MappingSummary {
  id: string; title: string;
  source: string; source_version: string; target: string; target_version: string;
  pairs: number; relations: Record<Relation, number>;
  target_nodes: number; mapped: number; unmapped: number;
}
/** One target node: the strongest relation any pair gives it and the source nodes with that relation. */
export interface CoverageRow { target: string; label: string; kind: 'group' | 'question' | 'indicator' | string; relation: Relation | null; sources: string[] }
export interface MappingDetail extends MappingSummary {
  mappings: { source: string; target: string; relation: Relation; rationale?: string }[];
  coverage: CoverageRow[];
  unmapped_nodes: string[];
}
