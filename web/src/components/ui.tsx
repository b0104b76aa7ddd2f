// Building blocks shared by the pages: links, states (loading, error,
// empty), level badges, labelled selects.
import type { ComponentChildren, JSX } from 'preact';
import { onLinkClick } from '../router';
import { t } from '../i18n';
import type { ApiError } from '../api';
import type { Framework } from '../types';
import { binsFor } from '../colors';
import { textOn } from '../colors';

export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={onLinkClick as unknown as JSX.MouseEventHandler<HTMLAnchorElement>} />;
}

export function Loading({ label }: { label?: string }) {
  return (
    <div class="state state-loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label || t('loading')}</span>
      <div class="skeleton" aria-hidden="true"><span /><span /><span /></div>
    </div>
  );
}

export function errorText(e: ApiError): string {
  if (e.code === 'network') return t('errNetwork');
  if (e.code === 'not_published') return t('errNotPublished');
  if (e.code === 'not_in_site') return t('errNotInSite');
  if (e.status === 404) return t('errNotFound', { message: e.message });
  return t('errGeneric', { message: e.message || e.code });
}

export function ErrorState({ error, retry, children }: { error: ApiError; retry?: () => void; children?: ComponentChildren }) {
  return (
    <div class="state state-error" role="alert">
      <h2 class="state-title">{t('errTitle')}</h2>
      <p>{errorText(error)}</p>
      {children}
      {retry && <button type="button" class="button" onClick={retry}>{t('tryAgain')}</button>}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <h2 class="state-title">{title}</h2>
      {children}
    </div>
  );
}

/** A level as a coloured badge that always names the level in text. */
export function LevelBadge({ fw, level, long }: { fw: Framework; level: string | null | undefined; long?: boolean }) {
  if (!level) return <span class="muted">{t('noValue')}</span>;
  const bins = binsFor(fw, fw.max, true);
  const b = bins.find((x) => x.level === level);
  const l = fw.levels?.find((x) => x.id === level);
  const bg = b?.color || '#ddd';
  return (
    <span class="badge" style={{ background: bg, color: textOn(bg) }}>
      {long && l ? t('levelLong', { id: l.id, name: l.name }) : (l?.name || level)}
    </span>
  );
}

export function Select<T extends string>(props: {
  id: string; label: string; value: T; onChange: (v: T) => void;
  options?: { value: string; label: string }[];
  groups?: { label: string; options: { value: string; label: string }[] }[];
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hint && <span class="hint" id={props.id + '-hint'}>{props.hint}</span>}
      <select id={props.id} value={props.value} aria-describedby={props.hint ? props.id + '-hint' : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as T)}>
        {props.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
        {props.groups?.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

export function Controls({ children, label }: { children: ComponentChildren; label: string }) {
  return (
    <form class="controls" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}
