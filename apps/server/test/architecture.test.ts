import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../src/modules/index.ts';

/**
 * The shape docs/ARCHITECTURE.md promises, checked: every module has the same rooms, SQL lives only in
 * repositories, routes only route, and no source file grows past 400 lines. (Import boundaries are checked by
 * dependency-cruiser: `npm run lint:boundaries`.)
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const modulesDir = path.join(root, 'apps/server/src/modules');
const MAX_LINES = 400;

const walk = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' || e.name === 'migrations' ? [] : walk(p);
        return /\.(ts|tsx|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
      })
    : [];

const moduleFolders = fs
  .readdirSync(modulesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const filesOf = (m: string) => fs.readdirSync(path.join(modulesDir, m));
const read = (m: string, f: string) => fs.readFileSync(path.join(modulesDir, m, f), 'utf8');

describe('architecture', () => {
  it('keeps every source file under 400 lines', () => {
    const dirs = ['apps/server/src', 'apps/server/test', 'apps/web/src', 'apps/cli/src', 'e2e', 'bench', 'scripts'];
    const long = dirs
      .flatMap((d) => walk(path.join(root, d)))
      .map((f) => ({ file: path.relative(root, f), lines: fs.readFileSync(f, 'utf8').replace(/\n$/, '').split('\n').length }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(long).toEqual([]);
  });

  it('lists every module folder in the module list, under its own name', () => {
    expect(MODULES.map((m) => m.name).sort()).toEqual([...moduleFolders].sort());
  });

  it('gives every module the same rooms', () => {
    const missing: string[] = [];
    for (const m of MODULES) {
      const files = filesOf(m.name);
      const rooms = ['index.ts', `${m.name}.permissions.ts`, `${m.name}.routes.ts`, `${m.name}.access.ts`];
      // A module that refuses anything says so from its own catalogue.
      const refuses = files.some((f) => !f.endsWith('.test.ts') && /\b(?:invalid|conflict)\(|new AppError\(/.test(read(m.name, f)));
      if (refuses) rooms.push(`${m.name}.messages.ts`);
      if (Object.keys(m.tables).length)
        rooms.push(`${m.name}.table.ts`, `${m.name}.schemas.ts`, `${m.name}.factory.ts`, `${m.name}.service.ts`);
      for (const room of rooms) if (!files.includes(room)) missing.push(`${m.name}/${room}`);
      if (!files.some((f) => /\.repository\.ts$/.test(f))) missing.push(`${m.name}/${m.name}.repository.ts`);
      if (!files.some((f) => f.endsWith('.test.ts'))) missing.push(`${m.name}/*.test.ts`);
      if (refuses && !m.messages) missing.push(`${m.name}: its definition lists no messages`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps SQL in repositories: services and routes build no queries, and routes reach no database', () => {
    const problems: string[] = [];
    const QUERY = /\bfrom 'drizzle-orm(?:\/pg-core)?'|\.table\.ts'|\bsql`|\b(?:db|tx)\s*\.\s*(?:select|insert|update|delete|execute)\(/;
    for (const m of moduleFolders) {
      for (const f of filesOf(m)) {
        if (f.endsWith('.test.ts')) continue;
        const text = read(m, f);
        if (/\.service\.ts$/.test(f) && QUERY.test(text)) problems.push(`${m}/${f} builds a query (move it to a repository)`);
        if (/\.routes\.ts$/.test(f) && (QUERY.test(text) || /\.repository\.ts'|platform\/db\//.test(text)))
          problems.push(`${m}/${f} reaches the database (call the service)`);
        if (/\.routes\.ts$/.test(f) && /(?:^|\n)(?:export )?const Z\w+ = z\./.test(text))
          problems.push(`${m}/${f} defines a zod schema (move it to ${m}.schemas.ts)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every statement in a repository: no other file of a module writes SQL, runs a query or COPYs', () => {
    // Tables and index.ts name tables (for foreign keys and for other modules' reading joins); they build no statement.
    const STATEMENT = /\bsql`|\bsql\.raw\(|\b(?:db|tx)\s*\.\s*(?:select|insert|update|delete|execute)\(|\btx\.copy\(|\bqueryRows\b/;
    const outside: string[] = [];
    for (const m of moduleFolders)
      for (const f of filesOf(m)) {
        if (/\.(?:test|repository|table)\.ts$/.test(f) || f === 'index.ts') continue;
        if (STATEMENT.test(read(m, f))) outside.push(`${m}/${f}`);
      }
    expect(outside).toEqual([]);
  });

  it('throws only catalogue entries: no plain English in invalid() or conflict()', () => {
    const plain: string[] = [];
    for (const f of walk(path.join(root, 'apps/server/src'))) {
      if (f.endsWith('.test.ts')) continue;
      for (const match of fs.readFileSync(f, 'utf8').matchAll(/\b(?:invalid|conflict)\(\s*[^,()]+,\s*(['`])/g))
        plain.push(`${path.relative(root, f)}: ${match[0]}`);
    }
    expect(plain).toEqual([]);
  });
});
