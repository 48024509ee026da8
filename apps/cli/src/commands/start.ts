// `customer365 start`: what `npm start` does: build the web UI when its sources changed, then run the
// whole product (HTTP API + web UI + worker + scheduler) in this process.
import { buildWebIfStale } from '@customer365/web/build-if-stale.ts';
import { CliError, say } from '../errors.ts';

export async function runStart(opts: { build: boolean }) {
  if (opts.build && !process.env.WEB_DIST) {
    try {
      buildWebIfStale(say);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  }
  const { startServer } = await import('@customer365/server/src/server.ts');
  try {
    await startServer();
  } catch (err) {
    throw new CliError(`Customer365 could not start: ${(err as Error).message}`);
  }
}
