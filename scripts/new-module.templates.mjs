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
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
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
        await deps.accounts.requireVisible(actor, accountId, tx);
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
      tags: ['${n.kebab}'],
      params: ZIdParams,
      body: ZCreate${n.One}Request,
      response: { 201: Z${n.One}, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/${n.kebab}/:id', {
    schema: { operationId: 'get${n.One}', tags: ['${n.kebab}'], params: ZIdParams, response: { 200: Z${n.One}, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.delete('/api/v1/${n.kebab}/:id', {
    schema: { operationId: 'delete${n.One}', tags: ['${n.kebab}'], params: ZIdParams, response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
`;

const index = (n) => `// The module's public surface: other modules, app.ts and db/schema.ts import only from here.
export { ${n.camel} } from './${n.kebab}.table.ts';
export { Z${n.One}, type T${n.One} } from './${n.kebab}.schemas.ts';
export { create${n.One}Service, type ${n.One}Service, to${n.One}Dto } from './${n.kebab}.service.ts';
export { register${n.One}Routes } from './${n.kebab}.routes.ts';
`;

const test = (n) => `import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

async function createAccount(headers: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers, payload: { name: 'Acme B.V.' } });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

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

  it('answers 401 without a session, 404 to another organisation and 403 without the permission', async () => {
    const a = await createTestOrg(t, 'A');
    const b = await createTestOrg(t, 'B');
    const accountId = await createAccount(a.admin.headers);
    const url = \`/api/v1/accounts/\${accountId}/${n.kebab}\`;
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url, headers: b.admin.headers })).statusCode).toBe(404);
    // Until ${n.perm}:read is granted to more roles in permissions.ts, only admins hold it.
    const reader = await a.as('read_only');
    expect((await t.app.inject({ method: 'GET', url, headers: reader.headers })).statusCode).toBe(403);
  });
});
`;
