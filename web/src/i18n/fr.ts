// French (fr) messages: the parts in ./fr/ (pNN.ts, one per part of en.ts,
// see web/scripts/i18n.mjs), merged into one catalogue that is loaded only
// when French is chosen. A key a part lacks falls back to English.
// cybercap's own translation, not an official ITU text; its terms follow
// docs/glossary/fr.md.
import type { Key, Msg } from './index';

const parts = import.meta.glob<{ default: Partial<Record<Key, Msg>> }>('./fr/*.ts', { eager: true });
const messages: Partial<Record<Key, Msg>> = Object.assign({}, ...Object.keys(parts).sort().map((p) => parts[p].default));

export default messages;
