// Development helper: screenshots of a few URLs. node shot.mjs BASE OUTDIR path...
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [base, out, ...paths] = process.argv.slice(2);
const width = Number(process.env.W || 1280);
const ctxDir = mkdtempSync(join(tmpdir(), 'cc-shot-'));
const browser = await chromium.launchPersistentContext(ctxDir, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width, height: 900 },
});
const page = await browser.newPage();
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
page.on('pageerror', (e) => console.log('pageerror:', e.message));
for (const p of paths) {
  await page.goto(base + p, { waitUntil: 'networkidle' });
  await page.waitForTimeout(300);
  const name = p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
  await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
  console.log('shot', name);
}
await browser.close();
