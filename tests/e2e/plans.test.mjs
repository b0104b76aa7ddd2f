// End-to-end test of action plans in the browser (pages/build/):
//   anonymous: the plans list and the public plan xaa-2026 match the API
//   (counts by status, overdue), its monitoring figures equal GET
//   /monitoring, its report prints on a few A4 pages; the private CIRT plan
//   xac-cirt is neither listed nor readable, nor by the focal point of XAB;
//   the focal point of XAA creates a plan in the form, drafts it from the
//   strategy evaluation's unmet target (ncs-evaluation-2026), accepts one
//   proposal and drops another, adds an action (a date that does not exist
//   first: the error summary names the field) and prints the report;
//   a CIRT plan from the template shows its phases, the service catalogue
//   is chosen and the report lists it;
//   the focal point of XAA fills a strategy evaluation (an ncs-evaluation
//   campaign opened for the test) in the questionnaire, drafts a plan from
//   it (live: not published; a gap count that is not a number first: the
//   error summary names it) against the good-practice target, and the
//   plan's report names each action's source element (gap, unmet target,
//   or both in one action);
//   deleting a plan asks first (what goes, what keeps its record), Cancel
//   keeps it, Yes deletes it and the list says so.
// axe-core finds no violation on any page; screenshots (desktop and phone)
// go to build/e2e-screenshots/plans-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, apiSession, axe, expectFocus, launch, readLogins, shot } from './helpers.mjs';

const DATA = process.env.E2E_DATA;
const SUFFIX = Date.now().toString(36);
const NEW = 'e2e-ncs-' + SUFFIX;
const CIRT = 'e2e-cirt-' + SUFFIX;
const EVAL = 'e2e-eval-' + SUFFIX;
const EVALPLAN = 'e2e-evalplan-' + SUFFIX;
let logins, browser, page, focal;

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
  await shot(p, 'plans-' + name);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.waitForTimeout(150);
  await shot(p, 'plans-' + name + '-phone');
  await p.setViewportSize({ width: 1280, height: 900 });
}
const text = (p, sel) => p.locator(sel).first().innerText();
const pct = (x) => `${Math.round(x)}%`;

before(async () => {
  logins = readLogins(DATA);
  focal = await apiSession('focal.xaa@demo.cybercap', logins['focal.xaa@demo.cybercap']);
  browser = await launch();
  page = await browser.context.newPage();
});
after(async () => { await browser?.close(); });

test('anonymous: the list and the public plan match the API', async () => {
  const list = await api('/plans?unit=XAA');
  await go(page, '/plans?unit=XAA');
  const rows = await page.locator('[data-testid=plans-table] tbody tr').evaluateAll((trs) => trs.map((r) => r.dataset.plan));
  assert.deepEqual(rows, list.plans.map((p) => p.id));
  assert.ok(rows.includes('xaa-2026'));
  await clean(page, 'plans list');
  await shots(page, 'list');
  await go(page, '/plans?unit=XAC');
  assert.equal(await page.locator('[data-plan=xac-cirt]').count(), 0, 'the private CIRT plan is not listed');

  const plan = await api('/plans/xaa-2026');
  await go(page, '/plans/xaa-2026');
  for (const [s, n] of Object.entries(plan.progress.by_status)) {
    assert.equal(await text(page, `[data-testid=by-status] [data-status=${s}] .count`), String(n), 'count of ' + s);
  }
  assert.equal(await text(page, '[data-testid=plan-overdue]'), String(plan.progress.overdue));
  assert.equal(await text(page, '[data-testid=plan-overall]'), pct(plan.progress.overall));
  const overdue = plan.objectives.flatMap((o) => o.actions).filter((a) => a.overdue);
  assert.ok(overdue.length >= 1);
  for (const a of overdue) assert.match(await text(page, `tr[data-action="${a.id}"]`), /Overdue/, 'overdue said in words');
  assert.match(await text(page, 'tr[data-status=blocked]'), /Blocked/);
  assert.ok(await page.locator('.chart-gantt svg[data-chart] rect').count() > 3, 'the timeline draws the actions');
  await page.selectOption('#f-status', 'done');
  await page.waitForFunction(() => document.querySelectorAll('tr[data-action]').length > 0);
  assert.equal(await page.locator('tr[data-action]').count(), plan.progress.by_status.done);
  await page.selectOption('#f-status', '');
  await page.check('#f-overdue');
  await page.waitForFunction((n) => document.querySelectorAll('tr[data-action]').length === n, overdue.length);
  await page.uncheck('#f-overdue');
  await clean(page, 'plan page');
  await shots(page, 'plan');
});

