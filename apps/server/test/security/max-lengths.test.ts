/**
 * Each text field at its maxLength and one past it, in ASCII, 4-byte and combining characters: lengths count
 * code points, as PostgreSQL does, so an emoji is one character; past the limit a 400 names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { expectFieldError } from './support.ts';

type Body = Record<string, unknown>;

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let accountId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Lengths');
  const custom = await send('POST', '/api/v1/custom-fields', { entity: 'account', key: 'note_text', label: 'Note', type: 'text' });
  expect(custom.statusCode, custom.body).toBe(201);
  const acc = await send('POST', '/api/v1/accounts', { name: 'Holder of contacts and notes' });
  expect(acc.statusCode, acc.body).toBe(201);
  accountId = acc.json().id;
});
afterAll(async () => {
  await t?.close();
});

const send = (method: 'POST' | 'PATCH', url: string, payload: Body) => t.app.inject({ method, url, headers: org.admin.headers, payload });

describe('lengths at and past each maxLength, in ASCII, 4-byte and combining characters', () => {
  // [label, url, other fields, field, maxLength]; lengths count code points, as PostgreSQL does (an emoji is one).
  const LIMITS: [string, () => string, Body, string, number][] = [
    ['account name', () => '/api/v1/accounts', {}, 'name', 200],
    ['account externalId', () => '/api/v1/accounts', { name: 'A' }, 'externalId', 100],
    ['account notes', () => '/api/v1/accounts', { name: 'A' }, 'notes', 10_000],
    ['account custom text', () => '/api/v1/accounts', { name: 'A' }, 'custom', 2000],
    ['contact firstName', () => `/api/v1/accounts/${accountId}/contacts`, {}, 'firstName', 100],
    ['contact lastName', () => `/api/v1/accounts/${accountId}/contacts`, { firstName: 'A' }, 'lastName', 100],
    ['contact jobTitle', () => `/api/v1/accounts/${accountId}/contacts`, { firstName: 'A' }, 'jobTitle', 150],
    ['interaction subject', () => `/api/v1/accounts/${accountId}/interactions`, { kind: 'note' }, 'subject', 300],
    ['interaction body', () => `/api/v1/accounts/${accountId}/interactions`, { kind: 'note', subject: 'S' }, 'body', 20_000],
    ['market name', () => '/api/v1/markets', { language: 'en', currency: 'EUR' }, 'name', 100],
    ['custom field label', () => '/api/v1/custom-fields', { entity: 'account', type: 'text' }, 'label', 100],
  ];
  // Market codes from "WA" on, clear of the corpus test's (AA to about TZ).
  let seq = 26 * 22;
  const unique = (body: Body, url: string) => {
    seq++;
    if (url.endsWith('/markets'))
      return { ...body, code: `${String.fromCharCode(65 + ((seq / 26) | 0))}${String.fromCharCode(65 + (seq % 26))}` };
    if (url.endsWith('/custom-fields')) return { ...body, key: `len_${seq}` };
    return body;
  };
  const wrap = (field: string, v: string) => (field === 'custom' ? { note_text: v } : v);
  const unwrap = (field: string, got: Body) => (field === 'custom' ? (got.custom as Body).note_text : got[field]);

  it('accepts exactly maxLength characters and refuses one more, naming the field', async () => {
    for (const [label, url, base, field, max] of LIMITS) {
      for (const [kind, atMax, over] of [
        ['ascii', 'x'.repeat(max), 'x'.repeat(max + 1)],
        ['emoji', '🚀'.repeat(max), `${'🚀'.repeat(max)}x`],
        ['combining', 'e\u0301'.repeat(max / 2), `${'e\u0301'.repeat(max / 2)}\u0301`],
      ] as const) {
        const ok = await send('POST', url(), unique({ ...base, [field]: wrap(field, atMax) }, url()));
        expect(ok.statusCode, `${label} ${kind} at ${max}: ${ok.body.slice(0, 200)}`).toBe(201);
        expect(unwrap(field, ok.json()), `${label} ${kind} at ${max}`).toBe(atMax);
        const res = await send('POST', url(), unique({ ...base, [field]: wrap(field, over) }, url()));
        expectFieldError(res, field, `${label} ${kind} at ${max + 1}`);
      }
      // Far past the limit but inside the body limit: still a 400 naming the field, not a database error.
      const far = await send('POST', url(), unique({ ...base, [field]: wrap(field, 'y'.repeat(500_000)) }, url()));
      expectFieldError(far, field, `${label} 500k`);
    }
  });

  it('answers a text value beyond the 1 MiB body limit with 413', async () => {
    const res = await send('POST', '/api/v1/accounts', { name: 'A', notes: '🚀'.repeat(300_000) });
    expect(res.statusCode).toBe(413);
    expectFieldError(res, 'body', 'notes of 1.2 MB');
  });
});
