import { and, asc, count, desc, eq, ilike, isNull, lte, max, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import { ROLES } from '../../platform/access/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { containsPattern } from '../../platform/db/like.ts';
import { type CsvColumn, inBatches } from '../../platform/http/csv.ts';
import { ZPageQuery } from '../../platform/http/schemas.ts';
import { toUserDto } from './identity.service.ts';
import { users } from './identity.table.ts';

/** Administration → Users: search, filters, sorting, paging and the CSV export of the same list. */

export const USER_SORTS = ['name', 'email', 'role', 'lastLoginAt', 'createdAt'] as const;

export const ZUserListQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  role: z.enum(ROLES).optional(),
  includeDisabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(USER_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export const ZUserExportQuery = ZUserListQuery.omit({ page: true, pageSize: true });
type TUserQuery = z.infer<typeof ZUserExportQuery>;

type TUserDto = ReturnType<typeof toUserDto>;

/** What an admin may take out of the system: who, with which role and when they last signed in. No hashes, no tokens. */
export const USERS_CSV: CsvColumn<TUserDto>[] = [
  ['id', (u) => u.id],
  ['name', (u) => u.name],
  ['email', (u) => u.email],
  ['role', (u) => u.role],
  ['own_accounts_only', (u) => u.ownAccountsOnly],
  ['language', (u) => u.language],
  ['disabled', (u) => u.disabled],
  ['last_sign_in_at', (u) => u.lastLoginAt],
  ['created_at', (u) => u.createdAt],
];

// Roles sort in the order of the role table (admin first, read-only last), which reads the same in every UI language.
const roleRank = sql`array_position(array[${sql.join(
  ROLES.map((r) => sql`${r}`),
  sql`, `,
)}]::text[], ${users.role})`;

const SORT_COLUMNS: Record<(typeof USER_SORTS)[number], SQL> = {
  name: sql`lower(${users.name})`,
  email: sql`lower(${users.email})`,
  role: roleRank,
  lastLoginAt: sql`${users.lastLoginAt}`,
  createdAt: sql`${users.createdAt}`,
};

/** Ties (same role, never signed in) fall back to the name; users who never signed in come last either way. */
function orderOf(q: TUserQuery): SQL[] {
  const dir = sql.raw(q.order === 'desc' ? 'desc' : 'asc');
  const byName = [asc(sql`lower(${users.name})`), asc(users.id)];
  if (q.sort === 'name') return [sql`${SORT_COLUMNS.name} ${dir}`, q.order === 'desc' ? desc(users.id) : asc(users.id)];
  return [sql`${SORT_COLUMNS[q.sort]} ${dir} nulls last`, ...byName];
}

export function createUserLists(db: Db) {
  const whereOf = (orgId: string, q: TUserQuery, until?: Date) =>
    and(
      eq(users.orgId, orgId),
      q.includeDisabled === 'true' ? undefined : isNull(users.disabledAt),
      q.role ? eq(users.role, q.role) : undefined,
      q.q ? or(ilike(users.name, containsPattern(q.q)), ilike(users.email, containsPattern(q.q))) : undefined,
      until ? lte(users.createdAt, until) : undefined,
    );

  return {
    async listUsers(actor: Actor, q: TUserQuery & { page: number; pageSize: number }) {
      requirePermission(actor, 'user:read');
      const where = whereOf(actor.orgId, q);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(users)
          .where(where)
          .orderBy(...orderOf(q))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(users).where(where),
      ]);
      return { items: rows.map(toUserDto), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
    },

    /** Every user matching the list, in its order; users added after the export began are left out. */
    async *exportUsers(actor: Actor, q: TUserQuery) {
      requirePermission(actor, 'user:read');
      requirePermission(actor, 'export:run');
      const [last] = await db
        .select({ at: max(users.createdAt) })
        .from(users)
        .where(whereOf(actor.orgId, q));
      if (!last?.at) return;
      const where = whereOf(actor.orgId, q, last.at);
      yield* inBatches(async (limit, offset) =>
        (
          await db
            .select()
            .from(users)
            .where(where)
            .orderBy(...orderOf(q))
            .limit(limit)
            .offset(offset)
        ).map(toUserDto),
      );
    },
  };
}
