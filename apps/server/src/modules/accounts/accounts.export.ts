import { csvLine } from '../../platform/http/csv.ts';
import type { TCustomFieldDef } from '../custom-fields/index.ts';
import type { TAccount } from './accounts.schemas.ts';

/** The CSV export's columns: the account's field and its header (custom fields follow, by key). */
export const CSV_COLUMNS = [
  ['id', 'id'],
  ['name', 'name'],
  ['domain', 'domain'],
  ['externalId', 'external_id'],
  ['marketCode', 'market'],
  ['segment', 'segment'],
  ['edition', 'edition'],
  ['lifecycleStage', 'lifecycle_stage'],
  ['ownerName', 'owner'],
  ['tags', 'tags'],
  ['employees', 'employees'],
  ['website', 'website'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['archivedAt', 'archived_at'],
] as const;

/** The export as CSV text, a chunk per batch: a BOM and the header first, then each batch's rows. */
export async function* accountCsvChunks(defs: TCustomFieldDef[], first: IteratorResult<TAccount[]>, rest: AsyncGenerator<TAccount[]>) {
  yield `\ufeff${csvLine([...CSV_COLUMNS.map(([, h]) => h), ...defs.map((d) => d.key)])}`;
  let batch = first;
  while (!batch.done) {
    let chunk = '';
    for (const a of batch.value) chunk += csvLine([...CSV_COLUMNS.map(([k]) => a[k]), ...defs.map((d) => a.custom[d.key])]);
    yield chunk;
    batch = await rest.next();
  }
}
