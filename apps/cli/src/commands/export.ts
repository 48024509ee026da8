// `customer365 export accounts|contacts`: downloads the CSV export through the REST API, streamed to a file or stdout.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type Api, type ApiOptions, connectApi, expectOk } from '../api.ts';
import { CliError, say, usageError } from '../errors.ts';

export type TEntity = 'accounts' | 'contacts';

export interface TExportOptions extends ApiOptions {
  out?: string;
  search?: string;
  status?: 'active' | 'archived' | 'all';
  market?: string[];
  segment?: string[];
  edition?: string[];
  lifecycleStage?: string[];
  owner?: string[];
  tag?: string[];
  account?: string;
  role?: string[];
  language?: string;
  sort?: string;
  order?: 'asc' | 'desc';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Markets are known to people by country code (NL, DK); the API filters by id, so codes are looked up. */
async function resolveMarketIds(api: Api, values: string[]): Promise<string[]> {
  if (values.every((v) => UUID.test(v))) return values;
  const { items } = expectOk('Listing markets', await api.client.GET('/api/v1/markets'));
  return values.map((v) => {
    if (UUID.test(v)) return v;
    const market = items.find((m) => m.code.toLowerCase() === v.toLowerCase());
    if (!market)
      throw usageError(`--market: no market "${v}" in this organisation (known: ${items.map((m) => m.code).join(', ') || 'none'})`);
    return market.id;
  });
}

const nonEmpty = (xs?: string[]) => (xs?.length ? xs : undefined);

/** Counts CSV records as they stream past (newlines outside quotes), so the summary can say how many rows were written. */
function recordCounter() {
  let inQuotes = false;
  let lines = 0;
  let last = 10;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      for (const byte of chunk) {
        if (byte === 34) inQuotes = !inQuotes;
        else if (byte === 10 && !inQuotes) lines++;
        last = byte;
      }
      cb(null, chunk);
    },
  });
  return { counter, records: () => lines + (last === 10 ? 0 : 1) };
}

export async function runExport(entity: TEntity, opts: TExportOptions) {
  const api = connectApi(opts);
  const common = { q: opts.search, sort: opts.sort, order: opts.order };
  const result =
    entity === 'accounts'
      ? await api.client.GET('/api/v1/accounts/export.csv', {
          params: {
            query: {
              ...common,
              status: opts.status,
              marketId: opts.market?.length ? await resolveMarketIds(api, opts.market) : undefined,
              segment: nonEmpty(opts.segment),
              edition: nonEmpty(opts.edition),
              lifecycleStage: nonEmpty(opts.lifecycleStage),
              ownerUserId: nonEmpty(opts.owner),
              tag: nonEmpty(opts.tag),
            } as never,
          },
          parseAs: 'stream',
        })
      : await api.client.GET('/api/v1/contacts/export.csv', {
          params: { query: { ...common, accountId: opts.account, role: nonEmpty(opts.role), language: opts.language } as never },
          parseAs: 'stream',
        });
  const body = expectOk(`Exporting ${entity}`, result) as unknown as WebReadableStream<Uint8Array> | null;
  if (!body) throw new CliError(`Exporting ${entity} failed: the server sent no data.`);

  const { counter, records } = recordCounter();
  const target = opts.out ? path.resolve(opts.out) : null;
  // Written to a temporary name first, so an interrupted download never leaves a half file under the real name.
  const partial = target ? `${target}.part` : null;
  try {
    await pipeline(Readable.fromWeb(body), counter, partial ? fs.createWriteStream(partial) : process.stdout);
  } catch (err) {
    if (partial) fs.rmSync(partial, { force: true });
    throw new CliError(`Exporting ${entity} failed while downloading: ${(err as Error).message}`);
  }
  if (target && partial) fs.renameSync(partial, target);
  const rows = Math.max(0, records() - 1);
  say(`Exported ${rows} ${entity === 'accounts' ? 'account' : 'contact'}${rows === 1 ? '' : 's'}${target ? ` to ${target}` : ''}.`);
}
