// What a maturity or readiness model says about one unit, computed in the
// browser from either the published results (results/{unit}) or the live
// answers of an assessment (the engine's rule, src/core/score.c, redone
// here so the assessment team sees where it stands before publication):
//   - the items of the profile: every rating question outside a stage
//     group, and every stage group (its indicators are its detail);
//   - what a unit attained at each (a rating, a stage number) and that as a
//     share of the item's range, averaged per top-level part (the radar);
//   - the stages reached per stage group (the heat map);
//   - the distance to each target and the next steps toward the nearest.
import type { Framework, FwNode, TargetNodeResult, TargetResult, UnitResult } from './types';
import { scaleOf, walk } from './fw';
import { notApplicable, present, type FwIndex } from './applies';

export interface Item { node: FwNode; kind: 'rating' | 'stage'; pillar: FwNode }

/** The highest stage among a stage group's children (S). */
export const stageMax = (n: FwNode) => Math.max(0, ...(n.children || []).map((c) => c.stage || 0));

/** A stage group's names (S + 1 of them), or null when it has none. */
export function stageNames(fw: Framework, n: FwNode): string[] | null {
  const s = stageMax(n);
  const names = n.stage_names && n.stage_names.length ? n.stage_names : fw.stage_names || [];
  return names.length === s + 1 ? names : null;
}

export function items(fw: Framework): Item[] {
  const out: Item[] = [];
  for (const p of fw.children) {
    const rec = (n: FwNode) => {
      if (n.aggregate === 'stage' && n.children) { out.push({ node: n, kind: 'stage', pillar: p }); return; }
      if (n.children) n.children.forEach(rec);
      else if (n.type === 'rating' && scaleOf(n)) out.push({ node: n, kind: 'rating', pillar: p });
    };
    rec(p);
  }
  return out;
}

/** The lowest and highest attainable at an item or a target's node (a rating, a stage, a value). */
export function range(n: FwNode): [number, number] {
  const s = scaleOf(n);
  if (s && s.levels.length) return [s.levels[0].value, s.levels[s.levels.length - 1].value];
  if (n.aggregate === 'stage') return [0, stageMax(n)];
  return [0, 1];
}

export const share = (n: FwNode, x: number | null | undefined) => {
  if (x == null) return null;
  const [lo, hi] = range(n);
  return hi > lo ? (x - lo) / (hi - lo) : null;
};

/**
 * One unit as the pages read it: values in [0, 1] (null: excluded), the
 * answer given, the stage reached per stage group.
 */
export interface Reading {
  value: (id: string) => number | null;
  answer: (id: string) => string | null;
  stage: (id: string) => number | null;
}

/** What the unit attained at an item: its rating, or the stage reached. */
export function attained(r: Reading, it: Item | { node: FwNode; kind: 'rating' | 'stage' }): number | null {
  if (it.kind === 'stage') return r.stage(it.node.id);
  const a = r.answer(it.node.id);
  if (!present(a)) return null;
  const v = Number(a!.trim());
  return Number.isFinite(v) ? v : null;
}

export function fromResult(fw: Framework, res: UnitResult): Reading {
  const by = new Map(res.nodes.map((n) => [n.id, n]));
  const nodes = new Map<string, FwNode>();
  walk(fw.children, (n) => nodes.set(n.id, n));
  return {
    value: (id) => by.get(id)?.value ?? null,
    answer: (id) => by.get(id)?.answer ?? null,
    stage: (id) => {
      const r = by.get(id);
      if (!r) return null;
      if (r.stage !== undefined) return r.stage;
      // a server before format 1.1: the stage from the value (s / S)
      const n = nodes.get(id);
      return r.value == null || !n ? null : Math.round(r.value * stageMax(n));
    },
  };
}

// ---- live: the engine's values from the answers ------------------------------

