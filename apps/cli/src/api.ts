import { type ApiClient, createApiClient } from '@customer365/api-client';
import { CliError, EXIT, usageError } from './errors.ts';

export interface ApiOptions {
  url: string;
  token?: string;
}

export interface Api {
  client: ApiClient;
  url: string;
}

/** The generated REST client, signed in with an API token (`Authorization: Bearer c365_…`). */
export function connectApi(opts: ApiOptions): Api {
  let url: URL;
  try {
    url = new URL(opts.url);
  } catch {
    throw usageError(`--url: "${opts.url}" is not a URL (e.g. http://localhost:3650)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw usageError(`--url: must start with http:// or https://, got "${opts.url}"`);
  const token = opts.token?.trim();
  if (!token) {
    throw usageError(
      'An API token is needed: pass --token or set CUSTOMER365_TOKEN. An admin creates one under Administration → API tokens (or POST /api/v1/api-tokens).',
    );
  }
  if (!token.startsWith('c365_')) throw usageError('--token: a Customer365 API token starts with "c365_"');
  const base = url.toString().replace(/\/$/, '');
  const client = createApiClient({
    baseUrl: base,
    headers: { authorization: `Bearer ${token}` },
    // A network failure becomes a readable message instead of "fetch failed".
    fetch: async (request: Request) => {
      try {
        return await fetch(request);
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new CliError(
          `Cannot reach Customer365 at ${base}: ${cause?.code ?? cause?.message ?? (err as Error).message}. Is the server running? (--url)`,
        );
      }
    },
  });
  return { client, url: base };
}

interface ApiErrorBody {
  requestId?: string;
  code?: string;
  message?: string;
  details?: { field: string; message: string }[];
}

/** Turns an error response into one readable message; input the server rejected exits with 2, anything else with 1. */
export function apiError(what: string, response: Response, body: unknown): CliError {
  const e = (typeof body === 'object' && body !== null ? body : { message: String(body ?? '') }) as ApiErrorBody;
  // A validation message repeats its details; then the details alone say it, one per line.
  const repeated = e.details?.length && e.message?.includes(e.details[0]?.message ?? '');
  const lines = [`${what} failed: ${response.status} ${e.code ?? response.statusText}${e.message && !repeated ? ` — ${e.message}` : ''}`];
  for (const d of e.details ?? []) lines.push(`  ${d.field}: ${d.message}`);
  if (response.status === 401) lines.push('  The API token is missing, wrong, expired or revoked (--token / CUSTOMER365_TOKEN).');
  if (response.status === 403) lines.push("  The token's scopes or its user's role do not allow this.");
  if (e.requestId) lines.push(`  (request id ${e.requestId})`);
  const exitCode = [400, 409, 413, 415, 422].includes(response.status) ? EXIT.usage : EXIT.failed;
  return new CliError(lines.join('\n'), exitCode);
}

/** Unwraps an openapi-fetch result: the data, or a CliError describing the failure. */
export function expectOk<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw apiError(what, result.response, result.error);
  return result.data as T;
}
