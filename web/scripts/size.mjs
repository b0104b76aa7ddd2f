// Prints the compressed size of the first page load: index.html plus the
// scripts, styles and preloads it names (lazy chunks such as the world map
// are not counted). Fails when it exceeds the budget (250 KB).
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] || 'dist';
const BUDGET = 250 * 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = new Set(['index.html']);
for (const m of html.matchAll(/(?:src|href)="\/([^"]+)"/g)) refs.add(m[1]);
let total = 0;
for (const r of refs) {
  const f = join(dist, r);
  if (!existsSync(f)) continue;
  const gz = existsSync(f + '.gz') ? statSync(f + '.gz').size : statSync(f).size;
  total += gz;
  console.log(`  ${r}: ${(gz / 1024).toFixed(1)} KB compressed`);
}
console.log(`first load: ${(total / 1024).toFixed(1)} KB compressed (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error('first load is over budget');
  process.exit(1);
}
