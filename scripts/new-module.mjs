#!/usr/bin/env node
// `npm run new-module -- <name> [<singular>]`: scaffolds apps/server/src/modules/<name>/ in the house shape
// (table, schemas, repository, service, routes, index, test) with a working example: one account-scoped
// resource you can list, create, read and delete. It writes only the new folder and its permissions, and prints
// the lines to add to app.ts and db/schema.ts.
//
//   npm run new-module -- renewals                 → renewals.*.ts, createRenewalService, /api/v1/accounts/:id/renewals
//   npm run new-module -- health-scores            → health-scores.*.ts, createHealthScoreService, table health_scores
//   npm run new-module -- playbooks playbook       → give the singular when dropping the "s" would be wrong
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderModule } from './new-module.templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = path.join(root, 'apps/server/src');

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [name, singularArg] = process.argv.slice(2);
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
if (!name) fail('Usage: npm run new-module -- <name> [<singular>]   e.g. npm run new-module -- renewals');
if (!KEBAB.test(name)) fail(`"${name}": use lowercase words joined by dashes, e.g. renewals or health-scores`);
const singular = singularArg ?? (name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name);
if (!KEBAB.test(singular)) fail(`"${singular}": the singular must be lowercase words joined by dashes`);
if (singular === name)
  fail(`"${name}" reads as a singular; name the module in the plural (renewals), or pass the singular as the second argument`);

const words = (s) => s.split('-');
const pascal = (s) =>
  words(s)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (s) => pascal(s)[0].toLowerCase() + pascal(s).slice(1);
const snake = (s) => words(s).join('_');
const n = {
  kebab: name, // folder, file names, URL segment
  table: snake(name), // SQL table
  camel: camel(name), // Drizzle table constant, service variable
  one: camel(singular), // a single row
  One: pascal(singular), // types and factories: TRenewal, createRenewalService
  Many: pascal(name), // operation ids: listRenewals
  perm: snake(singular), // permissions: renewal:read
  label: words(singular).join(' '), // human wording in messages
};

const moduleDir = path.join(serverSrc, 'modules', name);
if (fs.existsSync(moduleDir)) fail(`${path.relative(process.cwd(), moduleDir)} already exists; nothing was written.`);
const schemaFile = path.join(serverSrc, 'db/schema.ts');
if (fs.existsSync(schemaFile) && fs.readFileSync(schemaFile, 'utf8').includes(`'${n.table}'`))
  fail(`A table named ${n.table} is already declared.`);

// The service checks `${perm}:read` / `${perm}:write`; they join the permission list so the module compiles at once.
// Admins hold every permission; granting them to other roles is a decision left to the author.
const permissionsFile = path.join(serverSrc, 'platform/access/permissions.ts');
const permissions = fs.readFileSync(permissionsFile, 'utf8');
const listMatch = permissions.match(/export const PERMISSIONS = \[([\s\S]*?)\] as const;/);
if (!listMatch) fail(`Could not find "export const PERMISSIONS = [ … ] as const;" in ${permissionsFile}`);
const newPermissions = [`${n.perm}:read`, `${n.perm}:write`].filter((p) => !listMatch[1].includes(`'${p}'`));

fs.mkdirSync(moduleDir, { recursive: true });
const written = [];
for (const [file, content] of Object.entries(renderModule(n))) {
  fs.writeFileSync(path.join(moduleDir, file), content);
  written.push(path.join('apps/server/src/modules', name, file));
}
// Import and export order depends on the names, so the house formatter puts the new files in shape.
const biome = path.join(root, 'node_modules/@biomejs/biome/bin/biome');
if (fs.existsSync(biome)) spawnSync(process.execPath, [biome, 'check', '--write', moduleDir], { stdio: 'ignore' });
if (newPermissions.length) {
  const body = listMatch[1].replace(/\s*$/, '');
  const added = `${body}${body.trim().endsWith(',') ? '' : ','}\n${newPermissions.map((p) => `  '${p}',`).join('\n')}\n`;
  fs.writeFileSync(permissionsFile, permissions.replace(listMatch[0], `export const PERMISSIONS = [${added}] as const;`));
}

const out = (s = '') => process.stdout.write(`${s}\n`);
out(`Created apps/server/src/modules/${name}/:`);
for (const f of written) out(`  ${f}`);
if (newPermissions.length) out(`Added ${newPermissions.join(', ')} to apps/server/src/platform/access/permissions.ts (admins have them).`);
out();
out('Now wire it in:');
out();
out('  apps/server/src/db/schema.ts:');
out(`    export * from '../modules/${name}/${name}.table.ts';`);
out();
out('  apps/server/src/app.ts:');
out(`    import { create${n.One}Service, register${n.One}Routes } from './modules/${name}/index.ts';`);
out(
  `    const ${n.camel} = create${n.One}Service({ db, clock, accounts: services.accounts });   // next to contacts and timeline; add it to \`all\``,
);
out(`    register${n.One}Routes(app, { ${n.camel} });`);
out();
out('  apps/server/test/security/support.ts (the access-matrix and bad-input suites walk every route):');
out(`    TFixture: add '${n.one}'; in createFixtures():`);
out(`      const ${n.one} = await created(await post(\`/api/v1/accounts/\${account}/${name}\`, { title: 'Fixture' }), '${n.label}');`);
out(`      …and return it with the others. In ROUTES:`);
out(`    'GET /api/v1/accounts/:id/${name}': { permissions: ['${n.perm}:read'], id: 'account', accountScoped: true },`);
out(
  `    'POST /api/v1/accounts/:id/${name}': { permissions: ['${n.perm}:write'], id: 'account', accountScoped: true, body: () => ({ title: 'Example' }) },`,
);
out(`    'GET /api/v1/${name}/:id': { permissions: ['${n.perm}:read'], id: '${n.one}', accountScoped: true },`);
out(`    'DELETE /api/v1/${name}/:id': { permissions: ['${n.perm}:write'], id: '${n.one}', accountScoped: true, late: 3 },`);
out();
out('Then:');
out(`  1. Grant ${n.perm}:read / ${n.perm}:write to the roles that need them in ROLE_PERMISSIONS (platform/access/permissions.ts)`);
out('     (the access matrix then expects exactly those roles to pass, and 403 for the others).');
out(`  2. npm run generate:migration       (writes the SQL for the ${n.table} table; commit it)`);
out('  3. npm run generate                 (updates the API client)');
out(`  4. cd apps/server && npx vitest run src/modules/${name}`);
