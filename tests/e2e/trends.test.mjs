// End-to-end tests of the over-time page against `cybercap demo`: reached
// from the main navigation; the means, N, parts, group gaps and level
// counts in the table views equal GET /trends; the gap title's direction
// follows the data (computed here from the API's group means); the
// balanced toggle changes the request and shows the API's balanced N; the
// movers equal GET /trends/movers for the editions chosen; an edition
// missing a node is said so on the chart with no point drawn (that edition
// marked in the browser: the demo's editions share their nodes); axe-core;
// desktop and phone screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, axe, fmt, launch, open, shot } from './helpers.mjs';

const FW = 'national-commitment';
let b, page, fw, eds, units, groups;
const requests = [];

before(async () => {
  b = await launch();
  page = await b.context.newPage();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/v1/trends')) requests.push(u.pathname + u.search); });
  fw = await api('/frameworks/' + FW);
  eds = (await api('/campaigns')).campaigns.filter((c) => c.framework === FW && c.status === 'published')
    .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
  units = new Map((await api('/units')).units.map((u) => [u.id, u]));
  groups = (await api('/groups')).groups;
});
after(async () => { await b?.close(); });

const p = () => fw.precision;
/** The rows of a chart's table (what screen readers get), as text. */
const tableOf = (section) => page.locator(section).locator('table tbody tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
const noViolations = async (what) => {
  const v = await axe(page);
  assert.deepEqual(v, [], `${what}: axe violations: ${JSON.stringify(v, null, 1)}`);
};
const signed = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±') + fmt(Math.abs(x), p());

test('over time: in the main navigation, opens on national-commitment with its editions', async () => {
  assert.ok(eds.length >= 2, 'the demo has two published editions of the index');
  await open(page, '/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Over time' }).click();
  await page.waitForSelector('section.tr-node table');
  assert.match(page.url(), /\/trends\?/);
  assert.match(page.url(), new RegExp(`framework=${FW}`));
  assert.equal(await page.inputValue('#tr-framework'), FW);
  assert.equal(await page.getByRole('link', { name: 'Over time' }).getAttribute('aria-current'), 'page');
  // the framework chooser offers only frameworks with two published editions or more
  const offered = await page.locator('#tr-framework option').evaluateAll((os) => os.map((o) => o.value));
  const { campaigns } = await api('/campaigns');
  for (const id of offered) assert.ok(campaigns.filter((c) => c.framework === id && c.status === 'published').length >= 2, id);
  assert.ok(offered.includes(FW));
});

test('overview: the trend tile states the first and latest means and links to the over-time page', async () => {
  await open(page, '/');
  const tile = page.locator('section.trend-tile');
  await tile.waitFor();
  const tr = await api(`/trends?framework=${FW}`);
  const [a, z] = [tr.editions[0], tr.editions[tr.editions.length - 1]];
  const text = await tile.innerText();
  assert.ok(text.includes(`Across ${tr.editions.length} editions the mean ${z.mean > a.mean ? 'rose' : 'fell'} from ${fmt(a.mean, p())} points in ${a.year} to ${fmt(z.mean, p())} in ${z.year}`), text);
  await tile.getByRole('link').click();
  await page.waitForSelector('section.tr-node table');
  assert.match(page.url(), new RegExp(`/trends\\?framework=${FW}`));
});

