/**
 * Request-shape abuse on every route (ASVS 5.1, OWASP API8): duplicate JSON keys, prototype-polluting keys in
 * bodies, query strings and form fields, nesting 10,000 and 100,000 levels deep, wrong or missing content
 * types, and bodies in another encoding. Each is a 4xx (naming the field where there is one), nothing is
 * written, the server keeps answering, and Object.prototype is untouched afterwards.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../../src/app.ts';
import { findDuplicateKey } from '../../src/platform/http/hardening.ts';
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

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let f: TFixtures;
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Body abuse');
  f = await createFixtures(t, org.admin);
});
afterAll(async () => {
  await t?.close();
});

/** Authenticated JSON write routes (multipart uploads have their own cases below). */
const jsonWriteRoutes = () =>
  apiRoutes(t).filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.schema?.body && !r.schema.consumes && ROUTES[key(r)]);
const listRoutes = () => apiRoutes(t).filter((r) => r.method === 'GET' && r.schema?.querystring && ROUTES[key(r)]);

function raw(route: RegisteredRoute, payload: string | Buffer | undefined, contentType?: string) {
  const k = key(route);
  return t.app.inject({
    method: route.method as InjectOptions['method'],
    url: urlOf(k, f, ROUTES[k] ?? { permissions: [] }),
    headers: { ...org.admin.headers, ...(contentType ? { 'content-type': contentType } : {}) },
    remoteAddress: randomIp(),
    ...(payload === undefined ? {} : { payload }),
  });
}

/** A valid body of the route as JSON text with `extra` spliced in after the opening brace. */
function withRawMembers(route: RegisteredRoute, extra: string): string {
  const body = JSON.stringify(ROUTES[key(route)]?.body?.(f) ?? {});
  return body === '{}' ? `{${extra}}` : `{${extra},${body.slice(1)}`;
}

function expectPristinePrototypes() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
  expect(({} as object).constructor).toBe(Object);
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

