/**
 * The customer's link: tampered, expired, replaced and other-organisation tokens are a plain 404 that says nothing more;
 * admins reading the outbox see it masked, while the e-mail delivered over real SMTP carries the working link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeRenewalOpportunity } from '../renewal-opportunities/index.ts';
import { makeQuote } from './quotes.factory.ts';
import { readQuoteToken, signQuoteToken } from './quotes.token.ts';

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ now: '2027-01-10T09:00:00Z', smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function sentQuote() {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const account = await makeAccount(t.app, h, { name: 'Link Test' });
  const renewal = await makeRenewalOpportunity(t.app, h, account.id);
  const quote = await makeQuote(t.app, h, renewal.id);
  const sent = await t.app.inject({
    method: 'POST',
    url: `/api/v1/quotes/${quote.id}/send`,
    headers: h,
    payload: { to: 'buyer@example.com' },
  });
  expect(sent.statusCode).toBe(200);
  return { org, h, quote, token: new URL(sent.json().link).pathname.slice(3) };
}

const view = (token: string) => t.app.inject({ method: 'GET', url: `/api/v1/public/quotes/${token}` });
const bare = (res: { json(): Record<string, unknown> }) => {
  const { requestId: _r, ...rest } = res.json();
  return rest;
};

describe('public quote links', () => {
  it('opens with a valid token and answers the same empty 404 to every other one', async () => {
    const a = await sentQuote();
    const b = await sentQuote();
    expect((await view(a.token)).statusCode).toBe(200);
    const garbage = await view('not-a-token-at-all');
    expect(garbage.statusCode).toBe(404);
    const notFound = bare(garbage);
    expect(JSON.stringify(notFound)).not.toMatch(/expired|signature|organisation|token/i);

    const [payload, sig] = [a.token.slice(0, 48), a.token.slice(48)];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const parsed = readQuoteToken(a.token);
    if (!parsed) throw new Error('unreadable token');
    const cases = {
      tamperedSignature: `${payload}${flip(sig)}`,
      tamperedPayload: `${flip(payload)}${sig}`,
      // Another organisation's id with this quote's id and signature; and b's ids signed with a guess.
      otherOrganisation: (() => {
        const otherOrg = readQuoteToken(b.token)?.orgId as string;
        const bytes = Buffer.from(payload, 'base64url');
        Buffer.from(otherOrg.replaceAll('-', ''), 'hex').copy(bytes, 0);
        return `${bytes.toString('base64url')}${sig}`;
      })(),
      forged: signQuoteToken('guessed secret', { orgId: parsed.orgId, quoteId: parsed.quoteId, expiresAt: new Date('2030-01-01') }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await view(token);
      expect(res.statusCode, name).toBe(404);
      expect(bare(res), name).toEqual(notFound);
      const accept = await t.app.inject({ method: 'POST', url: `/api/v1/public/quotes/${token}/accept`, payload: { name: 'X' } });
      expect(accept.statusCode, name).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/quotes/${token}/pdf` })).statusCode, name).toBe(404);
    }
    // b still opens: a's failures changed nothing.
    expect((await view(b.token)).json().status).toBe('open');
  });

  it('stops a link when a newer one is sent, and when it expires', async () => {
    const a = await sentQuote();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/quotes/${a.quote.id}/send`,
      headers: a.h,
      payload: { to: 'buyer@example.com' },
    });
    const newer = new URL(again.json().link).pathname.slice(3);
    expect((await view(a.token)).statusCode).toBe(404);
    expect((await view(newer)).statusCode).toBe(200);
    // Links last 30 days by default.
    t.clock.set('2027-02-09T08:59:00Z');
    expect((await view(newer)).statusCode).toBe(200);
    t.clock.set('2027-02-09T09:01:00Z');
    const expired = await view(newer);
    expect(expired.statusCode).toBe(404);
    expect(bare(expired)).toEqual(bare(await view('x'.repeat(20))));
    t.clock.set('2027-01-10T09:00:00Z');
  });

  it('is masked where an admin reads the outbox (list, detail, CSV); the customer’s e-mail carries the working link', async () => {
    const a = await sentQuote();
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?pageSize=100', headers: a.h });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((m: { template: string }) => m.template === 'quote');
    expect(item.text).toContain('http://localhost:3650/q/•••');
    for (const url of ['/api/v1/outbox?pageSize=100', `/api/v1/outbox/${item.id}`, '/api/v1/outbox/export.csv']) {
      const res = await t.app.inject({ method: 'GET', url, headers: a.h });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(a.token);
      // Nor any part of it long enough to rebuild it (its signature, after the ids).
      expect(res.body, url).not.toContain(a.token.slice(48));
    }
    await runJobs(t);
    const mail = smtp.inbox.find((m) => m.text?.includes(a.token));
    if (!mail) throw new Error('the quote e-mail was not delivered with its link');
    const link = linkIn(mail);
    expect(link.pathname).toBe(`/q/${a.token}`);
    expect((await view(link.pathname.slice(3))).statusCode).toBe(200);
  });
});
