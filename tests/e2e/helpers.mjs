// Shared helpers of the end-to-end tests: the browser (Debian's Chromium
// through playwright-core, fresh profile), the API, axe-core, screenshots.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

export const BASE = process.env.E2E_BASE || 'http://127.0.0.1:8099';
export const SHOTS = process.env.E2E_SHOTS || join(dirname(new URL(import.meta.url).pathname), '../../build/e2e-screenshots');
mkdirSync(SHOTS, { recursive: true });

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A fresh browser profile; OPTIONS are added to the context's (e.g. bypassCSP). */
export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'cybercap-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...options,
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const errors = [];
  context.on('page', (p) => watch(p, errors));
  for (const p of context.pages()) watch(p, errors);
  return {
    context,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watch(page, errors) {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`); });
}

export async function api(path) {
  const r = await fetch(BASE + '/api/v1' + path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/**
 * The latest published campaign of FRAMEWORK (the demo's index by default:
 * the demo also publishes maturity models, of one unit or a few), and all
 * its published campaigns, newest first.
 */
export async function latestCampaign(framework = 'national-commitment') {
  const { campaigns } = await api('/campaigns');
  const pub = campaigns.filter((c) => c.status === 'published' && (!framework || c.framework === framework))
    .sort((a, b) => b.year - a.year || String(b.published_at).localeCompare(String(a.published_at)));
  return { latest: pub[0], published: pub, all: campaigns };
}

/** A number as the interface shows it (English, the framework's precision). */
export const fmt = (x, p = 2) => new Intl.NumberFormat('en', { minimumFractionDigits: p, maximumFractionDigits: p }).format(x);

/** Waits until the page has its heading and no loading state. */
export async function ready(page) {
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}

/** Opens PATH and waits until loading states are gone. */
export async function open(page, path) {
  await page.goto(BASE + path, { waitUntil: 'networkidle' });
  await ready(page);
}

export async function shot(page, name, opts = {}) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true, ...opts });
}

/** Runs axe-core on the page; returns the violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, which the server's
  // Content-Security-Policy (no inline scripts) does not block.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) }));
  });
}

/** Fails (naming the page as WHAT) when axe-core finds a violation. */
export async function axeClean(page, what) {
  const v = await axe(page);
  if (v.length) throw new Error(`axe-core on ${what}: ${JSON.stringify(v, null, 1)}`);
}

/** Sign-ins of the demo: "role email password [(unit X)]" per line. */
export function readLogins(dir) {
  const text = readFileSync(join(dir, 'demo-logins.txt'), 'utf8');
  const out = {};
  for (const line of text.trim().split('\n')) {
    const [, email, pw] = line.trim().split(/\s+/);
    out[email] = pw;
  }
  return out;
}

/** The API as a signed-in user (cookie + CSRF token), outside the browser. */
export async function apiSession(email, password) {
  const r = await fetch(BASE + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`sign-in of ${email} through the API: HTTP ${r.status}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(BASE + '/api/v1' + path, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json };
  };
}

/** Signs in through the page's form and waits for the page NEXT (or the one sign-in leads to). */
export async function signIn(page, email, password, next) {
  await page.goto(BASE + '/signin' + (next ? '?next=' + encodeURIComponent(next) : ''), { waitUntil: 'networkidle' });
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.form button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
  await page.waitForSelector('main h1');
  await page.waitForFunction(() => !document.querySelector('.state-loading'), null, { timeout: 15000 });
}

/** Waits up to 3 s for the focused element to match SELECTOR (a page moves
 * focus in an effect after it renders), then fails with WHAT if it does not. */
export async function expectFocus(page, selector, what) {
  const ok = await page.waitForFunction((s) => document.activeElement?.matches(s) === true, selector,
    { timeout: 3000 }).then(() => true, () => false);
  if (!ok) {
    const now = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? 'nothing');
    throw new Error(`${what}: focus is on ${now}, not ${selector}`);
  }
}