test('over time: the means and N in the table view equal /trends, as do the lead and figures', async () => {
  requests.length = 0;
  await open(page, `/trends?framework=${FW}`);
  await page.waitForSelector('section.tr-node table');
  assert.ok(requests.includes(`/api/v1/trends?framework=${FW}`), requests.join(' '));
  const tr = await api(`/trends?framework=${FW}`);
  assert.deepEqual(tr.editions.map((e) => e.campaign), eds.map((c) => c.id), 'one edition per published campaign, oldest first');
  const rows = await tableOf('section.tr-node');
  assert.equal(rows.length, tr.editions.length);
  tr.editions.forEach((e, i) => {
    assert.deepEqual(rows[i], [String(e.year), e.title, String(e.n), fmt(e.mean, p()), fmt(e.median, p())], `edition ${e.campaign}`);
  });
  // the figures: a mean and N per edition
  for (const e of tr.editions) {
    const fig = page.locator(`.tr-figures [data-campaign="${e.campaign}"]`);
    assert.match(await fig.innerText(), new RegExp(`${fmt(e.mean, p()).replace('.', '\\.')}[\\s\\S]*N = ${e.n} units`));
  }
  const first = tr.editions[0], last = tr.editions[tr.editions.length - 1];
  const dir = last.mean > first.mean ? 'rose' : last.mean < first.mean ? 'fell' : 'stayed';
  const title = await page.locator('section.tr-node .chart-title').innerText();
  assert.match(title, new RegExp(dir));
  assert.ok(title.includes(fmt(last.mean, p())), title);
  assert.ok((await page.locator('.answer .lead').innerText()).includes(fmt(first.mean, p())));
  // N is written under each year on the chart itself
  const notes = await page.locator('section.tr-node svg .year-note').allTextContents();
  for (const e of tr.editions) assert.ok(notes.includes(`N = ${e.n}`), notes.join('|'));
  // the CSV download holds the unrounded means
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('section.tr-node').getByRole('button', { name: 'Data (CSV)' }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
  assert.equal(lines.length, tr.editions.length + 1);
  assert.ok(lines[1].includes(String(first.mean)), lines[1]);
});

test('over time: each part\'s mean per edition equals /trends?node=PART', async () => {
  const rows = await tableOf('section.tr-parts');
  const header = await page.locator('section.tr-parts table thead th').allTextContents();
  assert.equal(header.length, 2 + fw.children.length);
  for (const [k, part] of fw.children.entries()) {
    assert.ok(requests.includes(`/api/v1/trends?framework=${FW}&node=${part.id}`), `one request for ${part.id}`);
    const tr = await api(`/trends?framework=${FW}&node=${part.id}`);
    assert.ok(header[2 + k].startsWith(part.name), header[2 + k]);
    tr.editions.forEach((e, i) => assert.equal(rows[i][2 + k], fmt(e.mean, p()), `${part.id} ${e.year}`));
  }
  // every part is drawn, and named at its line's end
  const svgText = await page.locator('section.tr-parts svg').textContent();
  for (const part of fw.children) assert.ok(svgText.includes(part.name), part.name);
});

test('over time: the group gap title says narrowed or widened as the data do, for every group offered', async () => {
  const tr = await api(`/trends?framework=${FW}`);
  const opts = await page.locator('#tr-group option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })));
  assert.equal(opts[0].value, 'ldc', 'LDCs first');
  for (const id of ['sids', 'lldc']) assert.ok(opts.some((o) => o.value === id), id);
  for (const g of groups.filter((x) => x.kind === 'itu_region')) {
    const present = tr.editions.some((e) => e.groups[g.id]?.n > 0);
    assert.equal(opts.some((o) => o.value === g.id), present, g.id);
  }
  for (const o of opts) {
    await page.selectOption('#tr-group', o.value);
    await page.waitForFunction((v) => new URL(location.href).searchParams.get('group') === (v === 'ldc' ? null : v), o.value);
    const gaps = tr.editions.map((e) => {
      const g = e.groups[o.value];
      return g.n && g.rest.n ? g.rest.mean - g.mean : null;
    });
    const known = gaps.filter((x) => x != null);
    const title = await page.locator('section.tr-gap .chart-title').innerText();
    const a = known[0], z = known[known.length - 1];
    const r = (x) => Number(x.toFixed(p()));
    if (r(a) >= 0 && r(z) >= 0) {
      const expected = r(a) === r(z) ? 'stayed at' : Math.abs(z) < Math.abs(a) ? 'narrowed' : 'widened';
      assert.ok(title.startsWith(`The gap between ${o.label} and the rest ${expected}`), `${o.value}: ${title} (gap ${a} -> ${z})`);
      if (expected !== 'stayed at') assert.ok(title.includes(`from ${fmt(a, p())} to ${fmt(z, p())} points`), title);
    } else if (r(a) < 0 && r(z) < 0) {
      const expected = r(a) === r(z) ? 'stayed at' : Math.abs(z) > Math.abs(a) ? 'grew' : 'shrank';
      assert.ok(title.startsWith(`The lead of ${o.label} over the rest ${expected}`), `${o.value}: ${title} (gap ${a} -> ${z})`);
    } else {
      assert.match(title, /went from/, `${o.value}: ${title}`);
    }
    // the table: each edition's N and means of the group and the rest
    const rows = await tableOf('section.tr-gap');
    tr.editions.forEach((e, i) => {
      const g = e.groups[o.value];
      assert.deepEqual(rows[i], [String(e.year), String(g.n), g.n ? fmt(g.mean, p()) : '—', String(g.rest.n),
        g.rest.n ? fmt(g.rest.mean, p()) : '—', gaps[i] == null ? '—' : fmt(gaps[i], p())], `${o.value} ${e.year}`);
    });
  }
  await page.selectOption('#tr-group', 'ldc');
});

test('over time: the level counts per edition equal /trends, named by the framework\'s levels', async () => {
  const tr = await api(`/trends?framework=${FW}`);
  const levels = [...fw.levels].sort((a, b) => a.min - b.min);
  const header = await page.locator('section.tr-levels table thead th').allTextContents();
  assert.deepEqual(header.slice(2), levels.map((l) => `${l.id} · ${l.name}`));
  const rows = await tableOf('section.tr-levels');
  tr.editions.forEach((e, i) => {
    assert.deepEqual(rows[i], [String(e.year), String(e.n), ...levels.map((l) => String(e.levels[l.id] || 0))], e.campaign);
  });
  // the chart names every level in its legend, and its bars carry the same counts
  const svg = page.locator('section.tr-levels svg[data-chart]');
  for (const l of levels) assert.ok((await svg.textContent()).includes(l.name), l.name);
  for (const e of tr.editions) {
    const segs = await svg.locator(`.stack-row[data-row="${e.campaign}"] .stack-seg`).evaluateAll((gs) => gs.map((g) => [g.dataset.level, Number(g.dataset.count)]));
    assert.deepEqual(Object.fromEntries(segs), Object.fromEntries(Object.entries(e.levels).filter(([, c]) => c > 0)));
  }
  // the title counts the units at the middle level or above
  const th = levels[Math.floor(levels.length / 2)];
  const at = (e) => levels.filter((l) => l.min >= th.min).reduce((s, l) => s + (e.levels[l.id] || 0), 0);
  const title = await page.locator('section.tr-levels .chart-title').innerText();
  const last = tr.editions[tr.editions.length - 1];
  assert.ok(title.startsWith(`${at(last)} unit`) && title.includes(`at ${th.name} or above`), title);
});

test('over time: the balanced toggle asks for balanced=true and shows the N the API gives', async () => {
  const box = page.getByRole('checkbox', { name: 'Only units present in every edition' });
  assert.equal(await box.isChecked(), false);
  const hint = await page.locator('#' + (await box.getAttribute('aria-describedby'))).innerText();
  assert.match(hint, /missed an edition/, 'the toggle says what it does');
  requests.length = 0;
  await box.check();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('balanced') === 'true');
  await page.waitForSelector('section.tr-node table');
  assert.ok(requests.includes(`/api/v1/trends?framework=${FW}&balanced=true`), requests.join(' '));
  assert.ok(requests.filter((r) => r.includes('node=')).every((r) => r.endsWith('&balanced=true')), 'every part asked balanced');
  const bal = await api(`/trends?framework=${FW}&balanced=true`);
  const all = await api(`/trends?framework=${FW}`);
  assert.equal(bal.balanced, true);
  // balanced: the same units in every edition, so the same N throughout
  const inAll = new Set(bal.editions.map((e) => e.n));
  assert.equal(inAll.size, 1, 'a balanced panel has one N');
  bal.editions.forEach((e, i) => assert.ok(e.n <= all.editions[i].n));
  const rows = await tableOf('section.tr-node');
  bal.editions.forEach((e, i) => assert.deepEqual(rows[i].slice(2), [String(e.n), fmt(e.mean, p()), fmt(e.median, p())], e.campaign));
  assert.match(await page.locator('.answer .lead').innerText(), /Only units present in every edition/);
  assert.match(await page.locator('section.tr-node .chart-source').innerText(), /only units present in every edition/);
  await noViolations('over time, balanced');
  await box.uncheck();
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('balanced'));
  await page.waitForSelector('section.tr-node table');
  const back = await tableOf('section.tr-node');
  all.editions.forEach((e, i) => assert.equal(back[i][2], String(e.n)));
});

