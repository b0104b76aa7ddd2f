// End-to-end test of a drill in the browser, with four browser contexts at
// once: the analyst creates a drill of the hospital-ransomware scenario
// through the API at speed 120 (a minute of play in half a second) with the
// demo's director, two players (cirt, hospital) and evaluator; the director
// starts it in the control room; each player's inbox receives live only
// their team's injects (h01 hospital only, h02 cirt only, h03 both); the
// cirt player confirms the communication check and answers h02, and the
// director's control room shows the answer; the evaluator rates cirt on an
// objective (P) with an observation, which the API then lists; the
// director ends the drill after the confirmation and opens the report.
// axe-core finds no violation on these pages; screenshots at desktop and
// phone width go to build/e2e-screenshots/drills-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiSession, axe, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const ID = 'e2e-dr-' + Date.now().toString(36);
const DIR = 'director.drill@demo.cybercap', EVAL = 'evaluator.drill@demo.cybercap';
const CIRT = 'player.cirt@demo.cybercap', HOSP = 'player.hospital@demo.cybercap';
const ANSWER = 'We isolate the affected segment and call the hospital back.';
const OBS = 'The CIRT called back within minutes and named a lead.';
let logins, ctx = {}, pages = {};

async function ready(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}
async function go(page, path) { await page.goto(BASE + path, { waitUntil: 'domcontentloaded' }); await ready(page); }
async function signIn(page, email) {
  await go(page, '/signin');
  await page.fill('#email', email);
  await page.fill('#password', logins[email]);
  await page.click('main button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}
async function noViolations(page, what) {
  const v = await axe(page);
  assert.deepEqual(v, [], what + ': ' + JSON.stringify(v, null, 1));
}
async function phone(page, name) {
  await page.setViewportSize({ width: 375, height: 800 });
  await shot(page, name + '-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
}

before(async () => {
  logins = readLogins(DATA);
  const analyst = await apiSession('analyst@demo.cybercap', logins['analyst@demo.cybercap']);
  // The director creates it (the demo's director is an analyst), so that they direct it.
  const director = await apiSession(DIR, logins[DIR]);
  let r = await director('POST', '/drills', {
    id: ID, scenario: 'hospital-ransomware', title: `Hospital drill test (${ID})`, speed: 120,
    teams: { cirt: { unit: 'XAA', players: [CIRT] }, hospital: { unit: 'XAB', players: [HOSP] } },
    evaluators: [EVAL],
  });
  if (r.status === 403) r = await analyst('POST', '/drills', { id: ID, scenario: 'hospital-ransomware', title: `Hospital drill test (${ID})`, speed: 120,
    teams: { cirt: { unit: 'XAA', players: [CIRT] }, hospital: { unit: 'XAB', players: [HOSP] } }, evaluators: [EVAL], controllers: [DIR] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  for (const [k, email] of Object.entries({ dir: DIR, cirt: CIRT, hosp: HOSP, ev: EVAL })) {
    ctx[k] = await launch();
    pages[k] = ctx[k].context.pages()[0] || await ctx[k].context.newPage();
    await signIn(pages[k], email);
  }
});

after(async () => { for (const c of Object.values(ctx)) await c.close(); });

const injectsOf = (page) => page.$$eval('.dr-inject', (l) => l.map((e) => e.dataset.inject));

test('players wait in their inbox, confirm the communication check', async () => {
  for (const k of ['cirt', 'hosp']) {
    await go(pages[k], `/drills/${ID}`);
    await pages[k].waitForSelector('.dr-link-open');
  }
  const p = pages.cirt;
  assert.match(await p.textContent('main'), /Injects arrive here once the director starts/);
  await p.click('text=I receive this page');
  await p.waitForSelector('text=You confirmed receipt');
  await noViolations(p, 'inbox before the start');
});

test('the director starts the drill; each inbox gets only its team’s injects, live', async () => {
  const d = pages.dir;
  await go(d, `/drills/${ID}`);
  assert.match(await d.textContent('main'), /1 of 1/);          // cirt's communication check
  await noViolations(d, 'control room before the start');
  await shot(d, 'drills-control-scheduled');
  await d.click('button:has-text("Start the drill")');
  await d.waitForSelector('.tag:has-text("Running")');
  await pages.hosp.waitForSelector('.dr-inject[data-inject="h01"]', { timeout: 15000 });
  await pages.cirt.waitForSelector('.dr-inject[data-inject="h02"]', { timeout: 15000 });
  await pages.cirt.waitForSelector('.dr-inject[data-inject="h03"]', { timeout: 15000 });
  await pages.hosp.waitForSelector('.dr-inject[data-inject="h03"]', { timeout: 15000 });
  const c = await injectsOf(pages.cirt), h = await injectsOf(pages.hosp);
  assert.ok(!c.includes('h01'), 'cirt got the hospital inject h01: ' + c);
  assert.ok(!h.includes('h02'), 'hospital got the cirt inject h02: ' + h);
  // The director pauses so that the screens hold still.
  await d.click('button:has-text("Pause")');
  await d.waitForSelector('.tag:has-text("Paused")');
  await pages.cirt.waitForSelector('.tag:has-text("Paused")');
});

test('a player answers; the director sees it', async () => {
  const p = pages.cirt;
  await p.click('.dr-inject[data-inject="h02"] button[type=submit]');
  await p.waitForSelector('.dr-inject[data-inject="h02"] .field-error');   // empty answer refused
  await p.fill('.dr-inject[data-inject="h02"] textarea', ANSWER);
  await p.click('.dr-inject[data-inject="h02"] button[type=submit]');
  await p.waitForSelector(`.dr-inject[data-inject="h02"] .dr-responses:has-text("${ANSWER}")`);
  await noViolations(p, 'inbox');
  await shot(p, 'drills-inbox');
  await phone(p, 'drills-inbox');
  await pages.dir.waitForSelector(`.dr-feed li:has-text("${ANSWER}")`, { timeout: 10000 });
  assert.match(await pages.dir.textContent('tr[data-team="cirt"]'), /1/);
  await noViolations(pages.dir, 'control room');
  await shot(pages.dir, 'drills-control');
  await phone(pages.dir, 'drills-control');
  // The hospital's inbox does not show the cirt's answer.
  assert.doesNotMatch(await pages.hosp.textContent('main'), new RegExp(ANSWER));
  await shot(pages.hosp, 'drills-inbox-hospital');
});

test('the evaluator rates a team on an objective', async () => {
  const e = pages.ev;
  await go(e, `/drills/${ID}/evaluate`);
  const form = e.locator('section:has(h2:has-text("CIRT")) form.dr-rating').first();
  await form.locator('input[value="P"]').check();
  await form.locator('textarea').fill(OBS);
  await form.locator('button[type=submit]').click();
  await form.locator('.dr-saved').waitFor();
  await noViolations(e, 'evaluator sheet');
  await shot(e, 'drills-evaluate');
  await phone(e, 'drills-evaluate');
  const ev = await apiSession(EVAL, logins[EVAL]);
  const r = await ev('GET', `/drills/${ID}/evaluations`);
  assert.ok(r.json.evaluations.some((x) => x.team === 'cirt' && x.rating === 'P' && x.observation === OBS), JSON.stringify(r.json));
});

test('the director ends the drill after a confirmation; the report', async () => {
  const d = pages.dir;
  await d.click('button:has-text("End the drill")');
  await d.waitForSelector('text=End the drill?');
  await noViolations(d, 'end confirmation');
  await d.click('button:has-text("Yes, end the drill")');
  await d.waitForSelector('.tag:has-text("Ended")');
  await pages.cirt.waitForSelector('.tag:has-text("Ended")');
  await go(d, `/drills/${ID}/report`);
  assert.match(await d.textContent('main'), new RegExp(OBS));
  await noViolations(d, 'report');
  await shot(d, 'drills-report');
  await phone(d, 'drills-report');
  await go(d, '/drills/demo-hospital-done/report');
  await noViolations(d, 'report of the finished demo drill');
  await shot(d, 'drills-report-done');
  for (const c of Object.values(ctx)) assert.deepEqual(c.errors.filter((x) => !/\/signin: console: .*401/.test(x)), []);
});
