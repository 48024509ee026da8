import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import { valuesOf } from '../../lib/enums.ts';
import type { ResponseOf } from '../../lib/types.ts';
import { uploadForm } from '../../lib/upload.ts';

export type ImportDetail = ResponseOf<'/api/v1/imports/{id}', 'get'>;
export type ImportSummary = ResponseOf<'/api/v1/imports', 'get'>['items'][number];
export type ImportError = ResponseOf<'/api/v1/imports/{id}/errors', 'get'>['items'][number];
export type ImportStatus = ImportDetail['status'];
export type ImportEntity = ImportDetail['entity'];
export type ImportMode = NonNullable<ImportDetail['mode']>;
export type TargetField = ImportDetail['targetFields'][number];
export type Mapping = Record<string, string | null>;
export type ImportOptions = NonNullable<ImportDetail['options']>;
/** The forms a subscriptions file can take. */
export const SUBSCRIPTION_FORMATS = ['periods', 'changes'] as const;
export const SUPPORTED_SUBSCRIPTION_FORMATS: readonly string[] = SUBSCRIPTION_FORMATS;

export const IMPORT_ENTITIES = valuesOf<ImportEntity>({ accounts: true, contacts: true, subscriptions: true });
export const IMPORT_STATUSES = valuesOf<ImportStatus>({
  uploaded: true,
  validating: true,
  validated: true,
  importing: true,
  completed: true,
  failed: true,
});
export const IMPORT_MODES = valuesOf<ImportMode>({ all_or_nothing: true, skip_invalid: true });
/** While the server works in the background the wizard polls; other states do not change by themselves. */
export const BUSY_STATUSES: readonly ImportStatus[] = ['validating', 'importing'];
export { MAX_UPLOAD_BYTES } from '../../lib/upload.ts';

export const importQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'detail', id],
    queryFn: async () => unwrap(await api.GET('/api/v1/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => (query.state.data && BUSY_STATUSES.includes(query.state.data.status) ? 700 : false),
  });

/** Uploads the file (with upload progress): the import is created and answers with its header and sample rows. */
export function uploadImport(
  file: File,
  entity: ImportEntity,
  onProgress: (fraction: number) => void,
  options?: ImportOptions,
): Promise<ImportDetail> {
  const form = new FormData();
  form.append('entity', entity);
  if (entity === 'subscriptions' && options) {
    form.append('format', options.format);
    form.append('createMissingAccounts', String(options.createMissingAccounts));
    if (options.format === 'changes') form.append('createMissingReasons', String(options.createMissingReasons ?? false));
  }
  form.append('file', file, file.name);
  return uploadForm<ImportDetail>('/api/v1/imports', form, onProgress);
}

/** The import's target field label in the UI language; custom fields keep the label their admin gave them. */
export function fieldLabel(
  t: (key: string, options?: Record<string, unknown>) => string,
  entity: ImportEntity,
  field: TargetField | undefined,
  key: string,
) {
  if (key.startsWith('custom.')) return field?.label ?? key.slice(7);
  // A problem with the whole row (one an undone import kept) rather than one field.
  if (key === 'row') return t('imports.check.wholeRow');
  return t(`imports.fields.${entity}.${key}`, { defaultValue: field?.label ?? key });
}

/** What a target field's cell must contain, in the UI language when the field is a built-in one. */
export function fieldHint(
  t: (key: string, options?: Record<string, unknown>) => string,
  entity: ImportEntity,
  field: TargetField | undefined,
) {
  if (!field?.hint) return undefined;
  if (field.key.startsWith('custom.')) return field.hint;
  return t(`imports.hints.${entity}.${field.key}`, { defaultValue: field.hint });
}
