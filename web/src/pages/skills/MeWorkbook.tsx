// A reaction survey answered offline (/skills/me): the survey's workbook
// to download (its rating questions, the answers given so far filled in)
// and the filled one to upload. All or nothing: a refused workbook lists
// every bad cell (sheet, row, column, what is wrong) in the error summary;
// saved answers are the same as the form's (the page reloads them).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { skills, skillsHref } from '../../skills';
import { Note } from './common';

export function SurveyWorkbook({ enrolment, kind, done }: { enrolment: number; kind: string; done: () => void }) {
  const id = `wb-${enrolment}-${kind}`;
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setNote('');
    if (!file) { setErrors([{ id, message: t('skErrWorkbook') }]); setAttempt((x) => x + 1); return; }
    setBusy(true);
    try {
      const r = await skills.uploadWorkbook(enrolment, kind, file);
      if (r.ok) { setErrors([]); setNote(t('skSurveySaved', { n: r.saved })); done(); }
      else setErrors(r.errors.length ? r.errors.map((x) => ({ id, message: x.text || x.message })) : [{ id, message: r.message }]);
    } catch (x) {
      setErrors([{ id, message: t('errNetwork') + ' ' + String((x as Error)?.message || '') }]);
    } finally { setBusy(false); setAttempt((x) => x + 1); }
  };
  const err = errors.length ? t('skWorkbookRefused', { n: errors.length }) : null;
  return (
    <form class="form sk-workbook" noValidate onSubmit={submit} data-testid={'sk-workbook-' + kind} aria-labelledby={`sv-${enrolment}-${kind}-h ${id}-h`}>
      <ErrorSummary errors={errors} focusKey={attempt} title={errors.length ? t('skFileRefusedTitle') : undefined} />
      <h3 id={id + '-h'}>{t('skWorkbookTitle')}</h3>
      <p class="hint">{t('skWorkbookLead')}</p>
      <p><a href={skillsHref.workbook(enrolment, kind)} download>{t('skWorkbookDownload')}</a></p>
      <div class={'form-group' + (err ? ' form-group-error' : '')}>
        <label class="label label-s" for={id}>{t('skWorkbookFile')}</label>
        {err && <p class="field-error" id={id + '-error'}><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
        <input class="file-input" id={id} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={err ? id + '-error' : undefined} aria-invalid={err ? 'true' : undefined}
          onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] || null)} />
      </div>
      <Note text={note} />
      <button type="submit" class="button button-secondary" disabled={busy}>{busy ? t('working') : t('skWorkbookSend')}</button>
    </form>
  );
}