test('over time: the movers equal /trends/movers, first against latest, then editions the reader picks', async () => {
  const [first, last] = [eds[0], eds[eds.length - 1]];
  requests.length = 0;
  await open(page, `/trends?framework=${FW}`);
  await page.waitForSelector('section.tr-movers-chart table');
  assert.equal(await page.inputValue('#tr-from'), first.id);
  assert.equal(await page.inputValue('#tr-to'), last.id);
  const check = async (from, to) => {
    const m = await api(`/trends/movers?framework=${FW}&from=${from.id}&to=${to.id}`);
    assert.ok(requests.includes(`/api/v1/trends/movers?framework=${FW}&from=${from.id}&to=${to.id}`), requests.join(' '));
    const shown = [...m.risers.slice(0, 10), ...m.fallers.slice(0, 10).reverse()];
    const rows = await tableOf('section.tr-movers-chart');
    const lname = (id) => fw.levels.find((l) => l.id === id)?.name || '—';
    assert.deepEqual(rows, shown.map((x) => [units.get(x.unit).name, x.unit, fmt(x.from, p()), fmt(x.to, p()), signed(x.change), lname(x.level_from), lname(x.level_to)]));
    const bars = await page.locator('section.tr-movers-chart svg .div-row').evaluateAll((gs) => gs.map((g) => [g.dataset.unit, Number(g.dataset.change)]));
    assert.deepEqual(bars, shown.map((x) => [x.unit, x.change]));
    const title = await page.locator('section.tr-movers-chart .chart-title').innerText();
    if (m.risers.length) assert.ok(title.startsWith(`${units.get(m.risers[0].unit).name} rose most (${signed(m.risers[0].change)} points)`), title);
    else assert.ok(title.includes(`${units.get(m.fallers[0].unit).name} fell most`), title);
    assert.match(await page.locator('section.tr-movers-chart .chart-subtitle').innerText(), new RegExp(`among the ${m.n} units in both editions`));
    // every unit whose level changed is listed, with both levels
    const rank = (id) => fw.levels.find((l) => l.id === id)?.min ?? -1;
    const moved = [...m.risers, ...m.fallers].filter((x) => x.level_from && x.level_to && x.level_from !== x.level_to);
    const up = moved.filter((x) => rank(x.level_to) > rank(x.level_from)).length;
    assert.match(await page.locator('#tr-level-moves-title').innerText(), new RegExp(`^${up} units? moved up a level and ${moved.length - up} down`));
    const listed = await page.locator('.tr-level-moves table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.children[1].textContent));
    assert.deepEqual(listed.sort(), moved.map((x) => x.unit).sort());
    return m;
  };
  await check(first, last);
  // the other way round: the rises become falls
  requests.length = 0;
  await page.selectOption('#tr-from', last.id);
  await page.selectOption('#tr-to', first.id);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('to') !== null);
  await page.waitForSelector('section.tr-movers-chart table');
  const back = await check(last, first);
  const fwd = await api(`/trends/movers?framework=${FW}&from=${first.id}&to=${last.id}`);
  assert.equal(back.fallers.length, fwd.risers.length);
  // the same edition twice: said so, nothing asked
  requests.length = 0;
  await page.selectOption('#tr-to', last.id);
  await page.locator('.tr-movers .state-empty', { hasText: 'Choose two different editions' }).waitFor();
  assert.ok(!requests.some((r) => r.includes('/movers')), requests.join(' '));
});

