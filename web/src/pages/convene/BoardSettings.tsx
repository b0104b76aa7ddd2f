// The scoreboard's settings on the controllers' challenge page: the freeze
// (minutes of play after which players and observers see the board as it
// was, controllers keep the live one) and each team's bracket (teams of a
// bracket get a board of their own). PUT …/board-settings; audited by the
// server. Errors in the manner of GOV.UK, at the field.
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ApiError } from '../../api';
import { clockText, type Drill } from '../../drills';
import { ctf, type Board } from '../../challenges';
import { ErrorSummary, FieldErrorText, type FieldError } from '../../components/forms';
import { errorText } from '../../components/ui';

export function BoardSettings({ drill, board, onSaved }: { drill: Drill; board: Board; onSaved: () => void }) {
  const teams = drill.teams.filter((x) => !x.hidden);
  const [freeze, setFreeze] = useState(board.freeze == null ? '' : String(board.freeze));
  const [brackets, setBrackets] = useState<Record<string, string>>(() =>
    Object.fromEntries(teams.map((x) => [x.id, board.teams.find((r) => r.team === x.id)?.bracket || ''])));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [tries, setTries] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const e = (id: string) => errors.find((x) => x.id === id)?.message;
  const send = async (ev: Event) => {
    ev.preventDefault();
    setTries((x) => x + 1);
    setDone(null);
    const f = freeze.trim(), minutes = Number(f), out: FieldError[] = [];
    if (f && !(Number.isInteger(minutes) && minutes >= 0)) out.push({ id: 'bs-freeze', message: t('bsErrFreeze') });
    for (const x of teams) if (brackets[x.id].trim().length > 100) out.push({ id: 'bs-b-' + x.id, message: t('bsErrBracket') });
    setErrors(out);
    if (out.length) return;
    setBusy(true);
    try {
      await ctf.settings(drill.id, {
        freeze: f ? minutes : null,
        brackets: Object.fromEntries(teams.map((x) => [x.id, brackets[x.id].trim() || null])),
      });
      setDone(f ? t('bsSavedFreeze', { clock: clockText(minutes) }) : t('bsSaved'));
      onSaved();
    } catch (err) {
      const x = err as ApiError;
      setErrors([{ id: x.field === 'freeze' ? 'bs-freeze' : 'bs-b-' + (teams[0]?.id || ''), message: x.status === 422 ? x.message : errorText(x) }]);
    } finally { setBusy(false); }
  };
  const known = [...new Set(Object.values(brackets).map((b) => b.trim()).filter(Boolean))].sort(new Intl.Collator(document.documentElement.lang || 'en').compare);
  return (
    <section class="work-section" aria-labelledby="bs-title">
      <h2 id="bs-title">{t('bsTitle')}</h2>
      <form class="bs-form" onSubmit={send} noValidate>
        <ErrorSummary errors={errors} focusKey={tries} />
        {done && <div class="panel panel-success" role="status"><p>{done}</p></div>}
        <div class={'form-group' + (e('bs-freeze') ? ' form-group-error' : '')}>
          <label class="label label-s" for="bs-freeze">{t('bsFreeze')}</label>
          <span class="hint" id="bs-freeze-hint">{t('bsFreezeHint')}</span>
          <FieldErrorText id="bs-freeze-error" message={e('bs-freeze')} />
          <input id="bs-freeze" class="input input-number" inputMode="numeric" value={freeze}
            onInput={(ev) => setFreeze((ev.currentTarget as HTMLInputElement).value)}
            aria-invalid={e('bs-freeze') ? 'true' : undefined} aria-describedby={'bs-freeze-hint' + (e('bs-freeze') ? ' bs-freeze-error' : '')} />
        </div>
        <fieldset class="fieldset">
          <legend class="label label-s">{t('bsBrackets')}</legend>
          <p class="hint">{t('bsBracketsHint')}</p>
          <datalist id="bs-known">{known.map((b) => <option key={b} value={b} />)}</datalist>
          <div class="ce-row">
            {teams.map((x) => (
              <div key={x.id} class={'form-group' + (e('bs-b-' + x.id) ? ' form-group-error' : '')}>
                <label class="label label-s" for={'bs-b-' + x.id}>{x.name}</label>
                <FieldErrorText id={'bs-b-' + x.id + '-error'} message={e('bs-b-' + x.id)} />
                <input id={'bs-b-' + x.id} class="input" list="bs-known" value={brackets[x.id]} data-team={x.id}
                  onInput={(ev) => { const v = (ev.currentTarget as HTMLInputElement).value; setBrackets((o) => ({ ...o, [x.id]: v })); }}
                  aria-invalid={e('bs-b-' + x.id) ? 'true' : undefined} aria-describedby={e('bs-b-' + x.id) ? 'bs-b-' + x.id + '-error' : undefined} />
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="button" disabled={busy}>{t('bsSave')}</button>
      </form>
    </section>
  );
}
