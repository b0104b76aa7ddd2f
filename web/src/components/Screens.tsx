// Pieces of a questionnaire shared by the assessment's and a workshop
// respondent's: the save bar ("All answers saved. Last saved 12:20", or
// offline, or a session that ended), the side list of parts with their
// progress, and one screen of questions with the pager. The screen takes
// a function that draws each question, so each page puts its own card.
import type { JSX } from 'preact';
import { t } from '../i18n';
import { href } from '../router';
import { int } from '../format';
import { answerLabel, label, type Section } from '../questionnaire';
import { present, type FwIndex } from '../applies';
import type { useSaver } from '../saver';
import type { Framework, FwNode } from '../types';
import { Link } from './ui';
import { clock } from './forms';

type Saver = ReturnType<typeof useSaver>;

export function saveCounts(saver: Saver, clientErrors: Record<string, string>) {
  const st = Object.values(saver.states);
  return {
    pendingN: Object.keys(saver.pending()).length,
    savingN: st.filter((s) => s.s === 'saving').length,
    offlineN: st.filter((s) => s.s === 'offline').length,
    signinN: st.filter((s) => s.s === 'signin').length,
    errorN: st.filter((s) => s.s === 'error').length + Object.keys(clientErrors).length,
  };
}

export function SaveBar({ saver, online, clientErrors, next }: { saver: Saver; online: boolean; clientErrors: Record<string, string>; next: string }) {
  const { pendingN, savingN, offlineN, signinN, errorN } = saveCounts(saver, clientErrors);
  return (
    <div class={'save-bar' + (!online || offlineN ? ' save-bar-offline' : signinN || errorN ? ' save-bar-warn' : '')} role="status" aria-live="polite">
      {!online ? (
        <span><strong>{t('offlineTitle')}</strong> {pendingN ? t('offlineKept', { n: pendingN, count: int(pendingN) }) : t('offlineText')}</span>
      ) : signinN ? (
        <span><strong>{t('notSavedSignInTitle')}</strong> <Link href={href('/signin', { next })}>{t('signInAgain')}</Link></span>
      ) : offlineN ? (
        <span><strong>{t('notSavedOfflineTitle')}</strong> {t('offlineKept', { n: pendingN, count: int(pendingN) })}
          {' '}<button type="button" class="button-link" onClick={() => saver.retryAll()}>{t('retryNow')}</button></span>
      ) : errorN ? (
        <span class="save-error">{t('notSavedErrors', { n: errorN, count: int(errorN) })}</span>
      ) : savingN ? (
        <span><span class="spinner spinner-s" aria-hidden="true" /> {t('saving')}</span>
      ) : saver.lastSaved ? (
        <span><span aria-hidden="true">✓ </span>{t('allSavedAt', { time: clock(saver.lastSaved) })}</span>
      ) : (
        <span class="muted">{t('autosaveNote')}</span>
      )}
    </div>
  );
}

export type Counts = (leaves: FwNode[]) => { answered: number; applicable: number };

/** How many of these questions apply and are answered. */
export const counter = (na: Set<string>, answers: Record<string, string>, isQ: (n: FwNode) => boolean): Counts => (leaves) => {
  const qs = leaves.filter((l) => isQ(l) && !na.has(l.id));
  return { answered: qs.filter((l) => present(answers[l.id])).length, applicable: qs.length };
};

