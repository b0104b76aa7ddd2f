// End-to-end tests of the web interface against `cybercap demo`.
// Figures shown are checked against the API; deep links must restore the
// view; keyboard reaches the main controls; axe-core finds no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, axe, fmt, latestCampaign, launch, open, shot } from './helpers.mjs';

let b, page, camp, fw, root;

before(async () => {
  b = await launch();
  page = await b.context.newPage();
  camp = (await latestCampaign()).latest;
  fw = await api('/frameworks/' + encodeURIComponent(camp.framework) + '?version=' + encodeURIComponent(camp.framework_version));
  root = await api(`/campaigns/${camp.id}/results`);
});
after(async () => { await b?.close(); });

const levelName = (id) => fw.levels.find((l) => l.id === id)?.name;

test('overview opens with the figures of the latest campaign', async () => {
  await open(page, '/');
  assert.match(page.url(), new RegExp(`campaign=${camp.id}`), 'the campaign is written into the URL');
  assert.equal(await page.inputValue('#campaign'), camp.id);
  const mean = await page.locator('.figures dd').nth(1).innerText();
  assert.ok(mean.startsWith(fmt(root.stats.mean, fw.precision)), `mean shown ${mean} vs API ${root.stats.mean}`);
  const n = await page.locator('.figures dd').first().innerText();
  assert.equal(n.trim(), String(root.n));
  // every unit appears once, on the map or as a tile
  const units = (await api('/units')).units;
  const byId = new Map(units.map((u) => [u.id, u]));
  const offMap = root.results.filter((r) => !byId.get(r.unit)?.m49 || byId.get(r.unit)?.fictional).length;
  assert.equal(await page.locator('.tile').count(), offMap);
  if (offMap) {
    const first = root.results.find((r) => !byId.get(r.unit)?.m49 || byId.get(r.unit)?.fictional);
    const tile = page.locator(`.tile[href^="/units/${first.unit}?"]`);
    assert.equal((await tile.locator('.tile-points').innerText()).trim(), fmt(first.points, fw.precision));
    assert.match(await tile.innerText(), new RegExp(levelName(first.level)));
    assert.match(await tile.getAttribute('title'), new RegExp(first.name));
  }
  // three charts, each with a title, a source line, downloads and a table
  assert.ok(await page.locator('section.chart').count() >= 3);
  for (const c of await page.locator('section.chart').all()) {
    assert.ok((await c.locator('.chart-title').innerText()).length > 10);
    assert.match(await c.locator('.chart-source').innerText(), /Source/);
    assert.equal(await c.locator('table').count(), 1);
    assert.equal(await c.locator('.downloads button').count(), 3);
  }
  await shot(page, 'overview');
});

test('overview: groups vs world uses /summary', async () => {
  const s = await api(`/campaigns/${camp.id}/summary?by=ldc`);
  const ldc = s.groups.find((g) => g.id === 'ldc')?.nodes.find((x) => x.node === fw.id);
  if (!ldc) return;
  const title = await page.locator('section.chart').nth(2).locator('.chart-title').innerText();
  assert.ok(title.includes(fmt(ldc.mean, fw.precision)), `${title} names the LDC mean ${ldc.mean}`);
});

test('overview deep link restores the measure', async () => {
  const pillar = fw.children[0];
  await open(page, `/?campaign=${camp.id}&node=${pillar.id}`);
  assert.equal(await page.inputValue('#node'), pillar.id);
  const r = await api(`/campaigns/${camp.id}/results?node=${pillar.id}`);
  const title = await page.locator('section.chart').nth(1).locator('.chart-title').innerText();
  assert.ok(title.includes(fmt(r.stats.median, fw.precision)), `distribution title ${title} has median ${r.stats.median}`);
  assert.match(await page.locator('h1').innerText(), new RegExp(pillar.name));
});

