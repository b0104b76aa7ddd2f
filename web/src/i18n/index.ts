// Message catalogues keyed by language. English (en.ts) is complete and is
// the fallback for any key a catalogue lacks. Each other language is
// i18n/LANG.ts (fr, es, ru, zh, ar), which merges the parts in i18n/LANG/
// (web/scripts/i18n.mjs cuts en.ts into parts and checks every catalogue
// against English); it is found by the glob below, loaded only when chosen,
// and offered in the language menu. Arabic switches the document to
// dir="rtl"; the layout uses logical CSS properties only, so it mirrors by
// itself.
import en from './en';

export type Messages = typeof en;
export type Key = keyof Messages;
type Plural = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Msg = string | Plural;

export const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', fr: 'Français', es: 'Español', ru: 'Русский', zh: '中文', ar: 'العربية',
};
const RTL = new Set(['ar', 'fa', 'he', 'ur']);

const loaders = import.meta.glob<{ default: Partial<Record<Key, Msg>> }>(['./*.ts', '!./index.ts', '!./en.ts']);
const byCode: Record<string, () => Promise<{ default: Partial<Record<Key, Msg>> }>> = {};
for (const [path, load] of Object.entries(loaders)) {
  const code = path.replace(/^\.\/(.*)\.ts$/, '$1');
  byCode[code] = load;
}

/** Languages that have a catalogue, English first. */
export const languages: string[] = ['en', ...Object.keys(byCode).filter((c) => c !== 'en').sort()];

let lang = 'en';
let catalogue: Partial<Record<Key, Msg>> = en;
let plural = new Intl.PluralRules('en');

export const currentLang = () => lang;
export const isRtl = () => RTL.has(lang);

export async function setLanguage(code: string): Promise<void> {
  if (!languages.includes(code)) code = 'en';
  catalogue = code === 'en' ? en : (await byCode[code]()).default;
  lang = code;
  plural = new Intl.PluralRules(code);
  document.documentElement.lang = code;
  document.documentElement.dir = RTL.has(code) ? 'rtl' : 'ltr';
}

/** The language to start with: ?lang=, then the saved choice, then the browser's. */
export function initialLanguage(): string {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl && languages.includes(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem('cybercap.lang');
    if (saved && languages.includes(saved)) return saved;
  } catch { /* storage blocked */ }
  for (const l of navigator.languages || []) {
    const c = l.slice(0, 2).toLowerCase();
    if (languages.includes(c)) return c;
  }
  return 'en';
}

/** Translates KEY, filling {name} placeholders; plural messages choose their form by params.n. */
export function t(key: Key, params?: Record<string, string | number>): string {
  let m: Msg | undefined = catalogue[key] ?? (en as Record<Key, Msg>)[key];
  if (m === undefined) return String(key);
  if (typeof m !== 'string') {
    const n = Number(params?.n ?? 0);
    const form = n === 0 && m.zero ? 'zero' : plural.select(n);
    m = (m as Plural)[form as keyof Plural] ?? m.other;
  }
  if (!params) return m as string;
  return (m as string).replace(/\{(\w+)\}/g, (all, k) => (k in params ? String(params[k]) : all));
}
