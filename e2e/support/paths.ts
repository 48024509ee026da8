import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = path.join(ROOT, 'test-results');
/** The web UI's sources, where the tests read its strings; E2E_WEB_SRC goes with E2E_WEB_DIST when testing another build. */
export const WEB_SRC = process.env.E2E_WEB_SRC ? path.resolve(process.env.E2E_WEB_SRC) : path.join(ROOT, 'apps/web/src');
