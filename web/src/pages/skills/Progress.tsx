// A cohort's progress import (/skills/{p}/cohorts/{c}/progress): the
// completion export of the learning platform (Moodle's activity
// completion, Open edX's grade report, or email,module,completed_at,score)
// sent as it is. All or nothing: a refused file lists every bad row by its
// line (the header is line 1), each a link in the error summary.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Route } from '../../router';
import { ErrorSummary, type FieldError } from '../../components/forms';
import { Text } from '../build/fields';
import { skills, type Cohort } from '../../skills';
import { CohortPage, Note } from './common';

export function SkillsProgress({ route }: { route: Route }) {
  return <CohortPage route={route} tab="progress" title="skProgressTitle">{(c) => <Upload c={c} />}</CohortPage>;
}

function Upload({ c }: { c: Cohort }) {
  const [file, setFile] = useState<File | null>(null);
  const [module, setModule] = useState('');
  const [date, setDate] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState('');
  const submit = async (ev: Event) => {
    ev.preventDefault();
    setNote('');
    if (!file) { setErrors([{ id: 'pg-file', message: t('skErrFile') }]); setAttempt((x) => x + 1); return; }
    setBusy(true);
    try {
      const r = await skills.progress(c.id, file, module.trim() || undefined, date.trim() || undefined);
      if (r.ok) { setErrors([]); setNote(t('skImported', { n: r.imported, format: r.format })); }
      else {
        const rows = r.errors.map((e) => ({
          id: 'pg-file', message: e.column ? t('skLineCol', { n: e.row, column: e.column, message: e.message }) : t('skLine', { n: e.row, message: e.message }),
        }));
        setErrors(rows.length ? rows : [{ id: 'pg-file', message: r.message }]);
      }
    } catch (x) {
      setErrors([{ id: 'pg-file', message: t('errNetwork') + ' ' + String((x as Error)?.message || '') }]);
    } finally { setBusy(false); setAttempt((x) => x + 1); }
  };
  const err = errors.length ? t('skFileRefused', { n: errors.length }) : null;
  return (
    <section aria-labelledby="sk-pg-h">
      <ErrorSummary errors={errors} focusKey={attempt} title={errors.length ? t('skFileRefusedTitle') : undefined} />
      <h2 id="sk-pg-h">{t('skProgressTitle')}</h2>
      <p>{t('skProgressLead')}</p>
      <ul class="hint">
        <li>{t('skFmtPlain')}</li><li>{t('skFmtMoodle')}</li><li>{t('skFmtEdx')}</li>
      </ul>
      <Note text={note} />
      <form class="form" noValidate onSubmit={submit} data-testid="sk-progress">
        <div class={'form-group' + (err ? ' form-group-error' : '')}>
          <label class="label label-s" for="pg-file">{t('skFile')}</label>
          <span class="hint" id="pg-file-hint">{t('skFileHint')}</span>
          {err && <p class="field-error" id="pg-file-error"><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
          <input class="file-input" id="pg-file" type="file" accept=".csv,text/csv"
            aria-describedby={'pg-file-hint' + (err ? ' pg-file-error' : '')}
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] || null)} />
        </div>
        <div class="form-row">
          <Text id="pg-module" label={t('skModule')} hint={t('skModuleHint')} value={module} onInput={setModule} />
          <Text id="pg-date" label={t('skDate')} hint={t('skDateHint')} value={date} onInput={setDate} />
        </div>
        <button type="submit" class="button" disabled={busy}>{busy ? t('working') : t('skImport')}</button>
      </form>
    </section>
  );
}
