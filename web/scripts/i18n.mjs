// i18n.mjs - the web catalogues' tool: how en.ts is cut into parts for
// translators, the English text of a part, and the check that every
// catalogue matches English (run by `make test`).
//
//   node scripts/i18n.mjs parts              the parts: number, en.ts lines, sections
//   node scripts/i18n.mjs part N             the English source of part N
//   node scripts/i18n.mjs check [--complete] [LANG..]
//
// A language's catalogue is src/i18n/LANG.ts, which merges the files of
// src/i18n/LANG/ (pNN.ts, one per part, each `export default { key: ... }`).
// check fails (exit 1) on a key English lacks, a placeholder ({name}) that
// differs from English's, a plural message whose forms are not the
// language's Intl.PluralRules categories (English's "zero" may stay), a
// plural where English has text or text where English has a plural; with
// --complete also on a key English has and the catalogue lacks.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, '..', 'src', 'i18n');
const PART_LINES = 260;

/** Evaluates a catalogue file (an object literal, TypeScript) to its object. */
function load(file) {
  const src = readFileSync(file, 'utf8')
    .replace(/^import .*$/gm, '')
    .replace(/export default en;\s*$/m, '');
  const js = transformSync(src, { loader: 'ts', format: 'cjs' }).code;
  const module = { exports: {} };
  // eslint-disable-next-line no-new-func
  new Function('module', 'exports', js + (file.endsWith('en.ts') ? '\nmodule.exports = en;' : ''))(module, module.exports);
  return module.exports.default ?? module.exports;
}

/** en.ts cut at its section comments into parts of about PART_LINES lines. */
export function parts() {
  const lines = readFileSync(join(dir, 'en.ts'), 'utf8').split('\n');
  const first = lines.findIndex((l) => /^const en = \{/.test(l)) + 1;
  const last = lines.findIndex((l, i) => i > first && /^\};/.test(l));
  const out = [];
  let cur = null;
  for (let i = first; i < last; i++) {
    const m = /^ {2}\/\/ (.*)$/.exec(lines[i]);
    if (m && cur && i - cur.from >= PART_LINES / 2 && i - cur.from + sectionLength(lines, i, last) > PART_LINES) {
      out.push(cur);
      cur = null;
    }
    if (!cur) cur = { from: i, to: i, sections: [] };
    if (m) cur.sections.push(m[1].replace(/ \(.*$/, '').replace(/;.*$/, ''));
    cur.to = i;
  }
  if (cur) out.push(cur);
  return out.map((p, k) => ({ n: k + 1, from: p.from + 1, to: p.to + 1, sections: p.sections,
    text: lines.slice(p.from, p.to + 1).join('\n') }));
}

/** The keys of a part (its English source evaluated, in order). */
export function partKeys(part) {
  const js = transformSync(`module.exports = {\n${part.text}\n};`, { loader: 'ts', format: 'cjs' }).code;
  const module = { exports: {} };
  // eslint-disable-next-line no-new-func
  new Function('module', js)(module);
  return Object.keys(module.exports);
}

function sectionLength(lines, i, last) {
  let j = i + 1;
  while (j < last && !/^ {2}\/\/ /.test(lines[j])) j++;
  return j - i;
}

const placeholders = (s) => [...String(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
const forms = (m) => (typeof m === 'string' ? [m] : Object.values(m));

/** The problems of one language's catalogue against English. */
export function check(lang, en, cat, complete) {
  const errors = [];
  const cats = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);
  for (const [key, m] of Object.entries(cat)) {
    const e = en[key];
    if (e === undefined) { errors.push(`${lang}: ${key}: English has no such key`); continue; }
    if ((typeof e === 'string') !== (typeof m === 'string')) {
      errors.push(`${lang}: ${key}: English has ${typeof e === 'string' ? 'text' : 'a plural'}, this has ${typeof m === 'string' ? 'text' : 'a plural'}`);
      continue;
    }
    const want = placeholders(forms(e).join(' '));
    for (const f of forms(m)) {
      const got = placeholders(f);
      // a form may drop {count} where the language says "one" in words, never add one
      const extra = got.split(',').filter((p) => p && !want.split(',').includes(p));
      if (extra.length) errors.push(`${lang}: ${key}: placeholder {${extra.join('}, {')}} is not in English`);
    }
    if (typeof e === 'string' && placeholders(m) !== want)
      errors.push(`${lang}: ${key}: placeholders {${placeholders(m)}} differ from English {${want}}`);
    if (typeof m !== 'string') {
      const have = Object.keys(m).filter((k) => k !== 'zero' || !('zero' in e));
      const missing = [...cats].filter((c) => !(c in m));
      const unknown = have.filter((c) => !cats.has(c));
      if (missing.length) errors.push(`${lang}: ${key}: plural forms ${missing.join(', ')} missing (${lang} has ${[...cats].join(', ')})`);
      if (unknown.length) errors.push(`${lang}: ${key}: plural forms ${unknown.join(', ')} are not ${lang}'s`);
    }
  }
  const missing = Object.keys(en).filter((k) => !(k in cat));
  if (complete && missing.length)
    errors.push(`${lang}: ${missing.length} keys English has are missing, the first: ${missing.slice(0, 5).join(', ')}`);
  return { errors, missing: missing.length };
}

/** LANG's catalogue: its parts merged. */
export function catalogue(lang) {
  const d = join(dir, lang);
  const out = {};
  if (!existsSync(d)) return out;
  for (const f of readdirSync(d).filter((f) => f.endsWith('.ts')).sort()) {
    const part = load(join(d, f));
    for (const k of Object.keys(part))
      if (k in out) throw new Error(`${lang}/${f}: ${k} is also in an earlier part`);
    Object.assign(out, part);
  }
  return out;
}

/** The English catalogue. */
export const english = () => load(join(dir, 'en.ts'));

function main(argv) {
  const [cmd, ...rest] = argv;
  if (cmd === 'parts') {
    for (const p of parts()) console.log(`${String(p.n).padStart(2, '0')}  en.ts lines ${p.from}-${p.to}  ${p.sections.join('; ')}`);
    return 0;
  }
  if (cmd === 'part') {
    const p = parts()[Number(rest[0]) - 1];
    if (!p) { console.error(`i18n: no part ${rest[0]} (see: i18n.mjs parts)`); return 2; }
    console.log(p.text);
    return 0;
  }
  if (cmd === 'check') {
    const complete = rest.includes('--complete');
    let langs = rest.filter((a) => !a.startsWith('--'));
    if (!langs.length) langs = readdirSync(dir).filter((f) => /^[a-z]{2}\.ts$/.test(f) && f !== 'en.ts' && f !== 'index.ts').map((f) => f.slice(0, 2));
    const en = english();
    let bad = 0;
    for (const lang of langs) {
      let r;
      try { r = check(lang, en, catalogue(lang), complete); } catch (e) { r = { errors: [String(e.message)], missing: NaN }; }
      for (const e of r.errors) console.error(e);
      bad += r.errors.length;
      console.log(`i18n: ${lang}: ${Object.keys(en).length - r.missing} of ${Object.keys(en).length} keys, ${r.errors.length} problems`);
    }
    return bad ? 1 : 0;
  }
  console.error('usage: i18n.mjs parts | part N | check [--complete] [LANG..]');
  return 2;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exit(main(process.argv.slice(2)));
