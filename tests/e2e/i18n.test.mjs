// The interface in each language that has a catalogue (web/src/i18n):
// the main pages of every kind of user, opened with ?lang=, say no English
// interface string that the language translates (a string the page put in
// by hand, or a key the catalogue lacks, would show here), set <html lang
// dir>, pass axe, cut no text off (an element whose text overflows a box
// that hides the overflow or ends it in an ellipsis, a chart's label
// beyond its picture), and do not overflow a phone in Arabic. Screenshots:
// build/e2e-screenshots/i18n-LANG-PAGE.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

// Every text of the bundled frameworks, scenarios and matrices (their own,
// English): content, whose translation the content check counts
// (scripts/i18n-content missing), not the interface's; an interface
// message that reads the same as one is not held against the page.
const CONTENT = new Set(JSON.parse(execFileSync('python3', ['-c', `
import json, os, sys, yaml
out = set()
def walk(x):
    if isinstance(x, dict):
        for k, v in x.items():
            if k != 'translations': walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
    elif isinstance(x, str): out.add(x.strip())
root = sys.argv[1]
for kind in ('frameworks', 'scenarios', 'matrices'):
    for f in sorted(os.listdir(os.path.join(root, kind))):
        if f.endswith('.yaml'): walk(yaml.safe_load(open(os.path.join(root, kind, f), encoding='utf-8')))
print(json.dumps(sorted(out)))
`, join(here, '..', '..')], { encoding: 'utf8', maxBuffer: 64 << 20 })));

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
  ['maturity-report', 'focal.xaa@demo.cybercap', '/campaigns/national-maturity-2026/report/XAA'],
  ['plan-report', 'focal.xaa@demo.cybercap', '/plans/xaa-2026/report?period=2026-Q3'],
  ['risk-report', 'focal.xaa@demo.cybercap', '/risks/xaa-ncra-2026/report'],
  ['drill-player', 'player.cirt@demo.cybercap', '/drills/demo-hospital'],
  ['drill-director', 'director.drill@demo.cybercap', '/drills/demo-hospital'],
  ['challenges', 'player.caelum@demo.cybercap', '/drills/demo-ctf/challenges'],
  ['after-action', 'director.drill@demo.cybercap', '/drills/demo-hospital-done/report'],
  ['review', 'reviewer@demo.cybercap', '/campaigns/nci-2028/review/XAD'],
  ['scoreboard', 'director.drill@demo.cybercap', '/drills/demo-ctf-done/scoreboard'],
  ['robustness', null, '/robustness?campaign=nci-2026'],
];
// Signed-in pages also checked on an Arabic phone: those with mirrored charts and the review.
const PHONE = new Set(['maturity', 'plan', 'review', 'scoreboard']);

/** What of English LANG translates into other words: whole messages
 * (without placeholders) and the fragments between placeholders (at least
 * 16 characters and two words) of the others. */
function englishTexts(cat) {
  const whole = new Set(), frags = new Set();
  const forms = (m) => (typeof m === 'string' ? [m] : Object.values(m));
  // a word both languages write alike ("Media": the channel, and "mean" in Spanish)
  const theirsAll = new Set(Object.values(cat).flatMap(forms).map((x) => x.trim()));
  for (const [key, m] of Object.entries(en)) {
    if (!(key in cat)) continue;
    const theirs = new Set(forms(cat[key]));
    for (const f of forms(m)) {
      if (theirs.has(f)) continue;
      if (!/\{\w+\}/.test(f)) { if (/[a-z]{3}/.test(f) && !CONTENT.has(f.trim()) && !theirsAll.has(f.trim())) whole.add(f.trim()); continue; }
      for (const frag of f.split(/\{\w+\}/)) {
        const x = frag.trim();
        if (x.length >= 16 && /\s/.test(x)) frags.add(x);
      }
    }
  }
  return { whole, frags };
}

/** English interface text left on the page: an element whose own text is
 * a whole English message (a label, a button, a heading: user data that
 * merely contains the same words does not count), or a fragment of an
 * English message with placeholders anywhere in the page's text. */
