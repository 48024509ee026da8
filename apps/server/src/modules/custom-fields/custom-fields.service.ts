import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, detail, invalid, notFound, type TErrorDetail } from '../../platform/errors.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { customFieldMessages } from './custom-fields.messages.ts';
import * as repo from './custom-fields.repository.ts';
import type { TCustomField, TCustomFieldEntity, TCustomFieldInput, TCustomFieldType, TUpdateCustomField } from './custom-fields.schemas.ts';

export type { TCustomFieldDef } from './custom-fields.repository.ts';

export function toCustomFieldDto(f: repo.TCustomFieldDef): TCustomField {
  return {
    id: f.id,
    entity: f.entity as TCustomFieldEntity,
    key: f.key,
    label: f.label,
    type: f.type as TCustomFieldType,
    options: f.options,
    required: f.required,
    showInList: f.showInList,
    position: f.position,
  };
}

// A value's problems are worded as the platform words the same problem in a request body.
const m = { ...customFieldMessages, ...MESSAGES };
const isoDate = z.iso.date();
const MAX_TEXT = 2000;

/** The problem with one value of a field, or null when it is fine. */
function problemOf(def: repo.TCustomFieldDef, raw: unknown, field: string): TErrorDetail | null {
  switch (def.type) {
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) && Math.abs(raw) <= 1e15 ? null : detail(field, m.not_a_number);
    case 'date':
      return typeof raw === 'string' && isoDate.safeParse(raw).success ? null : detail(field, m.not_a_date);
    case 'choice':
      return typeof raw === 'string' && def.options.includes(raw)
        ? null
        : detail(field, m.not_an_option, { options: def.options.join(', ') });
    default:
      if (typeof raw !== 'string') return detail(field, m.not_text);
      // Counted in code points, as the request schema and PostgreSQL count (an emoji is one character).
      return [...raw].length > MAX_TEXT ? detail(field, m.text_too_long, { max: MAX_TEXT }) : null;
  }
}

/**
 * Check submitted custom values against the organisation's definitions. Returns the problems found,
 * each naming `custom.<key>` with its catalogue code, so imports can report them per row and routes can answer 400.
 */
export function checkCustomValues(
  defs: repo.TCustomFieldDef[],
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
      errors.push(detail(field, m.unknown_custom_field));
      continue;
    }
    if (raw === null || raw === '') {
      if (def.required) errors.push(detail(field, m.is_required));
      else out[key] = null;
      continue;
    }
    const problem = problemOf(def, raw, field);
    if (problem) errors.push(problem);
    else out[key] = raw as string | number;
  }
  if (opts.requireAll) {
    for (const d of defs) if (d.required && (values?.[d.key] ?? null) === null) errors.push(detail(`custom.${d.key}`, m.is_required));
  }
  return { values: out, errors };
}

/** Throwing form for services: 400 naming every offending custom field. */
export function requireValidCustomValues(defs: repo.TCustomFieldDef[], values: Record<string, unknown> | undefined, requireAll: boolean) {
  const { values: clean, errors } = checkCustomValues(defs, values, { requireAll });
  if (errors.length) throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  return clean;
}

export function createCustomFieldService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor, entity?: TCustomFieldEntity): Promise<TCustomField[]> {
      requirePermission(actor, 'account:read');
      return (await repo.listCustomFields(db, actor.orgId, entity)).map(toCustomFieldDto);
    },

    async create(actor: Actor, input: TCustomFieldInput): Promise<TCustomField> {
      requirePermission(actor, 'custom_field:manage');
      if (input.type === 'choice' && !input.options?.length) throw invalid('options', m.choice_needs_option);
      return db.transaction(async (tx) => {
        if (await repo.isCustomFieldKeyTaken(tx, actor.orgId, input.entity, input.key))
          throw conflict('key', m.custom_field_key_taken, { entity: input.entity });
        const row = await repo.insertCustomField(tx, actor.orgId, {
          ...input,
          // Without an explicit position a new field goes last.
          position: input.position ?? (await repo.nextCustomFieldPosition(tx, actor.orgId, input.entity)),
          options: input.type === 'choice' ? (input.options ?? []) : [],
          id: newId(),
          createdAt: clock.now(),
        });
        if (!row) throw new AppError('INTERNAL', 'Custom field was not created');
        const dto = toCustomFieldDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'custom_field', entityId: row.id, action: 'created', after: dto });
        return dto;
      });
    },

    async update(actor: Actor, id: string, input: TUpdateCustomField): Promise<TCustomField> {
      requirePermission(actor, 'custom_field:manage');
      return db.transaction(async (tx) => {
        const before = await repo.findCustomFieldById(tx, actor.orgId, id);
        if (!before) throw notFound('Custom field');
        if (before.type === 'choice' && input.options && !input.options.length) throw invalid('options', m.choice_needs_option);
        // An empty PATCH changes nothing (and Drizzle refuses an empty SET).
        if (Object.keys(input).length === 0) return toCustomFieldDto(before);
        const after = await repo.updateCustomField(tx, actor.orgId, id, input);
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

    async remove(actor: Actor, id: string): Promise<void> {
      requirePermission(actor, 'custom_field:manage');
      await db.transaction(async (tx) => {
        const before = await repo.deleteCustomField(tx, actor.orgId, id);
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

export type CustomFieldService = ReturnType<typeof createCustomFieldService>;