test('anonymous: monitoring equals GET /monitoring; the report prints on A4', async () => {
  const m = await api('/plans/xaa-2026/monitoring');
  await go(page, '/plans/xaa-2026/monitoring');
  assert.equal(await text(page, '[data-testid=mon-overall]'), pct(m.progress.overall));
  assert.equal(await text(page, '[data-testid=mon-overdue]'), String(m.actions.overdue));
  assert.equal(await text(page, '[data-testid=mon-blocked]'), String(m.actions.blocked));
  assert.equal(await text(page, '[data-testid=mon-counted]'), `${m.actions.counted} of ${m.actions.total}`);
  assert.equal(await page.locator('[data-testid=overdue-list] li').count(), m.actions.overdue_actions.length);
  assert.equal(await page.locator('[data-testid=blocked-list] li').count(), m.actions.blocked_actions.length);
  const r = m.remeasurement;
  assert.match(await text(page, '[data-testid=remeasure-summary]'), new RegExp(`Actions done on ${r.rose_done} of ${r.rose} nodes that rose \\(${r.compared} nodes compared`));
  assert.equal(await page.locator('#nodes-table tbody tr').count(), m.nodes.length);
  for (const o of m.objectives) assert.match(await text(page, `[data-testid=objective-rags] [data-objective="${o.id}"]`), o.rag ? new RegExp(o.rag, 'i') : /No status/);
  await clean(page, 'monitoring');
  await shots(page, 'monitoring');

  await go(page, '/plans/xaa-2026/report?period=2026-Q3');
  const rep = await api('/plans/xaa-2026/report?period=2026-Q3');
  assert.equal(await page.locator('#report-rows tbody tr').count(), rep.rows.length);
  assert.match(await text(page, '[data-testid=report-period]'), /Quarter 3 of 2026/);
  await clean(page, 'report');
  await shots(page, 'report');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 4, `the report prints on ${pages} A4 pages`);
  const csv = await fetch(BASE + '/api/v1/plans/xaa-2026/report.csv?period=2026-Q3');
  assert.equal(csv.status, 200);
  assert.ok(await page.locator('a[href$="report.xlsx?period=2026-Q3"]').count() === 1);
});

test('the profile shows the public plan beside the scores', async () => {
  await go(page, '/units/XAA');
  const panel = page.locator('[data-testid=plan-panel]');
  await panel.waitFor();
  assert.match(await panel.innerText(), /Open the plan/);
  await clean(page, 'profile with plan');
});

test('the private CIRT plan: not for anonymous, nor for the focal point of XAB', async () => {
  await go(page, '/plans/xac-cirt');
  assert.match(await text(page, 'main'), /Sign in/);
  const other = await launch();
  try {
    const p = await other.context.newPage();
    await signIn(p, 'focal.xab@demo.cybercap');
    await go(p, '/plans/xac-cirt');
    await p.locator('[data-testid=not-allowed]').waitFor();
    const xab = await apiSession('focal.xab@demo.cybercap', logins['focal.xab@demo.cybercap']);
    assert.equal((await xab('GET', '/plans/xac-cirt')).status, 403);
  } finally { await other.close(); }
});

