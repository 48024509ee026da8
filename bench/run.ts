// `npm run bench`: every bench/*.bench.ts in turn, each in its own process. Results (markdown) go to stdout,
// progress to stderr, so `npm run bench > results.md` keeps just the tables. Benches run one after another:
// on a small machine two at once would measure each other.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/child.ts';

// `npm run bench -- http start` runs only those; options such as --write-docs are passed to every bench.
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('--'));
const options = args.filter((a) => a.startsWith('--'));
const benches = fs
  .readdirSync(path.join(ROOT, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((o) => f.startsWith(o)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stderr.write(`\n▶ ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', file), ...options], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`✖ ${file} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed ? 1 : 0);
