// End-to-end test of a maturity workshop in the browser, on a campaign the
// analyst creates for this test (csirt-maturity, the one unit XAB, so that
// nothing else touches it):
//   the facilitator (focal point of XAB) adds two respondents (the form's
//   errors first), hands each the one-time link; each respondent, in a
//   browser context of their own, chooses a password, signs in, lands on
//   their own questionnaire and rates question O-1 (SIM3 levels with their
//   descriptions) — two levels apart; the respondent context gets nothing
//   else (other pages refused, the facilitator's routes 403); the
//   facilitator sees both answers, the median and "views differ by 2
//   levels or more", records the consensus with a note; the live maturity
//   page and the printable report show it, with the targets it meets and
//   does not; once published, the public maturity page shows it too and
//   the campaign, of one unit, shows no ranking.
// axe-core finds no violation on any of these pages; screenshots (desktop
// and phone) go to build/e2e-screenshots/maturity-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, apiSession, axe, launch, readLogins, shot, expectFocus } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const FW = 'csirt-maturity';
const UNIT = 'XAB';
const CID = 'e2e-mt-' + Date.now().toString(36);
const TITLE = `CSIRT maturity workshop test (${CID})`;
const Q = 'O-1';               // rating, SIM3 0-4; the basic target asks 2, intermediate 3
const FAC = 'focal.xab@demo.cybercap';
const RSP = [
  { name: 'Amina Diallo', email: `amina.${CID}@e2e.cybercap`, org: 'National CIRT', group: 'cirt', rating: '1', comment: 'Nothing is written down yet.' },
  { name: 'Bruno Keller', email: `bruno.${CID}@e2e.cybercap`, org: 'Ministry of ICT', group: 'government', rating: '3', comment: 'The minister signed the mandate last year.' },
];
const NOTE = 'Written down by the team; the signed decree is still a draft.';
const ws = `/campaigns/${CID}/workshop/${UNIT}`;
const mt = `/campaigns/${CID}/maturity/${UNIT}`;
const rp = `/campaigns/${CID}/report/${UNIT}`;
const respond = `/campaigns/${CID}/respond/${UNIT}`;

let fac, facPage, logins = {}, analyst;
const contexts = [];

async function ready(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}

async function go(page, path) {
  await page.goto(BASE + path, { waitUntil: 'networkidle' });
  await ready(page);
}

async function signIn(page, email, password) {
  await go(page, '/signin');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.form button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
  await ready(page);
}

async function noViolations(page, name) {
  const v = await axe(page);
  assert.deepEqual(v, [], `axe-core on ${name}: ${JSON.stringify(v, null, 1)}`);
}

/** A fetch of the API from inside the page (its cookie, its CSRF token unknown: GETs only). */
const pageGet = (page, path) => page.evaluate(async (p) => (await fetch('/api/v1' + p, { credentials: 'same-origin' })).status, path);

