import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid, notFound, type TErrorDetail } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customFields } from './custom-fields.table.ts';

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'choice'] as const;
export const CUSTOM_FIELD_ENTITIES = ['account', 'contact'] as const;
export type TCustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export type TCustomFieldDef = typeof customFields.$inferSelect;

export function toCustomFieldDto(f: TCustomFieldDef) {
  return {
    id: f.id,
    entity: f.entity as TCustomFieldEntity,
    key: f.key,
    label: f.label,
    type: f.type as (typeof CUSTOM_FIELD_TYPES)[number],
    options: f.options,
    required: f.required,
    showInList: f.showInList,
    position: f.position,
  };
}

export async function loadCustomFields(db: Db, orgId: string, entity: TCustomFieldEntity) {
  return db
    .select()
    .from(customFields)
    .where(and(eq(customFields.orgId, orgId), eq(customFields.entity, entity)))
    .orderBy(asc(customFields.position), asc(customFields.label));
}

const isoDate = z.iso.date();

/**
 * Check submitted custom values against the organisation's definitions. Returns the problems found,
 * each naming `custom.<key>`, so imports can report them per row and routes can answer 400.
 */
export function checkCustomValues(
  defs: TCustomFieldDef[],
  values: Record<string, unknown> | undefined,
  opts: { requireAll: boolean },
): { values: Record<string, string | number | null>; errors: TErrorDetail[] } {
  const out: Record<string, string | number | null> = {};
  const errors: TErrorDetail[] = [];
  const byKey = new Map(defs.map((d) => [d.key, d]));
  for (const [key, raw] of Object.entries(values ?? {})) {
    const def = byKey.get(key);
    const field = `custom.${key}`;
    if (!def) {
      errors.push({ field, message: 'is not a custom field of this organisation' });
      continue;
    }
    if (raw === null || raw === '') {
      if (def.required) errors.push({ field, message: 'is required' });
      else out[key] = null;
      continue;
    }
    switch (def.type) {
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number.NaN;
        if (!Number.isFinite(n) || Math.abs(n) > 1e15) errors.push({ field, message: 'must be a number' });
        else out[key] = n;
        break;
      }
      case 'date':
        if (typeof raw !== 'string' || !isoDate.safeParse(raw).success) errors.push({ field, message: 'must be a date (YYYY-MM-DD)' });
        else out[key] = raw;
        break;
      case 'choice':
        if (typeof raw !== 'string' || !def.options.includes(raw))
          errors.push({ field, message: `must be one of: ${def.options.join(', ')}` });
        else out[key] = raw;
        break;
      default:
        if (typeof raw !== 'string') errors.push({ field, message: 'must be text' });
        // Counted in code points, as the request schema and PostgreSQL count (an emoji is one character).
        else if ([...raw].length > 2000) errors.push({ field, message: 'must be at most 2000 characters' });
        else out[key] = raw;
    }
  }
  if (opts.requireAll) {
    for (const d of defs)
      if (d.required && (values?.[d.key] ?? null) === null) errors.push({ field: `custom.${d.key}`, message: 'is required' });
  }
  return { values: out, errors };
}

/** Throwing form for services: 400 naming every offending custom field. */
export function requireValidCustomValues(defs: TCustomFieldDef[], values: Record<string, unknown> | undefined, requireAll: boolean) {
  const { values: clean, errors } = checkCustomValues(defs, values, { requireAll });
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return clean;
}

export interface TCustomFieldInput {
  entity: TCustomFieldEntity;
  key: string;
  label: string;
  type: (typeof CUSTOM_FIELD_TYPES)[number];
  options?: string[];
  required?: boolean;
  showInList?: boolean;
  position?: number;
}

export function createCustomFieldService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor, entity?: TCustomFieldEntity) {
      requirePermission(actor, 'account:read');
      const rows = await db
        .select()
        .from(customFields)
        .where(and(eq(customFields.orgId, actor.orgId), entity ? eq(customFields.entity, entity) : undefined))
        .orderBy(asc(customFields.entity), asc(customFields.position), asc(customFields.label));
      return rows.map(toCustomFieldDto);
    },

    async create(actor: Actor, input: TCustomFieldInput) {
      requirePermission(actor, 'custom_field:manage');
      if (input.type === 'choice' && !input.options?.length) throw invalid('options', 'a choice field needs at least one option');
      return db.transaction(async (tx) => {
        const [existing] = await tx
          .select({ id: customFields.id })
          .from(customFields)
          .where(and(eq(customFields.orgId, actor.orgId), eq(customFields.entity, input.entity), eq(customFields.key, input.key)));
        if (existing) throw conflict('key', `a ${input.entity} field with this key already exists`);
        // Without an explicit position a new field goes last.
        const [last] = await tx
          .select({ max: sql<number>`coalesce(max(${customFields.position}), -1)::int` })
          .from(customFields)
          .where(and(eq(customFields.orgId, actor.orgId), eq(customFields.entity, input.entity)));
        const [row] = await tx
          .insert(customFields)
          .values({
            ...input,
            position: input.position ?? (last?.max ?? -1) + 1,
            options: input.type === 'choice' ? (input.options ?? []) : [],
            orgId: actor.orgId,
            id: newId(),
            createdAt: clock.now(),
          })
          .returning();
        if (!row) throw new AppError('INTERNAL', 'Custom field was not created');
        const dto = toCustomFieldDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'custom_field', entityId: row.id, action: 'created', after: dto });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: Partial<Omit<TCustomFieldInput, 'entity' | 'key' | 'type'>>) {
      requirePermission(actor, 'custom_field:manage');
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(customFields)
          .where(and(eq(customFields.orgId, actor.orgId), eq(customFields.id, id)));
        if (!before) throw notFound('Custom field');
        if (before.type === 'choice' && input.options && !input.options.length)
          throw invalid('options', 'a choice field needs at least one option');
        // An empty PATCH changes nothing (and Drizzle refuses an empty SET).
        if (Object.keys(input).length === 0) return toCustomFieldDto(before);
        const [after] = await tx
          .update(customFields)
          .set(input)
          .where(and(eq(customFields.orgId, actor.orgId), eq(customFields.id, id)))
          .returning();
        if (!after) throw notFound('Custom field');
        await recordAudit(tx, clock, actor, {
          entityType: 'custom_field',
          entityId: id,
          action: 'updated',
          before: toCustomFieldDto(before),
          after: toCustomFieldDto(after),
        });
        return toCustomFieldDto(after);
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'custom_field:manage');
      await db.transaction(async (tx) => {
        const [before] = await tx
          .delete(customFields)
          .where(and(eq(customFields.orgId, actor.orgId), eq(customFields.id, id)))
          .returning();
        if (!before) throw notFound('Custom field');
        // Stored values stay in the entities' jsonb; they reappear if a field with the same key is defined again.
        await recordAudit(tx, clock, actor, {
          entityType: 'custom_field',
          entityId: id,
          action: 'deleted',
          before: toCustomFieldDto(before),
        });
      });
    },
  };
}
