/**
 * Unknown query parameters are refused as unknown body fields are: a 400 naming the parameter, on every
 * route (lists, exports, reads and writes alike), instead of being ignored — a misspelt filter would
 * otherwise return the whole unfiltered list. The parameters each route documents keep working, repeated
 * keys included (`?segment=a&segment=b`, as the web UI sends them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../harness.ts';
import { apiRoutes, createFixtures, key, orderedSpecs, ROUTES, request, snapshotOrg, type TFixtures } from './support.ts';

let t: TestApp;
let org: Awaited<ReturnType<typeof createTestOrg>>;
let f: TFixtures;

beforeAll(async () => {
  t = await buildTestApp();
  org = await createTestOrg(t, 'Unknown query');
  f = await createFixtures(t, org.admin);
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...org.admin.headers, ...headers } });

describe('unknown query parameters', () => {
  it('refuses an unknown query parameter on every route with a 400 naming it, and writes nothing', async () => {
    const before = await snapshotOrg(t, org.orgId);
    const checked: string[] = [];
    for (const [routeKey, spec] of orderedSpecs()) {
      const res = await request(t, routeKey, spec, f, org.admin.headers, {
        url: `${routeKey.split(' ')[1]?.replace(':id', spec.id ? (f[spec.id] ?? '') : '')}?segmnet=smb`,
      });
      expect(res.statusCode, `${routeKey}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json(), routeKey).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'segmnet', code: 'unrecognized_keys' }],
      });
      checked.push(routeKey);
    }
    // Every /api/v1 route the app has was tried (the route table covers them all).
    expect(checked.length).toBeGreaterThanOrEqual(apiRoutes(t).filter((r) => ROUTES[key(r)]).length);
    expect(await snapshotOrg(t, org.orgId)).toEqual(before);
  });

  it('names every unknown parameter in the message, in the request’s language', async () => {
    const en = await get('/api/v1/accounts?pagesize=10&sgement=smb');
    expect(en.statusCode).toBe(400);
    expect(en.json().details[0]).toMatchObject({ field: 'pagesize', code: 'unrecognized_keys' });
    expect(en.json().message).toContain('pagesize');
    const nl = await get('/api/v1/accounts?pagesize=10', { 'accept-language': 'nl' });
    expect(nl.statusCode).toBe(400);
    expect(nl.json().details[0].field).toBe('pagesize');
    expect(nl.json().details[0].message).not.toBe(en.json().details[0].message);
  });

  it('keeps accepting every documented parameter, repeated keys included', async () => {
    const accounts = await get(
      '/api/v1/accounts?q=a&segment=smb&segment=enterprise&edition=professional&lifecycleStage=onboarding&tag=x&tag=y' +
        `&marketId=${f.market}&ownerUserId=me&status=all&sort=name&order=desc&page=1&pageSize=10`,
    );
    expect(accounts.statusCode, accounts.body.slice(0, 300)).toBe(200);
    const exported = await get('/api/v1/accounts/export.csv?segment=smb&segment=mid_market&sort=name&order=asc');
    expect(exported.statusCode, exported.body.slice(0, 300)).toBe(200);
    const contacts = await get(`/api/v1/contacts?role=champion&role=billing&accountId=${f.account}&language=en&q=a&sort=name`);
    expect(contacts.statusCode, contacts.body.slice(0, 300)).toBe(200);
    const timeline = await get(`/api/v1/accounts/${f.account}/timeline?kind=note&kind=call&q=a&order=asc&page=1&pageSize=5`);
    expect(timeline.statusCode, timeline.body.slice(0, 300)).toBe(200);
  });
});
