// One rating on a risk matrix as form fields: the likelihood as radios
// (each level with what it means), the impact along each of the matrix's
// dimensions that applies (a select per dimension, "not affected" allowed,
// at least one given), or one impact for a matrix without dimensions; the
// level the grid gives is shown as the fields change. Used by a
// participant rating a scenario and by the facilitator recording the
// rating the workshop agreed.
import { t } from '../../../i18n';
import { FieldErrorText, type FieldError } from '../../../components/forms';
import type { Matrix, RatingInput } from '../../../risks';
import { LevelTag } from './common';

export interface RatingValue { likelihood: string; impacts: Record<string, string>; impact: string }

export const ratingValue = (r: Partial<RatingInput> | null | undefined): RatingValue =>
  ({ likelihood: r?.likelihood || '', impacts: { ...(r?.impacts || {}) }, impact: r?.impact || '' });

/** The level the matrix gives V (null while incomplete). */
export function levelOf(m: Matrix, v: RatingValue): string | null {
  const li = m.likelihood.findIndex((x) => x.id === v.likelihood);
  const given = m.impact.dimensions?.length ? Object.values(v.impacts).filter(Boolean) : [v.impact].filter(Boolean);
  const ii = Math.max(-1, ...given.map((g) => m.impact.levels.findIndex((x) => x.id === g)));
  return li < 0 || ii < 0 ? null : m.grid[li]?.[ii] ?? null;
}

/** V as the API takes it, or the errors of its fields (ids made from ID). */
export function checkRating(m: Matrix, id: string, v: RatingValue): { body: RatingInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!v.likelihood) errors.push({ id: id + '-l', message: t('rkErrLikelihood') });
  const dims = m.impact.dimensions || [];
  const impacts = Object.fromEntries(Object.entries(v.impacts).filter(([d, x]) => x && dims.some((y) => y.id === d)));
  if (dims.length ? !Object.keys(impacts).length : !v.impact) errors.push({ id: id + '-i', message: dims.length ? t('rkErrImpacts') : t('rkErrImpact') });
  return { body: dims.length ? { likelihood: v.likelihood, impacts } : { likelihood: v.likelihood, impact: v.impact }, errors };
}

export function RatingFields({ m, id, value, onChange, errors, legend }: {
  m: Matrix; id: string; value: RatingValue; onChange: (v: RatingValue) => void; errors: FieldError[]; legend: string;
}) {
  const err = (k: string) => errors.find((e) => e.id === id + '-' + k)?.message;
  const dims = m.impact.dimensions || [];
  const level = levelOf(m, value);
  const select = (sid: string, v: string, set: (x: string) => void, none: string, described?: string) => (
    <select class="select" id={sid} value={v} onChange={(e) => set((e.currentTarget as HTMLSelectElement).value)} aria-describedby={described}>
      <option value="">{none}</option>
      {m.impact.levels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
    </select>
  );
  return (
    <div class="rating-fields">
      <div class={'form-group' + (err('l') ? ' form-group-error' : '')}>
        <fieldset class="fieldset" aria-describedby={err('l') ? id + '-l-error' : undefined}>
          <legend class="label label-s">{t('rkLikelihoodOf', { what: legend })}</legend>
          <FieldErrorText id={id + '-l-error'} message={err('l')} />
          <div class="radios radios-small">
            {m.likelihood.map((l, i) => (
              <div class="radio" key={l.id}>
                <input type="radio" id={i ? `${id}-l-${l.id}` : id + '-l'} name={id + '-l'} value={l.id} checked={value.likelihood === l.id}
                  aria-describedby={l.description ? `${id}-l-${l.id}-hint` : undefined}
                  onChange={() => onChange({ ...value, likelihood: l.id })} />
                <label for={i ? `${id}-l-${l.id}` : id + '-l'}>{l.name}</label>
                {l.description && <span class="hint radio-hint" id={`${id}-l-${l.id}-hint`}>{l.description}</span>}
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <div class={'form-group' + (err('i') ? ' form-group-error' : '')}>
        {dims.length ? (
          <fieldset class="fieldset" aria-describedby={[id + '-i-hint', err('i') ? id + '-i-error' : ''].filter(Boolean).join(' ')}>
            <legend class="label label-s">{t('rkImpactsOf', { what: legend })}</legend>
            <span class="hint" id={id + '-i-hint'}>{t('rkImpactsHint')}</span>
            <FieldErrorText id={id + '-i-error'} message={err('i')} />
            <div class="impact-grid">
              {dims.map((d, k) => (
                <div class="field" key={d.id}>
                  <label for={k ? `${id}-i-${d.id}` : id + '-i'}>{d.name}</label>
                  {select(k ? `${id}-i-${d.id}` : id + '-i', value.impacts[d.id] || '', (x) => onChange({ ...value, impacts: { ...value.impacts, [d.id]: x } }), t('rkNotAffected'))}
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <>
            <label class="label label-s" for={id + '-i'}>{t('rkImpactOf', { what: legend })}</label>
            <FieldErrorText id={id + '-i-error'} message={err('i')} />
            {select(id + '-i', value.impact, (x) => onChange({ ...value, impact: x }), t('rkChoose'), err('i') ? id + '-i-error' : undefined)}
          </>
        )}
      </div>
      <p class="rating-level" aria-live="polite">{t('rkGives')} {level ? <LevelTag m={m} level={level} /> : <span class="muted">{t('rkGivesNone')}</span>}</p>
    </div>
  );
}
