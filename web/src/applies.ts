// Which questions apply, computed in the browser from the current answers
// with the engine's rule (src/core/score.c cc_score_applicability): a node
// that is inside a node that does not apply does not apply either; else a
// node with `when` applies only when the question it names applies and is
// answered with `is` (for several choices: includes it). The assessment's
// `not_applicable` is the server's view after each save; this one follows
// every click, even offline.
import type { Framework, FwNode } from './types';

export interface FwIndex {
  byId: Map<string, FwNode>;
  parent: Map<string, string | null>;
  /** Leaves (questions and indicators) in questionnaire order. */
  leaves: FwNode[];
}

export function indexFramework(fw: Framework): FwIndex {
  const byId = new Map<string, FwNode>();
  const parent = new Map<string, string | null>();
  const leaves: FwNode[] = [];
  const rec = (nodes: FwNode[], p: string | null) => {
    for (const n of nodes) {
      byId.set(n.id, n);
      parent.set(n.id, p);
      if (n.children) rec(n.children, n.id);
      else leaves.push(n);
    }
  };
  rec(fw.children, null);
  return { byId, parent, leaves };
}

export const present = (a: string | undefined | null) => a != null && a.trim() !== '';

/** Whether ANSWER to question Q equals IS, as the engine compares them. */
export function answerIs(q: FwNode, answer: string, is: string): boolean {
  const a = answer.trim();
  if (q.type === 'multi') return a.split('|').map((x) => x.trim()).includes(is);
  if (q.type === 'number' || q.indicator) {
    const x = Number(a), y = Number(is);
    return !Number.isNaN(x) && x === y;
  }
  return a === is;
}

/** The ids of the nodes that do not apply to these answers. */
export function notApplicable(ix: FwIndex, answers: Record<string, string>): Set<string> {
  const memo = new Map<string, boolean>();
  const applies = (id: string, depth = 0): boolean => {
    const m = memo.get(id);
    if (m !== undefined) return m;
    if (depth > 64) return true; // a cycle the server would have refused
    const n = ix.byId.get(id);
    const p = ix.parent.get(id);
    let ok = true;
    if (p && !applies(p, depth + 1)) ok = false;
    else if (n?.when) {
      const q = ix.byId.get(n.when.q);
      const ans = answers[n.when.q];
      ok = !!q && applies(q.id, depth + 1) && present(ans) && answerIs(q, ans!, n.when.is);
    }
    memo.set(id, ok);
    return ok;
  };
  const out = new Set<string>();
  for (const id of ix.byId.keys()) if (!applies(id)) out.add(id);
  return out;
}