test('chart table view and CSV download', async () => {
  await open(page, `/?campaign=${camp.id}`);
  const chart = page.locator('section.chart').nth(1);
  await chart.getByRole('button', { name: 'Table' }).click();
  assert.equal(await chart.locator('.chart-table table tbody tr').count(), root.results.filter((r) => r.points != null).length);
  const [dl] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Data (CSV)' }).click()]);
  const path = await dl.path();
  const text = (await import('node:fs')).readFileSync(path, 'utf8');
  assert.ok(text.split('\n').length >= root.results.length + 1, 'one CSV line per unit');
  const [svg] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Picture (SVG)' }).click()]);
  const svgText = (await import('node:fs')).readFileSync(await svg.path(), 'utf8');
  assert.match(svgText, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svgText, /Source/);
  // the PNG is drawn from the SVG under the server's Content-Security-Policy
  const [png] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Picture (PNG)' }).click()]);
  const head = (await import('node:fs')).readFileSync(await png.path()).subarray(0, 4);
  assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47]);
});

test('rankings: first row and levels match the API', async () => {
  await open(page, `/rankings?campaign=${camp.id}`);
  const rows = page.locator('table.ranking tbody tr');
  assert.equal(await rows.count(), root.results.length);
  const first = root.results[0];
  const cells = rows.first();
  assert.equal((await cells.locator('.rank-cell').innerText()).trim(), (first.tied ? '=' : '') + first.rank);
  assert.equal((await cells.locator('.points-num').innerText()).trim(), fmt(first.points, fw.precision));
  assert.match(await cells.locator('.unit-cell').innerText(), new RegExp(first.unit));
  assert.equal((await cells.locator('.badge').innerText()).trim(), levelName(first.level));
  // ties are shown as "=N"
  const tied = root.results.find((r) => r.tied);
  if (tied) {
    const row = page.locator('table.ranking tbody tr', { has: page.locator(`a[href^="/units/${tied.unit}?"]`) });
    assert.equal((await row.locator('.rank-cell').innerText()).trim(), '=' + tied.rank);
  }
  await shot(page, 'rankings');
});

test('rankings: group filter and sorting live in the URL', async () => {
  await open(page, `/rankings?campaign=${camp.id}&group=sids&sort=name`);
  const r = await api(`/campaigns/${camp.id}/results?group=sids`);
  assert.equal(await page.inputValue('#group'), 'sids');
  assert.equal(await page.locator('table.ranking tbody tr').count(), r.results.length);
  const sorted = page.locator('th[aria-sort]');
  assert.equal(await sorted.getAttribute('aria-sort'), 'ascending');
  const names = await page.locator('table.ranking tbody .unit-cell a').allInnerTexts();
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
  // clicking the points header sorts by points, highest first
  await page.locator('table.ranking thead button', { hasText: 'Points' }).click();
  await page.waitForURL(/sort=points/);
  const pts = (await page.locator('table.ranking tbody .points-num').allInnerTexts()).map(Number);
  assert.deepEqual(pts, [...pts].sort((a, b) => b - a));
  // export links
  assert.equal(await page.locator(`a[href="/api/v1/campaigns/${camp.id}/results.csv"]`).count(), 1);
  assert.equal(await page.locator(`a[href="/api/v1/campaigns/${camp.id}/results.xlsx"]`).count(), 1);
});

test('profile: points, rank and level equal /results/{unit}', async () => {
  const unit = root.results[Math.floor(root.results.length / 2)].unit;
  const r = await api(`/campaigns/${camp.id}/results/${unit}`);
  await open(page, `/units/${unit}?campaign=${camp.id}`);
  const rootNode = r.nodes[0];
  assert.ok((await page.getByTestId('profile-points').innerText()).startsWith(fmt(rootNode.points, fw.precision)));
  assert.equal((await page.getByTestId('profile-rank').innerText()).replace(/\s+/g, ' ').trim(),
    `${rootNode.tied ? '=' : ''}${rootNode.rank} of ${rootNode.ranked}`);
  assert.match(await page.getByTestId('profile-level').innerText(), new RegExp(r.level.name));
  assert.match(await page.locator('h1').innerText(), new RegExp(unit));
  // the pillar table has the unit's and the world's points
  const table = page.locator('section.chart').first().locator('table');
  const firstPillar = r.nodes.find((n) => n.depth === 1);
  const row = table.locator('tbody tr').first();
  const txt = await row.innerText();
  assert.ok(txt.includes(fmt(firstPillar.points, fw.precision)) && txt.includes(fmt(firstPillar.means.world, fw.precision)), txt);
  // largest gap named in the title
  await shot(page, 'profile');
});

