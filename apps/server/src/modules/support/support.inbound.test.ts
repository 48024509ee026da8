/**
 * Support by e-mail over real SMTP: a customer's mail (nodemailer) reaches the product's receiver on a random port and
 * becomes a request on the right account; the reply leaves through the outbox to an SMTP catcher with its threading
 * headers, and the customer's answer comes back onto the same request. On a scratch database: the worker delivers mail.
 */
import nodemailer from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, createTestOrg, runJobs, type TestApp } from '../../../test/harness.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { type SmtpSink, startSmtpSink } from '../../../test/smtp-sink.ts';
import { makeAccount } from '../accounts/index.ts';
import { makeContact } from '../contacts/index.ts';
import { createInboundReceiver, type InboundReceiver } from './support.receiver.ts';
import type { TSupportRequest } from './support.schemas.ts';

const DOMAIN = 'support.test.example';
let scratch: ScratchDatabase;
let sink: SmtpSink;
let t: TestApp;
let receiver: InboundReceiver;
let client: ReturnType<typeof nodemailer.createTransport>;

beforeAll(async () => {
  scratch = await createScratchDatabase();
  sink = await startSmtpSink();
  t = await buildTestApp({ database: scratch.database, smtpUrl: sink.url, env: { INBOUND_EMAIL_DOMAIN: DOMAIN } });
  receiver = createInboundReceiver({ inbound: t.services.supportInbound, logger: pino({ level: 'silent' }) });
  const port = await receiver.listen(0, '127.0.0.1');
  client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
});
afterAll(async () => {
  client?.close();
  await receiver?.close();
  await t?.close();
  await sink?.close();
  await scratch?.close();
});

