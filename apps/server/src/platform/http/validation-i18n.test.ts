import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { matchMessage, pickLanguage, renderMessage, translateText } from './validation-i18n.ts';
import { MESSAGES } from './validation-messages.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const BAD_ACCOUNT = { name: '', domain: 'not a domain', employees: '12' };

async function createBadAccount(headers: Record<string, string>, language?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: language ? { ...headers, 'accept-language': language } : headers,
    payload: BAD_ACCOUNT,
  });
  expect(res.statusCode).toBe(400);
  const body = res.json();
  const byField = Object.fromEntries(body.details.map((d: { field: string }) => [d.field, d]));
  return { body, byField };
}

describe('validation messages in the request language', () => {
  it('answers a bad account in English without Accept-Language, in plain words, with a code per detail', async () => {
    const org = await createTestOrg(t);
    const { body, byField } = await createBadAccount(org.admin.headers);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(byField.name).toEqual({ field: 'name', code: 'too_small', message: 'must not be empty' });
    expect(byField.domain).toEqual({ field: 'domain', code: 'invalid_format', message: 'must be a domain such as example.com' });
    expect(byField.employees).toEqual({
      field: 'employees',
      code: 'invalid_type',
      message: 'must be a number',
    });
    expect(body.message).toContain('domain: must be a domain such as example.com');
    // An explicit English, or a language we do not speak, is the same.
    for (const lang of ['en-GB,en;q=0.9', 'fr-FR,fr;q=0.9'])
      expect((await createBadAccount(org.admin.headers, lang)).body.details).toEqual(body.details);
  });

  it('answers in Dutch for Accept-Language nl', async () => {
    const org = await createTestOrg(t);
    const { body, byField } = await createBadAccount(org.admin.headers, 'nl-NL,nl;q=0.9,en;q=0.8');
    expect(byField.domain).toEqual({ field: 'domain', code: 'invalid_format', message: 'moet een domein zijn, zoals example.com' });
    expect(byField.name).toEqual({ field: 'name', code: 'too_small', message: 'mag niet leeg zijn' });
    expect(byField.employees.message).toBe('moet een getal zijn');
    expect(body.message).toContain('domain: moet een domein zijn, zoals example.com');
  });

  it('answers in Danish for Accept-Language da', async () => {
    const org = await createTestOrg(t);
    const { byField } = await createBadAccount(org.admin.headers, 'da');
    expect(byField.domain).toEqual({ field: 'domain', code: 'invalid_format', message: 'skal være et domæne som example.com' });
    expect(byField.name.code).toBe('too_small');
    expect(byField.name.message).toBe('må ikke være tomt');
    expect(byField.employees.message).toBe('skal være et tal');
  });

  it("translates a service's own message and keeps its English for English clients", async () => {
    const org = await createTestOrg(t);
    const payload = { name: 'Acme', marketId: '01890000-0000-7000-8000-000000000000' };
    const post = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers, payload });
    const english = (await post(org.admin.headers)).json();
    expect(english.details).toEqual([{ field: 'marketId', code: 'unknown_market', message: 'no such market in this organisation' }]);
    expect(english.message).toBe('marketId: no such market in this organisation');
    const dutch = (await post({ ...org.admin.headers, 'accept-language': 'nl' })).json();
    expect(dutch.details).toEqual([{ field: 'marketId', code: 'unknown_market', message: 'deze markt bestaat niet in deze organisatie' }]);
    expect(dutch.message).toBe('marketId: deze markt bestaat niet in deze organisatie');

    const first = await post(org.admin.headers);
    expect(first.statusCode).toBe(400);
    await t.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: org.admin.headers, payload: { name: 'A', domain: 'acme.dk' } });
    const clash = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...org.admin.headers, 'accept-language': 'da-DK' },
      payload: { name: 'B', domain: 'acme.dk' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().details).toEqual([{ field: 'domain', code: 'account_domain_taken', message: 'en anden konto har dette domæne' }]);
  });

  it('words bad JSON in the request language', async () => {
    const org = await createTestOrg(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: { ...org.admin.headers, 'content-type': 'application/json', 'accept-language': 'nl' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      message: 'De inhoud is geen geldige JSON',
      details: [{ field: 'body', code: 'invalid_json', message: 'ongeldige JSON' }],
    });
  });
});

