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
// Then what the drill module added later: the cirt player attaches a file
// to their answer (the director's control room links it, the hospital
// never sees it); the director sends an ad-hoc inject to the cirt only
// from the control room's form (an empty one is refused with a GOV.UK
// error summary); after the end the cirt player answers the feedback
// survey (the API then has it); and the drills list, reached from My
// work, shows the drill with its status.
// axe-core finds no violation on these pages; screenshots at desktop and
// phone width go to build/e2e-screenshots/drills-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiSession, axe, expectFocus, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const ID = 'e2e-dr-' + Date.now().toString(36);
const DIR = 'director.drill@demo.cybercap', EVAL = 'evaluator.drill@demo.cybercap';
const CIRT = 'player.cirt@demo.cybercap', HOSP = 'player.hospital@demo.cybercap';
const ANSWER = 'We isolate the affected segment and call the hospital back.';
const OBS = 'The CIRT called back within minutes and named a lead.';
const FILE_TEXT = '01:52 segment 10.4.0.0/16 isolated at the core switch\n';
const ADHOC = 'Minister wants a status line';
const WELL = 'The hotline answered at once.';
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

test('a player attaches a file to the answer; staff can open it, the other team never sees it', async () => {
  const p = pages.cirt;
  const box = p.locator('.dr-inject[data-inject="h02"] .dr-responses li').first();
  await box.locator('button:has-text("Attach")').click();
  await box.locator('.field-error:has-text("Choose a file")').waitFor();
  await box.locator('input[type=file]').setInputFiles({ name: 'isolation-log.txt', mimeType: 'text/plain', buffer: Buffer.from(FILE_TEXT) });
  await box.locator('button:has-text("Attach")').click();
  await box.locator('.dr-files a:has-text("isolation-log.txt")').waitFor();
  await noViolations(p, 'inbox with an attached file');
  await shot(p, 'drills-attach');
  await phone(p, 'drills-attach');
  const href = await box.locator('.dr-files a').getAttribute('href');
  const body = await p.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).text(), href);
  assert.equal(body, FILE_TEXT);
  await go(pages.dir, `/drills/${ID}`);
  await pages.dir.waitForSelector('.dr-feed .dr-files a:has-text("isolation-log.txt")');
  const other = await pages.hosp.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).status, href);
  assert.equal(other, 403, 'the hospital team may not download the cirt file');
  assert.doesNotMatch(await pages.hosp.textContent('main'), /isolation-log/);
});

test('the director sends an ad-hoc inject to one team from the control room', async () => {
  const d = pages.dir;
  const form = d.locator('.dr-adhoc form');
  await form.locator('#adhoc-to-all').uncheck();
  await form.locator('button:has-text("Deliver now")').click();
  await d.waitForSelector('.dr-adhoc .error-summary');
  assert.match(await d.textContent('.dr-adhoc .error-summary'), /Enter a title[\s\S]*Enter the message[\s\S]*Choose at least one team/);
  await expectFocus(d, '.dr-adhoc .error-summary', 'the error summary takes focus');
  await noViolations(d, 'ad-hoc form with errors');
  await shot(d, 'drills-adhoc-errors');
  await form.locator('#adhoc-title').fill(ADHOC);
  await form.locator('#adhoc-content').fill('The minister asks for a one-line status before 09:00.');
  await form.locator('#adhoc-channel').selectOption('phone');
  await form.locator('label:has-text("Orinthia National CIRT") input').check();
  await form.locator('button:has-text("Deliver now")').click();
  await d.waitForSelector(`.dr-adhoc [role=status]:has-text("${ADHOC}")`);
  await phone(d, 'drills-adhoc');
  await pages.cirt.waitForSelector(`.dr-inject h3:has-text("${ADHOC}")`, { timeout: 10000 });
  await d.waitForSelector(`.dr-timeline th:has-text("${ADHOC}")`);
  assert.doesNotMatch(await pages.hosp.textContent('main'), new RegExp(ADHOC));
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
  // the players' feedback survey, once play has ended
  const p = pages.cirt;
  await p.waitForSelector('.dr-feedback');
  await p.click('.dr-feedback button[type=submit]');
  await p.waitForSelector('.dr-feedback .error-summary');
  await p.locator('.dr-feedback fieldset').first().locator('label:has-text("Strongly agree") input').check();
  await p.fill('#fb-went_well', WELL);
  await p.click('.dr-feedback button[type=submit]');
  await p.waitForSelector('.dr-feedback [role=status]:has-text("Saved")');
  await noViolations(p, 'feedback survey');
  await shot(p, 'drills-feedback');
  await phone(p, 'drills-feedback');
  const cirt = await apiSession(CIRT, logins[CIRT]);
  const fb = await cirt('GET', `/drills/${ID}/feedback`);
  assert.equal(fb.json.answers.realism, 5, JSON.stringify(fb.json));
  assert.equal(fb.json.answers.went_well, WELL);
  await go(d, '/drills/demo-hospital-done/report');
  await noViolations(d, 'report of the finished demo drill');
  await shot(d, 'drills-report-done');
  // (the hospital's refused download of the cirt file is the one 403)
  for (const c of Object.values(ctx)) assert.deepEqual(c.errors.filter((x) => !/\/signin: console: .*401/.test(x) && !/403/.test(x)), []);
});

test('the drills list, from My work, shows the drill and its status', async () => {
  const p = pages.cirt;
  await go(p, '/work');
  await p.click('main a:has-text("See your drills")');
  await p.waitForURL((u) => u.pathname === '/drills');
  await ready(p);
  const row = p.locator(`tr[data-drill="${ID}"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /Ended/);
  assert.match(await row.textContent(), /player \(cirt\)/);
  await noViolations(p, 'drills list');
  await shot(p, 'drills-list');
  await phone(p, 'drills-list');
  await row.locator('a').click();
  await p.waitForURL((u) => u.pathname === `/drills/${ID}`);
  for (const c of Object.values(ctx)) assert.deepEqual(c.errors.filter((x) => !/\/signin: console: .*401/.test(x) && !/403/.test(x)), []);
});
