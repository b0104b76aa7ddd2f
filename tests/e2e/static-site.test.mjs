// End-to-end test of the static site for readers (`cybercap export-site`,
// docs/static-site.md): the demo's published editions of the index
// exported from the data directory of the running demo, served by a plain
// `python3 -m http.server`, and the same views opened on both: overview,
// rankings (a pillar within a group), a unit's profile, compare and over
// time show the same text and figures as on the live server; on the
// static site no request goes to the API, none fails, and there is no
// sign-in and no robustness (they need the server); axe-core finds
// nothing; desktop and phone screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createServer } from 'node:net';
import { BASE, api, axe, launch, shot } from './helpers.mjs';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
const FW = 'national-commitment';
let b, live, site, server, dir, statik, eds, fw;
const apiCalls = [];
const failures = [];

const freePort = () => new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

before(async () => {
  eds = (await api('/campaigns')).campaigns.filter((c) => c.framework === FW && c.status === 'published')
    .sort((a, b) => a.year - b.year || a.id.localeCompare(b.id));
  fw = await api('/frameworks/' + FW);
  dir = mkdtempSync(join(tmpdir(), 'cybercap-e2e-site-'));
  const out = join(dir, 'site');
  execFileSync(process.env.E2E_BIN, ['export-site', '--data', process.env.E2E_DATA, '--web', join(ROOT, 'web/dist'),
    ...eds.flatMap((c) => ['--campaign', c.id]), out], { stdio: 'pipe' });
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], { cwd: out, stdio: 'ignore' });
  statik = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await fetch(statik + '/').then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  b = await launch();
  live = await b.context.newPage();
  site = await b.context.newPage();
  site.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url()); });
  site.on('response', (r) => { if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`); });
});
after(async () => {
  await b?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openAt(page, base, path) {
  await page.goto(base + path, { waitUntil: 'networkidle' });
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading, .skeleton'), null, { timeout: 15000 });
}

/**
 * What main shows, whitespace folded. Left out: choosers (the live one
 * offers every campaign), the links to crosswalks and robustness and a
 * unit's action plan
 * (not in the static site), the print-only note (it names the page's own
 * address).
 */
const mainText = (page) => page.locator('main').evaluate((m) => {
  const c = m.cloneNode(true);
  c.querySelectorAll('select, .tr-more, .robust-link, .plan-panel, .print-only').forEach((e) => e.remove());
  return c.textContent.replace(/\s+/g, ' ').trim();
});

async function same(path, what) {
  await openAt(live, BASE, path);
  await openAt(site, statik, path);
  const [a, s] = [await mainText(live), await mainText(site)];
  assert.ok(a.length > 200, `${what}: the live page shows something`);
  if (s !== a) {
    let i = 0;
    while (i < a.length && a[i] === s[i]) i++;
    assert.fail(`${what}: the static page differs from the live one at ${i}:\n live:   …${a.slice(Math.max(0, i - 80), i + 120)}\n static: …${s.slice(Math.max(0, i - 80), i + 120)}`);
  }
  const v = await axe(site);
  assert.deepEqual(v, [], `${what}: axe violations: ${JSON.stringify(v, null, 1)}`);
}

test('static site: the demo has editions to export', () => {
  assert.ok(eds.length >= 2, `${eds.length} published editions of ${FW}`);
});

test('static site: overview and rankings as on the live server', async () => {
  const c = eds[eds.length - 1].id;
  await same(`/?campaign=${c}`, 'overview');
  // the figures themselves: the median in the distribution's title
  const r = await api(`/campaigns/${c}/results`);
  assert.ok((await mainText(site)).includes(new Intl.NumberFormat('en', { minimumFractionDigits: fw.precision, maximumFractionDigits: fw.precision }).format(r.stats.median)));
  await shot(site, 'static-overview');
  await same(`/rankings?campaign=${c}&node=${fw.children[0].id}&group=itu:africa`, 'rankings of a pillar within a group');
  const rows = await site.locator('table.ranking tbody tr').count();
  const g = await api(`/campaigns/${c}/results?node=${fw.children[0].id}&group=itu:africa`);
  assert.equal(rows, g.results.length);
  await shot(site, 'static-rankings');
});

test('static site: a profile, compare and over time as on the live server', async () => {
  const c = eds[eds.length - 1].id;
  await same(`/units/XAA?campaign=${c}`, 'profile');
  await shot(site, 'static-profile');
  await same(`/compare?campaign=${c}&units=XAA,XAB,XAC`, 'compare');
  await same(`/trends?framework=${FW}`, 'over time');
  await same(`/trends?framework=${FW}&node=${fw.children[1].id}&balanced=true`, 'over time, a pillar, balanced');
  await shot(site, 'static-trends');
});

test('static site: moving around in the page reads only files', async () => {
  const c = eds[eds.length - 1].id;
  await openAt(site, statik, `/?campaign=${c}`);
  const nav = site.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Robustness' }).count(), 0, 'no robustness: it runs on the server');
  assert.equal(await site.getByRole('link', { name: 'Sign in' }).count(), 0, 'no sign-in');
  await nav.getByRole('link', { name: 'Rankings' }).click();
  await site.waitForSelector('table.ranking tbody tr');
  assert.equal(await site.locator('main a[href^="/robustness"]').count(), 0, 'no link to robustness');
  await site.locator('table.ranking tbody tr a').first().click();
  await site.waitForFunction(() => location.pathname.startsWith('/units/'));
  await site.waitForFunction(() => !document.querySelector('.state-loading, .skeleton'), null, { timeout: 15000 });
  assert.equal(await site.locator('main .state-error').count(), 0, 'the profile loads');
  await nav.getByRole('link', { name: 'Over time' }).click();
  await site.waitForSelector('section.tr-node table', { state: 'attached' });
  assert.deepEqual(apiCalls, [], 'no request to the API');
  assert.deepEqual(failures, [], 'no request failed');
  assert.deepEqual(b.errors, [], 'no script error');
});

test('static site: phone width', async () => {
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 375, height: 800 });
  await openAt(phone, statik, `/units/XAB?campaign=${eds[eds.length - 1].id}`);
  await shot(phone, 'static-profile-phone');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow} px)`);
  await phone.close();
});