describe('pickLanguage', () => {
  it('takes the best supported language by q-value and defaults to English', () => {
    expect(pickLanguage(undefined)).toBe('en');
    expect(pickLanguage('')).toBe('en');
    expect(pickLanguage('nl')).toBe('nl');
    expect(pickLanguage('da-DK,da;q=0.9,en;q=0.8')).toBe('da');
    expect(pickLanguage('fr,en;q=0.5,nl;q=0.7')).toBe('nl');
    expect(pickLanguage('de-DE,fr')).toBe('en');
    expect(pickLanguage('nl;q=0,da;q=0.1')).toBe('da');
    expect(pickLanguage('*')).toBe('en');
  });
});

describe('message catalogue', () => {
  it('has every message in all three languages with the same placeholders', () => {
    for (const [code, entry] of Object.entries(MESSAGES)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const lang of ['nl', 'da'] as const) {
        expect(entry[lang], `${code}.${lang}`).not.toBe('');
        expect(names(entry[lang]), `${code}.${lang}`).toEqual(names(entry.en));
      }
      // Each entry is found again from its English text, placeholders filled as a service would.
      expect(matchMessage(entry.en.replace(/\{\w+\}/g, 'sample_1'))?.code, code).toBe(code);
    }
  });

  it('fills templates from the English message and leaves unknown text alone', () => {
    expect(translateText('must be one of: red, green', 'nl')).toEqual({
      code: 'not_an_option',
      message: 'moet een van deze zijn: red, green',
    });
    expect(translateText('custom.tier is already in use', 'da').message).toBe('custom.tier er allerede i brug');
    expect(renderMessage('text_too_long', 'da', { max: '2000' })).toBe('må højst være 2000 tegn');
    expect(translateText('something new', 'nl')).toEqual({ message: 'something new' });
  });
});

describe('every message the server sends has a catalogue entry', () => {
  // Texts that are not the wording of a 4xx answer: the 404 of an unknown route, a row outcome of an import undo.
  const NOT_ANSWERS = [/^Route /, /^Not undone:/];
  const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const files = ['modules', 'platform/http'].flatMap((dir) =>
    fs
      .readdirSync(path.join(src, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('validation-'))
      .map((f) => path.join(src, dir, f)),
  );
  // invalid(field, '…'), conflict(field, '…'), .regex(/…/, '…'), .min(n, '…'), message: '…', const X_MESSAGE = '…'
  const SAYINGS =
    /(?:\b(?:invalid|conflict)\(\s*[^,()]+(?:\([^)]*\))?\s*,\s*|\.regex\(\s*\/(?:\\.|[^/\n])+\/[a-z]*\s*,\s*|\.(?:min|max)\([^,]+,\s*|\bmessage:\s*|\bconst \w*(?:MESSAGE|NOT_SUPPORTED)\w* = )(['`])((?:\\.|(?!\1).)*)\1/gs;

  it('finds the messages of services, schemas and the HTTP layer', () => {
    const missing: string[] = [];
    let found = 0;
    for (const file of files) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(SAYINGS)) {
        const text = (m[2] ?? '').replace(/\\\\/g, '\\');
        // An interpolated start (`${CONSTANT} …`) cannot be checked from the source; its constant is.
        if (text.startsWith('${') || NOT_ANSWERS.some((re) => re.test(text))) continue;
        found++;
        const sample = text.replace(/\$\{[^}]*\}/g, 'sample_1');
        if (!matchMessage(sample)) missing.push(`${path.relative(src, file)}: ${text}`);
      }
    }
    expect(found).toBeGreaterThan(40);
    expect(missing, 'add these to platform/http/validation-messages.ts').toEqual([]);
  });
});
