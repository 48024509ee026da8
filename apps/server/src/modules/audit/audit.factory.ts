import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { insertAuditEntry, type TNewAuditEntry } from './audit.repository.ts';

/**
 * A valid audit entry of the organisation, for tests of this and other modules that need an entry no service
 * writes (an item that is gone, an entity type a later module adds). Entries of real changes come from the
 * services that make them. Returns the entry's id.
 */
export async function makeAuditEntry(db: Db, orgId: string, overrides: Partial<TNewAuditEntry> = {}): Promise<string> {
  const id = overrides.id ?? newId();
  await insertAuditEntry(db, orgId, {
    at: new Date(),
    actorLabel: 'system',
    entityType: 'account',
    entityId: newId(),
    action: 'noted',
    ...overrides,
    id,
  });
  return id;
}