function leafValue(n: FwNode, a: string): number | null {
  const x = a.trim();
  switch (n.type) {
    case 'yes_no': return x === 'yes' ? 1 : x === 'no' ? 0 : x === 'partial' && n.partial != null ? n.partial : null;
    case 'choice': return n.options?.find((o) => o.id === x)?.value ?? null;
    case 'multi': return Math.min(1, x.split('|').reduce((s, id) => s + (n.options?.find((o) => o.id === id.trim())?.value || 0), 0));
    case 'rating': {
      const s = scaleOf(n);
      const v = Number(x);
      if (!s || !s.levels.some((l) => l.value === v)) return null;
      return share(n, v);
    }
    case 'number': {
      const v = Number(x.replace(/\s/g, ''));
      if (!Number.isFinite(v)) return null;
      if (n.goalposts) {
        const [lo, hi] = n.goalposts;
        return hi === lo ? (v >= hi ? 1 : 0) : Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
      }
      if (n.thresholds) {
        let best: { min: number; value: number } | null = null;
        for (const th of n.thresholds) if (v >= th.min && (!best || th.min > best.min)) best = th;
        return best ? best.value : 0;
      }
      return null;
    }
    default: return null; // text is never scored; indicators need every unit
  }
}

function aggregate(n: FwNode, kids: { n: FwNode; v: number }[]): number | null {
  const used = kids.filter((k) => (k.n.weight ?? 1) > 0);
  if (!used.length) return null;
  const W = used.reduce((s, k) => s + (k.n.weight ?? 1), 0);
  switch (n.aggregate) {
    case 'min': return Math.min(...used.map((k) => k.v));
    case 'max': return Math.max(...used.map((k) => k.v));
    case 'geometric': return used.some((k) => k.v === 0) ? 0 : Math.exp(used.reduce((s, k) => s + ((k.n.weight ?? 1) / W) * Math.log(k.v), 0));
    case 'harmonic': return used.some((k) => k.v === 0) ? 0 : W / used.reduce((s, k) => s + (k.n.weight ?? 1) / k.v, 0);
    default: return used.reduce((s, k) => s + (k.n.weight ?? 1) * k.v, 0) / W;
  }
}

/** The stage reached: the largest k such that every counted child of stage <= k has value 1. */
export function stageReached(n: FwNode, kids: { n: FwNode; v: number }[]): number {
  const S = stageMax(n);
  let s = 0;
  for (let k = 1; k <= S; k++) {
    if (kids.some((c) => (c.n.stage || 0) <= k && c.v < 1)) break;
    s = k;
  }
  return s;
}

export function fromAnswers(fw: Framework, ix: FwIndex, answers: Record<string, string>): Reading {
  const na = notApplicable(ix, answers);
  const value = new Map<string, number | null>();
  const stage = new Map<string, number | null>();
  const rec = (n: FwNode, off: 'zero' | 'exclude' | null): number | null => {
    if (!off && n.when && na.has(n.id)) off = n.na === 'exclude' ? 'exclude' : 'zero';
    let v: number | null;
    if (n.children) {
      const kids: { n: FwNode; v: number }[] = [];
      for (const c of n.children) {
        const cv = rec(c, off);
        if (cv != null && !(c.type === 'text')) kids.push({ n: c, v: cv });
      }
      if (off) v = off === 'zero' ? 0 : null;
      else if (n.aggregate === 'stage') {
        const S = stageMax(n);
        const s = kids.length ? stageReached(n, kids) : null;
        stage.set(n.id, s);
        v = s == null ? null : S ? s / S : 0;
      } else v = aggregate(n, kids);
      if (off === 'zero' && n.aggregate === 'stage') stage.set(n.id, 0);
    } else if (off) v = off === 'zero' && n.type !== 'text' ? 0 : null;
    else if (n.type === 'text') v = null;
    else if (present(answers[n.id])) v = leafValue(n, answers[n.id]);
    else v = fw.missing === 'exclude' || n.indicator ? null : 0;
    value.set(n.id, v);
    return v;
  };
  fw.children.forEach((p) => rec(p, null));
  return {
    value: (id) => value.get(id) ?? null,
    answer: (id) => (present(answers[id]) && !na.has(id) ? answers[id] : null),
    stage: (id) => stage.get(id) ?? null,
  };
}