test('over time: axe finds nothing, the table views too; desktop screenshot', async () => {
  await open(page, `/trends?framework=${FW}`);
  await page.waitForSelector('section.tr-movers-chart table');
  await noViolations('over time');
  await shot(page, 'trends');
  for (const s of await page.locator('section.chart').all()) await s.getByRole('button', { name: 'Table' }).click();
  await noViolations('over time, table views');
  await shot(page, 'trends-tables');
});

test('over time: an edition that lacks the node is said so on the chart, with no point drawn', async () => {
  // A question new in the latest edition (one the edition crosswalk leaves
  // unmapped) is missing from the older ones. Should a demo have none, the
  // browser is told that the latest edition lacks the first part.
  const cw = await api('/mappings').then((r) => r.mappings.find((m) => m.source === FW && m.target === FW));
  const fresh = cw ? (await api('/mappings/' + cw.id)).coverage.find((r) => r.relation == null && r.kind === 'question') : null;
  const p2 = await b.context.newPage();
  let node, name, missing;
  if (fresh) {
    node = fresh.target;
    name = fresh.label;
    missing = (await api(`/trends?framework=${FW}&node=${node}`)).editions.filter((e) => e.node_missing).map((e) => e.year);
    assert.ok(missing.length, `${node} is missing from some edition`);
  } else {
    node = fw.children[0].id;
    name = fw.children[0].name;
    const last = eds[eds.length - 1];
    missing = [last.year];
    await p2.route((u) => u.pathname === '/api/v1/trends' && u.searchParams.get('node') === node, async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const e of body.editions) if (e.campaign === last.id) Object.assign(e, { node_missing: true, n: 0, mean: null, median: null, levels: {} });
      await route.fulfill({ response: res, json: body });
    });
  }
  await open(p2, `/trends?framework=${FW}&node=${encodeURIComponent(node)}`);
  await p2.waitForSelector('section.tr-node table');
  const note = await p2.locator('section.tr-node .chart-notes').innerText();
  for (const y of missing) assert.ok(note.includes(`${y} edition: “${name}” is not in its questionnaire, so no point is drawn for it`), note);
  assert.equal((await p2.locator('section.tr-node svg .year-note').allTextContents()).filter((x) => x.includes('not asked')).length, missing.length);
  assert.equal(await p2.locator('section.tr-node svg circle').count(), eds.length - missing.length, 'no point for an edition without the node');
  assert.equal(await p2.locator('.tr-edition-notes li').count(), missing.length);
  await p2.close();
});

