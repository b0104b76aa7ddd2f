// The files attached to one response: links to download them (the team's
// players and the staff may), and for the team while play goes on a file
// input to attach another (the types and the 10 MB limit are the
// server's; its refusal is shown at the field).
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { ApiError } from '../../api';
import { drills, type Attachment, type Response } from '../../drills';
import { errorText } from '../../components/ui';

const size = (n: number) => (n < 1024 ? t('afBytes', { n }) : n < 1048576 ? t('afKB', { n: Math.round(n / 1024) }) : t('afMB', { n: (n / 1048576).toFixed(1) }));

export function Attachments({ drill, response, canAdd }: { drill: string; response: Response; canAdd: boolean }) {
  const [files, setFiles] = useState<Attachment[]>(response.attachments || []);
  const [pick, setPick] = useState<File | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = 'attach-' + response.id;
  const send = async (ev: Event) => {
    ev.preventDefault();
    if (!pick) { setErr(t('afNeedFile')); document.getElementById(id)?.focus(); return; }
    setBusy(true);
    setErr(null);
    try {
      const a = await drills.attach(drill, response.id, pick);
      setFiles((l) => [...l, a]);
      setPick(null);
      (document.getElementById(id) as HTMLInputElement | null)?.value && ((document.getElementById(id) as HTMLInputElement).value = '');
    } catch (x) { setErr(errorText(x as ApiError)); document.getElementById(id)?.focus(); }
    finally { setBusy(false); }
  };
  if (!files.length && !canAdd) return null;
  return (
    <div class="dr-files-box">
      {files.length > 0 && (
        <ul class="dr-files" aria-label={t('afListLabel')}>
          {files.map((f) => <li key={f.id}><a href={drills.attachmentUrl(drill, f)} download={f.filename}>{f.filename}</a> <span class="muted">({size(f.size)})</span></li>)}
        </ul>
      )}
      {canAdd && (
        <form class={'dr-attach' + (err ? ' form-group-error' : '')} noValidate onSubmit={send}>
          <label class="label label-s" for={id}>{t('afLabel')}</label>
          {err && <p class="field-error" id={id + '-error'}><span class="sr-only">{t('errorPrefix')}</span>{err}</p>}
          <input type="file" class="file-upload" id={id} aria-describedby={err ? id + '-error' : id + '-hint'}
            accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.odt,.ods,.txt,.csv"
            onChange={(e) => setPick((e.target as HTMLInputElement).files?.[0] || null)} />
          <span class="hint" id={id + '-hint'}>{t('afHint')}</span>
          <button type="submit" class="button button-small button-secondary" disabled={busy}>{t('afSend')}</button>
        </form>
      )}
    </div>
  );
}
