// The questionnaire's screens: one short group of questions per screen.
// Each pillar whose parts are all groups gives one screen per group; a
// pillar with questions of its own is one screen. Also: how an answer reads
// ("Partly", option labels), and which questions still need evidence.
import { t } from './i18n';
import { present, type FwIndex } from './applies';
import type { Framework, FwNode } from './types';
import { ratingLevel, scaleOf } from './fw';
import type { Assessment } from './workflow';

export interface Section {
  id: string;
  pillar: FwNode;
  node: FwNode;
  title: string;
  /** Every question and indicator inside, in order. */
  leaves: FwNode[];
}

const leavesOf = (n: FwNode): FwNode[] => (n.children ? n.children.flatMap(leavesOf) : [n]);
export const label = (n: FwNode) => n.name || n.question || n.id;

export function sections(fw: Framework): Section[] {
  const out: Section[] = [];
  for (const p of fw.children) {
    if (p.children && p.children.length && p.children.every((c) => c.children)) {
      for (const g of p.children) out.push({ id: g.id, pillar: p, node: g, title: label(g), leaves: leavesOf(g) });
    } else {
      out.push({ id: p.id, pillar: p, node: p, title: label(p), leaves: leavesOf(p) });
    }
  }
  return out;
}

/** Question numbers, 1 to N, in questionnaire order. */
export function numbers(ix: FwIndex): Map<string, number> {
  return new Map(ix.leaves.map((n, i) => [n.id, i + 1]));
}

export const isQuestion = (n: FwNode) => !n.children && !n.indicator;

/** How an answer reads: "Yes", "Partly", option labels, or the text itself. */
export function answerLabel(n: FwNode, answer: string | undefined | null): string {
  if (!present(answer)) return t('notAnswered');
  const a = answer!.trim();
  if (n.type === 'yes_no') return a === 'yes' ? t('answerYes') : a === 'no' ? t('answerNo') : a === 'partial' ? t('answerPartial') : a;
  if (n.type === 'choice') return n.options?.find((o) => o.id === a)?.label || a;
  if (n.type === 'multi') return a.split('|').map((x) => n.options?.find((o) => o.id === x.trim())?.label || x).join('; ');
  if (n.type === 'rating') {
    const l = ratingLevel(n, a);
    return l ? t('ratingLevel', { value: l.value, name: l.name }) : a;
  }
  return a;
}

/** The answers a question offers as a list (yes/no, options, a scale's levels); null for multi, number and text. */
export function answerOptions(n: FwNode): { id: string; label: string; description?: string }[] | null {
  if (n.type === 'yes_no') {
    return [{ id: 'yes', label: t('answerYes') }, ...(n.partial != null ? [{ id: 'partial', label: t('answerPartial') }] : []), { id: 'no', label: t('answerNo') }];
  }
  if (n.type === 'choice') return (n.options || []).map((o) => ({ id: o.id, label: o.label }));
  const s = scaleOf(n);
  if (n.type === 'rating' && s) return s.levels.map((l) => ({ id: String(l.value), label: t('ratingLevel', { value: l.value, name: l.name }), description: l.description }));
  return null;
}

/** Required evidence still missing, by the server's rule (applies, answered, no evidence). */
export function missingEvidence(ix: FwIndex, answers: Record<string, string>, na: Set<string>, a: Assessment): FwNode[] {
  const have = new Set(a.evidence.map((e) => e.question));
  return ix.leaves.filter((n) => isQuestion(n) && n.evidence === 'required' && !na.has(n.id) && present(answers[n.id]) && !have.has(n.id));
}

export function sectionOf(secs: Section[], q: string): Section | undefined {
  return secs.find((s) => s.leaves.some((l) => l.id === q));
}
