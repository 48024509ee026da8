import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allPermissions, permissionsOfRole, ROLES } from '../platform/access/permissions.ts';
import { MODULES } from './index.ts';

/**
 * Who may do what, pinned: a change to a module's grants changes this table, so it is always a visible,
 * reviewed change. The table is what the role descriptions in the web UI and docs promise.
 */
const EXPECTED: Record<(typeof ROLES)[number], string[]> = {
  admin: [
    'account:archive',
    'account:read',
    'account:write',
    'api_token:manage',
    'audit:read',
    'contact:read',
    'contact:write',
    'custom_field:manage',
    'export:run',
    'import:run',
    'interaction:read',
    'interaction:write',
    'job:read',
    'market:manage',
    'market:read',
    'organisation:manage',
    'outbox:read',
    'user:manage',
    'user:read',
  ],
  vp_cs: [
    'account:archive',
    'account:read',
    'account:write',
    'api_token:manage',
    'audit:read',
    'contact:read',
    'contact:write',
    'export:run',
    'import:run',
    'interaction:read',
    'interaction:write',
    'market:read',
    'user:read',
  ],
  csm: [
    'account:read',
    'account:write',
    'api_token:manage',
    'contact:read',
    'contact:write',
    'export:run',
    'interaction:read',
    'interaction:write',
    'market:read',
    'user:read',
  ],
  cse: [
    'account:read',
    'account:write',
    'contact:read',
    'contact:write',
    'export:run',
    'interaction:read',
    'interaction:write',
    'market:read',
    'user:read',
  ],
  support_manager: [
    'account:read',
    'account:write',
    'contact:read',
    'contact:write',
    'export:run',
    'import:run',
    'interaction:read',
    'interaction:write',
    'market:read',
    'user:read',
  ],
  customer_advocate: ['account:read', 'contact:read', 'contact:write', 'interaction:read', 'interaction:write', 'market:read', 'user:read'],
  country_manager: [
    'account:archive',
    'account:read',
    'account:write',
    'contact:read',
    'contact:write',
    'export:run',
    'import:run',
    'interaction:read',
    'interaction:write',
    'market:manage',
    'market:read',
    'user:read',
  ],
  product: ['account:read', 'contact:read', 'export:run', 'interaction:read', 'interaction:write', 'market:read', 'user:read'],
  marketing: ['account:read', 'contact:read', 'export:run', 'interaction:read', 'market:read', 'user:read'],
  read_only: ['account:read', 'contact:read', 'interaction:read', 'market:read', 'user:read'],
};

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });

describe('permissions', () => {
  it('gives each role exactly the pinned permissions of the foundation modules', () => {
    // A module added later is pinned by its own permissions file and access-matrix entries.
    const pinned = new Set(EXPECTED.admin);
    for (const role of ROLES)
      expect(
        permissionsOfRole(role).filter((p) => pinned.has(p)),
        role,
      ).toEqual(EXPECTED[role]);
  });

  it('gives admins everything and read-only users nothing but reading', () => {
    expect(permissionsOfRole('admin')).toEqual(allPermissions());
    expect(permissionsOfRole('read_only').filter((p) => !p.endsWith(':read'))).toEqual([]);
  });

  it('has every permission declared by exactly one module definition', () => {
    const declared = MODULES.flatMap((m) => Object.keys(m.permissions));
    expect([...declared].sort()).toEqual(allPermissions());
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('has every permission checked somewhere in the code, and every checked permission declared', () => {
    const text = sourceFiles(src)
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const checked = new Set([...text.matchAll(/(?:requirePermission|can)\(\s*\w+,\s*'([a-z_]+:[a-z_]+)'/g)].map((m) => m[1]));
    const unchecked = allPermissions().filter((p) => !checked.has(p));
    expect(unchecked).toEqual([]);
    expect([...checked].filter((p) => !allPermissions().includes(p as never))).toEqual([]);
  });
});
