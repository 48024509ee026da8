import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { describeIssue, type TApiLanguage, type TValidationEntry, validatorCompiler } from './validation-i18n.ts';

/** The common zod issues as a client sees them, in plain words, one field each. */
const SCHEMA = z.strictObject({
  name: z.string().min(1),
  code: z.string().min(3),
  short: z.string().max(5),
  pin: z.string().length(4),
  seats: z.int().min(0).max(10),
  share: z.number().gt(0).lt(1),
  tags: z.array(z.string()).min(1).max(2),
  pair: z.array(z.string()).min(2),
  email: z.email(),
  website: z.url(),
  ownerId: z.uuid(),
  day: z.iso.date(),
  at: z.iso.datetime({ offset: true }),
  colour: z.enum(['red', 'green']),
  active: z.boolean(),
  count: z.int(),
  price: z.number(),
  label: z.string(),
  address: z.object({ city: z.string() }),
  list: z.array(z.string()),
  pattern: z.string().regex(/^[a-z]+$/),
  missing: z.string(),
});

const INPUT = {
  name: '',
  code: 'ab',
  short: 'toolong',
  pin: '123',
  seats: 11,
  share: 1,
  tags: ['a', 'b', 'c'],
  pair: ['a'],
  email: 'not an address',
  website: 'not a url',
  ownerId: '12',
  day: '2026-02-30',
  at: 'tomorrow',
  colour: 'blue',
  active: 'yes',
  count: 1.5,
  price: '12',
  label: 12,
  address: 'Main Street',
  list: 'a,b',
  pattern: 'ABC',
  extra: 1,
  another: 2,
};

const EXPECTED: Record<string, Record<TApiLanguage, string>> = {
  name: { en: 'must not be empty', nl: 'mag niet leeg zijn', da: 'må ikke være tomt' },
  code: { en: 'must be at least 3 characters', nl: 'moet minstens 3 tekens lang zijn', da: 'skal være mindst 3 tegn' },
  short: { en: 'must be at most 5 characters', nl: 'mag hoogstens 5 tekens lang zijn', da: 'må højst være 5 tegn' },
  pin: { en: 'must be exactly 4 characters', nl: 'moet precies 4 tekens lang zijn', da: 'skal være præcis 4 tegn' },
  seats: { en: 'must be 10 or less', nl: 'mag hoogstens 10 zijn', da: 'må højst være 10' },
  share: { en: 'must be less than 1', nl: 'moet minder dan 1 zijn', da: 'skal være mindre end 1' },
  tags: { en: 'must have at most 2 entries', nl: 'mag hoogstens 2 waarden bevatten', da: 'må højst have 2 værdier' },
  pair: { en: 'must have at least 2 entries', nl: 'moet minstens 2 waarden bevatten', da: 'skal have mindst 2 værdier' },
  email: { en: 'must be an e-mail address', nl: 'moet een e-mailadres zijn', da: 'skal være en e-mailadresse' },
  website: {
    en: 'must be a web address such as https://example.com',
    nl: 'moet een webadres zijn, zoals https://example.com',
    da: 'skal være en webadresse, f.eks. https://example.com',
  },
  ownerId: { en: 'must be an id (a UUID)', nl: 'moet een id zijn (een UUID)', da: 'skal være et id (et UUID)' },
  day: { en: 'must be a date (YYYY-MM-DD)', nl: 'moet een datum zijn (JJJJ-MM-DD)', da: 'skal være en dato (ÅÅÅÅ-MM-DD)' },
  at: {
    en: 'must be a date and time such as 2026-03-31T14:00:00Z',
    nl: 'moet een datum en tijd zijn, zoals 2026-03-31T14:00:00Z',
    da: 'skal være en dato og et klokkeslæt, f.eks. 2026-03-31T14:00:00Z',
  },
  colour: { en: 'must be one of: red, green', nl: 'moet een van deze zijn: red, green', da: 'skal være en af: red, green' },
  active: { en: 'must be true or false', nl: 'moet true of false zijn', da: 'skal være true eller false' },
  count: { en: 'must be a whole number', nl: 'moet een geheel getal zijn', da: 'skal være et helt tal' },
  price: { en: 'must be a number', nl: 'moet een getal zijn', da: 'skal være et tal' },
  label: { en: 'must be text', nl: 'moet tekst zijn', da: 'skal være tekst' },
  address: { en: 'must be an object', nl: 'moet een object zijn', da: 'skal være et objekt' },
  list: { en: 'must be a list', nl: 'moet een lijst zijn', da: 'skal være en liste' },
  pattern: { en: 'is not in the right format', nl: 'heeft niet de juiste vorm', da: 'har ikke det rigtige format' },
  missing: { en: 'is required', nl: 'is verplicht', da: 'er påkrævet' },
  '': {
    en: 'are not known fields: extra, another',
    nl: 'zijn geen bekende velden: extra, another',
    da: 'er ikke kendte felter: extra, another',
  },
};

