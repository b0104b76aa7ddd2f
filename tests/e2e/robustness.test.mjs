// End-to-end tests of the robustness page against `cybercap demo`: the
// analysis job starts on load with the default factors and completes; the
// chart has one row per unit with the published ranks; the Sobol table
// lists the chosen factors; the heatmap shows the audit's figures; the
// progress, busy and failed states (the job endpoints mocked in the
// browser); form errors; axe-core; phone width; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, axe, fmt, launch, open, shot, expectFocus } from './helpers.mjs';

const CAMPAIGN = 'nci-2026';
let b, page, fw, results, audit;
const posts = [];
const failed = [];

before(async () => {
  b = await launch();
  page = await b.context.newPage();
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(`/campaigns/${CAMPAIGN}/robustness`)) posts.push(JSON.parse(r.postData() || 'null'));
  });
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`); });
  const camp = (await api('/campaigns')).campaigns.find((c) => c.id === CAMPAIGN);
  fw = await api('/frameworks/' + encodeURIComponent(camp.framework) + '?version=' + encodeURIComponent(camp.framework_version));
  results = await api(`/campaigns/${CAMPAIGN}/results`);
  audit = await api(`/campaigns/${CAMPAIGN}/audit`);
});
after(async () => { await b?.close(); });

const DEFAULTS = () => ['weights:20', `aggregate:${fw.id}:mean,geometric`, `drop:${fw.id}`];

/** Opens the page and waits for the analysis to be drawn. */
async function openDone(p, path) {
  await open(p, path);
  await p.waitForSelector('.rb-ranks svg[data-chart] .rr-row', { timeout: 30000 });
  await p.waitForSelector('.hm-stats', { timeout: 15000 });
}

test('robustness: the job runs with the default factors and draws one row per unit', async () => {
  posts.length = 0;
  await openDone(page, `/robustness?campaign=${CAMPAIGN}`);
  assert.equal(posts.length, 1, 'one analysis started');
  assert.deepEqual(posts[0], { vary: DEFAULTS(), runs: 2000, sobol: 256, seed: 1 });
  const ranked = results.results.filter((r) => r.rank != null);
  const rows = await page.locator('.rb-ranks .rr-row').evaluateAll((gs) => gs.map((g) => ({ unit: g.dataset.unit, nominal: Number(g.dataset.nominal), text: g.querySelector('text').textContent })));
  assert.equal(rows.length, ranked.length, 'one row per ranked unit');
  // the rows are in the order of the published ranks, and show them
  const published = new Map(ranked.map((r) => [r.unit, r]));
  for (const [i, row] of rows.entries()) {
    const r = published.get(row.unit);
    assert.ok(r, `${row.unit} is in the published results`);
    assert.equal(row.nominal, r.rank, `${row.unit}: nominal rank ${row.nominal} vs published ${r.rank}`);
    assert.equal(row.text, (r.tied ? '=' : '') + r.rank);
    if (i) assert.ok(rows[i - 1].nominal <= row.nominal, 'sorted by nominal rank');
  }
  // the table (what screen readers get) has the same ranks, and the source line names the runs and seed
  const chart = page.locator('section.rb-ranks');
  const cells = await chart.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent, tr.children[2].textContent]));
  assert.equal(cells.length, ranked.length);
  for (const [rank, code] of cells) assert.equal(rank, (published.get(code).tied ? '=' : '') + published.get(code).rank);
  const title = await chart.locator('.chart-title').innerText();
  assert.match(title, /(stable|could change).*places/, title);
  const source = await chart.locator('.chart-source').innerText();
  assert.match(source, /2,000 runs/);
  assert.match(source, /seed 1/);
  assert.match(source, new RegExp(fw.title));
  // the answer states the same finding
  assert.ok((await page.locator('.rb-answer .lead').innerText()).startsWith(title));
  assert.equal(await chart.locator('.downloads button').count(), 3);
  // the downloads hold the same units: CSV rows and SVG rows
  const [csv] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Data (CSV)' }).click()]);
  const csvText = readFileSync(await csv.path(), 'utf8');
  assert.equal(csvText.trim().split('\n').length, ranked.length + 1, 'a header and one CSV line per unit');
  const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Picture (SVG)' }).click()]);
  const svgText = readFileSync(await svg.path(), 'utf8');
  assert.equal((svgText.match(/class="rr-row"/g) || []).length, ranked.length);
  assert.ok(svgText.includes('seed 1'), 'the picture carries its source line');
  await shot(page, 'robustness');
});

test('robustness: the Sobol table lists the chosen factors', async () => {
  const specs = async () => page.locator('section.rb-sobol table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
  assert.deepEqual((await specs()).sort(), DEFAULTS().sort());
  // choose other factors in the form
  posts.length = 0;
  await page.selectOption('#rb-weights', '10');
  await page.selectOption('#rb-aggregate', `aggregate:${fw.id}:mean,geometric`);
  await page.check('#rb-missing');
  await page.fill('#rb-runs', '1,000');
  await page.getByRole('button', { name: 'Recompute' }).click();
  await page.waitForURL(/runs=1000/);
  const want = ['weights:10', `aggregate:${fw.id}:mean,geometric`, `drop:${fw.id}`, 'missing:zero,exclude'];
  await page.waitForFunction((n) => document.querySelectorAll('section.rb-sobol table tbody tr').length === n, want.length, { timeout: 30000 });
  assert.deepEqual(posts.at(-1), { vary: want, runs: 1000, sobol: 256, seed: 1 });
  assert.deepEqual((await specs()).sort(), [...want].sort());
  assert.match(await page.locator('section.rb-ranks .chart-source').innerText(), /1,000 runs/);
  // the choice is in the URL: a reload restores the form
  await openDone(page, new URL(page.url()).pathname + new URL(page.url()).search);
  assert.equal(await page.inputValue('#rb-weights'), '10');
  assert.equal(await page.inputValue('#rb-runs'), '1000');
  assert.ok(await page.isChecked('#rb-missing'));
  // the job's figures are those of the API
  const first = await page.locator('section.rb-sobol table tbody tr').first().evaluate((tr) => [...tr.children].map((c) => c.textContent));
  assert.ok(want.includes(first[1]));
});

test('robustness: the heatmap shows the audit of the root, then of a pillar', async () => {
  await openDone(page, `/robustness?campaign=${CAMPAIGN}`);
  const rootAudit = audit.groups.find((g) => g.id === fw.id);
  assert.equal(await page.locator('.hm-alpha').innerText(), fmt(rootAudit.alpha.value, 2));
  assert.equal(await page.locator('.hm-pca').innerText(), `${fmt(rootAudit.pca.share * 100, 1)} %`);
  const k = rootAudit.correlations.ids.length;
  assert.equal(k, fw.children.length, 'the root audits its pillars');
  const hm = page.locator('section.hm-chart');
  assert.equal(await hm.locator('table tbody tr').count(), k);
  // every cell of the matrix is written in the picture
  const cellTexts = await hm.locator('svg[data-chart] g > text').allTextContents();
  assert.ok(cellTexts.includes(fmt(rootAudit.correlations.pearson[0][1], 2)));
  const flags = audit.flags.filter((f) => f.group === fw.id);
  assert.equal(await page.locator('.hm-flag').count(), flags.length);
  if (flags.length) {
    const rule = audit.rules.find((r) => r.name === flags[0].rule);
    assert.ok((await page.locator('.hm-flag').first().innerText()).includes(rule.rule), 'a flag names its rule');
  }
  // another group from the picker, kept in the URL
  const pillar = audit.groups.find((g) => g.id === fw.children[0].id);
  await page.selectOption('#audit-group', pillar.id);
  await page.waitForURL(new RegExp(`audit=${pillar.id}`));
  await page.waitForFunction((a) => document.querySelector('.hm-alpha')?.textContent === a, fmt(pillar.alpha.value, 2));
  assert.equal(await hm.locator('table tbody tr').count(), pillar.correlations.ids.length);
});

test('robustness: progress, busy and failed states', async () => {
  // The server finishes 2,000 runs in milliseconds, so the browser is made
  // to see a busy server first, then a job half-way, then the real job.
  let posted = 0;
  let polled = 0;
  await page.route('**/api/v1/campaigns/*/robustness', async (route) => {
    if (posted++ === 0) {
      await route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '2' }, body: JSON.stringify({ error: { code: 'busy', message: '2 analyses are running' } }) });
    } else await route.fallback();
  });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/api/v1/jobs/*', async (route) => {
    if (polled++ === 0) {
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ id: 'x', campaign: CAMPAIGN, status: 'running', progress: { done: 1234, total: 2000 } }) });
    } else {
      await held;
      await route.fallback();
    }
  });
  await page.goto(`${process.env.E2E_BASE || 'http://127.0.0.1:8099'}/robustness?campaign=${CAMPAIGN}&runs=2000&vary=weights:30`);
  await page.waitForSelector('.rb-busy', { timeout: 10000 });
  assert.match(await page.locator('.rb-busy').innerText(), /busy|other analyses/i);
  const bar = page.locator('[role="progressbar"]');
  await bar.waitFor({ timeout: 10000 });
  await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '1234', null, { timeout: 10000 });
  assert.match(await page.locator('.rb-progress-label').innerText(), /Computing 1,234 of 2,000 runs/);
  assert.equal(await bar.getAttribute('aria-valuetext'), 'Computing 1,234 of 2,000 runs');
  assert.ok(Number(await bar.getAttribute('aria-valuemax')) >= 2000);
  assert.deepEqual(await axe(page), [], 'no violations while computing');
  await shot(page, 'robustness-progress', { fullPage: false });
  release();
  await page.waitForSelector('.rb-ranks .rr-row', { timeout: 30000 });
  await page.unroute('**/api/v1/campaigns/*/robustness');
  await page.unroute('**/api/v1/jobs/*');
  // a job that fails says why and offers to try again
  await page.route('**/api/v1/jobs/*', (route) => route.fulfill({
    status: 200, contentType: 'application/json',
    body: JSON.stringify({ id: 'x', campaign: CAMPAIGN, status: 'failed', progress: { done: 10, total: 2000 }, error: 'stopped after 30 s; ask for fewer runs' }),
  }));
  await page.goto(`${process.env.E2E_BASE || 'http://127.0.0.1:8099'}/robustness?campaign=${CAMPAIGN}&vary=weights:10`);
  const alert = page.locator('.state-error[role="alert"]');
  await alert.waitFor({ timeout: 10000 });
  assert.match(await alert.innerText(), /stopped after 30 s/);
  await page.unroute('**/api/v1/jobs/*');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.waitForSelector('.rb-ranks .rr-row', { timeout: 30000 });
});

test('robustness: form errors are summarised and linked to the fields', async () => {
  await openDone(page, `/robustness?campaign=${CAMPAIGN}`);
  await page.selectOption('#rb-weights', '');
  await page.selectOption('#rb-aggregate', '');
  await page.uncheck('#rb-drop');
  await page.fill('#rb-runs', '12');
  const before = page.url();
  await page.getByRole('button', { name: 'Recompute' }).click();
  const summary = page.locator('.rb-error-summary');
  await summary.waitFor();
  assert.equal(page.url(), before, 'nothing is recomputed');
  await expectFocus(page, '.rb-error-summary', 'focus moves to the summary');
  assert.equal(await summary.locator('a').count(), 2);
  assert.equal(await page.getAttribute('#rb-runs', 'aria-invalid'), 'true');
  await summary.locator('a[href="#rb-runs"]').click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'rb-runs');
  assert.deepEqual(await axe(page), [], 'no violations with errors shown');
});

test('robustness: axe-core finds no violations, in chart and table views', async () => {
  await openDone(page, `/robustness?campaign=${CAMPAIGN}`);
  assert.deepEqual(await axe(page), []);
  for (const btn of await page.getByRole('button', { name: 'Table', exact: true }).all()) await btn.click();
  assert.equal(await page.locator('.chart-table table').count(), 3);
  await shot(page, 'robustness-tables');
  assert.deepEqual(await axe(page), []);
});

test('robustness: reached from the navigation and from the rankings', async () => {
  await open(page, `/rankings?campaign=${CAMPAIGN}`);
  await page.getByRole('link', { name: /robustness analysis/ }).click();
  await page.waitForURL(new RegExp(`/robustness\\?campaign=${CAMPAIGN}`));
  await page.waitForSelector('.rb-ranks .rr-row', { timeout: 30000 });
  assert.equal(await page.locator('nav.site-nav a[aria-current="page"]').innerText(), 'Robustness');
  await open(page, `/?campaign=${CAMPAIGN}`);
  await page.locator('nav.site-nav').getByRole('link', { name: 'Robustness' }).click();
  await page.waitForURL(/\/robustness/);
  await page.waitForSelector('main h1');
  assert.match(await page.locator('main h1').innerText(), /trusted/);
});

test('robustness: keyboard reaches the form and the chart controls', async () => {
  await openDone(page, `/robustness?campaign=${CAMPAIGN}`);
  await page.locator('#campaign').focus();
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim().slice(0, 20)));
  }
  for (const id of ['rb-weights', 'rb-aggregate', 'rb-drop', 'rb-missing', 'rb-runs', 'Recompute', 'Chart', 'Table', 'Data (CSV)']) {
    assert.ok(reached.has(id), `Tab reaches ${id}: ${[...reached].join(' | ')}`);
  }
});

test('robustness: fits a phone', async () => {
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  await openDone(phone, `/robustness?campaign=${CAMPAIGN}`);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `scrolls sideways by ${overflow}px at 375px`);
  assert.equal(await phone.locator('.rr-row').count(), results.results.filter((r) => r.rank != null).length);
  await shot(phone, 'phone-robustness');
  await phone.close();
});

test('robustness: no script errors and no failed requests', async () => {
  // Failed requests are checked by their responses below; the browser also
  // logs each as "Failed to load resource" without naming it.
  assert.deepEqual(b.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  // Expected: the mocked 429, and the shell's anonymous session check
  // (GET /api/v1/me answers 401 when nobody is signed in).
  assert.deepEqual(failed.filter((f) => !/^429 POST \/api\/v1\/campaigns\/[^/]+\/robustness$/.test(f) && f !== '401 GET /api/v1/me'), []);
});
