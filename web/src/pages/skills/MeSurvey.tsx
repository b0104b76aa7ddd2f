// The reaction surveys a participant answers from their own page
// (/skills/me): each survey the programme links (a framework, format 1.1,
// rating questions), its questions with the scale's levels as radios,
// sent through POST /enrolments/{e}/answers; what was answered before is
// shown chosen; or offline through the survey's workbook (MeWorkbook.tsx).
// Needs the evaluation consent (the page says so). The form itself:
// RatingForm.tsx.
import { t } from '../../i18n';
import { api } from '../../api';
import { useAsync } from '../../hooks';
import { ErrorState, Loading } from '../../components/ui';
import type { Framework, FwNode } from '../../types';
import type { MyEnrolment } from '../../skills';
import { named } from './common';
import { RatingForm, type RatingQuestion } from './RatingForm';
import { SurveyWorkbook } from './MeWorkbook';

export const REACTION = ['reaction_module', 'reaction_end'] as const;

const ratings = (nodes: FwNode[]): FwNode[] =>
  nodes.flatMap((n) => [...(n.type === 'rating' ? [n] : []), ...ratings(n.children || [])]);

/** The rating questions of survey FW, each with the levels of its scale. */
const questions = (fw: Framework): RatingQuestion[] => ratings(fw.children).map((q) => ({
  id: q.id, label: q.question || q.name || q.id, named: q.question || q.id,
  levels: (fw.scales?.find((s) => s.id === q.scale)?.levels || []).map((l) => ({ value: l.value, label: l.name })),
}));

/** The reaction surveys of enrolment E; CONSENT: whether evaluation consent is in force. */
export function Surveys({ e, consent, done }: { e: MyEnrolment; consent: boolean; done: () => void }) {
  const kinds = REACTION.filter((k) => e.surveys?.[k]);
  if (e.role !== 'participant' || !kinds.length) return null;
  return (
    <section aria-labelledby={`sv-${e.id}-h`} class="sk-survey" data-testid="sk-surveys">
      <h2 id={`sv-${e.id}-h`}>{t('skSurveysTitle', { cohort: e.cohort })}</h2>
      {!consent ? <p class="panel panel-info">{t('skSurveyNeedsConsent')}</p>
        : kinds.map((k) => <Survey key={k} e={e} kind={k} done={done} />)}
    </section>
  );
}

function Survey({ e, kind, done }: { e: MyEnrolment; kind: string; done: () => void }) {
  const sv = e.surveys![kind];
  const fw = useAsync(() => api.framework(sv.framework, sv.version), [sv.framework, sv.version]);
  if (fw.state === 'loading') return <Loading />;
  if (fw.state === 'error') return <ErrorState error={fw.error} retry={fw.retry} />;
  return (
    <>
      <RatingForm e={e} kind={kind} prefix="sv" testid={'sk-survey-' + kind} questions={questions(fw.data)}
        heading={<>{named('skSv_', kind)} <span class="muted">({fw.data.title})</span></>}
        lead={t('skSurveyLead')} send={t('skSendSurvey')} done={done} />
      <SurveyWorkbook enrolment={e.id} kind={kind} done={done} />
    </>
  );
}
