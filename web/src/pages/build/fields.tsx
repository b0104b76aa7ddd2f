// Form fields in the manner of the GOV.UK Design System for the plan forms:
// label, hint, the message at the field, aria-invalid and aria-describedby
// wired; and turning the API's 422 `field` (`due`, `kpis[1].name`) into
// the id of the input it names.
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';
import { FieldErrorText, type FieldError } from '../../components/forms';
import type { ApiError } from '../../api';

/** "kpis[1].name" -> "PREFIX-kpis-1-name". */
export const fieldId = (prefix: string, field: string) => prefix + '-' + field.replace(/[[\].]+/g, '-').replace(/-+$/, '');

export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The error of a refused request as one summary entry at its field (or at FALLBACK). */
export function apiFieldError(e: ApiError, prefix: string, known: (id: string) => boolean, fallback: string, label: (f: string) => string): FieldError {
  if (e.status === 0) return { id: fallback, message: t('errNetwork') };
  // "evidence[2]" with one field for the list: the nearest field that exists
  let id = e.field ? fieldId(prefix, e.field) : '';
  while (id && !known(id) && id.includes('-', prefix.length + 1)) id = id.slice(0, id.lastIndexOf('-'));
  const at = id && known(id) ? id : fallback;
  const name = e.field ? label(e.field) : '';
  return { id: at, message: name ? t('plFieldError', { field: name, message: e.message }) : t('errGeneric', { message: e.message }) };
}

export function Group({ id, label, hint, error, children, class: cls }: {
  id: string; label: string; hint?: string; error?: string | null; children: ComponentChildren; class?: string;
}) {
  return (
    <div class={'form-group' + (error ? ' form-group-error' : '') + (cls ? ' ' + cls : '')}>
      <label class="label label-s" for={id}>{label}</label>
      {hint && <span class="hint" id={id + '-hint'}>{hint}</span>}
      <FieldErrorText id={id + '-error'} message={error} />
      {children}
    </div>
  );
}

export const described = (id: string, hint?: string, error?: string | null) => ({
  'aria-invalid': error ? ('true' as const) : undefined,
  'aria-describedby': [hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined,
});

export function Text({ id, label, hint, error, value, onInput, type = 'text', class: cls, area, extra }: {
  id: string; label: string; hint?: string; error?: string | null; value: string; onInput: (v: string) => void;
  type?: string; class?: string; area?: boolean; extra?: Record<string, string>;
}) {
  const on = (e: Event) => onInput((e.currentTarget as HTMLInputElement).value);
  return (
    <Group id={id} label={label} hint={hint} error={error}>
      {area
        ? <textarea class="textarea" id={id} rows={3} value={value} onInput={on} {...described(id, hint, error)} />
        : <input class={'input' + (cls ? ' ' + cls : '')} id={id} type={type} value={value} onInput={on} {...described(id, hint, error)} {...(extra || {})} />}
    </Group>
  );
}

export function Choice({ id, label, hint, error, value, onChange, options }: {
  id: string; label: string; hint?: string; error?: string | null; value: string; onChange: (v: string) => void;
  options: { value: string; label: string }[];
}) {
  return (
    <Group id={id} label={label} hint={hint} error={error}>
      <select class="select" id={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)} {...described(id, hint, error)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </Group>
  );
}