test('over time: an edition on another version of the framework is said so, and the line into it is dashed', async () => {
  // The demo publishes its latest edition on the 2027 version, read against
  // the 2026 one through the edition crosswalk. Should a demo lack one, the
  // browser is told so (the fields the trends API gives an edition on an
  // older version); the numbers stay the server's.
  const tr = await api(`/trends?framework=${FW}`);
  const at = tr.editions.findIndex((e, i) => i > 0 && e.version && tr.editions[i - 1].version && e.version !== tr.editions[i - 1].version);
  const p2 = await b.context.newPage();
  let prev, last, relation;
  if (at > 0) {
    [prev, last] = [tr.editions[at - 1], tr.editions[at]];
    relation = prev.relation;
    assert.ok(prev.mapping, 'the older edition names the crosswalk it is read through');
  } else {
    [prev, last] = eds.slice(-2);
    relation = 'subset';
    await p2.route((u) => u.pathname === '/api/v1/trends' && !u.searchParams.has('node'), async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const e of body.editions) {
        if (e.campaign === last.id) Object.assign(e, { version: '2027', mapping: null, relation: null, node_used: FW });
        else Object.assign(e, { version: '2026', mapping: 'national-commitment-2026-2027', relation, node_used: FW });
      }
      await route.fulfill({ response: res, json: body });
    });
  }
  const words = { subset: 'covers only part of what', superset: 'covers all of what', intersect: 'overlap' }[relation];
  await open(p2, `/trends?framework=${FW}`);
  await p2.waitForSelector('section.tr-node table');
  const note = await p2.locator('section.tr-node .chart-notes').innerText();
  assert.ok(note.startsWith(`${last.year} edition: questions changed; compared on mapped nodes.`), note);
  if (relation !== 'equal') assert.ok(note.includes(words), note);
  for (const sel of ['section.tr-node', 'section.tr-gap']) {
    assert.ok((await p2.locator(`${sel} svg .year-note`).allTextContents()).includes('questions changed'), sel);
    assert.equal(await p2.locator(`${sel} svg path.changed-segment`).count(), sel === 'section.tr-gap' ? 2 : 1, `${sel}: the line into ${last.year} is dashed`);
    assert.equal(await p2.locator(`${sel} svg line.edition-change`).count(), 1);
  }
  assert.match(await p2.locator('.tr-edition-notes').innerText(), /questions changed; compared on mapped nodes/);
  await p2.close();
});

test('over time at phone width: fits, reads, axe finds nothing', async () => {
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  await open(phone, `/trends?framework=${FW}`);
  await phone.waitForSelector('section.tr-movers-chart table');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scroll (${overflow}px)`);
  const v = await axe(phone);
  assert.deepEqual(v, [], JSON.stringify(v, null, 1));
  await shot(phone, 'phone-trends');
  await phone.close();
});
