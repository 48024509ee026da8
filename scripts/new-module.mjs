#!/usr/bin/env node
// `npm run new-module -- <name> [<singular>]`: scaffolds apps/server/src/modules/<name>/ in the house shape
// (table, schemas, repository, service, routes, messages, permissions, access-matrix entries, test factory,
// demo contribution, test, index with the module's definition) with a working example: one account-scoped resource you can list
// (per account and across the organisation, with CSV export), create, read and delete; and its web feature,
// apps/web/src/features/<name>/ (definition with route and navigation entry, query keys, strings in en/nl/da,
// a list page on the list pattern, a form to add one). It adds the module to the one list in
// apps/server/src/modules/index.ts and the feature to the one list in apps/web/src/features/index.ts; nothing
// else needs wiring. apps/server/test/new-module.test.ts proves the result passes every check.
//
//   npm run new-module -- renewals                 → renewals.*.ts, createRenewalService, /api/v1/renewals, page /renewals
//   npm run new-module -- health-scores            → health-scores.*.ts, createHealthScoreService, table health_scores
//   npm run new-module -- playbooks playbook       → give the singular when dropping the "s" would be wrong
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderModule } from './new-module.templates.mjs';
import { renderFeature } from './new-module.web-templates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverSrc = path.join(root, 'apps/server/src');
const webSrc = path.join(root, 'apps/web/src');

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
  CONST: snake(singular).toUpperCase(), // constants: RENEWAL_SORTS
  label: words(singular).join(' '), // human wording in messages
  labels: words(name).join(' '),
  Labels: pascal(name)[0] + words(name).join(' ').slice(1), // the navigation entry: "Renewal notes"
};

const moduleDir = path.join(serverSrc, 'modules', name);
if (fs.existsSync(moduleDir)) fail(`${path.relative(process.cwd(), moduleDir)} already exists; nothing was written.`);
const featureDir = path.join(webSrc, 'features', name);
if (fs.existsSync(featureDir)) fail(`${path.relative(process.cwd(), featureDir)} already exists; nothing was written.`);
const featureListFile = path.join(webSrc, 'features/index.ts');
const featureList = fs.readFileSync(featureListFile, 'utf8');
const featureListMatch = featureList.match(/export const FEATURES = \[([\s\S]*?)\] as const;/);
if (!featureListMatch) fail(`Could not find "export const FEATURES = [ … ] as const;" in ${featureListFile}`);
const listFile = path.join(serverSrc, 'modules/index.ts');
const list = fs.readFileSync(listFile, 'utf8');
const listMatch = list.match(/export const MODULES: readonly ModuleDefinition\[\] = \[([\s\S]*?)\];/);
if (!listMatch) fail(`Could not find "export const MODULES: readonly ModuleDefinition[] = [ … ];" in ${listFile}`);
const tables = fs
  .readdirSync(path.join(serverSrc, 'modules'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.table.ts'))
  .map((f) => fs.readFileSync(path.join(serverSrc, 'modules', f), 'utf8'));
if (tables.some((t) => t.includes(`pgTable('${n.table}'`) || t.includes(`pgTable(\n  '${n.table}'`)))
  fail(`A table named ${n.table} is already declared.`);

fs.mkdirSync(moduleDir, { recursive: true });
const written = [];
for (const [file, content] of Object.entries(renderModule(n))) {
  fs.writeFileSync(path.join(moduleDir, file), content);
  written.push(path.join('apps/server/src/modules', name, file));
}
for (const [file, content] of Object.entries(renderFeature(n))) {
  fs.mkdirSync(path.dirname(path.join(featureDir, file)), { recursive: true });
  fs.writeFileSync(path.join(featureDir, file), content);
  written.push(path.join('apps/web/src/features', name, file));
}
// The one list entry on the web: the router, navigation and strings loop over FEATURES.
const features = featureListMatch[1].replace(/[\s,]*$/, '');
fs.writeFileSync(
  featureListFile,
  featureList
    .replace(featureListMatch[0], `export const FEATURES = [${features}, ${n.camel}Feature] as const;`)
    .replace(/(\nimport [^\n]*\n)(?![\s\S]*\nimport )/, `$1import { ${n.camel}Feature } from './${name}/index.ts';\n`),
);
// The one list entry: services are built in list order, and the example uses the accounts service.
const entries = listMatch[1].replace(/\s*$/, '');
fs.writeFileSync(
  listFile,
  list
    .replace(
      listMatch[0],
      `export const MODULES: readonly ModuleDefinition[] = [${entries}${entries.trim().endsWith(',') ? '' : ','}\n  ${n.camel}Module,\n];`,
    )
    .replace(/(\nimport [^\n]*\n)(?![\s\S]*\nimport )/, `$1import { ${n.camel}Module } from './${name}/index.ts';\n`),
);
// Import and export order depends on the names, so the house formatter puts the new files in shape.
const biome = path.join(root, 'node_modules/@biomejs/biome/bin/biome');
if (fs.existsSync(biome))
  spawnSync(process.execPath, [biome, 'check', '--write', moduleDir, listFile, featureDir, featureListFile], {
    cwd: root,
    stdio: 'ignore',
  });

const out = (s = '') => process.stdout.write(`${s}\n`);
out(`Created apps/server/src/modules/${name}/ and apps/web/src/features/${name}/:`);
for (const f of written) out(`  ${f}`);
out(`Added ${n.camel}Module to apps/server/src/modules/index.ts (the module list)`);
out(`  and ${n.camel}Feature to apps/web/src/features/index.ts (the feature list).`);
out();
out('Then:');
out(`  1. npm run generate:migration       (writes the SQL for the ${n.table} table; commit it)`);
out('  2. npm run generate                 (updates the API client the web UI and CLI use; the web types need it)');
out(`  3. cd apps/server && npx vitest run src/modules/${name} test/security/access-matrix.test.ts`);
out(`     cd apps/web && npx vitest run src/features/${name} src/i18n`);
out(`  4. Decide who may do what in ${name}.permissions.ts (the access matrix follows it),`);
out(`     and translate the feature's strings in apps/web/src/features/${name}/i18n/nl.json and da.json.`);
