import type { BulkTx } from '../../platform/db/bulk.ts';
import { newId } from '../../platform/ids.ts';
import { copyAuditEntries } from '../audit/index.ts';
import type { TImportRun } from './imports.rows.ts';

/**
 * The "imported" audit entries of the rows an import writes. Each names the import (id and file name, so a
 * record's history can say where a change came from, and the undo can find its entries), the row of the
 * file and whether the record was created or updated, and lists only the fields the row changed, with
 * their new values; `before` holds the whole row as it was (the undo restores it from there).
 */

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The given values of a record that differ from its before-image (all given values of a new record). Blank
 * cells keep what the record had, so they are no change; custom fields are compared key by key.
 */
export function changedValues<R>(record: R, before: Record<string, unknown> | null, keys: readonly (keyof R & string)[]) {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = record[key];
    if (value === null || value === undefined) continue;
    if (key === 'custom') {
      const was = (before?.custom ?? {}) as Record<string, unknown>;
      const custom = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k, v]) => !same(was[k], v)));
      if (Object.keys(custom).length) out.custom = custom;
    } else if (!before || !same(before[key], value)) {
      out[key] = value;
    }
  }
  return out;
}

/** One "imported" audit row per created or updated record, written by the audit module (COPY) in the same transaction. */
export async function copyAudit<R extends { id: string; isNew: boolean; rowNumber: number }>(
  tx: BulkTx,
  run: TImportRun,
  now: string,
  entityType: 'account' | 'contact',
  records: R[],
  before: Map<string, string>,
  audited: readonly (keyof R & string)[],
) {
  const entries = records.map((r) => {
    const was = before.get(r.id) ?? null;
    const after = {
      importId: run.importId,
      fileName: run.fileName,
      row: r.rowNumber,
      result: r.isNew ? 'created' : 'updated',
      changes: changedValues(r, was === null ? null : (JSON.parse(was) as Record<string, unknown>), audited),
    };
    return {
      id: newId(),
      at: now,
      actorUserId: run.actorUserId,
      actorLabel: run.actorLabel,
      entityType,
      entityId: r.id,
      action: 'imported',
      before: was,
      after,
    };
  });
  await copyAuditEntries(tx, run.orgId, entries);
}
