// End-to-end test of the national risk assessment in the browser
// (pages/measure/risk/, on the demo's register xaa-ncra-2026):
//   anonymous: the list of assessments and the public register, which
//   shows the public risks of GET .../public and no restricted field of any
//   risk (titles of risks not public, scenarios, owners, vulnerabilities,
//   rationales, dissent), the page asking nothing but the public route;
//   the focal point of XAA: the register with its filters (each equal to
//   the API's filter, kept in the URL), the risks past review; the heat
//   map, where every cell lists the risks the API puts there, by keyboard
//   too, and its table view; risks by sector and what treatment buys
//   against their routes; the printable report on a few A4 pages;
//   a workshop on an assessment of its own: the facilitator adds two
//   participants (errors first), each in a browser of their own chooses a
//   password, finds the workshop in My work and rates the scenario (one of
//   them with an error first), sees only their own rating and not the
//   register; the facilitator sees both ratings, the spread and the
//   divergence, records the agreed rating with a dissent, and the risk's
//   page shows it. axe-core finds no violation on any page; screenshots
//   (desktop and phone) go to build/e2e-screenshots/risks-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, apiSession, axe, expectFocus, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const A = 'xaa-ncra-2026';
const SUFFIX = Date.now().toString(36);
const WS = 'e2e-ncra-' + SUFFIX;
const FOCAL = 'focal.xaa@demo.cybercap';
const XSS = '<img src=x onerror="window.__xss=1">';
let logins, browser, page, focal, anon, anonPage;

async function ready(p) {
  await p.waitForSelector('main h1');
  await p.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}
