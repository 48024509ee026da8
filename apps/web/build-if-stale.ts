// Used by `customer365 start` (npm start) and the browser tests: the server serves apps/web/dist, so it is
// rebuilt when it is missing or older than anything it is built from.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(web, '../..');

/** The newest change under a path; a folder's own time counts, so a deleted file makes it newer too. */
function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when apps/web/dist is missing or older than the web sources, its build config or the generated client. */
export function webBuildIsStale(): boolean {
  const built = path.join(web, 'dist/index.html');
  if (!fs.existsSync(built)) return true;
  const sources = [
    path.join(web, 'src'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(root, 'packages/api-client/src'),
  ];
  return fs.statSync(built).mtimeMs < Math.max(...sources.map(newestMtime));
}

/**
 * Builds apps/web/dist when it is stale; `announce` says so first. Returns false when there was nothing to build
 * from (an installation without the web sources) or the build was fresh; throws when the build fails.
 */
export function buildWebIfStale(announce: (message: string) => void): boolean {
  if (!fs.existsSync(path.join(web, 'index.html')) || !webBuildIsStale()) return false;
  announce('Building the web UI…');
  const r = spawnSync('npm', ['run', '--silent', 'build', '-w', '@customer365/web'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`Building the web UI failed (exit ${r.status}, see above).`);
  return true;
}
