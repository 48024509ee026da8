/**
 * Property: whatever JSON a signed-in client sends to a write route, the answer is never a 5xx and never
 * carries database or stack text. fast-check prints the seed and the shrunk body when it finds one.
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { apiRoutes, createFixtures, expectNoLeak, key, ROUTES, randomIp, type TFixtures, urlOf } from './support.ts';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);

const NAUGHTY = [
  '\u0000',
  'a\u0000b',
  "'; drop table accounts; --",
  '\ud800',
  '\u202eRTL',
  '🚀'.repeat(50),
  '9'.repeat(400),
  '-0',
  'NaN',
  '1e400',
  '__proto__',
  '<img src=x onerror=alert(1)>',
  '$' + '{jndi:ldap://x}',
  '%00',
  ' ',
  '',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NAUGHTY),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.integer(),
  fc.constantFrom(2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 1e308, -0, 0.5),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constantFrom(...NAUGHTY)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let f: TFixtures;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Fuzz');
  f = await createFixtures(t, org.admin);
});
afterAll(async () => {
  await t?.close();
});

describe('random JSON on every write route', () => {
  it('never answers 5xx or leaks internals', async () => {
    const routes = apiRoutes(t).filter(
      (r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.schema?.body && !r.schema.consumes,
    );
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const k = key(route);
      const spec = ROUTES[k] ?? { permissions: [] };
      const shape = z.toJSONSchema(route.schema?.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, unknown>;
      };
      const props = Object.keys(shape.properties ?? {});
      const base = spec.body?.(f) ?? {};
      // Mostly near-valid bodies (known fields, hostile values) so requests get past the first check; some pure noise.
      const body = fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .record(Object.fromEntries(props.map((p) => [p, hostileValue])), { requiredKeys: [] })
            .map((r) => ({ ...base, ...r })),
        },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
        { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 6 }) },
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const res = await t.app.inject({
            method: route.method as InjectOptions['method'],
            url: urlOf(k, f, spec),
            headers: { ...org.admin.headers, 'content-type': 'application/json' },
            payload: JSON.stringify(payload),
            remoteAddress: randomIp(),
          });
          expect(res.statusCode, `${k} ${JSON.stringify(payload).slice(0, 300)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          expectNoLeak(res);
        }),
        { numRuns: k.includes('/auth/') ? 8 : RUNS_PER_ROUTE },
      );
    }
  });
});
