// The interface in each language that has a catalogue (web/src/i18n):
// the main pages of every kind of user, opened with ?lang=, say no English
// interface string that the language translates (a string the page put in
// by hand, or a key the catalogue lacks, would show here), set <html lang
// dir>, pass axe, and do not overflow a phone in Arabic. Screenshots:
// build/e2e-screenshots/i18n-LANG-PAGE.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, shot, axe, readLogins, BASE } from './helpers.mjs';

/** Opens PATH (drill pages keep an event stream open: no networkidle). */
async function open(page, path) {
  await page.goto(BASE + path, { waitUntil: 'load' });
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
  await page.waitForTimeout(300);
}
import { english, catalogue } from '../../web/scripts/i18n.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const i18n = join(here, '..', '..', 'web', 'src', 'i18n');
const LANGS = ['fr', 'es', 'ru', 'zh', 'ar'].filter((l) => existsSync(join(i18n, l)) &&
  readdirSync(join(i18n, l)).some((f) => f.endsWith('.ts')));
const DATA = process.env.E2E_DATA;
const en = english();

// Public pages, then each kind of signed-in user's (email: null for none).
const PAGES = [
  ['overview', null, '/?campaign=nci-2026'],
  ['rankings', null, '/rankings?campaign=nci-2026'],
  ['profile', null, '/units/XAA?campaign=nci-2026'],
  ['framework', null, '/frameworks/national-commitment'],
  ['trends', null, '/trends'],
  ['risks-public', null, '/risks'],
  ['partnerships', null, '/partnerships'],
  ['mywork', 'focal.xaa@demo.cybercap', '/work'],
  ['questionnaire', 'focal.xaa@demo.cybercap', '/campaigns/nci-2028/assessments/XAA'],
  ['maturity', 'focal.xaa@demo.cybercap', '/campaigns/national-maturity-2026/maturity/XAA'],
  ['plan', 'focal.xaa@demo.cybercap', '/plans/xaa-2026'],
  ['risk-register', 'focal.xaa@demo.cybercap', '/risks/xaa-ncra-2026'],
  ['drill-player', 'player.cirt@demo.cybercap', '/drills/demo-hospital'],
  ['drill-director', 'director.drill@demo.cybercap', '/drills/demo-hospital'],
  ['challenges', 'player.caelum@demo.cybercap', '/drills/demo-ctf/challenges'],
];

/** English fragments (between placeholders, at least two words and 12
 * characters) of every message LANG translates into other words. */
function englishFragments(cat) {
  const out = new Set();
  const forms = (m) => (typeof m === 'string' ? [m] : Object.values(m));
  for (const [key, m] of Object.entries(en)) {
    if (!(key in cat)) continue;
    const theirs = new Set(forms(cat[key]));
    for (const f of forms(m)) {
      if (theirs.has(f)) continue;
      for (const frag of f.split(/\{\w+\}/)) {
        const s = frag.trim();
        if (s.length >= 12 && /\s/.test(s)) out.add(s);
      }
    }
  }
  return out;
}

let logins;
const users = {};   // a browser (its own profile, so its own session) per user

async function pageFor(email) {
  const k = email ?? '';
  if (users[k]) return users[k].page;
  const b = await launch();
  const p = await b.context.newPage();
  users[k] = { b, page: p };
  if (email) {
    await p.goto(BASE + '/signin', { waitUntil: 'networkidle' });
    await p.fill('#email', email);
    await p.fill('#password', logins[email]);
    await p.click('form.form button[type=submit]');
    await p.waitForURL((u) => !u.pathname.startsWith('/signin'));
  }
  return p;
}

before(() => { logins = readLogins(DATA); });
after(async () => { for (const u of Object.values(users)) await u.b.close(); });

for (const lang of LANGS) {
  test(`${lang}: the main pages say no English interface string, with lang and dir set, axe clean`, async () => {
    const frags = englishFragments(catalogue(lang));
    const problems = [];
    for (const [name, email, path] of PAGES) {
      const page = await pageFor(email);
      await open(page, path + (path.includes('?') ? '&' : '?') + 'lang=' + lang);
      const { htmlLang, dir, text } = await page.evaluate(() => ({
        htmlLang: document.documentElement.lang, dir: document.documentElement.dir,
        text: document.body.innerText,
      }));
      if (htmlLang !== lang) problems.push(`${name}: <html lang="${htmlLang}">`);
      if (dir !== (lang === 'ar' ? 'rtl' : 'ltr')) problems.push(`${name}: dir="${dir}"`);
      const left = [...frags].filter((f) => text.includes(f));
      if (left.length) problems.push(`${name}: English left: ${left.slice(0, 6).map((s) => JSON.stringify(s)).join(', ')}`);
      const v = await axe(page);
      if (v.length) problems.push(`${name}: axe: ${v.map((x) => x.id + ' ' + x.nodes[0]).join('; ')}`);
      await shot(page, `i18n-${lang}-${name}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('ar: right to left on a phone, nothing wider than the screen', async () => {
  if (!LANGS.includes('ar')) return;
  const page = await pageFor(null);
  await page.setViewportSize({ width: 360, height: 740 });
  const problems = [];
  for (const [name, , path] of PAGES.filter(([, email]) => !email)) {
    await open(page, path + (path.includes('?') ? '&' : '?') + 'lang=ar');
    const wide = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return document.documentElement.scrollWidth > w + 1 ? document.documentElement.scrollWidth : 0;
    });
    if (wide) problems.push(`${name}: the page is ${wide}px wide on a 360px screen`);
    await shot(page, `i18n-ar-phone-${name}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(problems, []);
});
