// The checks of `npm test` that are not test runners: lint, type checks, the web build, and the generated files (API client,
// migrations) being up to date. Each passes or fails as a whole.
import fs from 'node:fs';
import path from 'node:path';

export function checks({ root, bin, run }) {
  const node = process.execPath;
  const check =
    (cmd, args, opts = {}) =>
    async (ctx) => {
      const r = await run(cmd, args, { ...opts, out: ctx.out });
      return { ok: r.code === 0, passed: 0, failed: r.code === 0 ? 0 : 1, isCheck: true };
    };
  const tsc = (project) => check(node, [bin('typescript', 'bin/tsc'), '-p', project]);

  /**
   * The committed migrations must match the schema: drizzle-kit generates into a copy of the migrations
   * folder, and any new file there means someone changed a table without `npm run generate:migration`.
   */
  const migrations = async (ctx) => {
    const source = path.join(root, 'apps/server/src/db/migrations');
    // drizzle-kit takes --out relative to the working directory, so the copy lives under the repo's .tmp/.
    const copy = path.join(root, '.tmp', `migrations-check-${process.pid}`);
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(source, copy, { recursive: true });
    const fail = (text) => {
      ctx.out.write('stderr', text);
      return { ok: false, passed: 0, failed: 1, isCheck: true };
    };
    try {
      const before = new Set(fs.readdirSync(copy));
      const r = await run(
        node,
        [
          bin('drizzle-kit', 'bin.cjs'),
          'generate',
          '--dialect=postgresql',
          '--schema=./src/{modules,platform}/**/*.table.ts',
          `--out=${path.relative(path.join(root, 'apps/server'), copy)}`,
        ],
        { cwd: path.join(root, 'apps/server'), timeoutMs: 120_000, out: ctx.out },
      );
      if (r.timedOut)
        return fail(
          '\ndrizzle-kit is waiting for an answer (a rename?): run `npm run generate:migration` yourself and commit the result.\n',
        );
      const added = fs.readdirSync(copy).filter((f) => !before.has(f));
      // drizzle-kit exits 0 even when a table file fails to load, so its "nothing to migrate" is required too.
      if (r.code !== 0 || added.length || !/No schema changes/.test(r.output ?? '')) {
        let text = '';
        for (const f of added.filter((f) => f.endsWith('.sql')))
          text += `\nThe schema needs a migration that is not committed:\n${fs.readFileSync(path.join(copy, f), 'utf8')}\n`;
        if (added.length) text += 'Run `npm run generate:migration` and commit the new files under apps/server/src/db/migrations.\n';
        return fail(text);
      }
      return { ok: true, passed: 0, failed: 0, isCheck: true };
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  };

  // The longest first: they run several at once, and a long one started last would run alone at the end.
  return [
    // The server, the CLI and the benchmarks in one program (tsconfig.node.json): the last two import the server.
    { key: 'typecheck', name: 'Types: apps/server, apps/cli, bench', run: tsc('tsconfig.node.json') },
    {
      key: 'typecheck',
      name: 'Types: apps/web',
      run: tsc('apps/web'),
      when: () => fs.existsSync(path.join(root, 'apps/web/tsconfig.json')),
      skipped: 'no apps/web/tsconfig.json',
    },
    // The production build of the web UI, which the browser tests serve (they build it only when it is stale).
    {
      key: 'build',
      name: 'Web build (vite build)',
      run: check(node, [bin('vite', 'bin/vite.js'), 'build'], { cwd: path.join(root, 'apps/web') }),
      when: () => fs.existsSync(path.join(root, 'apps/web/vite.config.ts')),
      skipped: 'no apps/web/vite.config.ts',
    },
    {
      key: 'client',
      name: 'Generated API client is up to date',
      run: check(node, ['--import', 'tsx', 'scripts/generate-client.ts', '--check']),
    },
    { key: 'typecheck', name: 'Types: e2e', run: tsc('e2e') },
    { key: 'migrations', name: 'Migrations match the schema', run: migrations },
    { key: 'lint', name: 'Lint and format (biome check)', run: check(node, [bin('@biomejs/biome', 'bin/biome'), 'check', '.']) },
    {
      key: 'lint',
      name: 'Module boundaries (dependency-cruiser)',
      run: check(node, [
        bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
        'apps/server/src',
        'apps/server/test',
        'bench',
        'apps/web/src',
        '--output-type',
        'err',
      ]),
    },
    {
      key: 'lint',
      name: 'API contract (Redocly recommended rules)',
      run: check(node, [bin('@redocly/cli', 'bin/cli.js'), 'lint', 'packages/api-client/openapi.json', '--format=stylish'], {
        env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }),
    },
  ];
}