async function go(p, path) { await p.goto(BASE + path, { waitUntil: 'networkidle' }); await ready(p); }
async function signIn(p, email, password, next = '/work') {
  await p.goto(BASE + '/signin?next=' + encodeURIComponent(next), { waitUntil: 'networkidle' });
  await p.fill('#email', email);
  await p.fill('#password', password);
  await p.click('form.form button[type=submit]');
  await p.waitForURL((u) => !u.pathname.startsWith('/signin'));
  await ready(p);
}
async function clean(p, name) {
  const v = await axe(p);
  assert.deepEqual(v, [], `axe-core on ${name}: ${JSON.stringify(v, null, 1)}`);
}
async function shots(p, name) {
  await shot(p, 'risks-' + name);
  const size = p.viewportSize();
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  await shot(p, 'risks-' + name + '-phone');
  await p.setViewportSize(size);
}
// Refused requests the pages expect (sign-in, a participant opening the register) are logged by the browser; nothing else may be.
const unexpected = (x) => !/console: Failed to load resource: the server responded with a status of (401|403|404)/.test(x);
const rowIds = (p, sel) => p.locator(sel + ' tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.risk));
const ok = async (r, what) => { assert.ok(r.status < 300, `${what}: HTTP ${r.status} ${JSON.stringify(r.json)}`); return r.json; };

before(async () => {
  logins = readLogins(DATA);
  focal = await apiSession(FOCAL, logins[FOCAL]);
  browser = await launch();
  page = await browser.context.newPage();
  await signIn(page, FOCAL, logins[FOCAL], '/work');
  anon = await launch(); // a browser of its own, never signed in
  anonPage = await anon.context.newPage();
});
after(async () => { await browser?.close(); await anon?.close(); });

test('anonymous: the list and the public register, which shows no restricted field', async () => {
  await go(anonPage, '/risks');
  await anonPage.locator(`tr[data-assessment="${A}"]`).waitFor();
  assert.match(await anonPage.locator(`tr[data-assessment="${A}"]`).innerText(), /Published/);
  assert.equal(await anonPage.locator(`tr[data-assessment="${A}"] a`).allInnerTexts().then((x) => x.join('|')), 'Public register',
    'anonymous: only the public register is offered');
  await clean(anonPage, 'the list of risk assessments');

  const asked = [];
  const watch = (req) => { if (req.url().includes('/api/v1/')) asked.push(new URL(req.url()).pathname); };
  anonPage.on('request', watch);
  await anonPage.locator(`tr[data-assessment="${A}"] a`).click();
  await ready(anonPage);
  await anonPage.locator('[data-testid=pub-risks]').waitFor();
  anonPage.off('request', watch);
  assert.deepEqual([...new Set(asked)].filter((x) => x.includes('risk')), [`/api/v1/risk-assessments/${A}/public`], 'the page asks the public route only');

  const pub = await api(`/risk-assessments/${A}/public`);
  const shown = await anonPage.locator('.pub-risk .pub-title').allInnerTexts();
  assert.equal(shown.length, pub.risks.length);
  pub.risks.forEach((r, i) => assert.ok(shown[i].startsWith(r.public_title), `risk ${i + 1} is ${r.public_title}`));
  for (const [level, n] of Object.entries(pub.counts)) {
    assert.equal(await anonPage.locator(`[data-testid=pub-counts] [data-level="${level}"] dd`).innerText(), String(n), 'count of ' + level);
  }

  // Nothing of the register that is not public: every restricted field of every risk.
  const reg = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000`), 'the register');
  const ws = await ok(await focal('GET', `/risk-assessments/${A}/workshop`), 'the workshop');
  const body = await anonPage.locator('main').innerText();
  const secret = [];
  for (const r of reg.risks) {
    if (!r.public) secret.push(r.title, r.public_title, r.public_summary);
    secret.push(r.scenario, r.owner, r.vulnerabilities, ...['inherent', 'current', 'target'].flatMap((p) => [r[p]?.rationale, r[p]?.dissent]),
      ...r.treatments.map((x) => x.justification));
  }
  for (const r of ws.risks) for (const p of Object.values(r.phases)) secret.push(...p.responses.map((x) => x.comment), ...p.responses.map((x) => x.name));
  const leaks = secret.filter((x) => x && x.length > 3 && body.includes(x));
  assert.deepEqual(leaks, [], 'the public register shows no restricted field');
  assert.ok(reg.risks.some((r) => !r.public), 'the demo has restricted risks to hide');
  await clean(anonPage, 'the public register');
  await shots(anonPage, 'public');
});

test('the focal point: the register and its filters, as the API filters', async () => {
  await go(page, `/risks/${A}`);
  const all = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000`), 'the register');
  assert.deepEqual(await rowIds(page, '[data-testid=risk-table]'), all.risks.map((r) => r.id), 'the register in the spec\'s order');
  const due = await ok(await focal('GET', `/risk-assessments/${A}/review-due`), 'reviews due');
  assert.ok(due.risks.length > 0);
  assert.deepEqual(await page.locator('[data-testid=reviews-due] li a').allInnerTexts(), due.risks.map((r) => r.title), 'reviews due, most overdue first');
  await clean(page, 'the register');
  await shots(page, 'register');

  for (const [sel, param, value] of [['#rk-sector', 'sector', 'government'], ['#rk-threat', 'threat', 'ransomware'], ['#rk-level', 'level', 'high']]) {
    await page.selectOption(sel, value);
    await page.waitForURL((u) => u.searchParams.get(param) === value);
    const want = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000&${param}=${value}`), 'filter ' + param);
    assert.ok(want.risks.length > 0 && want.risks.length < all.risks.length, `the filter ${param}=${value} picks some`);
    assert.deepEqual(await rowIds(page, '[data-testid=risk-table]'), want.risks.map((r) => r.id), `filter ${param}=${value}`);
    assert.equal(await page.locator('[data-testid=rk-count]').innerText(), `Showing ${want.risks.length} of ${all.risks.length} risks.`);
    await page.selectOption(sel, '');
  }
  // two at once, from the URL
  await go(page, `/risks/${A}?sector=government&level=high`);
  const both = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000&sector=government&level=high`), 'two filters');
  assert.deepEqual(await rowIds(page, '[data-testid=risk-table]'), both.risks.map((r) => r.id));
  assert.equal(await page.inputValue('#rk-sector'), 'government');
  await go(page, `/risks/${A}?owner=Nobody`);
  assert.match(await page.locator('main').innerText(), /No risk matches these filters/);
});

