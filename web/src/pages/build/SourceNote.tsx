// Where an action came from, in words: the gap (points missing, rank, the
// peers already at full marks, all and in the region, and when the node is
// also unmet by a target, that target), or the unmet target (what it
// requires and what was attained), or a template.
import { t } from '../../i18n';
import { int, num } from '../../format';
import type { Source } from '../../plans';

const n = (x: unknown) => (typeof x === 'number' ? x : null);

export function sourceText(s: Source): string {
  const d = (s.detail || {}) as Record<string, unknown>;
  if (s.kind === 'gap') {
    const base = t('plSrcGap', { node: s.node || '', campaign: s.campaign || '', missing: num(n(d.missing), 2), max: num(n(d.max), 2), rank: int(n(d.rank) || 0) });
    const peers = n(d.peers) == null ? t('plSrcLive') : !n(d.peers) ? t('plSrcNoPeers')
      : t('plSrcPeers', { full: int(n(d.peers_full) || 0), peers: int(n(d.peers) || 0), rfull: int(n(d.region_full) || 0), rpeers: int(n(d.region_peers) || 0) });
    const tg = d.target && typeof d.target === 'object' ? d.target as Record<string, unknown> : null;
    const also = tg ? ' ' + t('plSrcAlsoTarget', { target: String(tg.target_name || tg.target || s.target || ''), required: String(tg.required ?? '?'), attained: tg.attained == null ? t('noValue') : String(tg.attained) }) : '';
    return base + ' ' + peers + also;
  }
  if (s.kind === 'target') {
    return t('plSrcTarget', { target: s.target || '', node: s.node || '', campaign: s.campaign || '', required: String(d.required ?? '?'), attained: d.attained == null ? t('noValue') : String(d.attained) });
  }
  return t('plSrcOther', { kind: s.kind, node: s.node || s.ref || '' });
}

/** The source in a few words, for a table cell: the kind (a gap, an unmet
 * target, both) and the element it came from. */
export function sourceShort(s: Source | null): string {
  if (!s) return t('plSrcNone');
  const d = (s.detail || {}) as Record<string, unknown>;
  const node = s.node || s.ref || '';
  if (s.kind === 'gap' && d.target && typeof d.target === 'object') return t('plSrcShortBoth', { target: s.target || '', node });
  if (s.kind === 'gap') return t('plSrcShortGap', { node });
  if (s.kind === 'target') return t('plSrcShortTarget', { target: s.target || '', node });
  return t('plSrcOther', { kind: s.kind, node });
}

export function SourceNote({ source }: { source: Source }) {
  return <p class="source-note" data-testid="source"><strong>{t('plFrom')}</strong> {sourceText(source)}</p>;
}