test('profile: older campaign from the URL, and the trend', async () => {
  const { published } = await latestCampaign();
  const older = published[published.length - 1];
  const unit = root.results[0].unit;
  const r = await api(`/campaigns/${older.id}/results/${unit}`);
  await open(page, `/units/${unit}?campaign=${older.id}`);
  assert.equal(await page.inputValue('#campaign'), older.id);
  assert.ok((await page.getByTestId('profile-points').innerText()).startsWith(fmt(r.nodes[0].points, fw.precision)));
  const h = await api(`/units/${unit}/history?framework=${fw.id}`);
  const trend = page.locator('section.chart', { hasText: 'Total points' });
  const rows = await trend.locator('table tbody tr').count();
  assert.equal(rows, h.history.length);
});

test('profile: the unit picker opens another profile', async () => {
  const [a, b2] = [root.results[0].unit, root.results[1].unit];
  await open(page, `/units/${a}?campaign=${camp.id}`);
  await page.selectOption('#unit', b2);
  assert.match(page.url(), new RegExp(`/units/${a}\\?`), 'choosing alone does not navigate');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.waitForURL(new RegExp(`/units/${b2}\\?campaign=${camp.id}`));
  await page.waitForFunction((id) => document.querySelector('main h1')?.textContent?.includes(id), b2);
  // the browser's Back button restores the first unit
  await page.goBack();
  await page.waitForFunction((id) => document.querySelector('main h1')?.textContent?.includes(id), a);
});

test('profile prints on at most two A4 pages', async () => {
  const unit = root.results[3].unit;
  await open(page, `/units/${unit}?campaign=${camp.id}`);
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'profile-print');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `profile prints on ${pages} pages`);
});

test('compare: units from the URL, side by side', async () => {
  const ids = root.results.slice(0, 3).map((r) => r.unit);
  await open(page, `/compare?campaign=${camp.id}&units=${ids.join(',')}`);
  assert.equal(await page.locator('.chips-removable li').count(), 3);
  for (const id of ids) assert.ok(await page.locator(`#cmp-${id}`).isChecked());
  const rows = page.locator('table.compare-summary tbody tr');
  assert.equal(await rows.count(), 3);
  assert.ok((await rows.first().innerText()).includes(fmt(root.results[0].points, fw.precision)));
  await shot(page, 'compare');
  // removing one unit updates the URL
  await page.getByRole('button', { name: new RegExp('Remove .*' + ids[2]) }).click();
  await page.waitForURL((u) => !u.search.includes(ids[2]));
  // the table re-renders after the URL changes: wait for it, then assert
  await page.waitForFunction(() => document.querySelectorAll('table.compare-summary tbody tr').length !== 3,
    null, { timeout: 5000 }).catch(() => {});
  assert.equal(await page.locator('table.compare-summary tbody tr').count(), 2);
});

test('compare: empty state offers a start', async () => {
  await open(page, `/compare?campaign=${camp.id}`);
  await page.getByRole('button', { name: /three highest/ }).click();
  await page.waitForURL(/units=/);
  await page.waitForSelector('table.compare-summary');
  assert.equal(await page.locator('table.compare-summary tbody tr').count(), 3);
});

test('framework: the tree with every question', async () => {
  await open(page, `/frameworks/${fw.id}`);
  const info = (await api('/frameworks')).frameworks.find((f) => f.id === fw.id);
  assert.equal(await page.locator('.tree-group.depth-1').count(), fw.children.length);
  await page.getByRole('button', { name: 'Expand all' }).click();
  assert.equal(await page.locator('.leaf').count(), info.questions + info.indicators);
  assert.ok(await page.locator('.guidance').count() > 0);
  assert.ok(await page.locator('.condition').count() > 0);
  await shot(page, 'framework');
  await page.fill('#fw-search', 'prosecution');
  assert.ok(await page.locator('.leaf').count() >= 1);
});

