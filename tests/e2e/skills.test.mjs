// End-to-end test of the skills programme pages (pages/skills/):
//   the demo's coordinator opens the fellowship's dashboard: the funnel and
//   the tracks show the API's counts, every country row links to its
//   education-capacity result; the sponsor sees the same page with small
//   cells as "fewer than 5" and the note saying why; a participant opens
//   their own record, withdraws a consent (the page says what that did, the
//   API agrees) and gives it again. axe-core finds no violation on any
//   page; screenshots (desktop and phone) go to build/e2e-screenshots/skills-*.png.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiSession, axe, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const PROG = 'cyber-pathways';
const COORD = 'coordinator@fellowship.example';
const SPONSOR = 'sponsor@fellowship.example';
const PART = 'p1.ir-africa@fellowship.example';
let logins;

async function ready(p) {
  await p.waitForSelector('main h1');
  await p.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}
async function go(p, path) { await p.goto(BASE + path, { waitUntil: 'networkidle' }); await ready(p); }
async function signIn(p, email) {
  await go(p, '/signin');
  await p.fill('#email', email);
  await p.fill('#password', logins[email]);
  await p.click('form.form button[type=submit]');
  await p.waitForURL((u) => !u.pathname.startsWith('/signin'));
  await ready(p);
}
async function clean(p, name) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core on ${name}: ${JSON.stringify(v, null, 1)}`);
}
async function shots(p, name) {
  await shot(p, 'skills-' + name);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  await shot(p, 'skills-' + name + '-phone');
  await p.setViewportSize({ width: 1280, height: 900 });
}
const cellsOf = (p, testid) => p.locator(`[data-testid=${testid}] tbody tr`).first().locator('td').allInnerTexts();

before(() => { logins = readLogins(DATA); });

/** A page in a browser of its own (each test signs in someone else). */
async function fresh() {
  const browser = await launch();
  const page = await fresh();
  page.done = async () => {
    assert.deepEqual(browser.errors, [], 'no script errors');
    await browser.close();
  };
  return page;
}

test('the coordinator sees every count of the dashboard', async () => {
  const call = await apiSession(COORD, logins[COORD]);
  const d = (await call('GET', `/programmes/${PROG}/dashboard`)).json;
  const page = await fresh();
  await signIn(page, COORD);
  await go(page, `/skills/${PROG}`);
  assert.equal(await page.locator('main h1').innerText(), 'Skills programme dashboard');
  const f = d.funnel;
  assert.deepEqual(await cellsOf(page, 'sk-funnel'),
    [f.applied, f.selected, f.enrolled, f.active, f.completed, f.withdrawn].map(String));
  assert.equal(await page.locator('[data-testid=sk-tracks] tbody tr').count(), d.by_track.length);
  assert.equal(await page.locator('td.suppressed').count(), 0, 'nothing suppressed for the team');
  const rows = page.locator('[data-testid=sk-countries] tbody tr');
  assert.equal(await rows.count(), d.by_country.length);
  const link = rows.first().locator('a');
  assert.match(await link.getAttribute('href'), /^\/units\/X[A-Z]{2}\?campaign=education-capacity/);
  await clean(page, 'the coordinator\'s dashboard');
  await shots(page, 'dashboard');
  await page.done();
});

test('the sponsor sees small cells suppressed', async () => {
  const call = await apiSession(SPONSOR, logins[SPONSOR]);
  const d = (await call('GET', `/programmes/${PROG}/dashboard`)).json;
  const hidden = d.by_country.filter((c) => c.applied === null).length;
  assert.ok(hidden > 0, 'the demo has countries with fewer than 5 applicants');
  const page = await fresh();
  await signIn(page, SPONSOR);
  await go(page, `/skills/${PROG}`);
  assert.match(await page.locator('.panel-info').first().innerText(), /1 to 4 people are not shown/);
  const col = await page.locator('[data-testid=sk-countries] tbody tr td:nth-of-type(1)').allInnerTexts();
  assert.equal(col.filter((x) => x === 'fewer than 5').length, hidden);
  await clean(page, 'the sponsor\'s dashboard');
  await shots(page, 'dashboard-sponsor');
  await page.done();
});

test('a participant reads their record and withdraws a consent', async () => {
  const page = await fresh();
  await signIn(page, PART);
  await go(page, '/skills/me');
  assert.equal(await page.locator('main h1').innerText(), 'My programme record');
  assert.match(await page.locator('dl.sk-kept').innerText(), /p1\.ir-africa@fellowship\.example/);
  await clean(page, 'the participant\'s record');
  await shots(page, 'me');
  const button = page.getByRole('button', { name: 'Withdraw consent for sharing with sponsors' });
  await button.click();
  await page.getByRole('button', { name: 'Give consent for sharing with sponsors' }).waitFor();
  assert.match(await page.locator('[data-testid=sk-note]').innerText(), /sponsors/);
  const call = await apiSession(PART, logins[PART]);
  const me = (await call('GET', '/skills/me')).json;
  assert.ok(me.consents.some((c) => c.purpose === 'sponsor_sharing' && c.withdrawn_at), 'withdrawn in the store');
  await clean(page, 'the record after a withdrawal');
  await shots(page, 'me-withdrawn');
  await page.getByRole('button', { name: 'Give consent for sharing with sponsors' }).click();
  await page.getByRole('button', { name: 'Withdraw consent for sharing with sponsors' }).waitFor();
  await go(page, `/skills/${PROG}`);
  assert.match(await page.locator('main').innerText(), /not allowed|permission|may not/i);
  await page.done();
});
