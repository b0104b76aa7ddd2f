// Helpers over the framework tree.
import type { Framework, FwNode } from './types';

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

export const kindOf = (n: FwNode) => (n.children ? 'group' : n.indicator ? 'indicator' : 'question');
