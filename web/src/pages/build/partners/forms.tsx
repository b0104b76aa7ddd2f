// What the partnership forms share (requests, organisations, offers,
// pledges, deliveries, a pledge's statuses): a group of checkboxes, and
// useForm, which checks the fields here first and then sends, showing
// the server's refusal (a 422 or 409 names its field) GOV.UK style at
// that field and in the summary. On a slow connection the button stays
// disabled while the request is out, "Sending…" is announced, and what
// was typed stays put when the answer is a failure.
import { useState } from 'preact/hooks';
import { t, type Key } from '../../../i18n';
import type { ApiError } from '../../../api';
import type { FieldError } from '../../../components/forms';
import { apiFieldError, fieldId } from '../fields';

interface OptionsProps {
  id: string; legend: string; hint?: string; error?: string | null; options: { value: string; label: string }[];
}

/** A fieldset of checkboxes or radios (GOV.UK): the legend, hint and error, then one input per option (the first one's id is ID). */
function Options({ id, legend, hint, error, options, radio, on, picked }: OptionsProps & {
  radio: boolean; on: (v: string) => void; picked: (v: string) => boolean;
}) {
  return (
    <div class={'form-group' + (error ? ' form-group-error' : '')}>
      <fieldset class="fieldset" aria-describedby={[hint ? id + '-hint' : '', error ? id + '-error' : ''].filter(Boolean).join(' ') || undefined}>
        <legend class="label label-s">{legend}</legend>
        {hint && <span class="hint" id={id + '-hint'}>{hint}</span>}
        {error && <p class="field-error" id={id + '-error'}><span class="sr-only">{t('errorPrefix')}</span>{error}</p>}
        <div class={radio ? 'radios' : 'checkboxes'}>
          {options.map((o, i) => (
            <div class={radio ? 'radio' : 'checkbox'} key={o.value}>
              <input type={radio ? 'radio' : 'checkbox'} name={radio ? id : undefined} id={i === 0 ? id : id + '-' + o.value} value={o.value}
                checked={picked(o.value)} onChange={() => on(o.value)} />
              <label for={i === 0 ? id : id + '-' + o.value}>{o.label}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Checks({ chosen, onToggle, ...rest }: OptionsProps & { chosen: string[]; onToggle: (v: string) => void }) {
  return <Options {...rest} radio={false} on={onToggle} picked={(v) => chosen.includes(v)} />;
}

export function Radios({ value, onChange, ...rest }: OptionsProps & { value: string; onChange: (v: string) => void }) {
  return <Options {...rest} radio on={onChange} picked={(v) => v === value} />;
}

/** Toggles v in the list. */
export const toggled = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
/** "en, fr es" -> ["en", "fr", "es"]. */
export const words = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
export const NUMBER = /^\d+(\.\d+)?$/;
export const WHOLE = /^\d+$/;

/**
 * A form's errors and sending. PREFIX makes field ids (fieldId); LABELS
 * names the API's fields (`value.fx_rate` -> its label key) for the
 * summary; FALLBACK is the field an error without one is shown at.
 */
export function useForm(prefix: string, labels: Record<string, Key>, fallback: string) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [busy, setBusy] = useState(false);
  const id = (f: string) => fieldId(prefix, f);
  const label = (f: string) => {
    const k = f.replace(/\[\d+\]/g, '');   // "eligible.units[1]" names the list
    const key = labels[k] || labels[k.replace(/\..*$/, '')];
    return key ? t(key) : f;
  };
  /** Shows LOCAL (field, message) errors, or sends and calls done; false when refused. */
  const run = async (local: [string, string][], send: () => Promise<unknown>): Promise<boolean> => {
    setTries((x) => x + 1);
    if (local.length) {
      setErrors(local.map(([f, message]) => ({ id: id(f), message })));
      return false;
    }
    setErrors([]);   // the old summary neither lingers nor takes focus while the server answers
    setBusy(true);
    try {
      await send();
      setErrors([]);
      return true;
    } catch (x) {
      setErrors([apiFieldError(x as ApiError, prefix, (i) => !!document.getElementById(i), id(fallback), label)]);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { errors, tries, busy, id, run, err: (f: string) => errors.find((e) => e.id === id(f))?.message };
}

/** The submit button, disabled while sending, and the announcement of it. */
export function Send({ busy, label, kind = '' }: { busy: boolean; label: string; kind?: string }) {
  return (
    <div class="button-group">
      <button class={'button' + (kind ? ' ' + kind : '')} type="submit" disabled={busy} aria-disabled={busy ? 'true' : undefined}>{label}</button>
      <span class="hint" role="status" aria-live="polite">{busy ? t('ptSending') : ''}</span>
    </div>
  );
}