type H = Record<string, string>;
const inbox = async (h: H, query = '') =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/support/requests?${query}`, headers: h })).json().items as TSupportRequest[];
const detail = async (h: H, id: string) =>
  (await t.app.inject({ method: 'GET', url: `/api/v1/support/requests/${id}`, headers: h })).json();
const addressOf = async (h: H) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/support/settings', headers: h })).json().inboundAddress as string;

describe('support by e-mail', () => {
  it('turns an inbound e-mail into a request on the sender’s account, and threads the reply and the answer', async () => {
    const org = await createTestOrg(t);
    const h = org.admin.headers;
    const account = await makeAccount(t.app, h, { name: 'Mailbox BV', domain: 'mailbox.example' });
    await makeContact(t.app, h, account.id, { firstName: 'Mia', lastName: 'Mulder', email: 'mia@mailbox.example' });
    const to = await addressOf(h);
    expect(to).toMatch(new RegExp(`^org-[a-z0-9]+@${DOMAIN.replaceAll('.', '\\.')}$`));

    const sent = await client.sendMail({
      from: '"Mia Mulder" <Mia@Mailbox.example>',
      to,
      subject: 'Export fails',
      text: 'The export stops at 10,000 rows.',
    });
    const [request] = await inbox(h);
    expect(request).toMatchObject({
      subject: 'Export fails',
      status: 'new',
      channel: 'email',
      accountName: 'Mailbox BV',
      contactName: 'Mia Mulder',
      requesterEmail: 'mia@mailbox.example',
    });
    if (!request) throw new Error('no request');
    // The same mail delivered again (a sender retrying after a lost answer) is stored once.
    await client.sendMail({ from: 'mia@mailbox.example', to, subject: 'Export fails', text: 'again', messageId: sent.messageId });
    expect(await inbox(h)).toHaveLength(1);

    // The reply leaves through the outbox over SMTP, with its reference, reply-to address and threading headers.
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/support/requests/${request.id}/messages`,
      headers: h,
      payload: { body: 'Please try the CSV export for now.' },
    });
    expect(reply.statusCode, reply.body).toBe(200);
    await runJobs(t);
    const out = sink.inbox.find((m) => m.to && JSON.stringify(m.to).includes('mia@mailbox.example'));
    if (!out) throw new Error('no reply delivered');
    expect(out.subject).toBe(`Re: Export fails [#${request.number}]`);
    expect(out.inReplyTo).toBe(sent.messageId);
    expect(out.text).toContain('Please try the CSV export for now.');
    const replyTo = out.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(new RegExp(`^${to.split('@')[0]}\\+[a-z0-9]{16}@${DOMAIN.replaceAll('.', '\\.')}$`));
    expect((await detail(h, request.id)).messages.at(-1)).toMatchObject({ direction: 'outbound', delivery: 'sent' });

    // The customer answers (their mail program keeps the headers): back on the same request, open again.
    await client.sendMail({
      from: 'mia@mailbox.example',
      to: replyTo,
      subject: out.subject,
      inReplyTo: out.messageId,
      references: [sent.messageId, out.messageId ?? ''],
      text: `CSV works, thanks!\n\nOn Sat, 21 Nov 2026, Test Admin wrote:\n> Please try the CSV export for now.`,
    });
    // An answer without headers, from the requester, with the reference in the subject: the same request too.
    await client.sendMail({ from: 'mia@mailbox.example', to, subject: `Re: Export fails [#${request.number}]`, text: 'One more thing.' });
    // Only the headers' token, from another address (a colleague in Cc who answers): the same request.
    await client.sendMail({ from: 'boss@elsewhere.example', to: replyTo, subject: 'Re: Export fails', text: 'Agreed.' });
    const after = await detail(h, request.id);
    expect(after).toMatchObject({ status: 'open', messageCount: 5 });
    expect(after.messages.map((x: { direction: string; body: string }) => [x.direction, x.body])).toEqual([
      ['inbound', 'The export stops at 10,000 rows.'],
      ['outbound', 'Please try the CSV export for now.'],
      ['inbound', 'CSV works, thanks!'],
      ['inbound', 'One more thing.'],
      ['inbound', 'Agreed.'],
    ]);
    // A stranger guessing the number in the subject starts a request of their own, unmatched.
    await client.sendMail({ from: 'guess@nowhere.example', to, subject: `Re: Export fails [#${request.number}]`, text: 'Hi' });
    const unmatched = await inbox(h, 'unmatched=true');
    expect(unmatched.map((x) => [x.subject, x.accountId, x.requesterEmail])).toEqual([['Export fails', null, 'guess@nowhere.example']]);
    // Someone gives it an account.
    const matched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/support/requests/${unmatched[0]?.id}`,
      headers: h,
      payload: { accountId: account.id, priority: 'high' },
    });
    expect(matched.json()).toMatchObject({ accountName: 'Mailbox BV', priority: 'high' });
    expect(await inbox(h, 'unmatched=true')).toEqual([]);
  });

  it('files mail by domain within the addressed organisation only, and refuses addresses of no organisation', async () => {
    const a = await createTestOrg(t, 'Org A');
    const b = await createTestOrg(t, 'Org B');
    // Both organisations have a customer with the same domain (and contact address).
    const inA = await makeAccount(t.app, a.admin.headers, { name: 'Acme at A', domain: 'acme.example' });
    const inB = await makeAccount(t.app, b.admin.headers, { name: 'Acme at B', domain: 'acme.example' });
    await makeContact(t.app, b.admin.headers, inB.id, { firstName: 'Ann', email: 'ann@acme.example' });
    await client.sendMail({ from: 'ann@acme.example', to: await addressOf(a.admin.headers), subject: 'For A', text: 'Hello A' });
    expect((await inbox(a.admin.headers)).map((x) => [x.subject, x.accountId, x.contactId])).toEqual([['For A', inA.id, null]]);
    expect(await inbox(b.admin.headers)).toEqual([]);
    await expect(client.sendMail({ from: 'ann@acme.example', to: `no-such-org@${DOMAIN}`, subject: 'Lost', text: 'x' })).rejects.toThrow(
      /550/,
    );
    await expect(client.sendMail({ from: 'ann@acme.example', to: 'someone@other.example', subject: 'Lost', text: 'x' })).rejects.toThrow(
      /550/,
    );
    // An HTML-only mail keeps its text.
    await client.sendMail({
      from: 'ann@acme.example',
      to: await addressOf(b.admin.headers),
      subject: 'HTML',
      html: '<p>Hello <b>B</b></p>',
    });
    const [html] = await inbox(b.admin.headers);
    expect((await detail(b.admin.headers, html?.id ?? '')).messages[0].body).toBe('Hello B');
    expect(html).toMatchObject({ accountName: 'Acme at B', contactName: expect.stringMatching(/^Ann/) });
  });
});