test('the strategy evaluation to a plan: new plan, draft from the unmet target, accept, drop, an action, the report', async () => {
  await signIn(page, 'focal.xaa@demo.cybercap');
  // the maturity pages show the published evaluation
  await go(page, '/campaigns/ncs-evaluation-2026/maturity/XAA');
  assert.doesNotMatch(await text(page, 'main'), /could not be loaded/);
  await go(page, '/plans?unit=XAA');
  await page.click('text=New plan');
  await ready(page);
  await page.fill('#np-id', 'Bad Id');
  await page.fill('#np-title', 'Strategy follow-up (e2e)');
  await page.click('[data-testid=new-plan] button[type=submit]');
  await page.locator('.error-summary a[href="#np-id"]').waitFor();
  await clean(page, 'new plan with an error');
  await shots(page, 'new-plan-error');
  await page.fill('#np-id', NEW);
  await page.fill('#np-start', '2026-01-01');
  await page.fill('#np-end', '2027-12-31');
  await page.click('[data-testid=new-plan] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/plans/' + NEW);
  await ready(page);

  await go(page, `/plans/${NEW}/draft`);
  await page.selectOption('#dr-campaign', 'ncs-evaluation-2026');
  await page.waitForFunction(() => document.querySelectorAll('#dr-target option').length > 1);
  await page.selectOption('#dr-target', 'good-practice');
  await page.click('[data-testid=draft-form] button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('.proposal').length >= 2);
  const ids = await page.locator('.proposal[data-kind=target]').evaluateAll((ls) => ls.map((l) => Number(l.dataset.action)));
  assert.ok(ids.length >= 2, 'proposals from the unmet target');
  assert.match(await text(page, `.proposal[data-action="${ids[0]}"] [data-testid=source]`), /the target “good-practice” in ncs-evaluation-2026, node .*: it requires [0-9.]+, attained/);
  await clean(page, 'draft');
  await shots(page, 'draft');
  await page.click(`.proposal[data-action="${ids[0]}"] button:has-text("Accept")`);
  await page.waitForFunction((id) => !document.querySelector(`.proposal[data-action="${id}"]`), ids[0]);
  await page.click(`.proposal[data-action="${ids[1]}"] button:has-text("Drop")`);
  await page.waitForFunction((id) => !document.querySelector(`.proposal[data-action="${id}"]`), ids[1]);
  assert.equal((await focal('GET', `/plans/${NEW}/actions/${ids[0]}`)).json.status, 'planned');
  assert.equal((await focal('GET', `/plans/${NEW}/actions/${ids[1]}`)).status, 404);

  const plan = (await focal('GET', `/plans/${NEW}`)).json;
  const obj = plan.objectives[0].id;
  await go(page, `/plans/${NEW}/actions/new?objective=${obj}`);
  await page.fill('#af-title', 'Publish the strategy’s monitoring indicators');
  await page.fill('#af-owner', 'National cybersecurity office (e2e)');
  await page.fill('#af-start', '2026-02-30');
  await page.fill('#af-due', '2026-11-30');
  await page.click('[data-testid=action-form] button[type=submit]');
  const link = page.locator('.error-summary a[href="#af-start"]');
  await link.waitFor();
  assert.match(await link.innerText(), /Start date/);
  assert.ok(await page.locator('#af-start[aria-invalid=true]').count() === 1);
  await clean(page, 'action form with an error');
  await shots(page, 'action-error');
  await page.fill('#af-start', '2026-02-28');
  await page.click('button:has-text("Add an indicator")');
  await page.fill('#af-kpis-0-name', 'Indicators published');
  await page.fill('#af-kpis-0-baseline', '0');
  await page.fill('#af-kpis-0-target', '10');
  await page.click('[data-testid=action-form] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/plans/' + NEW);
  await ready(page);
  assert.match(await text(page, 'main'), /Publish the strategy’s monitoring indicators/);
  await go(page, `/plans/${NEW}/report`);
  await clean(page, 'report of the new plan');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages <= 8, `${pages} pages for ${(await focal("GET", `/plans/${NEW}`)).json.progress.total} actions`);
});

test('the CIRT programme: the template, its phases, the service catalogue, the report', async () => {
  await go(page, '/plans/new?unit=XAA');
  await page.fill('#np-id', CIRT);
  await page.fill('#np-title', 'National CIRT (e2e)');
  await page.selectOption('#np-template', 'cirt-establishment');
  await page.click('[data-testid=new-plan] button[type=submit]');
  await page.waitForURL((u) => u.pathname === '/plans/' + CIRT);
  await ready(page);
  const plan = (await focal('GET', `/plans/${CIRT}`)).json;
  assert.ok(plan.objectives.length >= 4);
  for (const o of plan.objectives) assert.ok(await page.locator(`[data-objective="${o.id}"] h2`).count() === 1, o.title);
  await shots(page, 'cirt-plan');
  await page.click('nav.plan-tabs >> text=Service catalogue');
  await ready(page);
  await page.locator('[data-testid=services-form]').waitFor();
  await page.check('#svc-first', { force: true });
  await page.check('[id="svc-2.2"]', { force: true });
  await page.click('[data-testid=services-form] button[type=submit]');
  await page.locator('.panel-success').waitFor();
  const svc = (await focal('GET', `/plans/${CIRT}/services`)).json.services.map((s) => s.id);
  assert.equal(svc.length, 2);
  await clean(page, 'services');
  await shots(page, 'services');
  await go(page, `/plans/${CIRT}/report`);
  for (const id of svc) assert.match(await text(page, 'main'), new RegExp(id.replace('.', '\\.') + ' '));
  await clean(page, 'CIRT report');
});

