import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDeep } from './depth.ts';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.ts';

/**
 * `npm run new-module` writes a module that passes every check, server and web: it is run in a temporary copy
 * of the repository (the files git knows, node_modules linked), then the copy's migration and API client are
 * generated and biome, the type checks, the module boundaries, the generated module's own tests (with the
 * access matrix, permissions, architecture and demo tests that loop over the module list) and the web tests
 * run there. About 70–95 s on a quiet 2-core machine (4–5 min when it is shared and overloaded, hence the long
 * time limits), most of it the two type checks (server, CLI and bench in one; web) and the server tests.
 * On PostgreSQL the copy's server tests use a scratch database, so the shared test database never sees
 * the generated table.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const run = promisify(execFile);
const NAME = 'renewal-notes';
const MINUTES = 60_000;

let copy: string;
let scratch: ScratchDatabase | null = null;

/** Runs a command in the copy; on failure, its output is the assertion's message. */
async function inCopy(cwd: string, cmd: string, args: string[], env: Record<string, string | undefined> = {}) {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete fullEnv[k];
  try {
    const r = await run(cmd, args, { cwd: path.join(copy, cwd), env: fullEnv, maxBuffer: 32 * 1024 * 1024 });
    return { ok: true, output: r.stdout + r.stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${[cmd, ...args].join(' ')} failed in ${cwd || '.'}:\n${e.stdout ?? ''}${e.stderr ?? e.message}` };
  }
}
const bin = (pkg: string, file: string) => path.join(root, 'node_modules', pkg, file);
const node = (cwd: string, args: string[], env?: Record<string, string | undefined>) => inCopy(cwd, process.execPath, args, env);

/** The working tree as git sees it (tracked and new files, not ignored ones), with the installed packages linked. */
async function copyRepository(dest: string) {
  const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dest, file));
  }
  const modules = path.join(dest, 'node_modules');
  fs.mkdirSync(path.join(modules, '@customer365'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(root, 'node_modules')))
    if (entry !== '@customer365') fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  // The workspaces resolve to the copy's own packages, so the web sees the copy's regenerated API client.
  const workspaces: [string, string][] = [
    ['api-client', 'packages/api-client'],
    ['server', 'apps/server'],
    ['web', 'apps/web'],
    ['cli', 'apps/cli'],
  ];
  for (const [pkg, dir] of workspaces) fs.symlinkSync(path.join('..', '..', dir), path.join(modules, '@customer365', pkg));
}

beforeAll(async () => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'c365-new-module-'));
  await copyRepository(copy);
  if (process.env.TEST_DATABASE_URL) scratch = await createScratchDatabase();
}, 2 * MINUTES);

afterAll(async () => {
  await scratch?.close();
  fs.rmSync(copy, { recursive: true, force: true });
});

/**
 * The generator's output does not depend on the database, and checking it costs minutes (a copy of the
 * repository, its type checks, lint and tests): `npm test` runs it once, in the PGlite run, with the generated
 * module's own tests and the permission and architecture checks; `npm run test:deep` runs it on PostgreSQL too,
 * with the access matrix and the demo over the whole module list.
 */
const runHere = isDeep || !process.env.TEST_DATABASE_URL;

describe.runIf(runHere)('npm run new-module', () => {
  it(
    'writes the server module and the web feature, each one list entry, and they pass biome, types, boundaries and the web tests',
    async () => {
      const generated = await node('', ['scripts/new-module.mjs', NAME]);
      expect(generated.ok, generated.output).toBe(true);
      const moduleDir = path.join(copy, 'apps/server/src/modules', NAME);
      const featureDir = path.join(copy, 'apps/web/src/features', NAME);
      for (const file of [
        'index.ts',
        `${NAME}.repository.ts`,
        `${NAME}.service.ts`,
        `${NAME}.routes.ts`,
        `${NAME}.demo.ts`,
        `${NAME}.test.ts`,
      ])
        expect(fs.existsSync(path.join(moduleDir, file)), file).toBe(true);
      for (const file of ['index.ts', 'RenewalNotesPage.tsx', 'RenewalNoteFormModal.tsx', 'i18n/nl.json', 'search.test.ts'])
        expect(fs.existsSync(path.join(featureDir, file)), file).toBe(true);
      expect(fs.readFileSync(path.join(copy, 'apps/server/src/modules/index.ts'), 'utf8')).toMatch(/renewalNotesModule,\n\];/);
      expect(fs.readFileSync(path.join(copy, 'apps/web/src/features/index.ts'), 'utf8')).toMatch(/renewalNotesFeature,?\s*\] as const;/);
      // A second run refuses, and changes nothing.
      const again = await node('', ['scripts/new-module.mjs', NAME]);
      expect(again.ok).toBe(false);
      expect(again.output).toContain('already exists');

      const steps: [string, string[]][] = [
        ['apps/server', [bin('drizzle-kit', 'bin.cjs'), 'generate']],
        ['', ['--import', 'tsx', 'scripts/generate-client.ts']],
        ['', [bin('@biomejs/biome', 'bin/biome'), 'check', '.']],
        ['', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json']],
        ['', [bin('typescript', 'bin/tsc'), '-p', 'apps/web']],
        [
          '',
          [
            bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
            'apps/server/src',
            'apps/server/test',
            'apps/web/src',
            '--output-type',
            'err',
          ],
        ],
        ['apps/web', [bin('vitest', 'vitest.mjs'), 'run', `src/features/${NAME}`, 'src/i18n']],
      ];
      for (const [cwd, args] of steps) {
        const r = await node(cwd, args);
        expect(r.ok, r.output).toBe(true);
      }
      expect(
        fs
          .readdirSync(path.join(copy, 'apps/server/src/db/migrations'))
          .some(
            (f) =>
              f.endsWith('.sql') &&
              fs.readFileSync(path.join(copy, 'apps/server/src/db/migrations', f), 'utf8').includes('"renewal_notes"'),
          ),
      ).toBe(true);
      expect(fs.readFileSync(path.join(copy, 'packages/api-client/src/schema.d.ts'), 'utf8')).toContain('"/api/v1/renewal-notes"');
    },
    12 * MINUTES,
  );

  it(
    'passes its own server tests, the permissions and architecture checks (and, deep, the access matrix and demo)',
    async () => {
      const tests = [
        `src/modules/${NAME}`,
        'src/modules/permissions.test.ts',
        'test/architecture.test.ts',
        ...(isDeep ? ['test/security/access-matrix.test.ts', 'src/db/seed/demo.test.ts'] : []),
      ];
      const r = await node('apps/server', [bin('vitest', 'vitest.mjs'), 'run', ...tests], { TEST_DATABASE_URL: scratch?.url ?? undefined });
      expect(r.ok, r.output).toBe(true);
      expect(r.output).toMatch(/renewal-notes\.test\.ts/);
      expect(r.output).not.toMatch(/skipped|todo/i);
    },
    12 * MINUTES,
  );
});
