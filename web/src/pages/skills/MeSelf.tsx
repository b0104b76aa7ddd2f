// The paired self-assessment of a participant (/skills/me): for each
// competency of their track, a rating from 1 to 5 before the programme
// (self_before) and after it (self_after), each sent through
// POST /enrolments/{e}/answers; what was given before is shown chosen.
// The dashboard pairs them (only people with both count). Needs the
// evaluation consent (the page says so). The form itself: RatingForm.tsx.
import { t } from '../../i18n';
import type { MyEnrolment } from '../../skills';
import { named } from './common';
import { RatingForm } from './RatingForm';

const KINDS = ['self_before', 'self_after'] as const;
const LEVELS = [1, 2, 3, 4, 5];

export function SelfAssessment({ e, consent, done }: { e: MyEnrolment; consent: boolean; done: () => void }) {
  const comps = e.competencies || [];
  if (e.role !== 'participant' || !comps.length) return null;
  const levels = LEVELS.map((l) => ({ value: l, label: t(('skLevel' + l) as 'skLevel1') }));
  const questions = comps.map((c) => ({ id: c.id, label: c.name, named: c.name, levels }));
  return (
    <section aria-labelledby={`sa-${e.id}-h`} class="sk-survey" data-testid="sk-self">
      <h2 id={`sa-${e.id}-h`}>{t('skSelfTitle', { cohort: e.cohort })}</h2>
      <p>{t('skSelfLead')}</p>
      {!consent ? <p class="panel panel-info">{t('skSurveyNeedsConsent')}</p>
        : KINDS.map((k) => <RatingForm key={k} e={e} kind={k} prefix="sa" testid={'sk-self-' + k} questions={questions}
          heading={named('skSv_', k)} lead={t('skSelfHint')} send={t('skSendSelf')} done={done} />)}
    </section>
  );
}
