// `customer365 start`: what `npm start` does: build the web UI when its sources changed, then run the
// whole product (HTTP API + web UI + worker + scheduler) in this process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, say } from '../errors.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

/** Rebuilds apps/web/dist when it is missing or older than the web sources (skipped when WEB_DIST points elsewhere). */
function buildWebIfStale() {
  const web = path.join(root, 'apps/web');
  if (process.env.WEB_DIST || !fs.existsSync(path.join(web, 'index.html'))) return;
  const built = path.join(web, 'dist/index.html');
  const sources = Math.max(
    newestMtime(path.join(web, 'src')),
    newestMtime(path.join(web, 'index.html')),
    newestMtime(path.join(root, 'packages/api-client/src')),
  );
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  say('Building the web UI…');
  const r = spawnSync('npm', ['run', '--silent', 'build', '-w', '@customer365/web'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) throw new CliError('Building the web UI failed (see above).');
}

export async function runStart(opts: { build: boolean }) {
  if (opts.build) buildWebIfStale();
  const { startServer } = await import('@customer365/server/src/server.ts');
  try {
    await startServer();
  } catch (err) {
    throw new CliError(`Customer365 could not start: ${(err as Error).message}`);
  }
}
