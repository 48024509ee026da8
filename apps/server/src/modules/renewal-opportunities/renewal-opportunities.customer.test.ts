/**
 * The customer e-mails' templates: an admin rewords one language, the preview shows it with sample facts, an unknown
 * placeholder is a 400 naming the field, others may not touch them; the daily run then writes to the contact with the
 * organisation's own words, over real SMTP, and a reset brings the built-in text back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';

let t: TestApp;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await buildTestApp({ smtpUrl: smtp.url, now: '2027-01-10T06:00:00Z' });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const drain = () => runJobs(t);

describe('renewal e-mail templates', () => {
  it('an admin rewords, previews and resets them; the daily run writes with them', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-settings/email-templates', headers: h });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(6);
    expect(list.json().items.every((x: { custom: boolean }) => !x.custom)).toBe(true);

    const csm = await org.as('csm');
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/renewal-settings/email-templates', headers: csm.headers });
    expect(denied.statusCode).toBe(403);

    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/renewal-settings/email-templates',
      headers: h,
      payload: { kind: 'reminder', language: 'nl', subject: 'Verlenging {klant}', body: 'Beste {contactName}' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((d: { field: string }) => d.field)).toEqual(['subject']);

    const own = {
      kind: 'reminder',
      language: 'nl',
      subject: 'Verlenging {accountName} op {renewalDate}',
      body: 'Beste {contactName}, nog {daysLeft} dagen: {amount}.',
    };
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/v1/renewal-settings/email-templates/preview',
      headers: h,
      payload: own,
    });
    const nbsp = (x: string | undefined) => x?.replace(/\u00a0/g, ' ');
    expect({ ...preview.json(), text: nbsp(preview.json().text) }).toEqual({
      subject: 'Verlenging Northwind Logistics op 1 maart 2027',
      text: 'Beste Anna de Vries, nog 30 dagen: € 24.000,00.',
    });
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/renewal-settings/email-templates', headers: h, payload: own });
    expect(put.json()).toMatchObject({ ...own, custom: true });

    // Customer e-mails on; a Dutch billing contact of an account renewing in 20 days.
    await t.app.inject({ method: 'PUT', url: '/api/v1/renewal-settings', headers: h, payload: { customerEmails: true } });
    const account = await makeAccount(t.app, h, { name: 'Brouwerij Noord' });
    await makeContact(t.app, h, account.id, {
      firstName: 'Bea',
      lastName: 'Bakker',
      email: 'bea@noord.test',
      roles: ['billing'],
      language: 'nl',
    });
    await makeSubscription(t.app, h, account.id, {
      intervalMonths: 12,
      termStart: '2026-01-30',
      termEnd: '2027-01-29',
      autoRenew: false,
      lines: [{ description: 'Seats', quantity: 10, unitPrice: 1200 }],
    });
    await drain();
    const result = await t.services.renewalOpportunities.runDaily(org.orgId);
    expect(result.customerEmails).toBe(1);
    expect(await t.services.renewalOpportunities.runDaily(org.orgId)).toMatchObject({ customerEmails: 0 });
    await drain();
    const mail = smtp.inbox.find((m) => m.subject?.includes('Brouwerij Noord'));
    expect(mail?.subject).toBe('Verlenging Brouwerij Noord op 30 januari 2027');
    expect(nbsp(mail?.text?.trim())).toBe('Beste Bea Bakker, nog 20 dagen: € 12.000,00.');

    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/v1/renewal-settings/email-templates/reset',
      headers: h,
      payload: { kind: 'reminder', language: 'nl' },
    });
    expect(reset.json()).toMatchObject({ custom: false, subject: 'Uw abonnement bij {organisationName} wordt verlengd op {renewalDate}' });
  }, 180_000);
});
