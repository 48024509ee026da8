import { defineConfig } from 'vitest/config';
import { slowFirst } from '../server/test/slow-first.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The server's setup migrates the test database once (a PGlite template, or TEST_DATABASE_URL).
    globalSetup: ['../server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // The slowest files start first (../server/test/slow-first.ts).
    sequence: { sequencer: slowFirst(['test/database-commands.test.ts', 'test/health.test.ts']) },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
