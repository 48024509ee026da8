import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import type { TCustomFieldEntity } from './custom-fields.schemas.ts';
import { customFields } from './custom-fields.table.ts';

/** Queries only: no HTTP, no access checks. Takes a db or a transaction and the organisation explicitly. */

export type TCustomFieldDef = typeof customFields.$inferSelect;

/** The organisation's fields of one entity, in the order forms and lists show them. */
export async function loadCustomFields(db: Db, orgId: string, entity: TCustomFieldEntity): Promise<TCustomFieldDef[]> {
  return db
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.entity, entity)))
    .orderBy(asc(customFields.position), asc(customFields.label));
}

export async function listCustomFields(db: Db, orgId: string, entity?: TCustomFieldEntity): Promise<TCustomFieldDef[]> {
  return db
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), entity ? eq(customFields.entity, entity) : undefined))
    .orderBy(asc(customFields.entity), asc(customFields.position), asc(customFields.label));
}

export async function findCustomFieldById(db: Db, orgId: string, id: string): Promise<TCustomFieldDef | null> {
  const [row] = await db
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)));
  return row ?? null;
}

export async function isCustomFieldKeyTaken(db: Db, orgId: string, entity: TCustomFieldEntity, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customFields.id })
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.entity, entity), eq(customFields.key, key)));
  return Boolean(row);
}

/** The position after the entity's last field (0 for the first). */
export async function nextCustomFieldPosition(db: Db, orgId: string, entity: TCustomFieldEntity): Promise<number> {
  const [last] = await db
    .select({ max: sql<number>`coalesce(max(${customFields.position}), -1)::int` })
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.entity, entity)));
  return (last?.max ?? -1) + 1;
}

export async function insertCustomField(
  db: Db,
  orgId: string,
  row: Omit<typeof customFields.$inferInsert, 'orgId'>,
): Promise<TCustomFieldDef | null> {
  const [created] = await db
    .insert(customFields)
    .values({ ...row, orgId })
    .returning();
  return created ?? null;
}

export async function updateCustomField(db: Db, orgId: string, id: string, set: Partial<TCustomFieldDef>): Promise<TCustomFieldDef | null> {
  const [row] = await db
    .update(customFields)
    .set(set)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteCustomField(db: Db, orgId: string, id: string): Promise<TCustomFieldDef | null> {
  const [row] = await db
    .delete(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.id, id)))
    .returning();
  return row ?? null;
}
