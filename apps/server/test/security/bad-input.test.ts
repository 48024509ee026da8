/**
 * Hostile input on every write route, derived from each route's own body schema: wrong types (no coercion of
 * "12" to 12), missing and unknown fields, U+0000, integers beyond int4, oversized and non-JSON bodies.
 * Each answer is a 4xx naming the field, with no database text, and the organisation's data is unchanged.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RegisteredRoute } from '../../src/app.ts';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import {
  apiRoutes,
  createFixtures,
  csvUpload,
  expectFieldError,
  expectNoLeak,
  key,
  ROUTES,
  randomIp,
  snapshotOrg,
  type TFixtures,
  urlOf,
} from './support.ts';

/** Valid bodies of the public write routes (the authenticated ones are in the shared route table). */
const PUBLIC_BODIES: Record<string, () => Record<string, unknown>> = {
  'POST /api/v1/auth/login': () => ({ email: 'nobody@test.example', password: 'not the password' }),
  'POST /api/v1/auth/password-reset': () => ({ email: 'nobody@test.example' }),
  'POST /api/v1/auth/password-reset/confirm': () => ({ token: 'x'.repeat(43), password: 'a long enough password' }),
  'POST /api/v1/public/quotes/:token/accept': () => ({ name: 'Anneke de Vries' }),
  'POST /api/v1/public/quotes/:token/decline': () => ({ reason: 'Budget frozen' }),
};

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}

const isMultipart = (route: RegisteredRoute) =>
  ((route.schema as { consumes?: string[] } | undefined)?.consumes ?? []).includes('multipart/form-data');

/** The route's JSON request body as JSON Schema, straight from its zod schema (multipart uploads have their own test). */
function bodySchema(route: RegisteredRoute): JsonSchema | null {
  const body = route.schema?.body;
  if (!body || isMultipart(route)) return null;
  return z.toJSONSchema(body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

/** The non-null branch of a property's schema, and whether null is allowed. */
function resolve(p: JsonSchema): { s: JsonSchema; nullable: boolean } {
  if (p.anyOf) {
    const nonNull = p.anyOf.filter((a) => a.type !== 'null');
    return { s: nonNull[0] ?? {}, nullable: nonNull.length < p.anyOf.length };
  }
  return { s: p, nullable: false };
}

const typeOf = (s: JsonSchema) => (s.enum ? 'string' : Array.isArray(s.type) ? s.type[0] : s.type);

/** Values of the wrong JSON type for a property; the second element is a label for failure messages. */
function wrongTypes(s: JsonSchema, nullable: boolean): [unknown, string][] {
  const out: [unknown, string][] = [];
  switch (typeOf(s)) {
    case 'string':
      out.push([12, 'number for a string'], [['a'], 'array for a string'], [true, 'boolean for a string']);
      break;
    case 'integer':
    case 'number':
      out.push(['12', '"12" for a number'], [[12], 'array for a number'], [true, 'boolean for a number']);
      break;
    case 'boolean':
      out.push(['true', '"true" for a boolean'], [1, '1 for a boolean']);
      break;
    case 'array':
      out.push([{ 0: 'a' }, 'object for an array'], ['a', 'string for an array']);
      break;
    case 'object':
      out.push([['a'], 'array for an object'], ['a', 'string for an object']);
      break;
  }
  if (!nullable) out.push([null, 'null for a non-nullable field']);
  return out;
}

/** A value carrying U+0000 in the shape the property expects, when it holds text at all. */
function withNul(s: JsonSchema): unknown {
  switch (typeOf(s)) {
    case 'string':
      return 'ab\u0000cd';
    case 'array':
      return typeOf(resolve(s.items ?? {}).s) === 'string' ? ['ab\u0000cd'] : undefined;
    case 'object':
      return { k: 'ab\u0000cd' };
  }
  return undefined;
}

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let f: TFixtures;
/** Each request from its own address, so the sign-in throttle (per address) never interferes. */
const inject = (opts: InjectOptions) => t.app.inject({ remoteAddress: randomIp(), ...opts });

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Bad input');
  f = await createFixtures(t, org.admin);
});
afterAll(async () => {
  await t?.close();
});

