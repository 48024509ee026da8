/** Win-back offers in the renewal report: made from a churn-risk renewal's flow, accepted, declined or left to expire. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, signIn, type TestApp } from '../../../test/harness.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeQuote } from '../quotes/index.ts';
import { makeRenewalOpportunity } from '../renewal-opportunities/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: '2027-01-10T09:00:00Z' });
});
afterAll(async () => {
  await t?.close();
});

type THeaders = Record<string, string>;
async function call(h: THeaders, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: h, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A renewal turned churn-risk with a sent win-back offer (approved by the director when the rules ask): its token. */
async function sentWinback(h: THeaders, director: THeaders, name: string, opts: { termEnd?: string; segment?: 'smb' } = {}) {
  const account = await makeAccount(t.app, h, { name, ...(opts.segment ? { segment: opts.segment } : {}) });
  const renewal = await makeRenewalOpportunity(t.app, h, account.id, opts.termEnd ? { termEnd: opts.termEnd } : {});
  await call(h, 'PATCH', `/api/v1/renewal-opportunities/${renewal.id}`, { category: 'churn_risk' });
  const quote = await makeQuote(t.app, h, renewal.id, { kind: 'winback' });
  expect([quote.kind, quote.incentivePercent]).toEqual(['winback', 15]);
  const submitted = await call(h, 'POST', `/api/v1/quotes/${quote.id}/submit`);
  if (submitted.status === 'pending_approval') await call(director, 'POST', `/api/v1/quotes/${quote.id}/approve`, {});
  const sent = await call(h, 'POST', `/api/v1/quotes/${quote.id}/send`, { to: 'buyer@example.com' });
  return { renewal, quote, token: new URL(sent.link).pathname.slice(3) };
}

const periodOf = async (h: THeaders, query: string) => (await call(h, 'GET', `/api/v1/renewals/report?${query}`)).periods;

describe('win-back offers in the renewal report', () => {
  it('counts the offers sent per period of the renewal, the won ones with their ARR and the lost ones', async () => {
    const org = await createTestOrg(t);
    let h = org.admin.headers;
    const director = (await org.as('vp_cs')).headers;

    // A renewal that is not at risk takes no win-back offer: the field is named.
    const calm = await makeRenewalOpportunity(t.app, h, (await makeAccount(t.app, h, { name: 'Calm' })).id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/renewal-opportunities/${calm.id}/quotes`,
      headers: h,
      payload: { kind: 'winback' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details[0].field).toBe('kind');
    // A plain renewal quote, accepted, is no win-back.
    const plain = await makeQuote(t.app, h, calm.id);
    await call(h, 'POST', `/api/v1/quotes/${plain.id}/submit`);
    const plainSent = await call(h, 'POST', `/api/v1/quotes/${plain.id}/send`, { to: 'buyer@example.com' });
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quotes/${new URL(plainSent.link).pathname.slice(3)}/accept`,
      payload: { name: 'P' },
    });

    const won = await sentWinback(h, director, 'Won Back', { segment: 'smb' });
    const declined = await sentWinback(h, director, 'Declined');
    await sentWinback(h, director, 'Expired');
    await sentWinback(h, director, 'April', { termEnd: '2027-04-30' });
    // A win-back drafted but never sent is no offer yet.
    const draftAccount = await makeAccount(t.app, h, { name: 'Draft only' });
    const draftRenewal = await makeRenewalOpportunity(t.app, h, draftAccount.id);
    await call(h, 'PATCH', `/api/v1/renewal-opportunities/${draftRenewal.id}`, { category: 'churn_risk' });
    await makeQuote(t.app, h, draftRenewal.id, { kind: 'winback' });

    let [march] = await periodOf(h, 'from=2027-03&to=2027-03');
    expect([march.winbackOffers, march.winbackWon, march.winbackLost, march.winbackWonArr]).toEqual([3, 0, 0, 0]);

    // The customer accepts through the link: 10 seats × 1,200 a year, less the 15 % incentive, is 10,200 a year.
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quotes/${won.token}/accept`,
      payload: { name: 'Wendy Buyer' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const declinedRes = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/quotes/${declined.token}/decline`,
      payload: { reason: 'Moved to a competitor' },
    });
    expect(declinedRes.statusCode, declinedRes.body).toBe(200);
    [march] = await periodOf(h, 'from=2027-03&to=2027-03');
    expect([march.winbackOffers, march.winbackWon, march.winbackLost, march.winbackWonArr]).toEqual([3, 1, 1, 10_200]);

    // Left unanswered past its validity (30 days), an offer is lost.
    t.clock.set('2027-02-20T09:00:00Z');
    h = (await signIn(t, org.admin.email)).headers;
    const periods = await periodOf(h, 'from=2027-03&to=2027-04');
    expect(periods.map((p: Record<string, unknown>) => [p.period, p.winbackOffers, p.winbackWon, p.winbackLost, p.winbackWonArr])).toEqual([
      ['2027-03', 3, 1, 2, 10_200],
      ['2027-04', 1, 0, 1, 0],
    ]);
    // The new keys come after the existing ones (scripts read the period's keys in order).
    expect(Object.keys(periods[0]).slice(-4)).toEqual(['winbackOffers', 'winbackWon', 'winbackLost', 'winbackWonArr']);
    // The report's filters apply: only the won account is in the smb segment; the quarter sums the months.
    const [smb] = await periodOf(h, 'from=2027-03&to=2027-03&segment=smb');
    expect([smb.winbackOffers, smb.winbackWon, smb.winbackLost, smb.winbackWonArr]).toEqual([1, 1, 0, 10_200]);
    const [q1, q2] = await periodOf(h, 'from=2027-01&to=2027-06&by=quarter');
    expect([q1.winbackOffers, q1.winbackWon, q1.winbackLost, q2.winbackOffers]).toEqual([3, 1, 2, 1]);
    // Another organisation sees none of them.
    const other = await createTestOrg(t);
    const [theirs] = await periodOf(other.admin.headers, 'from=2027-03&to=2027-03');
    expect(theirs.winbackOffers).toBe(0);
    t.clock.set('2027-01-10T09:00:00Z');
  });
});
