// End-to-end tests of crosswalks in the browser against `cybercap demo`:
// the coverage page (every crosswalk onto a framework counted by how each
// part and question is covered, as GET /mappings/{id} gives it; the chosen
// crosswalk's rows, sources and unmapped nodes; another version of the
// target), and starting an assessment from another one on a campaign the
// analyst creates for this test (national-commitment 2027 for XAA, so that
// nothing else touches it): the focal point pre-fills it from the unit's
// published 2026 answers through the 2026-2027 edition crosswalk, sees
// what was pre-filled, each pre-filled answer marked on its question and
// listed until confirmed or changed, and cannot submit before. axe-core
// finds nothing on these pages; screenshots at desktop and phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SHOTS, api, apiSession, axe, launch, open, readLogins, shot, signIn } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const UNIT = 'XAA';
const CID = 'e2e-pf-' + Date.now().toString(36);
const EDITION = 'national-commitment-2026-2027';
let b, page, logins, analyst, list;

const KINDS = ['equal', 'superset', 'subset', 'intersect', 'not_related', 'none'];
const WORDS = { equal: 'The same', superset: 'Fully covered', subset: 'Partly covered', intersect: 'Overlaps', not_related: 'Checked, not related', none: 'Not covered' };
const kind = (r) => r.relation ?? 'none';
const noViolations = async (p, what) => {
  const v = await axe(p);
  assert.deepEqual(v, [], `${what}: axe violations: ${JSON.stringify(v, null, 1)}`);
};

before(async () => {
  b = await launch();
  page = await b.context.newPage();
  list = (await api('/mappings')).mappings;
  if (DATA) {
    logins = readLogins(DATA);
    analyst = await apiSession('analyst@demo.cybercap', logins['analyst@demo.cybercap']);
  }
});
after(async () => { await b?.close(); });

/** The coverage page's rows for the crosswalk shown: [target, kind, sources]. */
const pageRows = (p) => p.locator('.cw-detail table tbody tr').evaluateAll((trs) => trs.map((tr) => [
  tr.dataset.target, tr.dataset.kind, [...tr.querySelectorAll('.cw-sources .cw-id')].map((s) => s.textContent),
]));

