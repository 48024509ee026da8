import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { withBulkTransaction } from '../../platform/db/bulk.ts';
import type { Database } from '../../platform/db/database.ts';
import { type AccountService, undoImportedAccounts } from '../accounts/index.ts';
import { deleteAuditEntries, markAuditEntries } from '../audit/index.ts';
import { undoImportedContacts } from '../contacts/index.ts';
import { renderRowMessage } from './imports.messages.ts';
import type { TImportTable } from './imports.repository.ts';
import type { TRowError } from './imports.rows.ts';
import { findUndoEntries, lockChangedRows, referencedPredicate } from './imports.undo.repository.ts';

export type { TImportTable };

/**
 * Undoing an import (its reads in imports.undo.repository.ts; the writes through the owning modules).
 *
 * Every row an import creates or updates gets an "imported" audit entry; for an update its `before` holds
 * the row as it was. On PostgreSQL an all-or-nothing import is one transaction and never needs undoing. On
 * PGlite one transaction would hold its single connection, and every other request, for the whole import,
 * so there the import commits batch by batch and, if a later batch fails, these entries are played back:
 * created rows deleted, updated rows restored, the entries removed.
 *
 * Users keep working while an import runs. A row someone changed after the import wrote it is left as it
 * is: restoring the before-image would silently throw their change away. Such rows ("kept") are reported,
 * and their audit entries stay, marked `keptOnUndo`, since the row still holds what the import wrote.
 */

/** A row the undo left as it is, because someone changed it after the import wrote it. */
export interface TKeptRow {
  entityId: string;
  /** The row of the file that wrote it (as a spreadsheet numbers it). */
  rowNumber: number | null;
}

/** Told which accounts a bulk write changed, in its transaction (the accounts module's `accounts.bulk_updated`). */
export type TAccountsAnnouncer = Pick<AccountService, 'announceBulkUpdate'>;

const UNDO_BATCH = 2000;
const UNDO_WRITES = { accounts: undoImportedAccounts, contacts: undoImportedContacts } as const;

/**
 * Play back the audit entries of one import attempt (newest first, a batch at a time, yielding in between).
 * Returns how many rows were undone and which were kept because they changed meanwhile.
 */
export async function undoImport(
  database: Database,
  target: { orgId: string; importId: string; table: TImportTable; since: Date },
  accounts: TAccountsAnnouncer,
): Promise<{ undone: number; kept: TKeptRow[] }> {
  const { orgId, table } = target;
  const referenced = await referencedPredicate(database.db, table);
  let undone = 0;
  const kept: TKeptRow[] = [];
  for (;;) {
    const entries = await findUndoEntries(database.db, target, UNDO_BATCH);
    if (!entries.length) return { undone, kept };
    await withBulkTransaction(database, async (tx) => {
      const keptIds = await lockChangedRows(tx.db, orgId, table, entries, referenced);
      const created = entries.filter((x) => x.result === 'created' && !keptIds.has(x.entityId)).map((x) => x.entityId);
      const updated = entries
        .filter((x) => x.result === 'updated' && x.before && !keptIds.has(x.entityId))
        .map((x) => ({ id: x.entityId, before: x.before as string }));
      await UNDO_WRITES[table](tx, orgId, { created, updated });
      if (table === 'accounts')
        await accounts.announceBulkUpdate(
          tx.db,
          orgId,
          updated.map((u) => u.id),
        );
      const keptEntries = entries.filter((x) => keptIds.has(x.entityId));
      const undoneEntries = entries.filter((x) => !keptIds.has(x.entityId));
      await markAuditEntries(
        tx,
        orgId,
        keptEntries.map((x) => x.auditId),
        { keptOnUndo: true },
      );
      await deleteAuditEntries(
        tx,
        orgId,
        undoneEntries.map((x) => x.auditId),
      );
      kept.push(...keptEntries.map((x) => ({ entityId: x.entityId, rowNumber: x.rowNumber })));
      undone += undoneEntries.length;
    });
    await yieldToEventLoop();
  }
}

/** Each row the undo left as it is, as an entry of the import's error list (which the user reads row by row). */
export const keptRowErrors = (kept: TKeptRow[]): TRowError[] =>
  kept.map((k) => ({
    rowNumber: k.rowNumber ?? 0,
    field: 'row',
    column: null,
    message: renderRowMessage('kept_on_undo', 'en'),
    value: k.entityId,
    code: 'kept_on_undo',
    params: {},
  }));