/** The parts of the questionnaire with their progress; the current part lists its screens. */
export function SectionNav({ fw, secs, current, counts, na, secHref, last }: {
  fw: Framework; secs: Section[]; current: Section | null; counts: Counts; na: Set<string>;
  secHref: (id: string) => string; last: { id: string; label: string; current: boolean };
}) {
  return (
    <nav aria-label={t('qnSections')} class="qn-nav">
      <ol class="qn-pillars">
        {fw.children.map((p) => {
          const ps = secs.filter((x) => x.pillar.id === p.id);
          const pc = counts(ps.flatMap((x) => x.leaves));
          const here = current?.pillar.id === p.id;
          return (
            <li key={p.id} class={'qn-pillar' + (here ? ' qn-pillar-current' : '')}>
              {here ? <p class="qn-pillar-name">{label(p)}</p> : (
                <Link class="qn-pillar-name" href={secHref(ps[0]?.id || p.id)}>{label(p)}<span class="sr-only">, {t('nOfMAnswered', { n: int(pc.answered), m: int(pc.applicable) })}</span></Link>
              )}
              <p class="qn-pillar-count" aria-hidden={here ? undefined : 'true'}>{t('nOfMAnswered', { n: int(pc.answered), m: int(pc.applicable) })}</p>
              <span class="qn-bar" aria-hidden="true"><span style={{ inlineSize: (pc.applicable ? (100 * pc.answered) / pc.applicable : 0) + '%' }} /></span>
              {here && <ol class="qn-sections">
                {ps.map((x) => {
                  const sc = counts(x.leaves);
                  const done = sc.applicable > 0 && sc.answered === sc.applicable;
                  const notAsked = na.has(x.node.id);
                  return (
                    <li key={x.id}>
                      <Link href={secHref(x.id)} aria-current={current?.id === x.id ? 'page' : undefined}>
                        {x.title}
                        <span class="sr-only">, </span>
                        <span class={'qn-sec-status' + (done ? ' qn-done' : '')}>
                          {notAsked ? t('notAsked') : done ? <><span aria-hidden="true">✓ </span>{t('complete')}</> : t('nOfM', { n: int(sc.answered), m: int(sc.applicable) })}
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ol>}
            </li>
          );
        })}
        <li class="qn-pillar qn-submit-link">
          <Link href={secHref(last.id)} aria-current={last.current ? 'page' : undefined}>{last.label}</Link>
        </li>
      </ol>
    </nav>
  );
}

/** "Asked because you answered “Yes” to question 3." */
export function conditionText(n: FwNode, ix: FwIndex, nums: Map<string, number>): string | null {
  if (!n.when) return null;
  const src = ix.byId.get(n.when.q);
  if (!src) return null;
  return t('askedBecause', { answer: answerLabel(src, n.when.is), n: nums.get(src.id) || 0 });
}

/** One screen: its groups and questions (drawn by CARD), what is not asked, the pager. */
export function SectionView({ s, pos, secs, na, secHref, last, card }: {
  s: Section; pos: number; secs: Section[]; na: Set<string>; secHref: (id: string) => string;
  last: { id: string; label: string }; card: (n: FwNode) => JSX.Element;
}) {
  const prev = pos > 0 ? secs[pos - 1] : null;
  const next = pos < secs.length - 1 ? secs[pos + 1] : null;
  const hidden = s.leaves.filter((l) => na.has(l.id)).length;
  const render = (n: FwNode): JSX.Element | null => {
    if (na.has(n.id)) return null;
    if (n.children) {
      return (
        <div class="q-subgroup" key={n.id}>
          <h3 class="q-subgroup-title">{label(n)}</h3>
          {n.guidance && <p class="hint">{n.guidance}</p>}
          {n.children.map(render)}
        </div>
      );
    }
    return card(n);
  };
  return (
    <section class="qn-section" aria-labelledby="section-title">
      <p class="eyebrow">{label(s.pillar)} · {t('partNofM', { n: pos + 1, m: secs.length })}</p>
      <h2 id="section-title" tabIndex={-1}>{s.title}</h2>
      {s.node.guidance && <p class="lead">{s.node.guidance}</p>}
      {na.has(s.node.id) ? <p class="panel panel-info">{t('sectionNotAsked')}</p> : (s.node.children || []).map(render)}
      {hidden > 0 && !na.has(s.node.id) && <p class="muted small">{t('hiddenQuestions', { n: hidden, count: int(hidden) })}</p>}
      <nav class="pager" aria-label={t('pagerLabel')}>
        {prev ? (
          <Link class="pager-prev" href={secHref(prev.id)}>
            <span class="pager-dir"><span aria-hidden="true">← </span>{t('previous')}</span>
            <span class="pager-name">{prev.title}</span>
          </Link>
        ) : <span />}
        <Link class="pager-next" href={secHref(next ? next.id : last.id)}>
          <span class="pager-dir">{t('next')}<span aria-hidden="true"> →</span></span>
          <span class="pager-name">{next ? next.title : last.label}</span>
        </Link>
      </nav>
    </section>
  );
}
