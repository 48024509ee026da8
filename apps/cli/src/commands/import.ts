// `customer365 import accounts|contacts|subscriptions <file>`: the same steps as the import screen, through the
// REST API: upload (with a subscriptions import's options) → column mapping → validation (every row's errors
// listed) → import with progress.
import fs from 'node:fs';
import path from 'node:path';
import { type Api, type ApiOptions, apiError, connectApi, expectOk } from '../api.ts';
import { CliError, EXIT, say, usageError } from '../errors.ts';

export type TImportEntity = 'accounts' | 'contacts' | 'subscriptions';

export interface TImportOptions extends ApiOptions {
  mode: 'all_or_nothing' | 'skip_invalid';
  mapping: string;
  /** subscriptions only */
  format?: 'periods' | 'changes';
  createMissingAccounts?: boolean;
  createMissingReasons?: boolean;
}

type TImport = Awaited<ReturnType<typeof getImport>>;
type TMapping = Record<string, string | null>;

const POLL_MS = 500;
const MAX_ERRORS_SHOWN = 200;

/** Reads a --mapping file before anything is uploaded: one JSON object { "File column": "field" or null }. */
function readMappingFile(file: string): TMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch (err) {
    throw usageError(`--mapping: cannot read ${file} as JSON: ${(err as Error).message}`);
  }
  const isMapping =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((v) => typeof v === 'string' || v === null);
  if (!isMapping)
    throw usageError(
      `--mapping: ${file} must hold one JSON object mapping file columns to fields (or null to skip one), e.g. {"Company": "name"}`,
    );
  return parsed as TMapping;
}

