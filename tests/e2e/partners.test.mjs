// End-to-end test of the partnership pages (pages/build/partners/):
//   anonymous: the donor report of 2026 says what the API says (LDCs and
//   SIDS supported out of that year's lists, the value), with its
//   downloads and the who-does-what-where table; the offers and pledges
//   pages list what the API lists;
//   the focal point of XAB opens a new request that the secretariat has
//   matched (through the API), reads each part of the score with its
//   reason, declines without a reason (the error summary takes focus and
//   names the field), then with one: the match shows as declined;
//   the focal point of XAA asks partners for support from an action of its
//   plan: the form starts from the action's draft, refuses a missing date
//   (error summary, the field marked), and the request keeps the action
//   as its source.
// axe-core finds no violation on any page; screenshots (desktop and phone)
// go to build/e2e-screenshots/partners-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, apiSession, axe, expectFocus, launch, readLogins, shot, signIn } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
let logins, browser, page;

async function ready(p) {
  await p.waitForSelector('main h1');
  await p.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}
async function go(p, path) { await p.goto(BASE + path, { waitUntil: 'networkidle' }); await ready(p); }
async function clean(p, name) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core on ${name}: ${JSON.stringify(v, null, 1)}`);
}
async function shots(p, name) {
  await shot(p, 'partners-' + name);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  await shot(p, 'partners-' + name + '-phone');
  await p.setViewportSize({ width: 1280, height: 900 });
}

before(async () => {
  logins = readLogins(DATA);
  browser = await launch();
  page = await browser.context.newPage();
});
after(async () => { await browser?.close(); });

test('anonymous: the donor report, offers and pledges match the API', async () => {
  const rep = await api('/partnerships/report?year=2026');
  await go(page, '/partnerships/report?year=2026');
  assert.match(await page.locator('h1').innerText(), /2026/);
  const ldc = await page.locator('[data-testid=ldc]').innerText();
  assert.ok(ldc.includes(`${rep.ldc.supported} of ${rep.ldc.of}`) && ldc.includes('2026 list'), ldc);
  const sids = await page.locator('[data-testid=sids]').innerText();
  assert.ok(sids.includes(`${rep.sids.supported} of ${rep.sids.of}`), sids);
  assert.equal(await page.locator('[data-testid=matrix] tbody tr').count(), rep.matrix.length);
  const xlsx = await page.locator('a[href*="report.xlsx"]').getAttribute('href');
  assert.equal((await fetch(BASE + xlsx)).status, 200, 'the workbook downloads');
  await clean(page, 'report');
  await shots(page, 'report');

  const offers = (await api('/offers')).offers;
  await go(page, '/partnerships/offers');
  assert.equal(await page.locator('[data-testid=offers-table] tbody tr').count(), offers.length);
  await clean(page, 'offers');
  const pledges = (await api('/pledges')).pledges;
  await go(page, '/partnerships/pledges');
  assert.equal(await page.locator('[data-testid=pledges-table] tbody tr').count(), pledges.length);
  await clean(page, 'pledges');
  await shots(page, 'pledges');
  await go(page, '/partnerships');
  await clean(page, 'requests');
});

test('the focal point of XAB reads the reasons and declines with a reason', async () => {
  const focal = await apiSession('focal.xab@demo.cybercap', logins['focal.xab@demo.cybercap']);
  const sec = await apiSession('secretariat@demo.cybercap', logins['secretariat@demo.cybercap']);
  const r = await focal('POST', '/requests', {
    unit: 'XAB', title: 'Sectoral CIRT for energy (e2e)', themes: ['incident-management.sectoral-cirts'],
    modalities: ['training'], languages: ['en'], needed_by: '2027-09-30', visibility: 'public',
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const m = await sec('POST', `/requests/${r.json.id}/matches?at=2026-06-01`, {});
  assert.equal(m.status, 200);
  assert.ok(m.json.matches.length > 0, 'the secretariat found a match');
  const best = m.json.matches[0];

  await signIn(page, 'focal.xab@demo.cybercap', logins['focal.xab@demo.cybercap'], `/partnerships/requests/${r.json.id}`);
  await ready(page);
  const card = page.locator(`[data-match="${best.id}"]`);
  await card.waitFor();
  const rows = await card.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 6, 'six parts of the score');
  assert.ok(rows[0].includes(`${best.breakdown.theme.toFixed(2)} of 1.00`), rows[0]);
  assert.match(await card.innerText(), /on the 2026 list/);
  await clean(page, 'request');
  await shots(page, 'request');

  await card.locator('button', { hasText: 'Decline' }).click();
  await expectFocus(page, '.error-summary', 'the error summary after a decline without a reason');
  assert.match(await page.locator('.error-summary').innerText(), /reason/i);
  assert.equal(await page.locator(`#pt-reason-${best.id}`).getAttribute('aria-invalid'), 'true');
  await clean(page, 'request-error');
  await page.fill(`#pt-reason-${best.id}`, 'A national team already covers energy');
  await card.locator('button', { hasText: 'Decline' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-match="${id}"]`)?.innerText.includes('Declined'), best.id);
  const after = await focal('GET', `/requests/${r.json.id}`);
  const dec = after.json.matches.find((x) => x.id === best.id);
  assert.equal(dec.status, 'declined');
  assert.equal(dec.reason, 'A national team already covers energy');
});

test('the focal point of XAA asks for support from a plan action', async () => {
  const plan = await api('/plans/xaa-2026');
  const action = plan.objectives.flatMap((o) => o.actions)[0];
  await browser.context.clearCookies();
  await signIn(page, 'focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap'], '/plans/xaa-2026');
  await ready(page);
  await page.locator(`tr[data-action="${action.id}"] a`, { hasText: 'Ask partners for support' }).click();
  await page.waitForSelector('[data-testid=request-form]');
  await ready(page);
  assert.equal(await page.inputValue('#rq-title'), action.title, 'the title comes from the action');
  await clean(page, 'new-request');
  await page.click('[data-testid=request-form] button[type=submit]');
  await expectFocus(page, '.error-summary', 'the error summary without a date');
  assert.match(await page.locator('.error-summary').innerText(), /date/);
  assert.equal(await page.locator('#rq-needed_by').getAttribute('aria-invalid'), 'true');
  await shots(page, 'new-request-error');
  await page.fill('#rq-needed_by', '2027-05-31');
  if (!(await page.locator('#rq-modalities').isChecked())) await page.check('#rq-modalities');
  await page.click('[data-testid=request-form] button[type=submit]');
  await page.waitForURL((u) => /\/partnerships\/requests\/\d+$/.test(u.pathname));
  await ready(page);
  assert.match(await page.locator('main').innerText(), new RegExp(`Action ${action.id} of the country`));
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const focal = await apiSession('focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap']);
  const mine = (await focal('GET', `/requests/${id}`)).json;
  assert.deepEqual(mine.source, { kind: 'action', action: action.id });
  assert.equal(mine.needed_by, '2027-05-31');
});
