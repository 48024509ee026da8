// The files `npm run new-module` writes. `n` holds the name in each spelling (see new-module.mjs).
// The example is an account-scoped resource because most domains hang off an account (subscriptions,
// renewals, health scores…); delete what the new module does not need.

export function renderModule(n) {
  return {
    [`${n.kebab}.table.ts`]: table(n),
    [`${n.kebab}.schemas.ts`]: schemas(n),
    [`${n.kebab}.repository.ts`]: repository(n),
    [`${n.kebab}.service.ts`]: service(n),
    [`${n.kebab}.routes.ts`]: routes(n),
    [`${n.kebab}.messages.ts`]: messages(n),
    [`${n.kebab}.permissions.ts`]: permissions(n),
    [`${n.kebab}.access.ts`]: access(n),
    [`${n.kebab}.factory.ts`]: factory(n),
    'index.ts': index(n),
    [`${n.kebab}.test.ts`]: test(n),
  };
}

const table = (n) => `import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * One ${n.label} of an account. TODO: say what a row stands for.
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row
 * that points into another organisation, and the table can be distributed by org_id.
 */
export const ${n.camel} = pgTable(
  '${n.table}',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('${n.table}_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
  ],
);
`;

const schemas = (n) => `import { z } from 'zod';
import { ZPageQuery, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';

export const Z${n.One} = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  title: z.string(),
  notes: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type T${n.One} = z.infer<typeof Z${n.One}>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreate${n.One}Request = z.strictObject({
  title: zText(200),
  notes: zOptionalText(10_000),
});
export type TCreate${n.One} = z.infer<typeof ZCreate${n.One}Request>;

export const Z${n.One}ListQuery = ZPageQuery.extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type T${n.One}ListQuery = z.infer<typeof Z${n.One}ListQuery>;
export const Z${n.One}Page = zPage(Z${n.One});
`;

const repository = (n) => `import { and, asc, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { T${n.One}ListQuery } from './${n.kebab}.schemas.ts';
import { ${n.camel} } from './${n.kebab}.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type T${n.One}Row = typeof ${n.camel}.$inferSelect;

export async function find${n.One}ById(db: Db, orgId: string, id: string): Promise<T${n.One}Row | null> {
  const [row] = await db
    .select()
    .from(${n.camel})
    .where(and(eq(${n.camel}.orgId, orgId), eq(${n.camel}.id, id)));
  return row ?? null;
}

export async function list${n.One}RowsOfAccount(db: Db, orgId: string, accountId: string, q: T${n.One}ListQuery) {
  const where = and(eq(${n.camel}.orgId, orgId), eq(${n.camel}.accountId, accountId));
  const dir = q.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(${n.camel})
      .where(where)
      .orderBy(dir(${n.camel}.createdAt), dir(${n.camel}.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(${n.camel}).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function insert${n.One}(db: Db, values: typeof ${n.camel}.$inferInsert): Promise<T${n.One}Row> {
  const [row] = await db.insert(${n.camel}).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function delete${n.One}Row(db: Db, orgId: string, id: string) {
  await db.delete(${n.camel}).where(and(eq(${n.camel}.orgId, orgId), eq(${n.camel}.id, id)));
}
`;

const service = (n) => `import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { ${n.camel}Messages as m } from './${n.kebab}.messages.ts';
import { delete${n.One}Row, find${n.One}ById, insert${n.One}, list${n.One}RowsOfAccount, type T${n.One}Row } from './${n.kebab}.repository.ts';
import type { T${n.One}, T${n.One}ListQuery, TCreate${n.One} } from './${n.kebab}.schemas.ts';

export function to${n.One}Dto(r: T${n.One}Row): T${n.One} {
  return {
    id: r.id,
    accountId: r.accountId,
    title: r.title,
    notes: r.notes,
    createdByUserId: r.createdByUserId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type ${n.One}Service = ReturnType<typeof create${n.One}Service>;

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function create${n.One}Service(deps: { db: Db; clock: Clock; accounts: AccountService }) {
  const { db, clock } = deps;

  /** In the actor's organisation and on an account the actor may see (ownAccountsOnly), or 404. */
  async function getVisible(tx: Db, actor: Actor, id: string) {
    const row = await find${n.One}ById(tx, actor.orgId, id);
    if (!row) throw notFound('${n.One}');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  return {
    async listOfAccount(actor: Actor, accountId: string, q: T${n.One}ListQuery) {
      requirePermission(actor, '${n.perm}:read');
      await deps.accounts.requireVisible(actor, accountId);
      const { rows, total } = await list${n.One}RowsOfAccount(db, actor.orgId, accountId, q);
      return { items: rows.map(to${n.One}Dto), total, page: q.page, pageSize: q.pageSize };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, '${n.perm}:read');
      return to${n.One}Dto(await getVisible(db, actor, id));
    },

    async create(actor: Actor, accountId: string, input: TCreate${n.One}) {
      requirePermission(actor, '${n.perm}:write');
      return db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.${n.perm}_account_archived);
        const now = clock.now();
        const row = await insert${n.One}(tx, {
          orgId: actor.orgId,
          id: newId(),
          accountId,
          title: input.title,
          notes: input.notes ?? null,
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        const dto = to${n.One}Dto(row);
        await recordAudit(tx, clock, actor, { entityType: '${n.perm}', entityId: dto.id, action: 'created', after: dto });
        return dto;
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, '${n.perm}:write');
      await db.transaction(async (tx) => {
        const before = await getVisible(tx, actor, id);
        await delete${n.One}Row(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: '${n.perm}', entityId: id, action: 'deleted', before: to${n.One}Dto(before) });
      });
    },
  };
}
`;