/** One status line that rewrites itself at a terminal, and a line per 10 % otherwise (CI logs stay short). */
function progressReporter(label: string) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const pct = total ? Math.floor((done / total) * 100) : 0;
      if (tty) process.stderr.write(`\r${label}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} rows (${pct}%)   `);
      else if (total > 0 && Math.floor(pct / 10) > lastTenth) {
        lastTenth = Math.floor(pct / 10);
        say(`${label}: ${done} / ${total} rows (${pct}%)`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function getImport(api: Api, id: string) {
  return expectOk('Reading the import', await api.client.GET('/api/v1/imports/{id}', { params: { path: { id } } }));
}

/** Polls until the import reaches one of the given statuses (or failed), reporting progress on the way. */
async function waitFor(api: Api, id: string, statuses: TImport['status'][], label: string): Promise<TImport> {
  const progress = progressReporter(label);
  try {
    for (;;) {
      const state = await getImport(api, id);
      progress.update(state.processedRows, state.totalRows);
      if (statuses.includes(state.status) || state.status === 'failed') return state;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    progress.end();
  }
}

async function printRowErrors(api: Api, id: string, errorRows: number) {
  const page = expectOk(
    'Listing the row errors',
    await api.client.GET('/api/v1/imports/{id}/errors', { params: { path: { id }, query: { pageSize: MAX_ERRORS_SHOWN } } }),
  );
  say(`${errorRows} row${errorRows === 1 ? ' has' : 's have'} errors:`);
  for (const e of page.items) {
    const where = e.column && e.column !== e.field ? `${e.column} (${e.field})` : e.field;
    say(`  row ${e.rowNumber}, ${where}: ${e.message}${e.value ? ` — value ${JSON.stringify(e.value)}` : ''}`);
  }
  if (page.total > page.items.length) {
    say(`  … ${page.total - page.items.length} more: all of them in GET ${api.url}/api/v1/imports/${id}/errors.csv or the import screen.`);
  }
}

export async function runImport(entity: TImportEntity, file: string, opts: TImportOptions) {
  if (entity !== 'subscriptions' && (opts.format || opts.createMissingAccounts || opts.createMissingReasons))
    throw usageError(
      `--format, --create-missing-accounts and --create-missing-reasons are options of "import subscriptions", not of "import ${entity}"`,
    );
  if (opts.createMissingReasons && opts.format !== 'changes') throw usageError('--create-missing-reasons is an option of --format changes');
  const filePath = path.resolve(file);
  if (!fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) throw usageError(`<file>: ${file} does not exist or is not a file`);
  if (!/\.(csv|xlsx)$/i.test(filePath)) throw usageError(`<file>: ${file} must be a .csv or .xlsx file`);
  const api = connectApi(opts);
  const mappingFromFile = opts.mapping === 'auto' ? null : readMappingFile(opts.mapping);

  const form = new FormData();
  form.append('entity', entity);
  if (entity === 'subscriptions') {
    form.append('format', opts.format ?? 'periods');
    form.append('createMissingAccounts', opts.createMissingAccounts ? 'true' : 'false');
    if (opts.createMissingReasons) form.append('createMissingReasons', 'true');
  }
  form.append('file', await fs.openAsBlob(filePath), path.basename(filePath));
  // The generated type describes the form's fields; the request sends the real multipart body.
  const uploaded = expectOk(
    `Uploading ${path.basename(filePath)}`,
    await api.client.POST('/api/v1/imports', { body: form as never, bodySerializer: () => form }),
  );
  say(`Uploaded ${path.basename(filePath)}: ${uploaded.columns.length} columns (import ${uploaded.id}).`);

  // The server checks the mapping (known columns and fields, required fields mapped) and names what is wrong.
  const mapping = mappingFromFile ?? uploaded.suggestedMapping;
  const labels = new Map(uploaded.targetFields.map((f) => [f.key, f.label]));
  for (const column of uploaded.columns) {
    const field = mapping[column];
    say(`  ${column.padEnd(28)} → ${field ? `${field}${labels.has(field) ? ` (${labels.get(field)})` : ''}` : '(ignored)'}`);
  }
  const mapped = await api.client.PUT('/api/v1/imports/{id}/mapping', { params: { path: { id: uploaded.id } }, body: { mapping } });
  if (!mapped.response.ok) {
    // Nothing can happen to this upload without a mapping: discard it rather than leave it lying around.
    await api.client.DELETE('/api/v1/imports/{id}', { params: { path: { id: uploaded.id } } }).catch(() => {});
    const err = apiError('Setting the column mapping', mapped.response, mapped.error);
    err.message += `\n  Map the columns with --mapping file.json, e.g. {"Company": "name", "Notes": null}. Fields: ${uploaded.targetFields.map((f) => f.key).join(', ')}`;
    throw err;
  }

  const validated = await waitFor(api, uploaded.id, ['validated'], 'Checking');
  if (validated.status === 'failed') throw new CliError(`The import failed: ${validated.failureMessage ?? 'unknown reason'}`);
  say(
    `${validated.totalRows} row${validated.totalRows === 1 ? '' : 's'}: ${validated.validRows} valid, ${validated.errorRows} with errors.`,
  );
  if (validated.errorRows > 0) {
    await printRowErrors(api, uploaded.id, validated.errorRows);
    if (opts.mode === 'all_or_nothing') {
      throw new CliError(
        `Nothing was imported (--mode all_or_nothing). Fix the rows above and import the file again, or use --mode skip_invalid to import the ${validated.validRows} valid rows.`,
        EXIT.failed,
      );
    }
  }

  expectOk(
    'Starting the import',
    await api.client.POST('/api/v1/imports/{id}/start', { params: { path: { id: uploaded.id } }, body: { mode: opts.mode } }),
  );
  const done = await waitFor(api, uploaded.id, ['completed'], 'Importing');
  if (done.status === 'failed') throw new CliError(`The import failed: ${done.failureMessage ?? 'unknown reason'}`);
  const unchanged = entity === 'subscriptions' ? ` ${done.unchangedRows} unchanged,` : '';
  say(`Imported ${entity}: ${done.insertedRows} created, ${done.updatedRows} updated,${unchanged} ${done.skippedRows} skipped.`);
}
