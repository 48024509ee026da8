/**
 * Module boundaries (docs/ARCHITECTURE.md, "Boundaries"), checked by `npm test` (`npm run lint:boundaries`):
 * a module reads another only through its index.ts, the platform knows no module, and code outside the
 * modules (app.ts, seed, tests, benchmarks) imports a module only through its index.ts too.
 */
const MODULE = '^apps/server/src/modules/([^/]+)/';
const NOT_TESTS = '\\.test\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment: 'A module imports another module only through that module’s index.ts.',
      severity: 'error',
      from: { path: MODULE, pathNot: '\\.table\\.ts$' },
      to: {
        path: '^apps/server/src/modules/[^/]+/.+',
        pathNot: ['^apps/server/src/modules/$1/', '^apps/server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'module-internals-in-tables',
      comment:
        'The one exception: a table file may name another module’s table file for its foreign keys (the schema is one graph, and drizzle-kit loads table files alone).',
      severity: 'error',
      from: { path: `${MODULE}[^/]+\\.table\\.ts$` },
      to: { path: '^apps/server/src/modules/[^/]+/.+', pathNot: ['^apps/server/src/modules/[^/]+/(index|[^/]+\\.table)\\.ts$'] },
    },
    {
      name: 'outside-into-module-internals',
      comment: 'app.ts, the seed, the harness, tests and benchmarks use a module only through its index.ts.',
      severity: 'error',
      from: { path: '^(apps/server/(src|test)|bench)/', pathNot: MODULE },
      to: { path: '^apps/server/src/modules/[^/]+/.+', pathNot: '^apps/server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'The platform is infrastructure: it never imports a domain module (modules register with it instead).',
      severity: 'error',
      from: { path: '^apps/server/src/platform/', pathNot: NOT_TESTS },
      to: { path: '^apps/server/src/modules/' },
    },
    {
      name: 'web-feature-internals',
      comment: 'A web feature imports another feature only through that feature’s index.ts(x).',
      severity: 'error',
      from: { path: '^apps/web/src/features/([^/]+)/' },
      to: {
        path: '^apps/web/src/features/[^/]+/.+',
        pathNot: ['^apps/web/src/features/$1/', '^apps/web/src/features/[^/]+/index\\.tsx?$'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '\\.tmp/'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
};