function writeRoutes() {
  return apiRoutes(t).filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
}

function validBody(k: string): Record<string, unknown> | undefined {
  return PUBLIC_BODIES[k]?.() ?? ROUTES[k]?.body?.(f);
}

function send(route: RegisteredRoute, payload: unknown, extra: Partial<InjectOptions> = {}) {
  const k = key(route);
  const spec = ROUTES[k] ?? { permissions: [] };
  return inject({
    method: route.method as InjectOptions['method'],
    url: urlOf(k, f, spec),
    headers: { ...org.admin.headers, ...(extra.headers as Record<string, string>) },
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    ...(extra.payload !== undefined ? { payload: extra.payload } : {}),
  });
}

describe('bad input on every write route', () => {
  it('knows a valid body for every write route with a body schema', () => {
    const missing = writeRoutes()
      .filter((r) => (bodySchema(r) && !validBody(key(r))) || (isMultipart(r) && !ROUTES[key(r)]?.raw))
      .map(key);
    expect(missing).toEqual([]);
  });

  it('rejects wrong types, missing and unknown fields, U+0000 and out-of-range integers, naming the field; nothing is written', async () => {
    const before = await snapshotOrg(t, org.orgId);
    let cases = 0;
    for (const route of writeRoutes()) {
      const schema = bodySchema(route);
      if (!schema?.properties) continue;
      const k = key(route);
      const base = validBody(k) ?? {};
      for (const [prop, raw] of Object.entries(schema.properties)) {
        const { s, nullable } = resolve(raw);
        for (const [value, label] of wrongTypes(s, nullable)) {
          expectFieldError(await send(route, { ...base, [prop]: value }), prop, `${k} ${prop}: ${label}`);
          cases++;
        }
        const nul = withNul(s);
        if (nul !== undefined) {
          expectFieldError(await send(route, { ...base, [prop]: nul }), prop, `${k} ${prop}: U+0000`);
          cases++;
        }
        if (typeOf(s) === 'integer') {
          for (const v of [2_147_483_648, -2_147_483_649, 1e300, 1.5]) {
            expectFieldError(await send(route, { ...base, [prop]: v }), prop, `${k} ${prop}: ${v}`);
            cases++;
          }
        }
      }
      for (const prop of schema.required ?? []) {
        const { [prop]: _, ...rest } = base;
        expectFieldError(await send(route, rest), prop, `${k} without ${prop}`);
        cases++;
      }
      // Mass assignment: fields the route does not accept are refused, not silently dropped (ASVS 5.1.2).
      for (const extra of ['zzUnknown', 'orgId', 'id', 'role', 'passwordHash', 'createdAt']) {
        if (extra in schema.properties) continue;
        expectFieldError(await send(route, { ...base, [extra]: 'x' }), extra, `${k} with unknown field ${extra}`);
        cases++;
      }
      // A key with U+0000 in its name.
      expectFieldError(await send(route, { ...base, 'na\u0000me': 'x' }), 'na\\u0000me', `${k} with U+0000 in a key`);
      cases++;
    }
    expect(cases).toBeGreaterThan(300);
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  });

  it('treats an empty body as "change nothing" on PATCH routes and as missing fields elsewhere', async () => {
    for (const route of writeRoutes()) {
      if (!bodySchema(route)) continue;
      const res = await send(route, {});
      expectNoLeak(res);
      if (route.method === 'PATCH') expect(res.statusCode, `${key(route)} {} → ${res.body.slice(0, 200)}`).toBe(200);
      else expect(res.statusCode, `${key(route)} {} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it('rejects oversized, non-JSON, malformed and prototype-polluting bodies', async () => {
    const before = await snapshotOrg(t, org.orgId);
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) });
    for (const route of writeRoutes()) {
      if (!bodySchema(route)) continue;
      const k = key(route);
      const json = { 'content-type': 'application/json' };
      const tooBig = await send(route, undefined, { payload: big, headers: json });
      expect(tooBig.statusCode, `${k} oversized`).toBe(413);
      expectFieldError(tooBig, 'body', `${k} oversized`);

      const xml = await send(route, undefined, {
        payload: '<account><name>x</name></account>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(xml.statusCode, `${k} xml`).toBe(415);
      expectFieldError(xml, 'content-type', `${k} xml`);

      const text = await send(route, undefined, { payload: 'name=x', headers: { 'content-type': 'text/plain' } });
      expectFieldError(text, 'body', `${k} text/plain`);

      const form = await send(route, undefined, { payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(form.statusCode, `${k} form`).toBe(415);

      const malformed = await send(route, undefined, { payload: '{"name": "x",', headers: json });
      expectFieldError(malformed, 'body', `${k} malformed JSON`);

      const proto = await send(route, undefined, { payload: `{"__proto__": {"polluted": "yes"}, "name": "x"}`, headers: json });
      expect(proto.statusCode, `${k} __proto__`).toBe(400);
      expectNoLeak(proto);
      const ctor = await send(route, undefined, { payload: `{"constructor": {"prototype": {"polluted": "yes"}}}`, headers: json });
      expect(ctor.statusCode, `${k} constructor.prototype`).toBeGreaterThanOrEqual(400);
      expect(ctor.statusCode).toBeLessThan(500);

      const deep = await send(route, undefined, { payload: `${'['.repeat(5000)}${']'.repeat(5000)}`, headers: json });
      expect(deep.statusCode, `${k} deeply nested`).toBe(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  });

  it('rejects malformed multipart uploads naming the part, and writes nothing', async () => {
    const before = await snapshotOrg(t, org.orgId);
    const uploads = writeRoutes().filter(isMultipart);
    expect(uploads.map(key)).toEqual([
      'POST /api/v1/imports',
      'POST /api/v1/usage/events/import',
      'POST /api/v1/surveys/:id/responses/import',
    ]);
    for (const route of uploads) {
      const k = key(route);
      const post = (upload: { payload: Buffer; headers: Record<string, string> }) =>
        send(route, undefined, { payload: upload.payload, headers: upload.headers });
      // The imports form also names what is imported; the usage and survey-answer imports are the file alone.
      const isImport = k === 'POST /api/v1/imports';
      const upload = (content: string, name = 'a.csv', extra: Record<string, string> = {}) => {
        const u = csvUpload(isImport ? 'accounts' : '', content, name, extra);
        if (isImport) return u;
        const without = u.payload.toString().replace(/--[^\r]+\r\nContent-Disposition: form-data; name="entity"\r\n\r\n\r\n/, '');
        return { payload: Buffer.from(without), headers: u.headers };
      };
      const good = upload('name\r\nA\r\n');
      const noFile = {
        payload: Buffer.from(
          good.payload.toString().replace(/--[^\r]+\r\nContent-Disposition: form-data; name="file"[\s\S]*?(?=--[^\r]+--)/, ''),
        ),
        headers: good.headers,
      };
      expectFieldError(await post(noFile), 'file', `${k} without a file`);
      if (isImport) {
        expectFieldError(await post(csvUpload('invoices', 'name\r\nA\r\n')), 'entity', `${k} unknown entity`);
        expectFieldError(await post(csvUpload('acc\u0000ounts', 'name\r\nA\r\n')), 'entity', `${k} entity with U+0000`);
      }
      expectFieldError(await post(upload('name\r\nA\r\n', 'a.csv', { role: 'admin' })), 'role', `${k} unknown form field`);
      expectFieldError(await post(upload('')), 'file', `${k} empty file`);
      expectFieldError(await post(upload('\u0000\u0001\u0002binary')), 'file', `${k} binary content`);
      const nulName = await post(upload('name\r\nA\r\n', 'a\u0000.csv'));
      expect(nulName.statusCode, `${k} U+0000 in the file name: ${nulName.body}`).toBeLessThan(500);
      expectNoLeak(nulName);
      const json = await send(route, { entity: 'accounts', file: 'name\nA' });
      expect(json.statusCode, `${k} JSON instead of multipart`).toBe(415);
      expectFieldError(json, 'file', `${k} JSON instead of multipart`);
    }
    const after = await snapshotOrg(t, org.orgId);
    // A file-name with U+0000 may be stored (cleaned) as an upload; nothing else changes.
    expect({ ...after, imports: '', import_files: '' }).toEqual({ ...before, imports: '', import_files: '' });
  });

  it('rejects U+0000 and out-of-range values in path parameters and query strings', async () => {
    for (const route of apiRoutes(t)) {
      const k = key(route);
      const spec = ROUTES[k];
      if (!spec) continue;
      const method = route.method as InjectOptions['method'];
      const payload = spec.body?.(f);
      if (route.url.includes(':id')) {
        for (const bad of ['ab%00cd', '99999999999', '-1', '1e400', '..%2F..%2Fetc%2Fpasswd', "1'%20or%20'1'='1"]) {
          const res = await inject({ method, url: route.url.replace(':id', bad), headers: org.admin.headers, payload });
          expectFieldError(res, 'id', `${k} id=${bad}`);
        }
      }
      const nul = await inject({ method, url: `${urlOf(k, f, spec)}?q=ab%00cd`, headers: org.admin.headers, payload });
      expectFieldError(nul, 'q', `${k} ?q=U+0000`);
      if (route.method === 'GET' && route.schema?.querystring) {
        const shape = z.toJSONSchema(route.schema.querystring as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
        if (shape.properties?.page) {
          for (const bad of ['abc', '99999999999', '0', '1.5', '-1']) {
            const res = await inject({ method, url: `${urlOf(k, f, spec)}?page=${bad}`, headers: org.admin.headers });
            expectFieldError(res, 'page', `${k} ?page=${bad}`);
          }
          const huge = await inject({ method, url: `${urlOf(k, f, spec)}?pageSize=1000000`, headers: org.admin.headers });
          expectFieldError(huge, 'pageSize', `${k} ?pageSize=1000000`);
        }
        if (shape.properties?.sort) {
          const res = await inject({ method, url: `${urlOf(k, f, spec)}?sort=name;drop%20table%20accounts`, headers: org.admin.headers });
          expectFieldError(res, 'sort', `${k} ?sort=injection`);
        }
      }
    }
  });

  it('stores SQL metacharacters and awkward Unicode literally', async () => {
    const names = ["x'); drop table accounts;--", 'Ünïcødé ✓ 🚀 ‮RTL‬ zero​width', '%_\\', '<script>alert(1)</script>'];
    for (const name of names) {
      const res = await inject({ method: 'POST', url: '/api/v1/accounts', headers: org.admin.headers, payload: { name } });
      expect(res.statusCode, res.body).toBe(201);
      const got = await inject({ method: 'GET', url: `/api/v1/accounts/${res.json().id}`, headers: org.admin.headers });
      expect(got.json().name).toBe(name.trim());
      const search = await inject({ method: 'GET', url: `/api/v1/accounts?q=${encodeURIComponent(name)}`, headers: org.admin.headers });
      expect(search.statusCode).toBe(200);
      expect(search.json().items.map((a: { id: string }) => a.id)).toContain(res.json().id);
    }
    // Lone surrogates are not valid UTF-8 text: refused or stored, never a 500.
    const lone = await inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      payload: '{"name": "a\\ud800b"}',
    });
    expect(lone.statusCode).toBeLessThan(500);
  });
});
