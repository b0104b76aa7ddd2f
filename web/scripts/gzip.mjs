// Writes X.gz beside every text asset of the build (the server sends X.gz
// when the client accepts gzip). Usage: node scripts/gzip.mjs DIST
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const TEXT = /\.(html|js|mjs|css|svg|json|txt|map|xml|webmanifest)$/;
const dist = process.argv[2] || 'dist';
let n = 0;
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (TEXT.test(name)) {
      writeFileSync(p + '.gz', gzipSync(readFileSync(p), { level: constants.Z_BEST_COMPRESSION }));
      n++;
    }
  }
}
walk(dist);
console.log(`gzip: ${n} files compressed in ${dist}`);
