// The languages' completeness: every web catalogue against English
// (web/scripts/i18n.mjs), and the check itself finds each kind of fault it
// is there for; every bundled content file in every language
// (scripts/i18n-content missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { check, english, partKeys, parts } from '../../web/scripts/i18n.mjs';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');
const en = {
  save: 'Save',
  hello: 'Hello {name}',
  nUnits: { one: '{count} unit', other: '{count} units' },
};

test('every catalogue has every key English has and matches it (placeholders, plural forms)', () => {
  // throws (exit 1) with the problems on stderr when any catalogue fails
  const out = execFileSync('node', ['scripts/i18n.mjs', 'check', '--complete'], { cwd: web, encoding: 'utf8' });
  for (const lang of ['fr', 'es', 'ru', 'zh', 'ar'])
    assert.match(out, new RegExp(`i18n: ${lang}: (\\d+) of \\1 keys, 0 problems`));
});

test('every bundled framework, scenario, matrix and reference list has every text in every language', () => {
  // scripts/i18n-content missing exits 1, listing what is missing, when any text is
  const root = join(web, '..');
  const r = spawnSync('python3', ['scripts/i18n-content', 'missing'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout.split('\n').filter((l) => !/: 0 texts/.test(l)).slice(0, 12).join('\n'));
  assert.match(r.stdout, /^0 texts missing$/m);
});

test('the parts translators get hold every key of en.ts, each once', () => {
  const p = parts();
  assert.ok(p.length >= 5);
  const keys = p.flatMap(partKeys);
  assert.equal(new Set(keys).size, keys.length, 'a key in two parts');
  assert.deepEqual([...keys].sort(), Object.keys(english()).sort());
});

test('check: a catalogue that agrees has no problem', () => {
  const r = check('fr', en, { save: 'Enregistrer', hello: 'Bonjour {name}',
    nUnits: { one: '{count} unité', many: '{count} unités', other: '{count} unités' } }, true);
  assert.deepEqual(r.errors, []);
  assert.equal(r.missing, 0);
});

test('check: a key English lacks', () => {
  const r = check('fr', en, { sauver: 'Enregistrer' }, false);
  assert.match(r.errors.join('\n'), /sauver: English has no such key/);
});

test('check: a missing key only with --complete', () => {
  assert.deepEqual(check('fr', en, { save: 'Enregistrer' }, false).errors, []);
  assert.match(check('fr', en, { save: 'Enregistrer' }, true).errors.join('\n'), /2 keys English has are missing/);
});

test('check: a placeholder renamed or lost', () => {
  assert.match(check('es', en, { hello: 'Hola {nombre}' }, false).errors.join('\n'), /hello: placeholder \{nombre\} is not in English/);
  assert.match(check('es', en, { hello: 'Hola' }, false).errors.join('\n'), /hello: placeholders \{\} differ from English \{name\}/);
});

test('check: plural forms are the language\'s own', () => {
  const ru = check('ru', en, { nUnits: { one: '{count} единица', other: '{count} единиц' } }, false);
  assert.match(ru.errors.join('\n'), /nUnits: plural forms few, many missing/);
  const zh = check('zh', en, { nUnits: { one: '{count} 个', other: '{count} 个' } }, false);
  assert.match(zh.errors.join('\n'), /nUnits: plural forms one are not zh's/);
  const ar = check('ar', en, { nUnits: 'وحدات' }, false);
  assert.match(ar.errors.join('\n'), /nUnits: English has a plural, this has text/);
});
