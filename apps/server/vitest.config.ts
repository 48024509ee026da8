import { defineConfig } from 'vitest/config';
import { slowFirst } from './test/slow-first.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    pool: 'forks',
    // The files of a worker share one module cache: the server's modules load once per worker, not once per file
    // (measured on the server suite: import 224 s → 19 s, once-per-file hooks 414 s → 112 s, summed over
    // workers), and test/harness.ts gives them one database per worker. Each test still makes its own organisation.
    isolate: false,
    maxWorkers: 2,
    // The slowest files of `npm test`'s summary start first (test/slow-first.ts).
    sequence: {
      sequencer: slowFirst([
        'test/new-module.test.ts',
        'test/security/access-matrix.test.ts',
        'src/modules/renewal-opportunities/renewal-opportunities.year.test.ts',
        'test/robustness/pglite-kill.test.ts',
        'src/db/seed/demo.test.ts',
        'src/modules/usage/usage.crash.test.ts',
        'test/security/body-abuse.test.ts',
        'src/modules/imports/imports.test.ts',
      ]),
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