const routes = (n) => `import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { Z${n.One}, Z${n.One}ListQuery, Z${n.One}Page, ZCreate${n.One}Request } from './${n.kebab}.schemas.ts';
import type { ${n.One}Service } from './${n.kebab}.service.ts';

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function register${n.One}Routes(app: FastifyInstance, deps: { ${n.camel}: ${n.One}Service }) {
  const r = typed(app);
  const svc = deps.${n.camel};

  r.get('/api/v1/accounts/:id/${n.kebab}', {
    schema: {
      operationId: 'list${n.Many}',
      summary: 'List the ${n.label}s of an account',
      tags: ['${n.kebab}'],
      params: ZIdParams,
      querystring: Z${n.One}ListQuery,
      response: { 200: Z${n.One}Page, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id, req.query),
  });

  r.post('/api/v1/accounts/:id/${n.kebab}', {
    schema: {
      operationId: 'create${n.One}',
      summary: 'Add a ${n.label} to an account',
      tags: ['${n.kebab}'],
      params: ZIdParams,
      body: ZCreate${n.One}Request,
      response: { 201: Z${n.One}, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/${n.kebab}/:id', {
    schema: {
      operationId: 'get${n.One}',
      summary: 'Get a ${n.label}',
      tags: ['${n.kebab}'],
      params: ZIdParams,
      response: { 200: Z${n.One}, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.delete('/api/v1/${n.kebab}/:id', {
    schema: {
      operationId: 'delete${n.One}',
      summary: 'Delete a ${n.label}',
      tags: ['${n.kebab}'],
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
`;

const index = (n) => `// The ${n.kebab} module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { ${n.camel}AccessFixtures, ${n.camel}AccessMatrix } from './${n.kebab}.access.ts';
import { ${n.camel}Messages } from './${n.kebab}.messages.ts';
import { ${n.camel}Permissions } from './${n.kebab}.permissions.ts';
import { register${n.One}Routes } from './${n.kebab}.routes.ts';
import { create${n.One}Service, type ${n.One}Service } from './${n.kebab}.service.ts';
import { ${n.camel} } from './${n.kebab}.table.ts';

export { make${n.One} } from './${n.kebab}.factory.ts';
export { type T${n.One}, Z${n.One} } from './${n.kebab}.schemas.ts';
export { type ${n.One}Service, to${n.One}Dto } from './${n.kebab}.service.ts';
export { ${n.camel} };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const ${n.camel}Module = defineModule({
  name: '${n.kebab}',
  tables: { ${n.camel} },
  permissions: ${n.camel}Permissions,
  messages: ${n.camel}Messages,
  accessMatrix: ${n.camel}AccessMatrix,
  accessFixtures: ${n.camel}AccessFixtures,
  services: (ctx) => ({ ${n.camel}: create${n.One}Service({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => register${n.One}Routes(app, { ${n.camel}: ctx.services.${n.camel} }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    ${n.camel}: ${n.One}Service;
  }
}
`;

const messages = (n) => `import { defineMessages } from '../../platform/messages.ts';

/** What the ${n.kebab} module tells a user, in every UI language. The codes are part of the API: keep them. */
export const ${n.camel}Messages = defineMessages({
  ${n.perm}_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
});
`;

const permissions = (n) => `import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change ${n.label}s (admins always may). */
export const ${n.camel}Permissions = definePermissions({
  '${n.perm}:read': EVERYONE,
  '${n.perm}:write': CUSTOMER_TEAM,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof ${n.camel}Permissions, true> {}
}
`;