test('heat maps: every cell lists the risks the API puts there, by mouse and by keyboard; the table view', async () => {
  for (const phase of ['current', 'inherent']) {
    const hm = await ok(await focal('GET', `/risk-assessments/${A}/heatmap?phase=${phase}`), 'heat map ' + phase);
    await go(page, `/risks/${A}/heatmap${phase === 'current' ? '' : '?phase=' + phase}`);
    assert.equal(await page.locator('[data-testid=heatmap] td[data-cell]').count(), hm.cells.length, 'every cell of the matrix');
    for (const c of hm.cells) {
      const td = page.locator(`[data-testid=heatmap] td[data-cell="${c.likelihood}:${c.impact}"]`);
      assert.equal(await td.getAttribute('data-count'), String(c.count), `count of ${c.likelihood}:${c.impact}`);
      if (!c.count) continue;
      await td.locator('button').click();
      await page.locator('[data-testid=cell-risks]').waitFor();
      assert.deepEqual((await rowIds(page, '[data-testid=cell-risks] [data-testid=risk-table]')).sort(), [...c.risks].sort(), `risks of ${c.likelihood}:${c.impact}`);
      assert.equal(await td.locator('button').getAttribute('aria-pressed'), 'true');
    }
  }
  await clean(page, 'the heat map with a cell chosen');

  // By keyboard: Tab to the first cell button, Enter lists its risks; the button says what it is.
  await go(page, `/risks/${A}/heatmap`);
  await page.focus('#rk-view');
  await page.keyboard.press('Tab');
  await expectFocus(page, '[data-testid=heatmap] button.cell', 'Tab reaches the first cell');
  const name = await page.evaluate(() => document.activeElement.textContent);
  assert.match(name, /^0 risks, likelihood Very likely, impact Limited: Medium$/, 'the cell is named in words');
  const hm = await ok(await focal('GET', `/risk-assessments/${A}/heatmap?phase=current`), 'heat map');
  const full = hm.cells.find((c) => c.count > 1);
  await page.locator(`td[data-cell="${full.likelihood}:${full.impact}"] button`).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid=cell-risks]').waitFor();
  assert.equal(await page.locator('[data-testid=cell-risks] tbody tr').count(), full.count);
  assert.match(await page.locator('#cell-title').innerText(), new RegExp(`: ${full.count} risks$`));
  await shots(page, 'heatmap');

  // The table view: one row per rated risk with its likelihood, impact and level.
  await page.selectOption('#rk-view', 'table');
  await page.locator('[data-testid=heat-table]').waitFor();
  const reg = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000`), 'register');
  const a = await api(`/risk-assessments/${A}`);
  const nm = (xs, id) => xs.find((x) => x.id === id).name;
  const rows = await page.locator('[data-testid=heat-table] tbody tr').evaluateAll((trs) => trs.map((r) => [r.dataset.risk, ...[...r.cells].slice(1).map((c) => c.innerText)]));
  assert.deepEqual(rows, reg.risks.filter((r) => r.current).map((r) => [r.id, nm(a.matrix.likelihood, r.current.likelihood),
    nm(a.matrix.impact.levels, r.current.impact), nm(a.matrix.levels, r.current.level)]));
  await clean(page, 'the heat map as a table');
});

test('risks by sector and what treatment buys match their routes', async () => {
  const sectors = await ok(await focal('GET', `/risk-assessments/${A}/sectors`), 'sectors');
  await go(page, `/risks/${A}/sectors`);
  const hit = sectors.sectors.filter((s) => s.risks.length);
  assert.equal(await page.locator('[data-testid=sectors-table] tbody tr').count(), hit.length);
  for (const s of hit) {
    assert.equal(await page.locator(`tr[data-sector="${s.id}"] td.num`).first().innerText(), String(s.risks.length), s.id);
  }
  const top = [...hit].sort((x, y) => y.risks.length - x.risks.length)[0];
  assert.match(await page.locator('[data-testid=sectors-lead]').innerText(), new RegExp(`^${top.name} is exposed to the most risks: ${top.risks.length}`));
  await clean(page, 'risks by sector');
  await shots(page, 'sectors');

  const gain = await ok(await focal('GET', `/risk-assessments/${A}/treatment-gain`), 'treatment gain');
  await go(page, `/risks/${A}/treatment`);
  for (const [level, n] of Object.entries(gain.target)) {
    assert.equal(await page.locator(`[data-testid=gain-counts] tr[data-level="${level}"] td[data-phase=target]`).innerText(), String(n), 'target ' + level);
    assert.equal(await page.locator(`[data-testid=gain-counts] tr[data-level="${level}"] td[data-phase=current]`).innerText(), String(gain.current[level] || 0), 'current ' + level);
  }
  assert.deepEqual(await rowIds(page, '[data-testid=gain-risks]'), gain.risks.map((r) => r.id));
  const lowered = gain.risks.filter((r) => r.levels_off > 0).length;
  assert.match(await page.locator('[data-testid=gain-lead]').innerText(), new RegExp(`bring ${lowered} of ${gain.risks.length} risks down`));
  const treated = gain.risks.find((r) => r.treatments.includes('reduce'));
  assert.match(await page.locator(`[data-testid=gain-risks] tr[data-risk="${treated.id}"]`).innerText(), /Reduce: .+\((Planned|In progress|Done|Blocked)/,
    'a reduce treatment shows its plan action and status');
  await clean(page, 'what treatment buys');
  await shots(page, 'treatment');
});

test('the printable report: the register on a few A4 pages', async () => {
  await go(page, `/risks/${A}/report`);
  const reg = await ok(await focal('GET', `/risk-assessments/${A}/risks?limit=1000`), 'register');
  assert.equal(await page.locator('.report-risk').count(), reg.risks.length, 'one block per risk');
  assert.equal(await page.locator('[data-testid=heatmap]').count(), 2, 'the current and the target heat maps');
  await clean(page, 'the report');
  await shot(page, 'risks-report');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.report-tools').isVisible(), false, 'no buttons on paper');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 4 && pages <= 14, `the report prints on ${pages} A4 pages`);
  await page.emulateMedia({ media: 'screen' });
});

test('a workshop: two participants rate in their own browsers, the facilitator records the agreed rating', async () => {
  // An assessment of its own with one scenario, so that the demo's stays as it is.
  await ok(await focal('POST', '/risk-assessments', { id: WS, unit: 'XAA', title: 'E2E workshop ' + SUFFIX, matrix: 'national-5x5', start: '2026-01-01', end: '2026-12-31' }), 'the assessment');
  await ok(await focal('POST', `/risk-assessments/${WS}/risks`, {
    id: 'port', title: 'Ransomware stops the container terminal', scenario: 'Cranes and gate systems stop for a week. ' + XSS,
    sectors: ['maritime'], threat: 'ransomware', actor: 'criminal', owner: 'Port Authority',
    inherent: { likelihood: 'L3', impacts: { services: 'I4' } }, current: { likelihood: 'L3', impacts: { services: 'I3' } },
  }), 'the risk');
  const P = [{ name: 'Ana E2E', email: `ana-${SUFFIX}@e2e.cybercap`, group: 'government', l: 'L2', s: 'I3', comment: 'Backups were restored in the last drill.' },
    { name: 'Ben E2E', email: `ben-${SUFFIX}@e2e.cybercap`, group: 'private_sector', l: 'L5', s: 'I4', comment: 'Two terminals in the region were hit this year.' }];

  await go(page, `/risks/${WS}/workshop`);
  await page.locator('[data-testid=no-participants]').waitFor();
  await page.getByRole('button', { name: 'Add the participant' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  await expectFocus(page, '.error-summary', 'the summary takes focus');
  assert.equal(await summary.locator('a').count(), 3, 'name, email and group are missing');
  await clean(page, 'the workshop form with errors');
  for (const x of P) {
    await page.fill('#rsp-name', x.name);
    await page.fill('#rsp-email', x.email);
    await page.selectOption('#rsp-group', x.group);
    await page.getByRole('button', { name: 'Add the participant' }).click();
    await page.locator('[data-testid=setup-panel]').waitFor();
    x.link = await page.locator('[data-testid=setup-link]').inputValue();
    assert.match(x.link, /\/password\?token=/);
    await page.locator(`tr[data-respondent="${x.email}"]`).waitFor();
    await page.getByRole('button', { name: 'Done, hide this' }).click();
  }

  // Each participant in a browser of their own.
  const others = [];
  try {
    for (const [i, x] of P.entries()) {
      const b = await launch();
      others.push(b);
      const p = await b.context.newPage();
      await p.goto(x.link, { waitUntil: 'networkidle' });
      x.password = `e2e-${SUFFIX}-${i}-password`;
      await p.fill('#new-password', x.password);
      await p.fill('#new-password-again', x.password);
      await p.getByRole('button', { name: 'Save the password' }).click();
      await p.locator('[data-testid=password-set]').waitFor();
      await signIn(p, x.email, x.password, '/work');
      const card = p.locator(`[data-testid=risk-work] [data-assessment="${WS}"] a`);
      await card.click();
      await ready(p);
      assert.match(await p.locator('main h1').innerText(), /My ratings/);
      assert.match(await p.locator('[data-testid=rate-progress]').innerText(), /rated 0 of 1 scenarios/);
      assert.equal((await p.locator('main').innerText()).includes('Port Authority'), false, 'a participant does not see the owner');
      assert.ok((await p.locator('[data-risk=port]').innerText()).includes(XSS), 'the scenario\'s markup shows as text');
      assert.equal(await p.locator('main img[src=x]').count(), 0, 'and makes no element');
      if (i === 0) {
        // an error first: no impact given
        await p.check(`[data-risk=port] input[value=${x.l}]`);
        await p.getByRole('button', { name: 'Save my rating' }).click();
        await p.locator('.error-summary').waitFor();
        assert.match(await p.locator('.error-summary').innerText(), /Scenario 1: Choose the impact along at least one dimension/);
        await p.locator('.error-summary a').click();
        await expectFocus(p, '#rt-1-i', 'the summary link moves to the first impact field');
        await clean(p, 'the rating form with an error');
      } else {
        await p.locator(`[data-risk=port] input[value=${x.l}]`).focus();
        await p.keyboard.press('Space');
      }
      await p.selectOption('#rt-1-i-services', x.s);
      await p.fill('#rt-1-c', x.comment);
      await p.getByRole('button', { name: 'Save my rating' }).click();
      await p.locator('[data-risk=port] .save-saved').waitFor();
      await p.locator('[data-testid=my-rating]').waitFor();
      assert.match(await p.locator('[data-testid=rate-progress]').innerText(), /rated 1 of 1 scenarios/);
      if (i === 0) { await clean(p, 'my ratings'); await shots(p, 'rate'); }
      x.page = p;
    }
    // Each sees their own rating only, and not the register.
    for (const [i, x] of P.entries()) {
      await go(x.page, `/risks/${WS}/rate`);
      const text = await x.page.locator('main').innerText();
      assert.ok(text.includes(x.comment) || (await x.page.inputValue('#rt-1-c')) === x.comment, 'their own comment');
      assert.equal(text.includes(P[1 - i].comment), false, 'not the other participant\'s');
      await go(x.page, `/risks/${WS}`);
      await x.page.locator('[data-testid=not-allowed]').waitFor();
    }
    for (const b of others) assert.deepEqual(b.errors.filter(unexpected), [], 'no script error in a participant\'s browser');
  } finally {
    for (const b of others) await b.close();
  }

  // The facilitator: both ratings, the spread, the divergence; records the agreed rating.
  await go(page, `/risks/${WS}/workshop`);
  const risk = page.locator('section[data-risk=port]');
  assert.equal(await risk.locator('[data-testid=responses] tbody tr').count(), 2);
  assert.match(await risk.locator('[data-testid=divergent]').innerText(), /two or more levels apart/);
  assert.match(await risk.locator('[data-testid=spread] tbody tr').first().innerText(), /Unlikely 1 .*Very likely 1/);
  assert.equal(await risk.locator('[data-testid=spread] [data-testid=median]').first().innerText(), 'between Possible and Likely', 'the median of L2 and L5');
  await clean(page, 'the workshop with ratings');
  await shots(page, 'workshop');
  assert.ok(await risk.locator('#ag-port-l-L4').isVisible(), 'the form to record the agreed rating is open once there are ratings');
  await risk.locator('#ag-port-l-L4').check();
  await risk.locator('#ag-port-i-services').selectOption('I4');
  await risk.locator('#ag-port-d').fill('Ana rated the likelihood lower: the last drill went well.');
  await risk.getByRole('button', { name: 'Record as the register’s rating' }).click();
  await risk.locator('[data-testid=agreed]').waitFor();
  assert.match(await risk.locator('[data-testid=agreed]').innerText(), /Agreed in the workshop: likelihood Likely, impact Significant/);
  assert.match(await risk.locator('[data-testid=dissent]').innerText(), /Ana rated the likelihood lower/);
  const r = await ok(await focal('GET', `/risk-assessments/${WS}/risks/port`), 'the risk');
  assert.equal(r.current.workshop, true);
  assert.equal(r.current.likelihood, 'L4');
  await go(page, `/risks/${WS}/risks/port`);
  assert.ok((await page.locator('main .lead').innerText()).includes(XSS));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.match(await page.locator('[data-testid=ratings] tr[data-phase=current]').innerText(), /agreed in the workshop/);
  assert.match(await page.locator('[data-testid=dissent-current]').innerText(), /Ana rated the likelihood lower/);
  await clean(page, 'the risk page');
  await shots(page, 'risk');

  // A treatment: the error first, then accepted, and listed.
  await page.getByRole('button', { name: 'Save the treatment' }).click();
  await page.locator('.error-summary').waitFor();
  await expectFocus(page, '.error-summary', 'the summary takes focus');
  assert.match(await page.locator('.error-summary').innerText(), /Enter why this treatment was chosen/);
  assert.match(await page.locator('#tr-justification-error').innerText(), /Enter why/);
  await clean(page, 'the treatment form with an error');
  await page.selectOption('#tr-option', 'accept');
  assert.equal(await page.locator('#tr-plan').count(), 0, 'only a reduce treatment goes to a plan');
  await page.fill('#tr-justification', 'The terminal has a manual fallback for a week.');
  await page.getByRole('button', { name: 'Save the treatment' }).click();
  await page.locator('[data-testid=treatments]').waitFor();
  assert.match(await page.locator('[data-testid=treatments]').innerText(), /Accept: The terminal has a manual fallback/);
  const after = await ok(await focal('GET', `/risk-assessments/${WS}/risks/port`), 'the risk treated');
  assert.deepEqual(after.treatments.map((x) => x.option), ['accept']);
});

test('no script error on any page', () => {
  assert.deepEqual([...browser.errors, ...anon.errors].filter(unexpected), []);
});