test('crosswalks: every crosswalk onto the framework counted as /mappings/{id} gives its coverage', async () => {
  await open(page, '/crosswalks');
  await page.waitForSelector('.cw-detail table', { state: 'attached' });
  const target = new URL(page.url()).searchParams.get('target') || 'national-commitment';
  assert.equal(target, 'national-commitment');
  const key = await page.inputValue('#cw-target');
  const [, version] = key.split('@');
  const onto = list.filter((m) => m.target === target && m.target_version === version);
  assert.ok(onto.length >= 1);
  // the version most crosswalks lead to is the one shown
  for (const v of new Set(list.filter((m) => m.target === target).map((m) => m.target_version))) {
    assert.ok(list.filter((m) => m.target === target && m.target_version === v).length <= onto.length, v);
  }
  const details = await Promise.all(onto.map((m) => api('/mappings/' + m.id)));
  const rows = await page.locator('section.cw-chart table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(rows.length, details.length);
  details.forEach((d, i) => {
    const counts = KINDS.map((k) => d.coverage.filter((r) => kind(r) === k).length);
    assert.deepEqual(rows[i].slice(1).map(Number), [...counts, d.coverage.length], d.id);
    assert.equal(d.coverage.length, d.target_nodes, `${d.id}: a row per target node`);
  });
  const header = await page.locator('section.cw-chart table thead th').allTextContents();
  assert.deepEqual(header.slice(1, 7), KINDS.map((k) => WORDS[k]), 'relations in plain words');
  // the title names the crosswalk that covers most
  const covers = (d) => d.coverage.filter((r) => ['equal', 'superset', 'subset', 'intersect'].includes(kind(r))).length;
  const best = [...details].sort((x, y) => covers(y) - covers(x))[0];
  assert.ok((await page.locator('section.cw-chart .chart-title').innerText()).includes(`${covers(best)} of ${best.coverage.length} parts and questions`));
  // what the words mean, for a non-technical reader
  const words = await page.locator('.cw-words').innerText();
  for (const k of KINDS) assert.ok(words.includes(WORDS[k]), k);
  await noViolations(page, 'crosswalks');
  await shot(page, 'crosswalks');
});

test('crosswalks: the chosen crosswalk\'s rows, sources and unmapped nodes equal /mappings/{id}', async () => {
  const id = await page.inputValue('#cw-mapping');
  const d = await api('/mappings/' + id);
  assert.deepEqual(await pageRows(page), d.coverage.map((r) => [r.target, kind(r), r.sources]));
  const unmapped = await page.locator('.cw-unmapped-list li').evaluateAll((ls) => ls.map((l) => l.dataset.target));
  assert.deepEqual(unmapped, d.unmapped_nodes);
  assert.match(await page.locator('#cw-unmapped-title').innerText(), new RegExp(`^${d.unmapped_nodes.length} parts? (and|or) questions? that nothing in`));
  // a rationale is shown with its pair
  const withWhy = d.mappings.find((p) => p.rationale && d.coverage.find((r) => r.target === p.target)?.sources.includes(p.source));
  if (withWhy) assert.ok((await page.locator(`.cw-detail tr[data-target="${withWhy.target}"] .cw-why`).allTextContents()).includes(withWhy.rationale));
  // "Not covered" shows the same nodes as the list
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Not covered' }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('show') === 'uncovered');
  const shown = (await pageRows(page)).map((r) => r[0]);
  assert.deepEqual(shown, d.coverage.filter((r) => kind(r) === 'none' || kind(r) === 'not_related').map((r) => r.target));
  assert.equal(await page.locator('details.cw-part:not([open])').count(), 0, 'a filtered view opens every part');
  await noViolations(page, 'crosswalks, not covered');
});

test('crosswalks: the 2027 edition of national-commitment, compared with its 2026 edition', async () => {
  const m = list.find((x) => x.id === EDITION);
  assert.ok(m, 'the demo loads the edition crosswalk');
  await open(page, `/crosswalks?target=${m.target}&version=${m.target_version}`);
  await page.waitForSelector('.cw-detail table', { state: 'attached' });
  assert.equal(await page.inputValue('#cw-target'), `${m.target}@${m.target_version}`);
  assert.equal(await page.inputValue('#cw-mapping'), EDITION);
  const d = await api('/mappings/' + EDITION);
  assert.deepEqual(await pageRows(page), d.coverage.map((r) => [r.target, kind(r), r.sources]));
  assert.match(await page.locator('.answer .lead').innerText(), /the 2026 edition of the same framework/);
  await shot(page, 'crosswalks-edition');
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  await open(phone, `/crosswalks?target=${m.target}&version=${m.target_version}`);
  await phone.waitForSelector('.cw-detail table', { state: 'attached' });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scroll (${overflow}px)`);
  await noViolations(phone, 'crosswalks at phone width');
  await shot(phone, 'phone-crosswalks');
  await phone.close();
});

// ---------------------------------------------------------------- pre-filling

const qPath = `/campaigns/${CID}/assessments/${UNIT}`;
const card = (q) => page.locator(`section.q[id="q-${q}"]`);

test('start from another assessment: pre-filled answers are listed, marked on their questions, and block submitting', async (t) => {
  if (!DATA) return t.skip('E2E_DATA (tests/e2e/run.sh) names the demo logins');
  const m = list.find((x) => x.id === EDITION);
  let r = await analyst('POST', '/campaigns', { id: CID, framework: m.target, framework_version: m.target_version, title: `Prefill test (${CID})`, year: 2030, units: [UNIT] });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  r = await analyst('POST', `/campaigns/${CID}/status`, { status: 'open' });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const from = (await api('/campaigns')).campaigns.filter((c) => c.framework === m.source && c.framework_version === m.source_version && c.status === 'published')
    .sort((x, y) => y.year - x.year)[0];
  assert.ok(from, 'a published campaign on the crosswalk\'s source version');

  const p2 = await b.context.newPage();
  page = p2;
  await signIn(page, 'focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap'], qPath);
  await page.waitForSelector('.qn-layout');
  const panel = page.locator('details.pf-start');
  await panel.locator('summary').click();
  assert.equal(await page.inputValue('#pf-mapping'), EDITION, 'the crosswalk onto this version is offered');
  assert.equal(await page.inputValue('#pf-from'), from.id, 'the latest campaign it can start from');
  await noViolations(page, 'the questionnaire with the pre-fill form');
  const [resp] = await Promise.all([
    page.waitForResponse((x) => x.url().endsWith(`${qPath}/prefill`) && x.request().method() === 'POST'),
    page.getByRole('button', { name: 'Pre-fill the unanswered questions' }).click(),
  ]);
  assert.equal(resp.status(), 200);
  assert.deepEqual(JSON.parse(resp.request().postData()), { mapping: EDITION, from_campaign: from.id });
  const res = await resp.json();
  assert.ok(res.prefilled.length > 0, 'something was pre-filled');
  await page.locator('#pf-result').waitFor();
  // what was pre-filled: one line per answer, in the server's order
  assert.match(await page.locator('#pf-result h2').innerText(), new RegExp(`^${res.prefilled.length} answers? pre-filled from ${from.title.replace(/[()]/g, '\\$&')}`));
  assert.deepEqual(await page.locator('#pf-result li').evaluateAll((ls) => ls.map((l) => l.dataset.question)), res.prefilled.map((x) => x.question));
  // the list still to confirm equals the assessment's
  await page.locator('#pf-pending').waitFor();
  let a = (await analyst('GET', `/campaigns/${CID}/assessments/${UNIT}`)).json;
  assert.deepEqual(a.prefilled.slice().sort(), res.prefilled.map((x) => x.question).sort());
  assert.deepEqual(await page.locator('#pf-pending li').evaluateAll((ls) => ls.map((l) => l.dataset.question)).then((x) => x.sort()), a.prefilled.slice().sort());
  assert.match(await page.locator('#pf-pending h2').innerText(), new RegExp(`^${a.prefilled.length} pre-filled answers? to confirm or change`));
  await shot(page, 'prefill-done');

  // the list shows a few and the rest on request
  const more = page.locator('#pf-pending details.pf-more');
  if (a.prefilled.length > 5) {
    assert.equal(await page.locator('#pf-pending > ul li').count(), 5);
    assert.match(await more.locator('summary').innerText(), new RegExp(`Show ${a.prefilled.length - 5} more`));
  }
  // each pre-filled answer is marked on its question, and the answer shown is the one pre-filled
  const [first, second] = res.prefilled;
  await page.locator(`#pf-pending li[data-question="${first.question}"] a`).click();
  await card(first.question).waitFor();
  const note = card(first.question).locator('.q-prefill');
  assert.match(await note.innerText(), new RegExp(`Pre-filled from ${from.title.replace(/[()]/g, '\\$&')} — confirm or change`));
  assert.equal(await card(first.question).locator(`input[value="${first.answer}"]`).first().isChecked(), true, 'the pre-filled answer is chosen');
  await noViolations(page, 'a pre-filled question');
  await card(first.question).screenshot({ path: join(SHOTS, 'prefill-card.png') });

  // submitting waits until none is left
  await open(page, qPath + '?section=_submit');
  const submit = page.locator('.submit-box button');
  assert.equal(await submit.isDisabled(), true, 'no submitting with pre-filled answers unconfirmed');
  assert.match(await page.locator('#submit-why').innerText(), /pre-filled answers? (has|have) been confirmed or changed/);

  // confirm one: its mark goes, the list shrinks, the server agrees
  await open(page, qPath);
  if (await more.count()) await more.locator('summary').click();
  await page.locator(`#pf-pending li[data-question="${first.question}"] a`).click();
  await card(first.question).locator('.q-prefill').waitFor();
  await card(first.question).getByRole('button', { name: 'Confirm this answer' }).click();
  await card(first.question).locator('.q-prefill').waitFor({ state: 'detached' });
  a = (await analyst('GET', `/campaigns/${CID}/assessments/${UNIT}`)).json;
  assert.ok(!a.prefilled.includes(first.question), 'confirmed on the server');
  assert.equal(a.answers[first.question].answer, first.answer, 'kept as it was');
  assert.equal(await page.locator(`#pf-pending li[data-question="${first.question}"]`).count(), 0);

  // change another: its mark goes once the new answer is saved
  if (second) {
    if (await more.count() && !(await more.evaluate((d) => d.open))) await more.locator('summary').click();
    await page.locator(`#pf-pending li[data-question="${second.question}"] a`).click();
    await card(second.question).locator('.q-prefill').waitFor();
    const other = card(second.question).locator(`input[type=radio]:not([value="${second.answer}"])`).first();
    const value = await other.getAttribute('value');
    await other.check();
    await card(second.question).locator('.save-saved').waitFor({ timeout: 10000 });
    await card(second.question).locator('.q-prefill').waitFor({ state: 'detached', timeout: 10000 });
    a = (await analyst('GET', `/campaigns/${CID}/assessments/${UNIT}`)).json;
    assert.ok(!a.prefilled.includes(second.question), 'a changed answer is no longer pre-filled');
    assert.equal(a.answers[second.question].answer, value);
  }
  const left = a.prefilled.length;
  if (left) assert.equal(await page.locator('#pf-pending li').count(), left);
  else assert.equal(await page.locator('#pf-pending').count(), 0);
  await shot(page, 'prefill-after');
  await page.close();
});

test('start from another assessment at phone width', async (t) => {
  if (!DATA) return t.skip('E2E_DATA (tests/e2e/run.sh) names the demo logins');
  page = await b.context.newPage();
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page, qPath);
  await page.waitForSelector('.qn-layout');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scroll (${overflow}px)`);
  await noViolations(page, 'the questionnaire with pre-filled answers, phone');
  await shot(page, 'phone-prefill');
  await page.close();
});