describe('duplicate JSON keys', () => {
  it('finds the first repeated key with its path, decoding escapes, and ignores keys in separate objects', () => {
    expect(findDuplicateKey('{"a":1,"b":2}')).toBeNull();
    expect(findDuplicateKey('{"a":1,"a":2}')).toEqual(['a']);
    expect(findDuplicateKey('{"name":"x","n\\u0061me":"y"}')).toEqual(['name']);
    expect(findDuplicateKey('{"a":{"k":1},"b":{"k":1}}')).toBeNull();
    expect(findDuplicateKey('{"custom":{"k":1,"k":2}}')).toEqual(['custom', 'k']);
    expect(findDuplicateKey('{"rows":[{"a":1},{"a":1,"b":{"c":1,"c":2}}]}')).toEqual(['rows', '1', 'b', 'c']);
    expect(findDuplicateKey('[{"a":"\\"a\\":","b":1}]')).toBeNull();
    expect(findDuplicateKey('[{"a":"\\"a\\":","a":1}]')).toEqual(['0', 'a']);
    expect(findDuplicateKey('{"a":"}","b":"{\\"a\\":1","a":3}')).toEqual(['a']);
    expect(findDuplicateKey(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeNull();
    expect(findDuplicateKey(`${'{"a":'.repeat(50_000)}{"x":1,"x":2}${'}'.repeat(50_000)}`)).toHaveLength(50_001);
  });

  it('refuses a body naming a key twice on every JSON write route, naming the key; nothing is written', async () => {
    const before = await snapshotOrg(t, org.orgId);
    const routes = jsonWriteRoutes();
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const body = ROUTES[key(route)]?.body?.(f) ?? {};
      const [first] = Object.keys(body);
      if (!first) continue;
      const text = JSON.stringify(body);
      // The same key again, with another value, as the last member; and once spelled with an escape.
      const dup = `${text.slice(0, -1)},${JSON.stringify(first)}:${JSON.stringify(body[first])}}`;
      expectFieldError(await raw(route, dup, 'application/json'), first, `${key(route)} ${dup}`);
      const escaped = `${text.slice(0, -1)},"\\u${first.charCodeAt(0).toString(16).padStart(4, '0')}${first.slice(1)}":null}`;
      expectFieldError(await raw(route, escaped, 'application/json'), first, `${key(route)} ${escaped}`);
    }
    const account = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/accounts/${f.account}`,
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      payload: '{"custom":{"a":"1","a":"2"}}',
    });
    expectFieldError(account, 'custom.a', 'duplicate key inside custom');
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  });

  it('refuses a query parameter given twice where one value is expected, naming it', async () => {
    for (const route of listRoutes()) {
      const shape = (route.schema?.querystring as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      const base = urlOf(key(route), f, ROUTES[key(route)] ?? { permissions: [] });
      for (const [param, a, b] of [
        ['q', 'a', 'b'],
        ['sort', 'name', 'createdAt'],
        ['order', 'asc', 'desc'],
        ['page', '1', '2'],
      ] as const) {
        if (!(param in shape)) continue;
        const res = await t.app.inject({ method: 'GET', url: `${base}?${param}=${a}&${param}=${b}`, headers: org.admin.headers });
        expectFieldError(res, param, `${key(route)} ?${param} twice`);
      }
    }
  });
});

describe('prototype pollution', () => {
  it('refuses __proto__, constructor and prototype keys in bodies, at the top and nested, on every JSON write route', async () => {
    const before = await snapshotOrg(t, org.orgId);
    for (const route of jsonWriteRoutes()) {
      const k = key(route);
      for (const member of [
        '"__proto__":{"polluted":"yes"}',
        '"\\u005f_proto__":{"polluted":"yes"}',
        '"constructor":{"prototype":{"polluted":"yes"}}',
        '"prototype":{"polluted":"yes"}',
        '"custom":{"__proto__":{"polluted":"yes"}}',
        '"custom":{"constructor":{"prototype":{"polluted":"yes"}}}',
        '"tags":[{"__proto__":{"polluted":"yes"}}]',
      ]) {
        const res = await raw(route, withRawMembers(route, member), 'application/json');
        expect(res.statusCode, `${k} ${member} → ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${k} ${member}`).toBeLessThan(500);
        expectNoLeak(res);
      }
      // constructor and prototype as plain keys are unknown fields: refused by name.
      expectFieldError(await raw(route, withRawMembers(route, '"constructor":"x"'), 'application/json'), 'constructor', k);
      expectFieldError(await raw(route, withRawMembers(route, '"prototype":"x"'), 'application/json'), 'prototype', k);
    }
    expectPristinePrototypes();
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  });

  it('refuses prototype keys in query strings on every list route as unknown parameters, naming them; nothing polluted', async () => {
    for (const route of listRoutes()) {
      const k = key(route);
      const base = urlOf(k, f, ROUTES[k] ?? { permissions: [] });
      const plain = await t.app.inject({ method: 'GET', url: base, headers: org.admin.headers });
      expect(plain.statusCode, `${k}: ${plain.body.slice(0, 200)}`).toBe(200);
      for (const qs of [
        '__proto__[polluted]=yes',
        '__proto__.polluted=yes',
        '__proto__=x',
        'constructor[prototype][polluted]=yes',
        'constructor=x',
        'prototype=x',
        'hasOwnProperty=x',
        'toString=x',
        'valueOf=x',
      ]) {
        const res = await t.app.inject({ method: 'GET', url: `${base}?${qs}`, headers: org.admin.headers });
        expect(res.statusCode, `${k}?${qs}: ${res.body.slice(0, 200)}`).toBe(400);
        expect(res.json(), `${k}?${qs}`).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [{ field: qs.split('=')[0], code: 'unrecognized_keys' }],
        });
      }
    }
    expectPristinePrototypes();
  });

  it('refuses __proto__ and constructor as multipart field names, and a CSV header row of them stays data', async () => {
    const upload = csvUpload('accounts', 'name\r\nA\r\n', 'a.csv', { xfield: 'y' });
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const payload = Buffer.from(upload.payload.toString().replace('name="xfield"', `name="${name}"`));
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...org.admin.headers, ...upload.headers },
        payload,
      });
      expect(res.statusCode, `${name}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      // A 4xx naming the field like every other: the form field itself, or the body when the parser refused it.
      expect(res.json().details).toEqual([
        expect.objectContaining({ field: expect.stringMatching(/^(body|__proto__|constructor|prototype)$/) }),
      ]);
      expectNoLeak(res);
    }
    const csv = csvUpload('accounts', '__proto__,constructor,prototype,name,hasOwnProperty\r\nx,y,z,Acme,w\r\n');
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...org.admin.headers, ...csv.headers },
      payload: csv.payload,
    });
    expect(imp.statusCode, imp.body).toBe(201);
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${imp.json().id}`, headers: org.admin.headers });
    // A "__proto__" header is renamed (a client could not send it back as a mapping key).
    expect(got.json().columns).toEqual(['__proto__ (A)', 'constructor', 'prototype', 'name', 'hasOwnProperty']);
    expect(got.json().sampleRows[0]).toEqual(['x', 'y', 'z', 'Acme', 'w']);
    expectPristinePrototypes();
  });
});

describe('nesting, content types and encodings', () => {
  it('answers bodies nested 10,000 and 100,000 levels deep with a 400 on every JSON write route, and keeps serving', async () => {
    const before = await snapshotOrg(t, org.orgId);
    const shapes = [
      `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      `{"name":"x","custom":{"k":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
      `{"tags":${'['.repeat(100_000)}"x"${']'.repeat(100_000)}}`,
    ];
    for (const route of jsonWriteRoutes()) {
      for (const body of shapes) {
        const res = await raw(route, body, 'application/json');
        expect(res.statusCode, `${key(route)} ${body.slice(0, 30)}… → ${res.body.slice(0, 200)}`).toBe(400);
        expectNoLeak(res);
      }
    }
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: org.admin.headers });
    expect(health.statusCode).toBe(200);
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  }, 120_000); // four deep bodies to each of ~200 write routes: over 30 s on a loaded 2-core machine

  it('answers a body without a content type 415, and other media types 415 or 400, naming what is wrong', async () => {
    const before = await snapshotOrg(t, org.orgId);
    for (const route of jsonWriteRoutes()) {
      const k = key(route);
      const json = JSON.stringify(ROUTES[k]?.body?.(f) ?? {});
      const none = await raw(route, Buffer.from(json));
      expect(none.statusCode, `${k} without content type: ${none.body.slice(0, 200)}`).toBe(415);
      expectFieldError(none, 'content-type', `${k} without content type`);
      for (const type of [
        'application/xml',
        'text/xml',
        'application/x-www-form-urlencoded',
        'application/vnd.api+json',
        'image/svg+xml',
      ]) {
        const res = await raw(route, json, type);
        expect(res.statusCode, `${k} ${type}`).toBe(415);
        expectFieldError(res, 'content-type', `${k} ${type}`);
      }
      // text/plain is parsed as a string, which no route accepts as its body.
      expectFieldError(await raw(route, json, 'text/plain'), 'body', `${k} text/plain`);
      // The same JSON in UTF-16 (with and without a byte order mark) is not silently misread.
      for (const bytes of [Buffer.from(json, 'utf16le'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')])]) {
        expectFieldError(await raw(route, bytes, 'application/json; charset=utf-16'), 'body', `${k} UTF-16`);
      }
      // Latin-1 bytes are not UTF-8: refused, not stored as U+FFFD.
      const latin1 = Buffer.from(withRawMembers(route, '"zzLatin":"caf\u00e9"'), 'latin1');
      expectFieldError(await raw(route, latin1, 'application/json; charset=iso-8859-1'), 'body', `${k} Latin-1`);
    }
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
    expectPristinePrototypes();
  });
});