before(async () => {
  assert.ok(DATA, 'E2E_DATA names the demo data directory (tests/e2e/run.sh sets it)');
  logins = readLogins(DATA);
  analyst = await apiSession('analyst@demo.cybercap', logins['analyst@demo.cybercap']);
  let r = await analyst('POST', '/campaigns', { id: CID, framework: FW, title: TITLE, year: 2025, units: [UNIT] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  r = await analyst('POST', `/campaigns/${CID}/status`, { status: 'open' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  fac = await launch();
  contexts.push(fac);
  facPage = await fac.context.newPage();
  await signIn(facPage, FAC, logins[FAC]);
});

after(async () => {
  for (const c of contexts) await c.close();
});

test('the facilitator adds two respondents; the form names each error and links to its field', async () => {
  const page = facPage;
  await go(page, ws);
  assert.match(await page.locator('h1').innerText(), /Workshop for Fictional country XAB/);
  await page.locator('[data-testid="no-respondents"]').waitFor();
  await noViolations(page, 'the workshop page');
  await shot(page, 'maturity-workshop-empty');

  await page.getByRole('button', { name: 'Add the respondent' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  const links = summary.locator('a');
  assert.deepEqual(await links.allInnerTexts(), ['Enter the respondent’s full name', 'Enter your email address', 'Choose the respondent’s stakeholder group']);
  await expectFocus(page, '.error-summary', 'the summary takes focus');
  await links.nth(2).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rsp-group', 'the link moves to its field');
  assert.match(await page.locator('#rsp-group-error').innerText(), /Choose the respondent’s stakeholder group/);
  await noViolations(page, 'the workshop form with errors');
  await shot(page, 'maturity-workshop-errors');

  for (const r of RSP) {
    await page.fill('#rsp-name', r.name);
    await page.fill('#rsp-email', r.email);
    await page.fill('#rsp-org', r.org);
    await page.selectOption('#rsp-group', r.group);
    await page.getByRole('button', { name: 'Add the respondent' }).click();
    const panel = page.locator('[data-testid="setup-panel"]');
    await panel.waitFor();
    assert.match(await panel.innerText(), new RegExp(`${r.name} is added`));
    r.link = await page.locator('[data-testid="setup-link"]').inputValue();
    assert.match(r.link, /\/password\?token=[A-Za-z0-9_%-]{16,}/, 'a one-time link to choose a password');
    await page.locator(`tr[data-respondent="${r.email}"]`).waitFor();
    await page.getByRole('button', { name: 'Done, hide this' }).click();
  }
  assert.equal(await page.locator('table.respondents tbody tr').count(), 2);
  await noViolations(page, 'the workshop with two respondents');
});

test('each respondent chooses a password, signs in to their own questionnaire and rates the question', async () => {
  for (const [i, r] of RSP.entries()) {
    const b = await launch();
    contexts.push(b);
    r.ctx = b;
    const page = r.page = await b.context.newPage();
    if (i === 1) await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(r.link, { waitUntil: 'networkidle' });
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Choose a password');
    // the errors first: two passwords that differ
    await page.fill('#new-password', 'short');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.locator('.error-summary').waitFor();
    assert.match(await page.locator('#new-password-error').innerText(), /at least 10 characters/);
    if (i === 0) await noViolations(page, 'the set-password page with an error');
    r.password = `e2e-${CID}-${i}-pw`;
    await page.fill('#new-password', r.password);
    await page.fill('#new-password-again', r.password);
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.locator('[data-testid="password-set"]').waitFor();
    if (i === 0) { await noViolations(page, 'the set-password page, done'); await shot(page, 'maturity-password-set'); }

    // signing in lands on their own questionnaire for this assessment
    await signIn(page, r.email, r.password);
    await page.waitForURL((u) => u.pathname === respond);
    await ready(page);
    assert.match(await page.locator('h1').innerText(), /Your answers for Fictional country XAB/);
    assert.equal(await page.locator('.site-nav a', { hasText: 'Overview' }).count(), 0, 'no public menu for a respondent');
    const card = page.locator(`[id="q-${Q}"]`);
    await card.waitFor();
    // the scale's levels as radios, each with its description visible
    assert.equal(await card.locator('input[type=radio]').count(), 5);
    const desc = card.locator('.radio-hint').first();
    assert.ok(await desc.isVisible(), 'the level description is shown, not a tooltip');
    const described = await card.locator('input[type=radio]').first().getAttribute('aria-describedby');
    assert.ok(described && (await page.locator(`[id="${described}"]`).count()) === 1, 'the radio is described by its level');
    assert.equal(await card.locator('.q-history, .evidence').count(), 0, 'no evidence or history for a respondent');
    // keyboard: focus the first level and move with the arrow keys
    await card.locator('input[type=radio]').first().focus();
    for (let k = 0; k < Number(r.rating); k++) await page.keyboard.press('ArrowDown');
    await card.locator('.save-saved').waitFor({ timeout: 10000 });
    assert.match(await card.locator('.save-saved').innerText(), /Saved \d{2}:\d{2}/);
    assert.equal(await card.locator(`input[value="${r.rating}"]`).isChecked(), true);
    await card.locator('summary', { hasText: 'Add a comment' }).click();
    await card.locator(`[id="c-${Q}"]`).fill(r.comment);
    await card.locator(`[id="c-${Q}"]`).blur();
    await page.locator('.save-bar', { hasText: /All answers saved/ }).waitFor({ timeout: 10000 });
    await noViolations(page, `the respondent's questionnaire (${i ? 'phone' : 'desktop'})`);
    await shot(page, i ? 'maturity-respondent-phone' : 'maturity-respondent');
  }
});

test('a respondent gets nothing but their own questionnaire', async () => {
  const r = RSP[0];
  const page = r.page;
  // My work takes them back to their questionnaire
  await go(page, '/work');
  await page.waitForURL((u) => u.pathname === respond);
  // the assessment, its workshop, review and live results are refused
  for (const path of [`/campaigns/${CID}/assessments/${UNIT}`, ws, `/campaigns/${CID}/review/${UNIT}`, mt, rp]) {
    await go(page, path);
    const refused = await page.locator('[data-testid="not-allowed"], .state-error, .state-empty').count();
    assert.ok(refused > 0, `${path} is refused to a respondent`);
    assert.equal(await page.locator('[data-testid="maturity-figures"], .wq, table.respondents').count(), 0, `${path} shows no data`);
  }
  // and the API says so too
  const me = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).user);
  const mine = me.roles.find((g) => g.role === 'respondent');
  assert.ok(mine && mine.respondent, 'the grant names the respondent record');
  const base = `/campaigns/${CID}/assessments/${UNIT}`;
  assert.equal(await pageGet(page, base), 403);
  assert.equal(await pageGet(page, `${base}/respondents`), 403);
  assert.equal(await pageGet(page, `${base}/responses`), 403);
  assert.equal(await pageGet(page, `${base}/targets`), 403);
  assert.equal(await pageGet(page, `${base}/respondents/${mine.respondent}`), 200);
  assert.equal(await pageGet(page, `${base}/respondents/${mine.respondent + 1}`), 403);
});

test('the facilitator sees the divergence, records the consensus with a note', async () => {
  const page = facPage;
  await go(page, ws + '?show=divergent');
  const q = page.locator(`.wq[data-question="${Q}"]`);
  await q.waitFor();
  const text = await q.innerText();
  for (const r of RSP) {
    assert.match(text, new RegExp(r.name));
    assert.match(text, new RegExp(r.comment.replace(/[.]/g, '\\.')));
  }
  assert.match(await q.locator('[data-testid="divergent"]').innerText(), /Views differ by 2 levels or more/);
  assert.match(await q.locator('[data-testid="median"]').innerText(), /2 – Explicit, internal/);
  const counts = Object.fromEntries(await q.locator('[data-testid="counts"] tbody tr').evaluateAll(
    (trs) => trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent])));
  assert.deepEqual(counts, { '0 – Not available': '0', '1 – Implicit': '1', '2 – Explicit, internal': '0', '3 – Explicit, formalised': '1', '4 – Explicit, audited': '0' });
  await noViolations(page, 'the workshop with answers');
  await shot(page, 'maturity-workshop-divergent');

  // an empty consensus is refused at the field
  await q.getByRole('button', { name: 'Record the consensus' }).click();
  assert.match(await q.locator('.field-error').innerText(), /Choose the answer the group agrees on/);
  await q.locator(`label[for="cs-${Q}-2"]`).click();
  await q.locator(`[id="cs-${Q}-note"]`).fill(NOTE);
  await q.getByRole('button', { name: 'Record the consensus' }).click();
  await q.locator('[data-testid="consensus"]').waitFor();
  assert.match(await q.locator('[data-testid="consensus"]').innerText(), /Recorded: 2 – Explicit, internal/);
  assert.match(await q.locator('[data-testid="consensus"]').innerText(), new RegExp(NOTE.slice(0, 20)));

  // an answer entered on a respondent's behalf, at the workshop
  await go(page, ws);
  const q2 = page.locator('.wq[data-question="O-2"]');
  await q2.locator('summary', { hasText: 'Enter an answer for a respondent' }).click();
  await q2.locator('select').selectOption({ label: RSP[1].name });
  await q2.locator('label[for="ob-O-2-4"]').click();
  await q2.getByRole('button', { name: 'Save their answer' }).click();
  await q2.locator('.wq-responses', { hasText: RSP[1].name }).waitFor();
  assert.match(await q2.locator('.wq-responses').innerText(), /4 – Explicit, audited/);
  // the annex workbook
  const annex = await page.evaluate(async (u) => { const r = await fetch(u); return [r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength]; },
    await page.locator('a', { hasText: 'Download every individual answer' }).getAttribute('href'));
  assert.equal(annex[0], 200);
  assert.match(annex[1], /spreadsheetml/);
  assert.ok(annex[2] > 1000, 'an XLSX file');

  // the assessment's answer is the consensus
  const fa = await apiSession(FAC, logins[FAC]);
  const a = await fa('GET', `/campaigns/${CID}/assessments/${UNIT}`);
  assert.equal(a.json.answers[Q].answer, '2');
  assert.equal(a.json.answers[Q].comment, NOTE);
  await page.setViewportSize({ width: 390, height: 844 });
  await go(page, ws + '?show=divergent');
  await shot(page, 'maturity-workshop-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the live maturity page and the printable report show the consensus and the targets', async () => {
  const page = facPage;
  await go(page, mt);
  await page.locator('[data-testid="live-note"]').waitFor();
  assert.match(await page.locator('.chart-title').first().innerText(), /Strongest in|is at|Nothing/);
  // Basic asks O-1 >= 2: met now; intermediate asks 3: short by one level, attained 2.
  const basic = page.locator('.target[data-target="basic"]');
  const inter = page.locator('.target[data-target="intermediate"]');
  assert.equal(await basic.locator(`tr[data-node="${Q}"]`).count(), 0, 'O-1 meets the basic minimum');
  const row = inter.locator(`tr[data-node="${Q}"]`);
  assert.equal(await row.count(), 1, 'O-1 is short of the intermediate minimum');
  const cells = await row.locator('td').allTextContents();
  assert.deepEqual(cells, ['3 – Explicit, formalised', '2 – Explicit, internal', '1 level']);
  // every chart has its table
  for (const frame of await page.locator('section.chart:has(.chart-toolbar)').all()) {
    assert.equal(await frame.locator('table.data').count(), 1, 'a table view beside the chart');
  }
  await noViolations(page, 'the live maturity page');
  await shot(page, 'maturity-live');
  await page.setViewportSize({ width: 390, height: 844 });
  await go(page, mt);
  await shot(page, 'maturity-live-phone');
  await page.setViewportSize({ width: 1280, height: 900 });

  await go(page, rp);
  const report = page.locator('[data-testid="report"]');
  await report.waitFor();
  const annex = page.locator(`.annex-q[data-question="${Q}"]`);
  const at = await annex.innerText();
  for (const r of RSP) assert.match(at, new RegExp(r.name));
  assert.match(at, /Consensus/);
  assert.match(at, new RegExp(NOTE.slice(0, 20)));
  assert.match(at, /Views differ by 2 levels or more/);
  assert.equal(await report.locator(`.target[data-target="intermediate"] tr[data-node="${Q}"]`).count(), 1);
  await noViolations(page, 'the report');
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'maturity-report-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 4, `the report prints on several A4 pages (cover, summary, profile, gaps, annex): ${pages}`);
  await page.emulateMedia({ media: 'screen' });
});

test('published, the maturity page is public and the campaign of one unit has no ranking', async () => {
  for (const s of ['review', 'closed', 'published']) {
    const r = await analyst('POST', `/campaigns/${CID}/status`, { status: s });
    assert.equal(r.status, 200, `${s}: ${JSON.stringify(r.json)}`);
  }
  const b = await launch();
  contexts.push(b);
  const page = await b.context.newPage();
  await go(page, mt);
  await page.locator('.mode-tag', { hasText: 'Published results' }).waitFor();
  const row = page.locator(`.target[data-target="intermediate"] tr[data-node="${Q}"]`);
  assert.deepEqual(await row.locator('td').allTextContents(), ['3 – Explicit, formalised', '2 – Explicit, internal', '1 level']);
  const csv = await page.evaluate(async (c) => { const r = await fetch(`/api/v1/campaigns/${c}/results/XAB/targets.csv`); return [r.status, await r.text()]; }, CID);
  assert.equal(csv[0], 200);
  assert.match(csv[1], /unit,target,node,required,attained,met/);
  await noViolations(page, 'the published maturity page');
  await shot(page, 'maturity-published');
  // nobody outside the team sees the individual answers
  await go(page, rp);
  assert.equal(await page.locator('.report-annex').count(), 0, 'no annex for the public');

  await go(page, `/rankings?campaign=${CID}`);
  assert.match(await page.locator('main').innerText(), /assesses a single unit, so it has no ranking/);
  assert.equal(await page.locator('table.ranking').count(), 0);
  await noViolations(page, 'the rankings of a campaign of one unit');
  await go(page, `/units/${UNIT}?campaign=${CID}`);
  assert.equal(await page.locator('[data-testid="profile-rank"]').count(), 0, 'no rank on the profile');
  assert.equal(await page.locator('th', { hasText: /^Rank$/ }).count(), 0, 'no rank column');
});

test('a published readiness assessment of one unit: stages, targets and trend, no script errors', async () => {
  const b = await launch();
  contexts.push(b);
  const page = await b.context.newPage();
  await go(page, '/campaigns/national-maturity-2026/maturity/XAA');
  await page.locator('.chart-stages svg').waitFor();
  assert.match(await page.locator('.chart-stages .chart-title').innerText(), /aspects/);
  await page.locator('.chart-title', { hasText: /since|As far as|Across/ }).waitFor();
  await noViolations(page, 'a published national maturity page');
  await shot(page, 'maturity-national');
  await go(page, '/campaigns/cirt-readiness-2026/maturity/XAC');
  await noViolations(page, 'a published readiness page');
  await shot(page, 'maturity-readiness');
  const all = [...fac.errors, ...b.errors, ...RSP.flatMap((r) => r.ctx?.errors || [])];
  assert.deepEqual(all.filter((e) => !/status of (401|403|404|422)/.test(e)), []);
});