async function englishLeft(page, { whole, frags }) {
  const { texts, all } = await page.evaluate(() => {
    const out = new Set();
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('[lang]') && el.closest('[lang]').lang !== document.documentElement.lang) continue;
      // without the bidi isolates that charts put around names and numbers in Arabic
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').replace(/[\u2066-\u2069]/g, '').trim();
      if (own) out.add(own.replace(/\s+/g, ' '));
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) out.add(el.getAttribute(a).trim());
    }
    return { texts: [...out], all: document.body.innerText };
  });
  const left = texts.filter((x) => whole.has(x));
  for (const f of frags) if (all.includes(f)) left.push(f);
  return left;
}

/** Text cut off: a visible element with text of its own that is wider
 * than its box while the box hides the overflow (or ends it in an
 * ellipsis), and a chart's label that reaches beyond its picture. */
async function clipped(page) {
  return page.evaluate(() => {
    const out = [];
    const say = (el, why) => out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${el.textContent.trim().slice(0, 40)}" ${why}`);
    for (const el of document.body.querySelectorAll('*')) {
      if (el.scrollWidth <= el.clientWidth + 1 || el.closest('svg') || ![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || !el.getClientRects().length || el.closest('.visually-hidden, .sr-only, [aria-hidden="true"]')) continue;
      if (/inset\(50%\)/.test(cs.clipPath) || (el.clientWidth <= 1 && el.clientHeight <= 1)) continue;   // for screen readers only
      const hides = /hidden|clip/.test(cs.overflowX) || /hidden|clip/.test(cs.overflow) || cs.textOverflow === 'ellipsis';
      if (hides) say(el, `${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    for (const svg of document.querySelectorAll('svg[data-chart]')) {
      const b = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.left < b.left - 1 || r.right > b.right + 1)) say(t, `beyond its chart (${Math.round(r.left - b.left)}..${Math.round(r.right - b.left)} of ${Math.round(b.width)}px)`);
      }
    }
    return out;
  });
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
    const english = englishTexts(catalogue(lang));
    const problems = [];
    for (const [name, email, path] of PAGES) {
      const page = await pageFor(email);
      await open(page, path + (path.includes('?') ? '&' : '?') + 'lang=' + lang);
      const { htmlLang, dir } = await page.evaluate(() => ({
        htmlLang: document.documentElement.lang, dir: document.documentElement.dir,
      }));
      if (htmlLang !== lang) problems.push(`${name}: <html lang="${htmlLang}">`);
      if (dir !== (lang === 'ar' ? 'rtl' : 'ltr')) problems.push(`${name}: dir="${dir}"`);
      const left = await englishLeft(page, english);
      if (left.length) problems.push(`${name}: English left: ${left.slice(0, 6).map((s) => JSON.stringify(s)).join(', ')}`);
      const v = await axe(page);
      if (v.length) problems.push(`${name}: axe: ${v.map((x) => x.id + ' ' + x.nodes[0]).join('; ')}`);
      const cut = await clipped(page);
      if (cut.length) problems.push(`${name}: text cut off: ${cut.slice(0, 6).join('; ')}`);
      await shot(page, `i18n-${lang}-${name}`);
    }
    assert.deepEqual(problems, []);
  });
}

test('ar: right to left on a phone, nothing wider than the screen, no text cut off', async () => {
  if (!LANGS.includes('ar')) return;
  const problems = [];
  for (const [name, email, path] of PAGES.filter(([n, email]) => !email || PHONE.has(n))) {
    const page = await pageFor(email);
    await page.setViewportSize({ width: 360, height: 740 });
    await open(page, path + (path.includes('?') ? '&' : '?') + 'lang=ar');
    const wide = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return document.documentElement.scrollWidth > w + 1 ? document.documentElement.scrollWidth : 0;
    });
    if (wide) problems.push(`${name}: the page is ${wide}px wide on a 360px screen`);
    const cut = await clipped(page);
    if (cut.length) problems.push(`${name}: text cut off: ${cut.slice(0, 6).join('; ')}`);
    await shot(page, `i18n-ar-phone-${name}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(problems, []);
});
