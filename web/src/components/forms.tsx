// Form pieces in the manner of the GOV.UK Design System: the error summary
// at the top that links to each field, status tags that name the status in
// words, panels, and the times people read ("Saved 10:42").
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t, currentLang } from '../i18n';

export interface FieldError { id: string; message: string; href?: string; go?: () => void }

/**
 * "There is a problem" with a link to each field. It takes focus when it
 * appears (FOCUSONAPPEAR, as after a form is sent) or, when errors come by
 * themselves (an answer refused while saving), only after FOCUSKEY changes
 * (the person tried to submit).
 */
export function ErrorSummary({ errors, focusKey, title, focusOnAppear = true }: {
  errors: FieldError[]; focusKey?: unknown; title?: string; focusOnAppear?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  const want = useRef(focusOnAppear);
  const key = useRef(focusKey);
  if (key.current !== focusKey) { key.current = focusKey; want.current = true; }
  useEffect(() => {
    if (shown && want.current && ref.current) {
      ref.current.focus();
      want.current = focusOnAppear;
    }
  }, [shown, focusKey]);
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 class="error-summary-title" id="error-summary-title">{title || t('errorSummaryTitle')}</h2>
      <ul class="error-summary-list">
        {errors.map((e) => (
          <li key={e.id + e.message}>
            <a href={e.href || '#' + e.id} onClick={(ev) => {
              if (e.go) { ev.preventDefault(); e.go(); return; }
              const el = document.getElementById(e.id);
              if (!el) return;
              ev.preventDefault();
              el.scrollIntoView({ block: 'center' });
              (el as HTMLElement).focus();
            }}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldErrorText({ id, message }: { id: string; message?: string | null }) {
  if (!message) return null;
  return <p class="field-error" id={id}><span class="sr-only">{t('errorPrefix')}</span>{message}</p>;
}

const TAG: Record<string, string> = {
  not_started: 'tag-grey', in_progress: 'tag-blue', submitted: 'tag-purple', returned: 'tag-orange', validated: 'tag-green',
  draft: 'tag-grey', open: 'tag-blue', review: 'tag-purple', closed: 'tag-orange', published: 'tag-green',
};

export function StatusTag({ status, kind }: { status: string; kind: 'assessment' | 'campaign' }) {
  const key = (kind === 'assessment' ? 'as_' : 'cs_') + status;
  const label = t(key as 'as_not_started');
  return <strong class={'tag ' + (TAG[status] || 'tag-grey')}>{label === key ? status : label}</strong>;
}

const hm = () => new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : currentLang(), { hour: '2-digit', minute: '2-digit' });
const dt = () => new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : currentLang(), { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** 10:42 */
export const clock = (d: Date) => hm().format(d);
/** 23 Nov 2026, 10:42 (from the API's UTC times) */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dt().format(d);
}

export function Panel({ title, children, kind = 'info', id, headingLevel = 2 }: {
  title: string; children?: ComponentChildren; kind?: 'info' | 'success' | 'warning'; id?: string; headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class={'panel panel-' + kind} id={id}>
      <H class="panel-title">{title}</H>
      {children}
    </div>
  );
}
