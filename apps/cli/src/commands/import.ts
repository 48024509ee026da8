import type { ApiOptions } from '../api.ts';
import { CliError } from '../errors.ts';
import type { TEntity } from './export.ts';

export interface TImportOptions extends ApiOptions {
  mode: 'all_or_nothing' | 'skip_invalid';
  mapping: string;
}

// The REST import endpoints (/api/v1/imports) are not part of the API yet.
export async function runImport(_entity: TEntity, _file: string, _opts: TImportOptions): Promise<void> {
  throw new CliError('Importing through the API is not available in this version yet.');
}
