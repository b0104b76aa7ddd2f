// Helpers over the framework tree.
import type { Framework, FwNode, Scale, ScaleLevel } from './types';

export function findNode(fw: Framework, id: string): FwNode | undefined {
  if (id === fw.id) return { id: fw.id, name: fw.title, max: fw.max, children: fw.children };
  const stack = [...fw.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.id === id) return n;
    if (n.children) stack.push(...n.children);
  }
  return undefined;
}

export const nodeLabel = (n: FwNode | undefined) => (n ? n.name || n.question || n.id : '');

export function walk(nodes: FwNode[], fn: (n: FwNode, depth: number, parent?: FwNode) => void, depth = 1, parent?: FwNode) {
  for (const n of nodes) {
    fn(n, depth, parent);
    if (n.children) walk(n.children, fn, depth + 1, n);
  }
}

/** A node's question (or name) by id; the id itself when the framework lacks it. */
export function labeller(fw: Framework): (id: string) => string {
  const m = new Map<string, string>([[fw.id, fw.title]]);
  walk(fw.children, (n) => m.set(n.id, n.question || n.name || n.id));
  return (id) => m.get(id) || id;
}

export const kindOf = (n: FwNode) => (n.children ? 'group' : n.indicator ? 'indicator' : 'question');

// ---- rating scales (framework format 1.1) -----------------------------------
// A rating question names its scale by id; linkScales (run once on every
// framework the API gives) remembers each question's scale, so that code
// holding only the node (answer labels, the question card) can find it.

const scaleOfNode = new WeakMap<FwNode, Scale>();

export function linkScales(fw: Framework): Framework {
  const scales = new Map((fw.scales || []).map((s) => [s.id, s]));
  walk(fw.children, (n) => {
    const s = n.type === 'rating' && n.scale ? scales.get(n.scale) : undefined;
    if (s) scaleOfNode.set(n, s);
  });
  return fw;
}

/** The scale of a rating question (undefined for any other node). */
export const scaleOf = (n: FwNode | undefined): Scale | undefined => (n ? scaleOfNode.get(n) : undefined);

/** The level of a rating answer ("3"), if the scale has it. */
export function ratingLevel(n: FwNode, answer: string | null | undefined): ScaleLevel | undefined {
  const s = scaleOf(n);
  if (!s || answer == null || answer.trim() === '') return undefined;
  const v = Number(answer.trim());
  return s.levels.find((l) => l.value === v);
}

/**
 * Whether a framework is a maturity or readiness model: it has rating
 * scales, targets or stage names (a lone stage group without names, as an
 * index may have, does not make one).
 */
export function isMaturity(fw: Framework): boolean {
  if ((fw.scales || []).length || (fw.targets || []).length || (fw.stage_names || []).length) return true;
  let named = false;
  walk(fw.children, (n) => { if (n.aggregate === 'stage' && (n.stage_names || []).length) named = true; });
  return named;
}