function issuesOf(input: unknown): TValidationEntry[] {
  const result = validatorCompiler({ schema: SCHEMA, method: 'POST', url: '/', httpPart: 'body' })(input) as {
    error?: TValidationEntry[];
  };
  return result.error ?? [];
}

describe('common zod issues in plain words', () => {
  const issues = issuesOf(INPUT);
  const byField = new Map(issues.map((i) => [i.instancePath.slice(1), i]));

  it('covers every field of the sample', () => {
    expect([...byField.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const lang of ['en', 'nl', 'da'] as const) {
    it(`words each one in ${lang}, keeping zod's code`, () => {
      for (const [field, messages] of Object.entries(EXPECTED)) {
        const entry = byField.get(field);
        expect(entry, field).toBeDefined();
        const described = describeIssue(entry as TValidationEntry, lang);
        expect(described.message, `${field} (${lang})`).toBe(messages[lang]);
        expect(described.code).toBe(entry?.keyword);
      }
    });
  }

  it('says "one or more" plainly: a single unknown field, numbers from below, a list that must not be empty', () => {
    const { another: _, ...oneUnknown } = INPUT;
    const one = issuesOf(oneUnknown).find((i) => i.keyword === 'unrecognized_keys');
    expect(describeIssue(one as TValidationEntry, 'nl').message).toBe('is geen bekend veld');
    const low = issuesOf({ ...INPUT, seats: -1, share: 0, tags: [] });
    const msg = (field: string, lang: TApiLanguage) =>
      describeIssue(low.find((i) => i.instancePath === `/${field}`) as TValidationEntry, lang).message;
    expect(msg('seats', 'en')).toBe('must be 0 or more');
    expect(msg('seats', 'da')).toBe('skal være 0 eller mere');
    expect(msg('share', 'nl')).toBe('moet meer dan 0 zijn');
    expect(msg('tags', 'en')).toBe('must not be empty');
  });

  it("leaves a schema's own message alone and rare issues to zod's locale", () => {
    const first = (schema: z.ZodType, input: unknown) =>
      (validatorCompiler({ schema, method: 'POST', url: '/', httpPart: 'body' })(input) as { error: TValidationEntry[] })
        .error[0] as TValidationEntry;
    const own = first(z.object({ password: z.string().min(12, 'must be at least 12 characters') }), { password: 'short' });
    expect(describeIssue(own, 'en').message).toBe('must be at least 12 characters');
    expect(describeIssue(own, 'nl').message).toBe('moet minstens 12 tekens lang zijn');
    const multiple = first(z.object({ step: z.number().multipleOf(5) }), { step: 7 });
    expect(describeIssue(multiple, 'en').message).toMatch(/multiple of 5/);
  });
});

describe('over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a bad new user in Danish without technical words', async () => {
    const org = await createTestOrg(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...org.admin.headers, 'accept-language': 'da-DK' },
      payload: { email: 'nope', name: '', role: 'boss', admin: true },
    });
    expect(res.statusCode).toBe(400);
    const byField = Object.fromEntries(res.json().details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField).toMatchObject({
      email: 'skal være en e-mailadresse',
      name: 'må ikke være tomt',
      admin: 'er ikke et kendt felt',
    });
    expect(byField.role).toMatch(/^skal være en af: admin, vp_cs, /);
    expect(res.json().message).not.toMatch(/forventede|>=|streng/);
  });
});
