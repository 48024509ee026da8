/** Quotes end to end: made from a renewal, approved by a director, e-mailed over real SMTP, accepted through the link. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, csvRows, runJobs, type TestApp } from '../../../test/harness.ts';
import { linkIn, type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makePlan, makeProduct } from '../plans/index.ts';
import { makeRenewalOpportunity } from '../renewal-opportunities/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import { makeQuote } from './quotes.factory.ts';

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

const post = (url: string, headers: Record<string, string>, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

/** Text of a PDF, through pdftotext (poppler). */
function pdfText(pdf: Buffer): string {
  const file = path.join(os.tmpdir(), `quote-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** An organisation with a catalogue (Pro and Enterprise editions, an SSO add-on), a Dutch customer and its renewal. */
async function renewalWithCatalogue(name = 'Bakkerij Jansen') {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  const vp = await org.as('vp_cs', { name: 'Vera Director' });
  const csm = await org.as('csm', { name: 'Carla CSM' });
  const product = await makeProduct(t.app, h, { name: 'Platform' });
  const pro = await makePlan(t.app, h, {
    productId: product.id,
    name: 'Pro',
    tier: 1,
    prices: [{ currency: 'EUR', intervalMonths: 12, amount: 1200 }],
  });
  const ent = await makePlan(t.app, h, {
    productId: product.id,
    name: 'Enterprise',
    tier: 2,
    prices: [{ currency: 'EUR', intervalMonths: 12, amount: 1800 }],
  });
  const addon = await makeProduct(t.app, h, { name: 'Security', kind: 'addon' });
  const sso = await makePlan(t.app, h, {
    productId: addon.id,
    name: 'SSO',
    tier: 1,
    prices: [{ currency: 'EUR', intervalMonths: 12, amount: 300 }],
  });
  const account = await makeAccount(t.app, h, { name, ownerUserId: csm.userId });
  const contact = await makeContact(t.app, h, account.id, {
    firstName: 'Anneke',
    lastName: 'de Vries',
    email: `anneke-${account.id.slice(-6)}@bakkerij.example`,
    language: 'nl',
    roles: ['decision_maker'],
  });
  const sub = await makeSubscription(t.app, h, account.id, {
    intervalMonths: 12,
    termStart: '2026-04-01',
    termEnd: '2027-03-31',
    autoRenew: false,
    lines: [{ planId: pro.id, quantity: 10, unitPrice: 1100 }],
  });
  const opened = await post(`/api/v1/subscriptions/${sub.id}/renewal-opportunity`, h);
  expect(opened.statusCode).toBe(201);
  return { org, h, vp, csm, pro, ent, sso, account, contact, sub, renewal: opened.json() as { id: string } };
}

describe('quotes', () => {
  it('fills a quote from the renewal, needs a director’s approval, e-mails a link, and acceptance renews the subscription', async () => {
    const s = await renewalWithCatalogue();
    const quote = await makeQuote(t.app, s.csm.headers, s.renewal.id, {
      upliftPercent: 5,
      extraSeats: 5,
      crossSellPlanIds: [s.sso.id],
      incentivePercent: 5,
      incentiveUntil: '2027-01-31',
    });
    expect(quote).toMatchObject({
      reference: expect.stringMatching(/^Q-\d{4}$/),
      status: 'draft',
      language: 'nl',
      currency: 'EUR',
      contactName: 'Anneke de Vries',
      termStart: '2027-04-01',
      termEnd: '2028-03-31',
      accountName: 'Bakkerij Jansen',
      approvalReasons: ['below_list_price'],
      needsApproval: true,
      listTotalCents: 1_830_000,
      subtotalCents: 1_762_500,
      incentiveCents: 88_125,
      totalCents: 1_674_375,
    });
    expect(quote.lines.map((l) => [l.kind, l.description, l.quantity, l.unitPriceCents, l.totalCents])).toEqual([
      ['renewal', 'Pro', 10, 115_500, 1_155_000],
      ['upsell', 'Pro', 5, 115_500, 577_500],
      ['cross_sell', 'SSO', 1, 30_000, 30_000],
    ]);

    // Not sendable before approval; the CSM may not approve.
    expect((await post(`/api/v1/quotes/${quote.id}/send`, s.csm.headers)).statusCode).toBe(409);
    expect((await post(`/api/v1/quotes/${quote.id}/submit`, s.csm.headers)).json().status).toBe('pending_approval');
    expect((await post(`/api/v1/quotes/${quote.id}/approve`, s.csm.headers)).statusCode).toBe(403);
    const waiting = await get('/api/v1/quotes?status=pending_approval', s.vp.headers);
    expect(waiting.json().items.map((q: { id: string }) => q.id)).toContain(quote.id);
    const approved = await post(`/api/v1/quotes/${quote.id}/approve`, s.vp.headers, { comment: 'Fine for a loyal customer' });
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedByName: 'Vera Director',
      decisionComment: 'Fine for a loyal customer',
    });

    const sent = await post(`/api/v1/quotes/${quote.id}/send`, s.csm.headers, {});
    expect(sent.statusCode).toBe(200);
    expect(sent.json().quote).toMatchObject({ status: 'sent', sentTo: s.contact.email });
    expect((await get(`/api/v1/renewal-opportunities/${s.renewal.id}`, s.h)).json()).toMatchObject({
      stage: 'quote_sent',
      quoteStatus: 'sent',
    });

    // The e-mail, in the contact's language, over real SMTP.
    await runJobs(t);
    const mail = smtp.inbox.find((m) => m.to && JSON.stringify(m.to).includes(s.contact.email as string));
    expect(mail?.subject).toMatch(/^Uw offerte Q-\d{4} van /);
    expect(mail?.text).toContain('Beste Anneke de Vries');
    const link = linkIn(mail as NonNullable<typeof mail>);
    expect(link.pathname.startsWith('/q/')).toBe(true);
    const token = link.pathname.slice(3);
    expect(link.href).toBe(sent.json().link);
    // The quote's PDF is attached: the same document the link opens, with the number, customer and total.
    const attached = mail?.attachments ?? [];
    expect(attached.map((a) => [a.filename, a.contentType])).toEqual([[`Offerte ${quote.reference}.pdf`, 'application/pdf']]);
    const attachedText = pdfText(attached[0]?.content as Buffer);
    for (const words of [`Offerte ${quote.reference}`, 'Bakkerij Jansen', 'Anneke de Vries', '€ 16.743,75'])
      expect(attachedText).toContain(words);
    expect(mail?.text).toContain('In de bijlage vindt u de offerte');

    // The customer's page and PDF, without an account.
    const page = await get(`/api/v1/public/quotes/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ status: 'open', accountName: 'Bakkerij Jansen', totalCents: 1_674_375, language: 'nl' });
    expect(JSON.stringify(page.json())).not.toContain(s.org.orgId);
    const pdf = await get(`/api/v1/public/quotes/${token}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(Buffer.compare(pdf.rawPayload, attached[0]?.content as Buffer)).toBe(0);
    for (const words of [
      'Offerte Q-',
      'Bakkerij Jansen',
      'Anneke de Vries',
      'Totaal (excl. btw)',
      '€ 16.743,75',
      '€ 1.155,00',
      'SSO',
      'Verlenging',
      'Uitbreiding',
      'Geldig tot',
    ])
      expect(text).toContain(words);

    // Accept by typing a name: the subscription renews with the quoted lines, the renewal is won.
    t.clock.set('2027-01-10T11:00:00Z');
    const accepted = await post(`/api/v1/public/quotes/${token}/accept`, {}, { name: 'Anneke de Vries' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', acceptedName: 'Anneke de Vries' });
    const after = (await get(`/api/v1/quotes/${quote.id}`, s.h)).json();
    expect(after).toMatchObject({ status: 'accepted', outcome: 'upgraded', acceptedIp: '127.0.0.1' });
    const renewal = (await get(`/api/v1/renewal-opportunities/${s.renewal.id}`, s.h)).json();
    expect(renewal).toMatchObject({ stage: 'renewed', quoteStatus: 'accepted' });
    expect(renewal.closeReason).toContain('upgraded');
    const sub = (await get(`/api/v1/subscriptions/${s.sub.id}`, s.h)).json();
    expect(sub.changes.map((c: { kind: string }) => c.kind)).toContain('renewal');
    const next = sub.versions.filter((v: { validFrom: string }) => v.validFrom === '2027-04-01');
    expect(next.map((v: { description: string; quantity: number }) => [v.description, v.quantity]).sort()).toEqual([
      ['Pro', 10],
      ['Pro', 5],
      ['SSO', 1],
    ]);
    // The MRR of the new term: 17,625.00 a year less the 5% early-renewal discount, per month.
    const mrr = next.reduce((n: number, v: { mrr: number }) => n + v.mrr, 0);
    expect(mrr).toBeCloseTo((17_625 * 0.95) / 12, 1);
    // Accepting twice is refused; the PDF now says who accepted.
    expect((await post(`/api/v1/public/quotes/${token}/accept`, {}, { name: 'Someone' })).statusCode).toBe(409);
    expect(pdfText((await get(`/api/v1/public/quotes/${token}/pdf`)).rawPayload)).toContain('Geaccepteerd door Anneke de Vries');

    const audit = await get(`/api/v1/audit-log?entityType=quote&entityId=${quote.id}`, s.h);
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['accepted', 'approval_requested', 'approved', 'created', 'sent'].sort());
  });

  it('lets a director reject with a comment, sends a quote within the rules without approval, and records a decline', async () => {
    const s = await renewalWithCatalogue('Hansen ApS');
    const q = await makeQuote(t.app, s.csm.headers, s.renewal.id, { upsell: true });
    expect(q.lines.map((l) => [l.kind, l.description, l.unitPriceCents])).toEqual([['upsell', 'Enterprise', 180_000]]);
    expect(q.needsApproval).toBe(false);
    // A 15% line discount breaks the 10% rule; rejecting needs a comment.
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/quotes/${q.id}`,
      headers: s.csm.headers,
      payload: {
        lines: [
          { kind: 'upsell', planId: s.ent.id, description: 'Enterprise', quantity: 10, unitPriceCents: 180_000, discountPercent: 15 },
        ],
      },
    });
    expect(edited.json()).toMatchObject({ approvalReasons: ['discount_above_max', 'below_list_price'], totalCents: 1_530_000 });
    await post(`/api/v1/quotes/${q.id}/submit`, s.csm.headers);
    const noComment = await post(`/api/v1/quotes/${q.id}/reject`, s.vp.headers, {});
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().details.map((d: { field: string }) => d.field)).toEqual(['comment']);
    const rejected = await post(`/api/v1/quotes/${q.id}/reject`, s.vp.headers, { comment: 'At most 10%' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionComment: 'At most 10%' });
    // Back within the rules: no approval needed, sent at once.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/quotes/${q.id}`,
      headers: s.csm.headers,
      payload: { lines: [{ kind: 'upsell', planId: s.ent.id, description: 'Enterprise', quantity: 10, unitPriceCents: 180_000 }] },
    });
    const sent = await post(`/api/v1/quotes/${q.id}/send`, s.csm.headers, {});
    expect(sent.statusCode).toBe(200);
    const token = new URL(sent.json().link).pathname.slice(3);
    const noReason = await post(`/api/v1/public/quotes/${token}/decline`, {}, {});
    expect(noReason.statusCode).toBe(400);
    const declined = await post(`/api/v1/public/quotes/${token}/decline`, {}, { reason: 'Budget frozen until Q3' });
    expect(declined.json().status).toBe('declined');
    expect((await get(`/api/v1/quotes/${q.id}`, s.h)).json()).toMatchObject({
      status: 'declined',
      declineReason: 'Budget frozen until Q3',
    });
    expect((await get(`/api/v1/renewal-opportunities/${s.renewal.id}`, s.h)).json()).toMatchObject({
      stage: 'negotiating',
      quoteStatus: 'declined',
    });

    const csv = await get('/api/v1/quotes/export.csv?sort=number&order=asc', s.h);
    const rows = csvRows(csv.body);
    expect(rows[0]?.slice(0, 5)).toEqual(['reference', 'kind', 'account', 'contact', 'status']);
    expect(rows.slice(1).map((r) => r[4])).toEqual(['declined']);
  });

  it('calls a win-back offer an offer in its e-mail’s subject and text, as its PDF does, in en, nl and da', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const director = (await org.as('vp_cs')).headers;
    const expected = {
      en: { subject: /^Your offer Q-\d{4} from /, text: 'Please find attached our offer for the renewal', title: 'Offer', not: /quote/i },
      nl: {
        subject: /^Uw aanbod Q-\d{4} van /,
        text: 'In de bijlage vindt u ons aanbod voor de verlenging',
        title: 'Aanbod',
        not: /offerte/i,
      },
      da: { subject: /^Dit tilbud Q-\d{4} fra /, text: 'Vedhæftet finder du tilbuddet på fornyelsen', title: 'Tilbud', not: /offer/i },
    } as const;
    const sent: { language: keyof typeof expected; to: string; reference: string }[] = [];
    for (const language of ['en', 'nl', 'da'] as const) {
      const account = await makeAccount(t.app, h, { name: `Win Back ${language.toUpperCase()}` });
      const renewal = await makeRenewalOpportunity(t.app, h, account.id);
      const atRisk = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/renewal-opportunities/${renewal.id}`,
        headers: h,
        payload: { category: 'churn_risk' },
      });
      expect(atRisk.statusCode, atRisk.body).toBe(200);
      const quote = await makeQuote(t.app, h, renewal.id, { kind: 'winback' });
      const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/quotes/${quote.id}`, headers: h, payload: { language } });
      expect(patched.statusCode, patched.body).toBe(200);
      const submitted = await post(`/api/v1/quotes/${quote.id}/submit`, h);
      if (submitted.json().status === 'pending_approval')
        expect((await post(`/api/v1/quotes/${quote.id}/approve`, director)).statusCode).toBe(200);
      const to = `winback-${language}-${account.id.slice(-6)}@example.com`;
      const res = await post(`/api/v1/quotes/${quote.id}/send`, h, { to });
      expect(res.statusCode, res.body).toBe(200);
      sent.push({ language, to, reference: quote.reference });
    }
    await runJobs(t);
    for (const { language, to, reference } of sent) {
      const words = expected[language];
      const mail = smtp.inbox.find((m) => JSON.stringify(m.to ?? '').includes(to));
      expect(mail?.subject, language).toMatch(words.subject);
      expect(mail?.text, language).toContain(words.text);
      expect(`${mail?.subject}\n${mail?.text?.replace(/https?:\/\/\S+/g, '')}`, language).not.toMatch(words.not);
      const [pdf] = mail?.attachments ?? [];
      expect(pdf?.filename, language).toBe(`${words.title} ${reference}.pdf`);
      expect(pdfText(pdf?.content as Buffer), language).toContain(`${words.title} ${reference}`);
    }
  });
});
