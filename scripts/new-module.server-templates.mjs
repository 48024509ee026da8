// The repository, service and routes `npm run new-module` writes. `n` holds the name in each spelling (see new-module.mjs).

export const repository = (n) => `import { and, asc, count, desc, eq, getTableColumns, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { accounts } from '../accounts/index.ts';
import type { T${n.Many}ExportQuery, T${n.One}ListQuery } from './${n.kebab}.schemas.ts';
import { ${n.camel} } from './${n.kebab}.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction; every query filters on org_id. */

export type T${n.One}Row = typeof ${n.camel}.$inferSelect;
export type T${n.One}ListRow = T${n.One}Row & { accountName: string };

/** Which rows the organisation-wide list may show: the organisation's, of the actor's own accounts when limited to them. */
export interface T${n.One}Scope {
  orgId: string;
  ownerUserId: string | null;
}

const withAccount = (db: Db) =>
  db
    .select({ ...getTableColumns(${n.camel}), accountName: accounts.name })
    .from(${n.camel})
    .innerJoin(accounts, and(eq(accounts.orgId, ${n.camel}.orgId), eq(accounts.id, ${n.camel}.accountId)));

function listWhere(scope: T${n.One}Scope, q: T${n.Many}ExportQuery): SQL | undefined {
  const like = q.q ? containsPattern(q.q) : null;
  return and(
    eq(${n.camel}.orgId, scope.orgId),
    scope.ownerUserId ? eq(accounts.ownerUserId, scope.ownerUserId) : undefined,
    q.accountId ? eq(${n.camel}.accountId, q.accountId) : undefined,
    like ? or(ilike(${n.camel}.title, like), ilike(${n.camel}.notes, like)) : undefined,
  );
}

const SORTS = {
  title: sql\`lower(\${${n.camel}.title})\`,
  account: sql\`lower(\${accounts.name})\`,
  createdAt: ${n.camel}.createdAt,
} as const;

/** One page of the organisation-wide list (also the CSV export's batches), in the asked order. */
export async function find${n.Many}Page(
  db: Db,
  scope: T${n.One}Scope,
  q: T${n.Many}ExportQuery,
  page: { limit: number; offset: number },
): Promise<T${n.One}ListRow[]> {
  const dir = q.order === 'asc' ? asc : desc;
  return withAccount(db)
    .where(listWhere(scope, q))
    .orderBy(dir(SORTS[q.sort]), dir(${n.camel}.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function count${n.Many}(db: Db, scope: T${n.One}Scope, q: T${n.Many}ExportQuery): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(${n.camel})
    .innerJoin(accounts, and(eq(accounts.orgId, ${n.camel}.orgId), eq(accounts.id, ${n.camel}.accountId)))
    .where(listWhere(scope, q));
  return row?.n ?? 0;
}

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

export const service = (n) => `import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { ${n.camel}Messages as m } from './${n.kebab}.messages.ts';
import {
  count${n.Many},
  delete${n.One}Row,
  find${n.Many}Page,
  find${n.One}ById,
  insert${n.One},
  list${n.One}RowsOfAccount,
  type T${n.One}ListRow,
  type T${n.One}Row,
} from './${n.kebab}.repository.ts';
import type { T${n.Many}ExportQuery, T${n.Many}Query, T${n.One}, T${n.One}ListItem, T${n.One}ListQuery, TCreate${n.One} } from './${n.kebab}.schemas.ts';

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

const toListItem = (r: T${n.One}ListRow): T${n.One}ListItem => ({ ...to${n.One}Dto(r), accountName: r.accountName });
const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

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
    /** The organisation's ${n.labels} on the accounts the actor may see: search, one account, sort, paging. */
    async list(actor: Actor, q: T${n.Many}Query) {
      requirePermission(actor, '${n.perm}:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([find${n.Many}Page(db, scopeOf(actor), q, page), count${n.Many}(db, scopeOf(actor), q)]);
      return { items: rows.map(toListItem), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: T${n.Many}ExportQuery) {
      requirePermission(actor, '${n.perm}:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await find${n.Many}Page(db, scopeOf(actor), q, { limit, offset })).map(toListItem));
    },

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

export const routes = (n) => `import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type T${n.One}ListItem,
  Z${n.Many}ExportQuery,
  Z${n.Many}Page,
  Z${n.Many}Query,
  Z${n.One},
  Z${n.One}ListQuery,
  Z${n.One}Page,
  ZCreate${n.One}Request,
} from './${n.kebab}.schemas.ts';
import type { ${n.One}Service } from './${n.kebab}.service.ts';

/** The columns of the CSV export, in order. */
const ${n.CONST}_CSV: CsvColumn<T${n.One}ListItem>[] = [
  ['id', (r) => r.id],
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['title', (r) => r.title],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function register${n.One}Routes(app: FastifyInstance, deps: { ${n.camel}: ${n.One}Service }) {
  const r = typed(app);
  const svc = deps.${n.camel};

  r.get('/api/v1/${n.kebab}', {
    schema: {
      operationId: 'list${n.Many}',
      summary: 'List the ${n.labels} of the organisation',
      tags: ['${n.kebab}'],
      querystring: Z${n.Many}Query,
      response: { 200: Z${n.Many}Page, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/${n.kebab}/export.csv', {
    schema: {
      operationId: 'export${n.Many}Csv',
      summary: 'Export the ${n.labels} as CSV',
      description: 'Every ${n.label} matching the same filters and order as the list.',
      tags: ['${n.kebab}'],
      querystring: Z${n.Many}ExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, '${n.kebab}.csv', ${n.CONST}_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/${n.kebab}', {
    schema: {
      operationId: 'list${n.Many}OfAccount',
      summary: 'List the ${n.labels} of an account',
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
