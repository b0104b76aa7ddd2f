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
//   as its source;
//   the secretariat records an organisation and then its offer through the
//   forms (the error summary lists each field left wrong; the server's 422
//   on an unknown country is shown at its field), and the offer is listed;
//   a pledge from an accepted match on XAA's measured gap (a node of
//   national-maturity-2026) is recorded through the form; the secretariat
//   records a delivery (errors first), moves the statuses (a move back
//   shows the server's 409 at the field), XAA's focal point verifies it as
//   the recipient; once a campaign of the framework is published after the
//   delivery, the pledge's page shows the node before and after, with the
//   campaigns' names and years, and the plan-free request page links the
//   pledge.
// axe-core finds no violation on any page; screenshots (desktop and phone,
// the forms and the pledge also in Arabic) go to
// build/e2e-screenshots/partners-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, apiSession, axe, expectFocus, fmt, launch, readLogins, shot, signIn } from './helpers.mjs';

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
/** Screenshots of the page in Arabic (the saved language, as the switcher saves it), then back to English. */
async function arabic(p, name) {
  await p.evaluate(() => localStorage.setItem('cybercap.lang', 'ar'));
  await p.reload({ waitUntil: 'networkidle' });
  await ready(p);
  assert.equal(await p.evaluate(() => document.documentElement.dir), 'rtl');
  await clean(p, name + ' (ar)');
  await shot(p, 'partners-' + name + '-ar');
  await p.evaluate(() => localStorage.removeItem('cybercap.lang'));
  await p.reload({ waitUntil: 'networkidle' });
  await ready(p);
}
async function summary(p) {
  await expectFocus(p, '.error-summary', 'the error summary');
  return p.locator('.error-summary li').allInnerTexts();
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

const RUN = Date.now().toString(36);

test('the secretariat records an organisation and its offer through the forms', async () => {
  const org = 'fabrikam-' + RUN;
  await browser.context.clearCookies();
  await signIn(page, 'secretariat@demo.cybercap', logins['secretariat@demo.cybercap'], '/partnerships/offers');
  await ready(page);
  await page.locator('a', { hasText: 'Record an organisation' }).click();
  await page.waitForSelector('[data-testid=org-form]');
  await clean(page, 'org-form');
  await page.click('[data-testid=org-form] button[type=submit]');
  const errs = await summary(page);
  assert.equal(errs.length, 3, `one error per field: ${errs}`);
  assert.equal(await page.getAttribute('#og-id', 'aria-invalid'), 'true');
  await clean(page, 'org-form-error');
  await shots(page, 'org-form-error');
  await page.fill('#og-name', `Fabrikam Security ${RUN} (fictional)`);
  await page.fill('#og-id', org);
  await page.check('#og-kind-private');
  await page.click('[data-testid=org-form] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/partnerships/offers/new' && u.searchParams.get('partner') === org);
  await page.waitForSelector('[data-testid=offer-form]');
  assert.match(await page.locator('.panel').innerText(), /is recorded/);
  assert.equal(await page.inputValue('#of-partner'), org, 'the new organisation is chosen');
  assert.ok((await api('/organisations')).organisations.some((o) => o.id === org && o.kind === 'private'));
  await clean(page, 'offer-form');
  await arabic(page, 'offer-form');

  await page.fill('#of-languages', '');
  await page.fill('#of-capacity-countries', '0');
  await page.click('[data-testid=offer-form] button[type=submit]');
  const local = await summary(page);
  for (const x of [/what is offered/i, /theme/i, /kind of support/i, /language/i, /number of countries/i, /Available from/, /Available until/, /amount/i, /how the value is set/i]) {
    assert.ok(local.some((e) => x.test(e)), `${x} in ${local}`);
  }
  await clean(page, 'offer-form-errors');
  await shots(page, 'offer-form-errors');
  const title = `Incident response retainer ${RUN}`;
  await page.fill('#of-title', title);
  await page.check('input[id^="of-themes"][value="incident-management"]');
  await page.check('input[id^="of-modalities"][value="advisory"]');
  await page.fill('#of-languages', 'en, fr');
  await page.check('input[id^="of-eligible-groups"][value="sids"]');
  await page.fill('#of-eligible-units', 'XAB, ZZZ');
  await page.fill('#of-capacity-countries', '3');
  await page.fill('#of-capacity-beneficiaries', '60');
  await page.fill('#of-available_from', '2026-03-01');
  await page.fill('#of-available_to', '2027-12-31');
  await page.fill('#of-unit_value', '15000');
  await page.fill('#of-currency', 'eur');
  await page.check('#of-valuation-market_quote');
  await page.click('[data-testid=offer-form] button[type=submit]');
  await page.locator('.error-summary li').first().filter({ hasText: 'Countries eligible by name' }).waitFor();
  const server = await summary(page);
  assert.equal(server.length, 1);
  assert.match(server[0], /^Countries eligible by name/, 'the server names the field');
  assert.equal(await page.getAttribute('#of-eligible-units', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#of-title'), title, 'what was typed stays');
  await page.fill('#of-eligible-units', 'XAB');
  await page.click('[data-testid=offer-form] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/partnerships/offers' && u.searchParams.has('created'));
  await ready(page);
  const id = Number(new URL(page.url()).searchParams.get('created'));
  const o = (await api('/offers')).offers.find((x) => x.id === id);
  assert.ok(o, 'the offer is listed by the API');
  assert.deepEqual([o.partner, o.title, o.themes, o.modalities, o.languages, o.eligible, o.capacity.countries, o.capacity.beneficiaries,
    o.available_from, o.available_to, o.unit_value, o.currency, o.valuation],
  [org, title, ['incident-management'], ['advisory'], ['en', 'fr'], { groups: ['sids'], units: ['XAB'] }, 3, 60,
    '2026-03-01', '2027-12-31', 15000, 'EUR', 'market_quote']);
  assert.match(await page.locator(`[data-offer="${id}"]`).innerText(), new RegExp(title));
  assert.match(await page.locator('.panel').innerText(), /is recorded/);
  await clean(page, 'offers-created');
  await shots(page, 'offers-created');
});

test('a pledge on a measured gap: recorded from the match, delivered, verified by the country, measured before and after', async () => {
  const sec = await apiSession('secretariat@demo.cybercap', logins['secretariat@demo.cybercap']);
  const focal = await apiSession('focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap']);
  const analyst = await apiSession('analyst@demo.cybercap', logins['analyst@demo.cybercap']);
  const node = 'policy.strategy.development.s3';
  const before = (await api('/campaigns/national-maturity-2026/results/XAA')).nodes.find((n) => n.id === node);
  const ok = (r, what) => assert.ok(r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.json)}`);
  const org = 'gap-partner-' + RUN;
  ok(await sec('POST', '/organisations', { id: org, name: `Gap Partner ${RUN} (fictional)`, kind: 'private' }), 'org');
  const offer = await sec('POST', '/offers', {
    partner: org, title: `Strategy coordination advice ${RUN}`, themes: ['policy-strategy'], modalities: ['advisory'], languages: ['en'],
    eligible: {}, capacity: 2, available_from: '2026-01-01', available_to: '2028-12-31', unit_value: 8000, currency: 'USD', valuation: 'declared',
  });
  ok(offer, 'offer');
  const req = await focal('POST', '/requests', {
    unit: 'XAA', title: `A body to coordinate the strategy (${RUN})`, themes: ['policy-strategy'], modalities: ['advisory'], languages: ['en'],
    needed_by: '2027-12-31', visibility: 'public', source: { kind: 'node', framework: 'national-maturity', node, campaign: 'national-maturity-2026' },
  });
  ok(req, 'request');
  const m = await sec('POST', `/requests/${req.json.id}/matches?at=2026-06-01`, {});
  ok(m, 'propose');
  const match = m.json.matches.find((x) => x.offer === offer.json.id);
  assert.ok(match, 'the offer is proposed');
  ok(await focal('PATCH', `/matches/${match.id}`, { status: 'accepted' }), 'accept');

  // the secretariat records the pledge from the accepted match
  await browser.context.clearCookies();
  await signIn(page, 'secretariat@demo.cybercap', logins['secretariat@demo.cybercap'], `/partnerships/requests/${req.json.id}`);
  await ready(page);
  await page.locator(`[data-match="${match.id}"] a`, { hasText: 'Record the pledge' }).click();
  await page.waitForSelector('[data-testid=pledge-form]');
  await ready(page);
  assert.match(await page.locator('[data-testid=pledge-form] .facts').innerText(), /Gap Partner/);
  await page.click('[data-testid=pledge-form] button[type=submit]');
  const errs = await summary(page);
  for (const x of [/amount/i, /exchange rate/i, /how the value is set/i, /Start of the period/, /End of the period/]) assert.ok(errs.some((e) => x.test(e)), `${x} in ${errs}`);
  await clean(page, 'pledge-form-errors');
  await shots(page, 'pledge-form-errors');
  await page.fill('#pn-value-amount', '8000');
  await page.fill('#pn-value-fx_rate', '1');
  await page.fill('#pn-value-fx_date', '2026-06-01');
  await page.check('#pn-value-valuation-declared');
  await page.fill('#pn-period-from', '2026-07-01');
  await page.fill('#pn-period-to', '2026-12-31');
  await page.check('#pn-commitment-confirmed');
  await page.click('[data-testid=pledge-form] button[type=submit]');
  await page.waitForURL((u) => /^\/partnerships\/pledges\/\d+$/.test(u.pathname));
  await ready(page);
  const pid = Number(new URL(page.url()).pathname.split('/').pop());
  let p = (await sec('GET', `/pledges/${pid}`)).json;
  assert.deepEqual([p.match, p.provider, p.recipient, p.commitment, p.value.amount, p.value.valuation, p.period.to],
    [match.id, org, 'XAA', 'confirmed', 8000, 'declared', '2026-12-31']);
  const gap = page.locator('[data-testid=pledge-gap]');
  await gap.locator('[data-testid=gap-before]', { hasText: '(2026)' }).waitFor();
  assert.match(await gap.locator('[data-testid=gap-before]').innerText(), new RegExp(`\\(2026\\)\\s+${fmt(before.value)}`));
  assert.match(await gap.locator('[data-testid=gap-after]').innerText(), /No newer results yet/);
  await clean(page, 'pledge');

  // a delivery: errors first, then recorded
  await page.click('[data-testid=delivery-form] button[type=submit]');
  assert.equal((await summary(page)).length, 3, 'date, what and quantity');
  await page.fill('#dl-date', '2026-09-15');
  await page.fill('#dl-what', 'Two advisory missions on the coordination body');
  await page.fill('#dl-quantity', '2');
  await page.fill('#dl-beneficiaries', '12');
  await page.click('[data-testid=delivery-form] button[type=submit]');
  await page.locator('[data-testid=deliveries-table] tbody tr').waitFor();
  assert.match(await page.locator('[data-testid=st-delivery]').innerText(), /Partly delivered/);
  // a move back is the server's 409, shown at the field
  await page.selectOption('#ps-commitment', 'proposed');
  await page.click('[data-testid=status-form] button[type=submit]');
  const conflict = await summary(page);
  assert.match(conflict.join(' '), /Commitment: commitment cannot go back from confirmed to proposed/);
  assert.equal(await page.getAttribute('#ps-commitment', 'aria-invalid'), 'true');
  await clean(page, 'pledge-409');
  await shots(page, 'pledge-409');
  await page.selectOption('#ps-commitment', 'confirmed');
  await page.selectOption('#ps-delivery', 'complete');
  await page.click('[data-testid=status-form] button[type=submit]');
  await page.locator('[data-testid=st-delivery]', { hasText: /^Delivered$/ }).waitFor();
  assert.equal(await page.locator('[data-testid=delivery-form]').count(), 0, 'nothing more to deliver');
  assert.match(await gap.locator('.lead').innerText(), /no campaign on this framework has been published since/);

  // the country's focal point verifies what it received
  await browser.context.clearCookies();
  await signIn(page, 'focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap'], `/partnerships/pledges/${pid}`);
  await ready(page);
  assert.equal(await page.locator('#ps-commitment').count(), 0, 'the country does not move the commitment');
  assert.deepEqual(await page.locator('#ps-verification option').evaluateAll((os) => os.map((o) => o.value)), ['self', 'recipient']);
  await page.selectOption('#ps-verification', 'recipient');
  await page.click('[data-testid=status-form] button[type=submit]');
  await page.locator('[data-testid=st-verification]', { hasText: 'Verified by the country' }).waitFor();
  p = (await focal('GET', `/pledges/${pid}`)).json;
  assert.equal(p.verification, 'recipient');
  assert.equal(p.beneficiaries, 12);

  // the next campaign on the framework, published after the delivery: the node after
  const cid = 'e2e-gap-' + RUN;
  ok(await analyst('POST', '/campaigns', { id: cid, framework: 'national-maturity', title: `Maturity re-measurement (${cid})`, year: 2030, units: ['XAA'] }), 'campaign');
  ok(await analyst('POST', `/campaigns/${cid}/status`, { status: 'open' }), 'open');
  ok(await focal('PUT', `/campaigns/${cid}/assessments/XAA/answers/${node}`, { answer: 'yes' }), 'answer');
  for (const st of ['review', 'closed', 'published']) ok(await analyst('POST', `/campaigns/${cid}/status`, { status: st }), st);
  const after = (await api(`/campaigns/${cid}/results/XAA`)).nodes.find((n) => n.id === node);
  await page.reload({ waitUntil: 'networkidle' });
  await ready(page);
  await gap.locator('[data-testid=gap-after]', { hasText: '2030' }).waitFor();
  assert.match(await gap.locator('[data-testid=gap-after]').innerText(), new RegExp(`Maturity re-measurement \\(${cid}\\) \\(2030\\)\\s+${fmt(after.value)}`));
  assert.match(await gap.locator('caption').innerText(), /coordinating the strategy/, 'the node named');
  assert.match(await gap.locator('.lead').innerText(), after.value > before.value ? /rose by/ : /did not change|fell by/);
  await clean(page, 'pledge-after');
  await shots(page, 'pledge-after');
  await arabic(page, 'pledge-after');
  // the request's page links its pledge
  await page.goto(BASE + `/partnerships/requests/${req.json.id}`, { waitUntil: 'networkidle' });
  await ready(page);
  assert.equal(await page.locator(`a[href="/partnerships/pledges/${pid}"]`).count(), 1);
});

test('a plan action lists the pledges of the requests drafted from it', async () => {
  const plan = await api('/plans/xaa-2026');
  const pledges = (await api('/pledges?unit=XAA')).pledges.filter((x) => x.action);
  assert.ok(pledges.length > 0, 'the demo has a pledge from one of XAA\'s actions');
  await page.goto(BASE + '/plans/xaa-2026', { waitUntil: 'networkidle' });
  await ready(page);
  const row = page.locator(`tr[data-action="${pledges[0].action}"] [data-testid=action-pledges]`);
  await row.waitFor();
  assert.ok((await row.innerText()).includes(pledges[0].description), 'the pledge named under its action');
  assert.ok(plan.objectives.flatMap((o) => o.actions).some((a) => a.id === pledges[0].action));
  await clean(page, 'plan-pledges');
});

/** The country's (XAA) and the partner's (Northwind) pages as WHO sees them, checked against the API as WHO. */
async function views(who, call, name) {
  await go(page, '/partnerships/countries/XAA');
  const reqs = (await call('GET', '/requests?unit=XAA')).json.requests;
  const ms = (await call('GET', '/matches?unit=XAA')).json.matches;
  const got = (await call('GET', '/pledges?unit=XAA')).json;
  assert.equal(await page.locator('article[data-request]').count(), reqs.length, `${who}: XAA's requests`);
  assert.equal(await page.locator('article[data-request] tr[data-match]').count(), ms.length, `${who}: their matches`);
  assert.equal(await page.locator('[data-testid=country-pledges] tbody tr').count(), got.pledges.length, `${who}: pledges to XAA`);
  for (const y of got.totals.by_year) {
    const cell = page.locator(`[data-testid=country-totals] tr[data-year="${y.year}"] td[data-usd]`);
    assert.equal(Number(await cell.getAttribute('data-usd')), y.usd, `${who}: ${y.year}'s value`);
    assert.equal((await cell.innerText()).replace(/\D/g, ''), String(Math.round(y.usd)), `${who}: ${y.year}'s value shown`);
  }
  for (const p of got.pledges) {
    const row = page.locator(`[data-testid=country-pledges] tr[data-pledge="${p.id}"]`);
    for (const d of p.deliveries) assert.ok((await row.innerText()).includes(d.what), `${who}: delivery ${d.what}`);
  }
  await clean(page, 'country ' + name);
  const org = 'northwind-fict';
  await go(page, '/partnerships/partners/' + org);
  const offers = (await call('GET', '/offers?partner=' + org)).json.offers;
  const pm = (await call('GET', '/matches?partner=' + org)).json.matches;
  const pp = (await call('GET', '/pledges?partner=' + org)).json;
  assert.equal(await page.locator('[data-testid=partner-offers] tbody tr').count(), offers.length, `${who}: Northwind's offers`);
  for (const o of offers) {
    const txt = await page.locator(`[data-testid=partner-offers] tr[data-offer="${o.id}"]`).innerText();
    assert.ok(txt.includes(`${o.capacity.countries - o.capacity.used} of ${o.capacity.countries} left`), txt);
  }
  assert.equal(await page.locator('[data-testid=partner-matches] tbody tr').count(), pm.length, `${who}: matches on them`);
  assert.equal(await page.locator('[data-testid=partner-pledges] tbody tr').count(), pp.pledges.length, `${who}: its pledges`);
  if (pp.pledges.length) {
    const sum = page.locator('[data-testid=partner-totals-sums] dd[data-usd]');
    assert.deepEqual((await sum.evaluateAll((xs) => xs.map((x) => Number(x.dataset.usd)))), [pp.totals.usd, pp.totals.delivered_usd]);
  }
  await clean(page, 'partner ' + name);
  return { reqs, ms, pm, pp };
}

test('a country\'s and a partner\'s pages as the secretariat, the partner, the focal point and anyone', async () => {
  const people = [['secretariat@demo.cybercap', 'secretariat'], ['partner.northwind@demo.cybercap', 'partner'], ['focal.xaa@demo.cybercap', 'focal']];
  const seen = {};
  for (const [email, name] of people) {
    const call = await apiSession(email, logins[email]);
    await page.context().clearCookies();
    await signIn(page, email, logins[email], '/partnerships');
    seen[name] = await views(email, call, name);
    if (name === 'secretariat') {
      await shots(page, 'partner');
      await go(page, '/partnerships/countries/XAA');
      await shots(page, 'country');
      await arabic(page, 'country');
      await go(page, '/partnerships/partners/northwind-fict');
      await arabic(page, 'partner');
    }
  }
  assert.ok(seen.secretariat.ms.length > 0 && seen.secretariat.pm.length > 0, 'the demo has matches for both pages');
  assert.equal(seen.focal.ms.length, seen.secretariat.ms.length, 'the country sees every match on its requests');
  assert.equal(seen.partner.pm.length, seen.secretariat.pm.length, 'the partner sees every match on its offers');
  // anonymous: public requests only, no match; reached through the links of the lists
  await page.context().clearCookies();
  const pub = (await api('/requests?unit=XAA')).requests;
  assert.ok(pub.every((q) => q.visibility === 'public'));
  await go(page, '/partnerships');
  await page.locator(`[data-testid=requests-table] tr[data-request="${pub[0].id}"] td a`).first().click();
  await page.waitForURL((u) => u.pathname === '/partnerships/countries/XAA');
  await ready(page);
  assert.equal(await page.locator('article[data-request]').count(), pub.length);
  assert.equal(await page.locator('tr[data-match]').count(), 0, 'anonymous sees no match');
  await clean(page, 'country anonymous');
  await go(page, `/partnerships/requests/${pub[0].id}`);
  assert.equal(await page.locator('a[href="/partnerships/countries/XAA"]').count(), 1, 'a request links its country');
  await go(page, '/partnerships/offers');
  await page.locator('[data-testid=offers-table] a[href="/partnerships/partners/northwind-fict"]').first().click();
  await page.waitForURL((u) => u.pathname === '/partnerships/partners/northwind-fict');
  await ready(page);
  assert.equal(await page.locator('[data-testid=partner-offers] tbody tr').count(), (await api('/offers?partner=northwind-fict')).offers.length);
  await go(page, '/partnerships/countries/ZZZ');
  assert.match(await page.locator('.state-empty').innerText(), /ZZZ/);
});
