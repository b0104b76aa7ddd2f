// Where an action came from, in words: the gap (points missing, rank, the
// peers already at full marks, all and in the region) or the unmet target
// (what it requires and what was attained), or a template.
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
    return base + ' ' + peers;
  }
  if (s.kind === 'target') {
    return t('plSrcTarget', { target: s.target || '', node: s.node || '', campaign: s.campaign || '', required: String(d.required ?? '?'), attained: d.attained == null ? t('noValue') : String(d.attained) });
  }
  return t('plSrcOther', { kind: s.kind, node: s.node || s.ref || '' });
}

export function SourceNote({ source }: { source: Source }) {
  return <p class="source-note" data-testid="source"><strong>{t('plFrom')}</strong> {sourceText(source)}</p>;
}
