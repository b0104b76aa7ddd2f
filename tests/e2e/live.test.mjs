// The maturity page's live figures come from the browser's own copy of the
// engine's rule (web/src/maturity.ts fromAnswers: values, stages reached).
// This test bundles that module (esbuild, from web/node_modules) and checks
// it against the server: for every published campaign of every bundled
// framework, a few units' published answers, scored in the browser's way,
// give the value of every node and the stage of every stage group the
// server published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { api } from './helpers.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '../..');
const esbuild = join(root, 'web/node_modules/.bin/esbuild');

test('live values in the browser equal the published ones, node by node', { skip: !existsSync(esbuild) && 'web/node_modules is not installed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cybercap-live-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(entry, [
      `export { linkScales } from '${join(root, 'web/src/fw')}';`,
      `export { indexFramework } from '${join(root, 'web/src/applies')}';`,
      `export { fromAnswers } from '${join(root, 'web/src/maturity')}';`,
    ].join('\n'));
    execFileSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', '--log-level=warning', `--outfile=${join(dir, 'm.mjs')}`]);
    const { linkScales, indexFramework, fromAnswers } = await import(join(dir, 'm.mjs'));
    const { campaigns } = await api('/campaigns');
    const frameworks = new Set();
    let nodes = 0, stages = 0;
    for (const c of campaigns.filter((x) => x.status === 'published' && !x.id.startsWith('e2e-'))) {
      frameworks.add(c.framework);
      // the framework version the campaign was opened on (the index has two)
      const fw = linkScales(await api('/frameworks/' + c.framework + '?version=' + encodeURIComponent(c.framework_version)));
      const ix = indexFramework(fw);
      const { results } = await api(`/campaigns/${c.id}/results`);
      for (const { unit } of results.slice(0, 4)) {
        const res = await api(`/campaigns/${c.id}/results/${unit}`);
        const answers = Object.fromEntries(res.nodes.filter((n) => n.kind === 'question' && n.answer != null).map((n) => [n.id, n.answer]));
        const r = fromAnswers(fw, ix, answers);
        for (const n of res.nodes) {
          if (n.depth === 0 || n.kind === 'indicator') continue;
          const v = r.value(n.id);
          assert.ok(v == null ? n.value == null : n.value != null && Math.abs(v - n.value) < 1e-9,
            `${c.id} ${unit} ${n.id}: browser ${v}, server ${n.value}`);
          nodes++;
          if (n.stage !== undefined) { assert.equal(r.stage(n.id), n.stage, `${c.id} ${unit} ${n.id}: stage`); stages++; }
        }
      }
    }
    assert.ok(frameworks.size >= 3 && stages > 0, `several frameworks and some stage groups checked (${frameworks.size}, ${stages})`);
    assert.ok(nodes > 500, `${nodes} nodes checked`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
