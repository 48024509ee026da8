/**
 * The route table the security suites walk: for every /api/v1 route, the permission it needs, what its
 * `:id` refers to and a valid request body. The access matrix and the bad-input suite fail when the app
 * has a route this table does not describe, so a new route cannot slip in untested.
 */

import { type SQL, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { RegisteredRoute } from '../../src/app.ts';
import { importUpload } from '../../src/modules/imports/index.ts';
import { MODULES } from '../../src/modules/index.ts';
import { allPermissions, type TPermission } from '../../src/platform/access/permissions.ts';
import { nextSpecNumber, type TFixtures, type TRouteSpec, uniq } from '../../src/platform/access/route-spec.ts';
import type { TestApp } from '../harness.ts';

export type { TFixture, TFixtures } from '../../src/platform/access/route-spec.ts';
export type RouteSpec = TRouteSpec;

export { uniq };

const marketCode = () => {
  const i = nextSpecNumber();
  return `${String.fromCharCode(65 + (((i / 26) | 0) % 26))}${String.fromCharCode(65 + (i % 26))}`;
};

/**
 * A client address no other test (and no earlier run: PostgreSQL keeps sign-in attempts) has used, so the
 * per-address sign-in throttle never mixes tests.
 */
export function randomIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

export const PUBLIC_ROUTES = [...MODULES.flatMap((m) => m.publicRoutes ?? []), 'GET /api/v1/openapi.json'];

/** The routes of every module's definition (`<module>.access.ts`), and those not yet moved there. */
export const ROUTES: Record<string, RouteSpec> = {
  ...Object.assign({}, ...MODULES.map((m) => m.accessMatrix ?? {})),
};

/** A multipart/form-data import upload (the imports module's test factory). */
export const csvUpload = importUpload;

export const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** The app's /api/v1 routes (HEAD twins left out: Fastify answers them with the GET handler). */
export function apiRoutes(t: TestApp): RegisteredRoute[] {
  return t.routes.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
}

/** Routes of the app that the table does not describe, and table rows for routes that no longer exist. */
export function coverageGaps(t: TestApp) {
  const actual = apiRoutes(t).map(key);
  const described = new Set([...Object.keys(ROUTES), ...PUBLIC_ROUTES]);
  return {
    undescribed: actual.filter((k) => !described.has(k)),
    stale: [...described].filter((k) => !actual.includes(k)),
    wronglyPublic: apiRoutes(t)
      .filter((r) => r.public !== PUBLIC_ROUTES.includes(key(r)))
      .map(key),
    unknownPermissions: Object.values(ROUTES)
      .flatMap((s) => s.permissions)
      .filter((p) => !allPermissions().includes(p)),
  };
}

/** Routes in the order a phase runs them: state-changing ones (archive, delete) last. */
export function orderedSpecs(): [string, RouteSpec][] {
  return Object.entries(ROUTES).sort(([, a], [, b]) => (a.late ?? 0) - (b.late ?? 0));
}

export function urlOf(routeKey: string, f: TFixtures | null, spec: RouteSpec): string {
  const url = routeKey.split(' ')[1] ?? '';
  if (!spec.id || !f) return url;
  const id = f[spec.id];
  if (!id) throw new Error(`${routeKey}: no fixture named ${spec.id}`);
  return url.replace(':id', id);
}

export function request(
  t: TestApp,
  routeKey: string,
  spec: RouteSpec,
  f: TFixtures,
  headers: Record<string, string>,
  extra: Partial<InjectOptions> = {},
) {
  const method = routeKey.split(' ')[0] as InjectOptions['method'];
  const raw = spec.raw?.();
  return t.app.inject({
    method,
    url: urlOf(routeKey, f, spec),
    headers: { ...headers, ...raw?.headers },
    ...(spec.body ? { payload: spec.body(f) } : {}),
    ...(raw ? { payload: raw.payload } : {}),
    ...extra,
  } as InjectOptions);
}

async function created(res: LightMyRequestResponse, what: string): Promise<string> {
  if (res.statusCode !== 201) throw new Error(`creating ${what} failed: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** One of each kind of object, created through the API by the organisation's admin. */
export async function createFixtures(t: TestApp, admin: { headers: Record<string, string>; userId: string }): Promise<TFixtures> {
  const h = admin.headers;
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: h, payload });
  const market = await created(
    await post('/api/v1/markets', { code: marketCode(), name: 'Fixture Market', language: 'nl', currency: 'EUR' }),
    'market',
  );
  // No password: the user is invited by e-mail, which gives the outbox fixture too.
  const user = await created(
    await post('/api/v1/users', { email: `fixture-${uniq()}@test.example`, name: 'Fixture User', role: 'read_only' }),
    'user',
  );
  const account = await created(
    await post('/api/v1/accounts', { name: `Fixture Account ${uniq()}`, marketId: market, ownerUserId: admin.userId }),
    'account',
  );
  const contact = await created(
    await post(`/api/v1/accounts/${account}/contacts`, { firstName: 'Fixture', lastName: 'Contact' }),
    'contact',
  );
  const interaction = await created(
    await post(`/api/v1/accounts/${account}/interactions`, { kind: 'call', subject: 'Fixture call', contactId: contact }),
    'interaction',
  );
  const customField = await created(
    await post('/api/v1/custom-fields', { entity: 'account', key: `fx_${uniq()}`, label: 'Fixture', type: 'text' }),
    'custom field',
  );
  const apiToken = await created(await post('/api/v1/api-tokens', { name: 'Fixture token', scopes: ['account:read'] }), 'API token');
  const outboxList = await t.app.inject({ method: 'GET', url: '/api/v1/outbox', headers: h });
  const outbox = outboxList.json().items?.[0]?.id;
  if (!outbox) throw new Error(`no outbox e-mail: ${outboxList.body}`);
  const upload = csvUpload('accounts', 'name,domain\r\nFixture Import,fixture-import.example\r\n');
  const imp = await created(
    await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...h, ...upload.headers }, payload: upload.payload }),
    'import',
  );
  const fixtures: TFixtures = { account, contact, interaction, market, user, customField, apiToken, outbox, import: imp };
  for (const m of MODULES)
    for (const [name, make] of Object.entries(m.accessFixtures ?? {}))
      fixtures[name] = await make({
        fixtures,
        post: async (url, body) => created(await post(url, body), name),
        get: async (url) => (await t.app.inject({ method: 'GET', url, headers: h })).json(),
      });
  return fixtures;
}

/** An API token of the organisation's admin, limited to the given scopes. */
export async function tokenHeaders(t: TestApp, adminHeaders: Record<string, string>, scopes: TPermission[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: adminHeaders,
    payload: { name: `scoped ${uniq()}`, scopes },
  });
  if (res.statusCode !== 201) throw new Error(`token: ${res.body}`);
  return { authorization: `Bearer ${res.json().token}` };
}

/**
 * Row count and a content hash of every tenant table for one organisation. Sessions and API tokens are
 * counted only: signing in and using a token touch their last-seen columns by design.
 */
/** Rows of a raw query on either driver (both answer { rows }). */
export async function queryRows<T>(db: TestApp['db'], query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export async function snapshotOrg(t: TestApp, orgId: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ table_name: string }>(
    t.db,
    // Partitions (usage_events' months, made as events arrive) are read through their parent table.
    sql`select c.table_name from information_schema.columns c join pg_class p on p.relname = c.table_name and p.relnamespace = 'public'::regnamespace
        where c.table_schema = 'public' and c.column_name = 'org_id' and not p.relispartition order by c.table_name`,
  );
  const out: Record<string, string> = {};
  // Background work may move on while a test runs (on the shared PostgreSQL test database any worker can
  // claim a queued job): tables a job updates are compared by row count, and validation's error rows not at all.
  const JOB_DRIVEN = ['jobs', 'imports', 'email_outbox'];
  for (const { table_name: name } of tables) {
    if (name === 'import_errors') continue;
    const countOnly = name === 'sessions' || name === 'api_tokens' || JOB_DRIVEN.includes(name);
    const [r] = await queryRows<{ n: number; h: string }>(
      t.db,
      sql`select count(*)::int as n, ${countOnly ? sql`''` : sql.raw(`md5(coalesce(string_agg(x::text, '|' order by x::text), ''))`)} as h
          from ${sql.identifier(name)} x where org_id = ${orgId}`,
    );
    out[name] = `${r?.n}:${r?.h}`;
  }
  return out;
}

/** Text that must never reach a client: database error text, SQLSTATEs, stack frames, file paths. */
const LEAKS =
  /SQLSTATE|postgres|pglite|drizzle|Failed query|duplicate key|violates|syntax error|invalid input syntax|invalid input value|out of range for type|invalid byte sequence|relation "|column "|node_modules|\.ts:\d+|at [\w.<>]+ \(/i;

export function expectNoLeak(res: LightMyRequestResponse) {
  expect(res.body, `leaked internals: ${res.body.slice(0, 300)}`).not.toMatch(LEAKS);
}

/** A 4xx error body naming the field (exactly, or a path inside it such as tags.0). */
export function expectFieldError(res: LightMyRequestResponse, field: string, what: string) {
  expect(res.statusCode, `${what}: ${res.statusCode} ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expectNoLeak(res);
  const details = (res.json().details ?? []) as { field: string }[];
  const fields = details.map((d) => d.field);
  expect(
    fields.some((f) => f === field || f.startsWith(`${field}.`)),
    `${what}: expected details[].field "${field}", got ${JSON.stringify(fields)}`,
  ).toBe(true);
}