test('a strategy evaluation filled in the browser, drafted into a plan; the report names each source element', async () => {
  // a browser of its own, signed in as the focal point of XAA
  const own = await launch();
  const p = await own.context.newPage();
  await signIn(p, 'focal.xaa@demo.cybercap');
  try {
    const admin = await apiSession('admin@demo.cybercap', logins['admin@demo.cybercap']);
    let r = await admin('POST', '/campaigns', { id: EVAL, framework: 'ncs-evaluation', year: 2026, units: ['XAA'],
      title: `Evaluation of XAA's draft strategy (e2e ${SUFFIX})` });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    r = await admin('POST', `/campaigns/${EVAL}/status`, { status: 'open' });
    assert.equal(r.status, 200, JSON.stringify(r.json));

    // the focal point rates four elements of the strategy
    const rated = { 'lifecycle.implementation.action_plan': ['1 – Partly addressed', '1'],
      'lifecycle.implementation.owners': ['2 – Fully addressed', '2'],
      'lifecycle.monitoring.indicators': ['0 – Not addressed', '0'], 'principles.rights': ['1 – Partly addressed', '1'] };
    for (const [q, [label]] of Object.entries(rated)) {
      // one section of the questionnaire at a time: the element's group
      await go(p, `/campaigns/${EVAL}/assessments/XAA?section=${q.split('.').slice(0, -1).join('.')}`);
      const card = p.locator(`[id="q-${q}"]`);
      await card.getByLabel(label, { exact: true }).check();
      await card.locator('.save-saved').waitFor({ timeout: 10000 });
    }
    await p.locator('.save-bar', { hasText: /All answers saved/ }).waitFor({ timeout: 10000 });
    const saved = (await focal('GET', `/campaigns/${EVAL}/assessments/XAA`)).json.answers;
    for (const [q, [, v]] of Object.entries(rated)) assert.equal(String(saved[q].answer), v, q);
    await go(p, `/campaigns/${EVAL}/assessments/XAA?section=lifecycle.implementation`);
    await p.locator('[id="q-lifecycle.implementation.action_plan"]').scrollIntoViewIfNeeded();
    await clean(p, 'the strategy evaluation questionnaire');
    await shots(p, 'evaluation');

    // a plan drafted from the evaluation, live (the campaign is open)
    r = await focal('POST', '/plans', { id: EVALPLAN, unit: 'XAA', title: 'Strategy follow-up (e2e)', start: '2026-01-01', end: '2027-12-31' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    await go(p, `/plans/${EVALPLAN}/draft`);
    await p.selectOption('#dr-campaign', EVAL);
    await p.waitForFunction(() => document.querySelectorAll('#dr-target option').length > 1);
    await p.selectOption('#dr-target', 'good-practice');
    await p.fill('#dr-top', 'ten');
    await p.click('[data-testid=draft-form] button[type=submit]');
    await p.locator('.error-summary a[href="#dr-top"]').waitFor();
    assert.equal((await focal('GET', `/plans/${EVALPLAN}`)).json.progress.total, 0, 'nothing drafted on an error');
    await p.fill('#dr-top', '12');
    await p.click('[data-testid=draft-form] button[type=submit]');
    await p.locator('.panel-success').waitFor();
    const acts = (await focal('GET', `/plans/${EVALPLAN}`)).json.objectives.flatMap((o) => o.actions);
    const nodes = acts.map((a) => a.source.node);
    assert.equal(acts.filter((a) => a.source.kind === 'gap').length, 12, 'the twelve largest gaps asked for');
    assert.equal(new Set(nodes).size, nodes.length, 'one proposal per element');
    assert.ok(!nodes.includes('lifecycle.implementation.owners'), 'a fully addressed element is proposed for nothing');
    const ap = acts.find((a) => a.source.node === 'lifecycle.implementation.action_plan');
    assert.ok(ap, 'the partly addressed element the target requires is proposed');
    assert.equal(ap.source.target, 'good-practice');
    assert.equal(ap.source.detail.target?.required ?? ap.source.detail.required, 2);
    const both = acts.filter((a) => a.source.kind === 'gap' && a.source.target);
    assert.ok(both.length >= 1, 'an element both among the largest gaps and unmet is one action');
    assert.match(await text(p, '.panel-success'), /both a gap and unmet by the target/);
    assert.match(await text(p, `.proposal[data-action="${both[0].id}"] [data-testid=source]`),
      new RegExp(`a gap in ${EVAL}, node ${both[0].source.node.replace(/\./g, '\\.')}: .*The target “Strategy in line with good practice” leaves it unmet too: it requires ${both[0].source.detail.target.required}, attained`));
    await clean(p, 'the draft from the evaluation');
    await shots(p, 'evaluation-draft');
    await p.click(`.proposal[data-action="${ap.id}"] button:has-text("Accept")`);
    await p.waitForFunction((id) => !document.querySelector(`.proposal[data-action="${id}"]`), ap.id);

    // the report: every action with the element it came from
    await go(p, `/plans/${EVALPLAN}/report`);
    const rep = (await focal('GET', `/plans/${EVALPLAN}/report`)).json;
    const cells = await p.locator('#report-rows tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      title: tr.querySelector('th').innerText, source: tr.lastElementChild.innerText })));
    assert.equal(cells.length, rep.rows.length);
    for (const row of rep.rows) {
      const c = cells.find((x) => x.title === row.title);
      assert.ok(c, row.title);
      const s = row.source;
      const kind = s.kind === 'gap' && s.target ? /^Gap, and target “good-practice” unmet: / : s.kind === 'gap' ? /^Gap: / : /^Target “good-practice” unmet: /;
      assert.match(c.source, kind, row.title);
      assert.ok(c.source.endsWith(s.node), `${row.title}: ${c.source} names ${s.node}`);
    }
    await clean(p, 'the report of the drafted plan');
    await shots(p, 'evaluation-report');
  } finally { await own.close(); }
});

test('deleting a plan asks first, Cancel keeps it, Yes deletes it', async () => {
  const plan = (await focal('GET', `/plans/${CIRT}`)).json;
  const n = plan.objectives.reduce((k, o) => k + o.actions.length, 0);
  await go(page, `/plans/${CIRT}`);
  await page.click('.delete-plan > button');
  const box = page.locator('[data-testid=delete-confirm]');
  await box.waitFor();
  await expectFocus(page, '[data-testid=delete-confirm] button.button-warning', 'the confirmation');
  assert.match(await box.innerText(), new RegExp(`with its ${plan.objectives.length} objectives and ${n} actions`));
  assert.match(await box.innerText(), /keep their own records/);
  await clean(page, 'the deletion confirmation');
  await box.scrollIntoViewIfNeeded();
  await shots(page, 'delete-confirm');
  await box.locator('button:has-text("Cancel")').click();
  await box.waitFor({ state: 'detached' });
  assert.equal((await focal('GET', `/plans/${CIRT}`)).status, 200, 'Cancel keeps the plan');
  await page.click('.delete-plan > button');
  await box.locator('button.button-warning').click();
  await page.waitForURL((u) => u.pathname === '/plans' && u.searchParams.get('deleted') === 'National CIRT (e2e)');
  await ready(page);
  assert.match(await text(page, '[data-testid=plan-deleted]'), /The plan “National CIRT \(e2e\)” was deleted/);
  assert.equal(await page.locator(`[data-plan="${CIRT}"]`).count(), 0, 'no longer listed');
  assert.equal((await focal('GET', `/plans/${CIRT}`)).status, 404);
  await clean(page, 'the list after a deletion');
  await shots(page, 'deleted');
});