test('states: unpublished campaign, unknown unit, unknown page', async () => {
  const { all } = await latestCampaign();
  const draft = all.find((c) => c.status !== 'published');
  if (draft) {
    await open(page, `/?campaign=${draft.id}`);
    assert.match(await page.locator('.state-empty').innerText(), /not published/);
    await shot(page, 'state-unpublished');
  }
  await open(page, `/units/NOPE?campaign=${camp.id}`);
  assert.equal(await page.locator('.state-error').count(), 1);
  await open(page, '/no/such/page');
  assert.match(await page.locator('h1').innerText(), /not found/i);
});

test('keyboard: skip link first, then the main controls', async () => {
  await open(page, `/?campaign=${camp.id}`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  assert.ok(await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.height > 0;
  }), 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => location.hash), '#main');
  const reached = new Set();
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      return el.id || el.textContent?.trim().slice(0, 20) || el.tagName;
    });
    reached.add(id);
  }
  for (const id of ['campaign', 'node', 'Chart', 'Table', 'Data (CSV)']) assert.ok(reached.has(id), `Tab reaches ${id}: ${[...reached].join(' | ')}`);
  // the main navigation is reachable and works with Enter
  await open(page, `/?campaign=${camp.id}`);
  await page.keyboard.press('Tab');
  let found = false;
  for (let i = 0; i < 8 && !found; i++) {
    await page.keyboard.press('Tab');
    found = (await page.evaluate(() => document.activeElement?.textContent)) === 'Rankings';
  }
  assert.ok(found, 'Tab reaches the Rankings link');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/rankings/);
  await page.waitForFunction(() => document.activeElement?.id === 'main', null, { timeout: 5000 }); // focus moves to the new page
  // sort buttons work with the keyboard
  await page.waitForSelector('table.ranking');
  await page.locator('table.ranking thead button').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/sort=name/);
});

const PAGES = () => [
  ['overview', `/?campaign=${camp.id}`],
  ['overview-pillar', `/?campaign=${camp.id}&node=${fw.children[1].id}`],
  ['rankings', `/rankings?campaign=${camp.id}`],
  ['profile', `/units/${root.results[0].unit}?campaign=${camp.id}`],
  ['compare', `/compare?campaign=${camp.id}&units=${root.results.slice(0, 2).map((r) => r.unit).join(',')}`],
  ['compare-empty', `/compare?campaign=${camp.id}`],
  ['framework', `/frameworks/${fw.id}`],
  ['notfound', '/nowhere'],
];

test('axe-core: no violations on any page', async () => {
  const problems = [];
  for (const [name, path] of PAGES()) {
    await open(page, path);
    if (name === 'framework') await page.getByRole('button', { name: 'Expand all' }).click();
    if (name === 'profile') await page.locator('details').first().evaluate((d) => { d.open = true; });
    const v = await axe(page);
    if (v.length) problems.push(`${name}: ${JSON.stringify(v, null, 1)}`);
    // table views too
    const tableButtons = page.getByRole('button', { name: 'Table', exact: true });
    if (await tableButtons.count()) {
      await tableButtons.first().click();
      const v2 = await axe(page);
      if (v2.length) problems.push(`${name} (table view): ${JSON.stringify(v2, null, 1)}`);
    }
  }
  assert.equal(problems.length, 0, problems.join('\n'));
});

test('phone width: pages fit and read', async () => {
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  for (const [name, path] of PAGES().slice(0, 5)) {
    await open(phone, path);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `${name} scrolls sideways by ${overflow}px at 375px`);
    await shot(phone, `phone-${name}`);
  }
  await phone.close();
});

test('right-to-left layout holds', async () => {
  await open(page, `/units/${root.results[0].unit}?campaign=${camp.id}`);
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1);
  await shot(page, 'profile-rtl', { fullPage: false });
});

test('no script errors on any page', async () => {
  assert.deepEqual(b.errors.filter((e) => !/status of 404|NOPE/.test(e)), []);
});

test('first load is small and compressed', async () => {
  const r = await fetch(BASE + '/', { headers: { 'Accept-Encoding': 'gzip' } });
  const html = await r.text();
  let total = html.length;
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const a = await fetch(BASE + m[1], { headers: { 'Accept-Encoding': 'gzip' } });
    const buf = await a.arrayBuffer();
    assert.equal(a.status, 200);
    total += Number(a.headers.get('content-length') || buf.byteLength);
  }
  assert.ok(total < 250 * 1024, `first load ${total} bytes`);
});