const access = (n) => `import type { TFixtureMaker, TRouteSpec } from '../../platform/access/route-spec.ts';

/** How the access-matrix and bad-input suites exercise the ${n.kebab} routes (test/security/). */
export const ${n.camel}AccessMatrix: Record<string, TRouteSpec> = {
  'GET /api/v1/accounts/:id/${n.kebab}': { permissions: ['${n.perm}:read'], id: 'account', accountScoped: true },
  'POST /api/v1/accounts/:id/${n.kebab}': {
    permissions: ['${n.perm}:write'],
    id: 'account',
    accountScoped: true,
    body: () => ({ title: 'Example' }),
  },
  'GET /api/v1/${n.kebab}/:id': { permissions: ['${n.perm}:read'], id: '${n.one}', accountScoped: true },
  'DELETE /api/v1/${n.kebab}/:id': { permissions: ['${n.perm}:write'], id: '${n.one}', accountScoped: true, late: 3 },
};

/** The ${n.label} the suites' \`:id\` routes use, made in each test organisation. */
export const ${n.camel}AccessFixtures = {
  ${n.one}: (make: TFixtureMaker) => make.post(\`/api/v1/accounts/\${make.fixtures.account}/${n.kebab}\`, { title: 'Fixture' }),
};
`;

const factory = (n) => `import type { FastifyInstance } from 'fastify';
import type { T${n.One}, TCreate${n.One} } from './${n.kebab}.schemas.ts';

/** A valid ${n.label} on the account, made through the API, for tests of this and other modules. */
export async function make${n.One}(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  overrides: Partial<TCreate${n.One}> = {},
) {
  const res = await app.inject({ method: 'POST', url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`, headers, payload: { title: 'Example', ...overrides } });
  if (res.statusCode !== 201) throw new Error(\`make${n.One}: \${res.statusCode} \${res.body}\`);
  return res.json() as T${n.One};
}
`;

const test = (n) => `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { make${n.One} } from './${n.kebab}.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const createAccount = async (headers: Record<string, string>) => (await makeAccount(t.app, headers)).id;

describe('${n.kebab}', () => {
  it('creates, lists, reads, deletes and audits a ${n.label}', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = await createAccount(h);
    const created = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`,
      headers: h,
      payload: { title: 'First', notes: 'Agreed on the call' },
    });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    expect(item).toMatchObject({ accountId, title: 'First', notes: 'Agreed on the call', createdByUserId: org.admin.userId });

    const list = await t.app.inject({ method: 'GET', url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`, headers: h });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: item.id }] });
    const one = await t.app.inject({ method: 'GET', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h });
    expect(one.json().title).toBe('First');

    const removed = await t.app.inject({ method: 'DELETE', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: \`/api/v1/${n.kebab}/\${item.id}\`, headers: h })).statusCode).toBe(404);

    const audit = await t.app.inject({ method: 'GET', url: \`/api/v1/audit-log?entityType=${n.perm}&entityId=\${item.id}\`, headers: h });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['deleted', 'created']);
  });

  it('rejects bad input with a 400 naming the field, and writes nothing', async () => {
    const org = await createTestOrg(t);
    const accountId = await createAccount(org.admin.headers);
    const url = \`/api/v1/accounts/\${accountId}/${n.kebab}\`;
    for (const payload of [{ title: '' }, { title: 12 }, { title: 'ok', unknown: true }, {}]) {
      const res = await t.app.inject({ method: 'POST', url, headers: org.admin.headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().details.length).toBeGreaterThan(0);
    }
    expect((await t.app.inject({ method: 'GET', url, headers: org.admin.headers })).json().total).toBe(0);
  });

  it('refuses a ${n.label} on an archived account, in the user’s language', async () => {
    const org = await createTestOrg(t);
    const accountId = await createAccount(org.admin.headers);
    await make${n.One}(t.app, org.admin.headers, accountId);
    await t.app.inject({ method: 'POST', url: \`/api/v1/accounts/\${accountId}/archive\`, headers: org.admin.headers });
    const res = await t.app.inject({
      method: 'POST',
      url: \`/api/v1/accounts/\${accountId}/${n.kebab}\`,
      headers: { ...org.admin.headers, 'accept-language': 'nl' },
      payload: { title: 'Too late' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([
      { field: 'accountId', code: '${n.perm}_account_archived', message: 'het account is gearchiveerd; zet het eerst terug' },
    ]);
  });

  it('answers 401 without a session, 404 to another organisation and 403 without the permission', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const accountId = await createAccount(a.admin.headers);
    const url = \`/api/v1/accounts/\${accountId}/${n.kebab}\`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: b.admin.headers })).statusCode).toBe(404);
    // ${n.perm}:write is for the customer team (${n.kebab}.permissions.ts): a read-only user may look, not add.
    const reader = await a.as('read_only');
    expect((await t.app.inject({ method: 'GET', url, headers: reader.headers })).statusCode).toBe(200);
    const write = await t.app.inject({ method: 'POST', url, headers: reader.headers, payload: { title: 'No' } });
    expect(write.statusCode).toBe(403);
  });
});
`;