// ---- the profile per top-level part -------------------------------------------

export interface PartProfile {
  pillar: FwNode;
  items: number;
  /** Items the unit attained something at. */
  counted: number;
  /** Mean share of the range, 0-1 (null: nothing attained). */
  share: number | null;
  /** The mean rating or stage, when every item of the part is on the same range. */
  mean: number | null;
  lo: number;
  hi: number;
  kind: 'rating' | 'stage' | 'mixed';
}

export function profile(fw: Framework, its: Item[], r: Reading): PartProfile[] {
  return fw.children.map((p) => {
    const mine = its.filter((i) => i.pillar === p);
    const got = mine.map((i) => ({ i, x: attained(r, i) })).filter((g) => g.x != null) as { i: Item; x: number }[];
    const shares = got.map((g) => share(g.i.node, g.x)).filter((s): s is number => s != null);
    const ranges = new Set(mine.map((i) => range(i.node).join(':') + i.kind));
    const same = ranges.size === 1;
    const [lo, hi] = mine.length ? range(mine[0].node) : [0, 1];
    const kind: PartProfile['kind'] = same && mine.length ? mine[0].kind : 'mixed';
    return {
      pillar: p, items: mine.length, counted: got.length,
      share: shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null,
      mean: same && got.length ? got.reduce((a, g) => a + g.x, 0) / got.length : null,
      lo, hi, kind,
    };
  }).filter((x) => x.items > 0);
}

// ---- targets ------------------------------------------------------------------------

/** How far below the minimum, as a share of the node's range (largest first in the lists). */
export function shortfall(n: FwNode | undefined, x: TargetNodeResult): number {
  if (!n) return 0;
  const [lo, hi] = range(n);
  const got = x.attained ?? lo;
  return hi > lo ? Math.max(0, (x.required - got) / (hi - lo)) : 0;
}

export function unmetNodes(t: TargetResult, byId: Map<string, FwNode>): TargetNodeResult[] {
  return t.nodes.filter((x) => !x.met)
    .sort((a, b) => shortfall(byId.get(b.node), b) - shortfall(byId.get(a.node), a));
}

/** The unmet target closest to being met: fewest unmet nodes, then the smallest total shortfall, then the file's order. */
export function nearestUnmet(ts: TargetResult[], byId: Map<string, FwNode>): TargetResult | null {
  const unmet = ts.map((t, i) => ({ t, i, n: t.nodes.filter((x) => !x.met).length,
    gap: t.nodes.reduce((s, x) => s + (x.met ? 0 : shortfall(byId.get(x.node), x)), 0) }))
    .filter((x) => !x.t.met);
  unmet.sort((a, b) => a.n - b.n || a.gap - b.gap || a.i - b.i);
  return unmet[0]?.t || null;
}

/** For a stage group short of a target: the indicators of the stages up to the minimum that are not yet achieved. */
export function missingIndicators(n: FwNode, required: number, r: Reading): FwNode[] {
  return (n.children || []).filter((c) => (c.stage || 0) <= required && (r.value(c.id) ?? 0) < 1);
}

/** The target's minimum at every node of the tree that it names or its default covers (for a profile line). */
export function targetShares(its: Item[], t: TargetResult): Map<FwNode, number> {
  const out = new Map<FwNode, number>();
  for (const x of t.nodes) {
    const it = its.find((i) => i.node.id === x.node);
    if (it) out.set(it.node, share(it.node, x.required) ?? 0);
  }
  return out;
}

/** The mean share over every item the unit attained something at (null: none). */
export function overall(its: Item[], r: Reading): number | null {
  const s = its.map((i) => share(i.node, attained(r, i))).filter((x): x is number => x != null);
  return s.length ? s.reduce((a, b) => a + b, 0) / s.length : null;
}
