// The state of a questionnaire being answered, shared by the assessment's
// questionnaire and a workshop respondent's: the answers on the page (the
// server's, then anything still queued on the device), which questions
// apply, numbers checked as they are typed, answers sent as they are given
// (text a little after typing stops), and a message when an answer brings
// questions in or takes them away. Also the screens: which one is open,
// links to a question, focus on the screen's heading when it changes.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from './i18n';
import { href, navigate, type Route } from './router';
import { notApplicable, present, type FwIndex } from './applies';
import { sectionOf, type Section } from './questionnaire';
import { cardId } from './components/QuestionCard';
import type { useSaver } from './saver';
import type { FwNode } from './types';

export type Draft = { answer: string; comment: string };
type Saver = ReturnType<typeof useSaver>;

export function useAnswering(ix: FwIndex, saver: Saver, server: Record<string, Draft>) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => {
    const d: Record<string, Draft> = {};
    for (const [q, r] of Object.entries(server)) d[q] = { answer: r.answer, comment: r.comment };
    for (const [q, p] of Object.entries(saver.pending())) d[q] = { answer: p.answer, comment: p.comment };
    return d;
  });
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const answers = useMemo(() => Object.fromEntries(Object.entries(drafts).map(([q, d]) => [q, d.answer])), [drafts]);
  const na = useMemo(() => notApplicable(ix, answers), [ix, answers]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [announce, setAnnounce] = useState('');
  const typing = useRef(new Map<string, number>());

  useEffect(() => { saver.retryAll(); }, []);
  useEffect(() => () => typing.current.forEach((id) => window.clearTimeout(id)), []);

  const onChange = (n: FwNode, answer: string, comment: string, send: boolean) => {
    const q = n.id;
    const before = na;
    const next = { ...draftsRef.current, [q]: { answer, comment } };
    draftsRef.current = next;
    setDrafts(next);
    const isNum = n.type === 'number' || n.indicator;
    const bad = isNum && present(answer) && Number.isNaN(Number(answer.trim().replace(/\s/g, '')));
    if (send || !bad) setClientErrors((m) => { const { [q]: _, ...rest } = m; return bad && send ? { ...rest, [q]: t('errNumber') } : rest; });
    window.clearTimeout(typing.current.get(q));
    if (bad) { if (send) return; saver.stash(q, answer, comment); return; }
    if (send) saver.save(q, answer, comment);
    else {
      saver.stash(q, answer, comment);
      typing.current.set(q, window.setTimeout(() => {
        const d = draftsRef.current[q];
        if (d) saver.save(q, d.answer, d.comment);
      }, 1500));
    }
    // Say when an answer brings questions in or takes them away.
    const after = notApplicable(ix, Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v.answer])));
    const dependents = ix.leaves.filter((l) => l.when?.q === q);
    const shown = dependents.filter((l) => before.has(l.id) && !after.has(l.id)).length;
    const hidden = dependents.filter((l) => !before.has(l.id) && after.has(l.id)).length;
    if (shown) setAnnounce(t('questionsShown', { n: shown, count: shown }));
    else if (hidden) setAnnounce(t('questionsHidden', { n: hidden, count: hidden }));
  };

  /** Takes answers the server wrote (pre-filled ones) onto questions that have none on the page. */
  const adopt = (rows: { question: string; answer: string }[]) => {
    const next = { ...draftsRef.current };
    for (const r of rows) if (!present(next[r.question]?.answer)) next[r.question] = { answer: r.answer, comment: next[r.question]?.comment || '' };
    draftsRef.current = next;
    setDrafts(next);
  };

  return { drafts, answers, na, clientErrors, announce, onChange, adopt };
}

/** The screen open (?section=), links to screens and questions; LAST is the id of the closing screen. */
export function useScreens(route: Route, secs: Section[], last: string) {
  const wanted = route.params.get('section');
  const current: Section | null = wanted === last ? null : secs.find((x) => x.id === wanted) || secs[0];
  const atLast = wanted === last;
  const pos = current ? secs.indexOf(current) : secs.length;
  const secHref = (id: string) => href(route.path, { section: id });
  const [jump, setJump] = useState<{ q: string; n: number } | null>(null);
  const goToQuestion = (q: string) => {
    const s = sectionOf(secs, q);
    if (!s) return;
    navigate(secHref(s.id) + '#' + cardId(q), { focus: false });
    setJump({ q, n: Date.now() });
  };
  const qHref = (q: string) => { const s = sectionOf(secs, q); return s ? secHref(s.id) + '#' + cardId(q) : '#'; };

  // Moving to another screen: start reading at its heading.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; if (!location.hash) return; }
    if (jump) return;
    const h = document.getElementById('section-title');
    if (h) { h.focus({ preventScroll: true }); document.getElementById('qn-top')?.scrollIntoView({ block: 'start' }); }
  }, [wanted]);
  // Links to a question (from the error summary, the missing evidence, queries).
  useEffect(() => {
    const id = jump ? cardId(jump.q) : location.hash.startsWith('#q-') ? decodeURIComponent(location.hash.slice(1)) : null;
    if (!id) return;
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    const input = el.querySelector<HTMLElement>('input, textarea');
    (input || el).focus({ preventScroll: true });
    if (jump) setJump(null);
  }, [jump, wanted]);

  return { wanted, current, atLast, pos, secHref, goToQuestion, qHref };
}
