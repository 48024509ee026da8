import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeInteraction } from './timeline.factory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2026-11-21T09:00:00Z' });
});
afterAll(async () => {
  await t.close();
});

describe('timeline', () => {
  it('logs interactions by hand and lists them newest first, filtered by kind', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = (await makeAccount(t.app, h, { name: 'Acme' })).id;
    const contactId = (await makeContact(t.app, org.admin.headers, accountId, { firstName: 'Lars', lastName: 'Jensen' })).id;
    const log = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/interactions`, headers: h, payload });

    const call = await log({
      kind: 'call',
      subject: 'Kick-off',
      contactId,
      direction: 'outbound',
      durationMinutes: 30,
      occurredAt: '2026-11-20T10:00:00Z',
    });
    expect(call.statusCode).toBe(201);
    expect(call.json()).toMatchObject({ kind: 'call', contactName: 'Lars Jensen', authorName: 'Test Admin', source: 'manual' });
    await log({ kind: 'note', subject: 'Champion leaves', body: 'Find a new champion' });
    await log({ kind: 'support_request', subject: 'Export fails', occurredAt: '2026-11-01T08:00:00Z' });

    const all = (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline`, headers: h })).json();
    expect(all.items.map((i: { subject: string }) => i.subject)).toEqual(['Champion leaves', 'Kick-off', 'Export fails']);
    const calls = (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline?kind=call,support_request`, headers: h })
    ).json();
    expect(calls.total).toBe(2);

    const future = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${accountId}/interactions`,
      headers: { ...h, 'accept-language': 'nl' },
      payload: { kind: 'meeting', subject: 'Later', occurredAt: '2026-11-25T10:00:00Z' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().details).toEqual([
      { field: 'occurredAt', code: 'too_far_in_future', message: 'mag niet meer dan een dag in de toekomst liggen' },
    ]);
  });

  it('searches the timeline and exports it as CSV in the same order', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const accountId = (await makeAccount(t.app, h, { name: 'Acme' })).id;
    const log = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: `/api/v1/accounts/${accountId}/interactions`, headers: h, payload });
    await log({ kind: 'call', subject: 'Renewal call', occurredAt: '2026-11-02T10:00:00Z' });
    await log({ kind: 'note', subject: 'Pricing', body: 'Asked about renewal discount', occurredAt: '2026-11-03T10:00:00Z' });
    await log({ kind: 'meeting', subject: 'Workshop', occurredAt: '2026-11-04T10:00:00Z' });

    const search = (
      await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline?q=RENEWAL&order=asc`, headers: h })
    ).json();
    expect(search.items.map((i: { subject: string }) => i.subject)).toEqual(['Renewal call', 'Pricing']);

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline/export.csv?q=renewal`, headers: h });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]?.split(',').slice(0, 4)).toEqual(['occurred_at', 'kind', 'direction', 'subject']);
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['Pricing', 'Renewal call']);

    const readOnly = await org.as('read_only');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/accounts/${accountId}/timeline/export.csv`, headers: readOnly.headers }))
        .statusCode,
    ).toBe(403);
  });

  it('refuses a contact of another account and a kind that does not exist', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const a = (await makeAccount(t.app, h, { name: 'A' })).id;
    const b = (await makeAccount(t.app, h, { name: 'B' })).id;
    const cOfB = (await makeContact(t.app, org.admin.headers, b, { firstName: 'X' })).id;
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a}/interactions`,
      headers: { ...h, 'accept-language': 'da' },
      payload: { kind: 'call', subject: 's', contactId: cOfB },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details).toEqual([
      { field: 'contactId', code: 'unknown_contact', message: 'denne kontakt hører ikke til denne konto' },
    ]);
    // A contact of the same account is taken, and its name shows on the entry.
    const cOfA = (await makeContact(t.app, org.admin.headers, a, { firstName: 'Mette', lastName: 'Holm' })).id;
    expect((await makeInteraction(t.app, org.admin.headers, a, { contactId: cOfA })).contactName).toBe('Mette Holm');
    const kind = await t.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a}/interactions`,
      headers: h,
      payload: { kind: 'fax', subject: 's' },
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().details[0].field).toBe('kind');
  });
});
