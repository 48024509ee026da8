import type { Actor } from '../../platform/access/access.ts';
import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import type { TSupportPriority, TSupportStatus } from './support.schemas.ts';

type TStep =
  | { at: [number, number]; customer: string }
  | { at: [number, number]; reply: string; status?: TSupportStatus }
  | { at: [number, number]; set: TSupportStatus };

/** The demo's requests: what the customer wrote and what the team answered, days before the demo's today (hour UTC). */
const PLAN: { account: number; subject: string; priority: TSupportPriority; steps: TStep[] }[] = [
  {
    account: 0,
    subject: 'Export to Excel stops at 10,000 rows',
    priority: 'normal',
    steps: [
      { at: [2, 9], customer: 'Hi, the monthly report export to Excel stops at 10,000 rows. We have about 14,000 leads. Can you help?' },
      { at: [2, 11], reply: 'Thanks for reporting this. Exports above 10,000 rows go out as CSV for now; could you try the CSV export?' },
      { at: [1, 10], customer: 'The CSV works, but our finance team needs the Excel file. Is a fix planned?' },
    ],
  },
  {
    account: 1,
    subject: 'Cannot log in after the password reset',
    priority: 'urgent',
    steps: [
      { at: [1, 8], customer: 'Since this morning none of our marketing team can log in after resetting their password. Urgent please!' },
    ],
  },
  {
    account: 2,
    subject: 'How do I add a user to a second department?',
    priority: 'low',
    steps: [{ at: [1, 17], customer: 'One of our colleagues works for two departments. Can one user see the leads of both?' }],
  },
  {
    account: 3,
    subject: 'Invoice shows the wrong VAT number',
    priority: 'normal',
    steps: [
      { at: [5, 10], customer: 'Our last invoice shows our old VAT number. Could you send a corrected invoice?' },
      { at: [5, 12], reply: 'Of course. Could you send us the new VAT number and the invoice number, so finance can correct it?' },
    ],
  },
  {
    account: 4,
    subject: 'Tender alerts arrive twice',
    priority: 'high',
    steps: [
      { at: [6, 9], customer: 'Every tender alert reaches us twice since Monday.' },
      { at: [6, 10], reply: 'We found a duplicate subscription on your alert profile and removed it. Do you still get them twice?' },
      { at: [5, 9], customer: 'Only once now, thank you!' },
      { at: [5, 11], reply: 'Great to hear. I will close this request; just reply if it happens again.', status: 'solved' },
    ],
  },
  {
    account: 5,
    subject: 'Scheduled report arrives at the wrong hour',
    priority: 'normal',
    steps: [
      { at: [12, 9], customer: 'Our weekly report arrives at 3 in the night instead of 8 in the morning.' },
      { at: [12, 10], reply: 'The schedule used UTC. I set it to your time zone; next Monday it arrives at 8:00.', status: 'solved' },
      { at: [9, 9], set: 'closed' },
    ],
  },
];

async function senderOf(demo: TDemoContext, accountId: string) {
  const { services, actors } = demo;
  const contacts = await services.contacts.list(actors.admin, { accountId, page: 1, pageSize: 20, sort: 'name', order: 'asc' });
  const c = contacts.items.find((x) => x.email);
  if (c?.email) return { address: c.email, name: `${c.firstName} ${c.lastName}`.trim(), contactId: c.id };
  const account = await services.accounts.get(actors.admin, accountId);
  return account.domain ? { address: `it@${account.domain}`, name: null, contactId: null } : null;
}

/**
 * What the demo organisation shows of support: requests in every state on the demo accounts, with conversations,
 * arriving as e-mail through the inbound path (matched to their contacts), answered by the customer advocate,
 * one unmatched e-mail from an unknown sender, and one call logged by hand. Some are past their SLA targets.
 */
export const supportDemo: TDemoContribution = {
  async activity(demo) {
    const { services, actors, accountIds, at, orgId, people } = demo;
    if (accountIds.length < 7) return;
    const advocate = people.get('advocate@demo.customer365.test') ?? actors.admin;
    const manager: Actor = people.get('support@demo.customer365.test') ?? actors.admin;
    let n = 0;
    const mail = (from: { address: string; name: string | null }, subject: string, text: string) => ({
      recipients: ['demo@inbound.customer365.test'],
      from,
      subject,
      text,
      messageId: `<demo-${++n}@mail.demo.customer365.test>`,
      inReplyTo: null,
      references: [],
    });
    for (const p of PLAN) {
      const accountId = accountIds[(p.account * 5) % accountIds.length] as string;
      const sender = await senderOf(demo, accountId);
      if (!sender) continue;
      const from = { address: sender.address, name: sender.name };
      let requestId: string | null = null;
      let number = 0;
      for (const step of p.steps) {
        at(...step.at);
        if ('customer' in step) {
          const subject = requestId ? `Re: ${p.subject} [#${number}]` : p.subject;
          const got = await services.supportInbound.receiveInto(orgId, null, mail(from, subject, step.customer));
          if (!requestId && 'requestId' in got && got.requestId) {
            requestId = got.requestId;
            const triaged = await services.support.update(manager, requestId, { priority: p.priority });
            number = triaged.number;
          }
        } else if (requestId && 'reply' in step)
          await services.support.reply(advocate, requestId, { body: step.reply, kind: 'reply', status: step.status });
        else if (requestId && 'set' in step) await services.support.update(advocate, requestId, { status: step.set });
      }
    }
    // An e-mail nobody recognises: waits in the inbox as unmatched, for someone to give it an account.
    at(2, 13);
    await services.supportInbound.receiveInto(
      orgId,
      null,
      mail(
        { address: 'j.jansen@freemail.example', name: 'Jan Jansen' },
        'Pricing for 50 users?',
        'Hello, what would 50 users cost per year?',
      ),
    );
    // A call logged by hand, answered by e-mail, with a note for the team.
    at(2, 15);
    const callAccount = accountIds[(6 * 5) % accountIds.length] as string;
    const caller = await senderOf(demo, callAccount);
    const call = await services.support.create(manager, {
      accountId: callAccount,
      contactId: caller?.contactId ?? null,
      subject: 'Phone: the workflow editor freezes in Safari',
      body: 'Called in: the workflow editor freezes when dragging a step in Safari 18. Chrome works.',
      priority: 'normal',
      assigneeUserId: advocate.userId,
    });
    demo.advance(40 * 60_000);
    await services.support.reply(advocate, call.id, { body: 'Reproduced in Safari 18; passed to the product team.', kind: 'note' });
    if (caller?.contactId)
      await services.support.reply(advocate, call.id, {
        body: 'Thanks for your call. We reproduced the freeze in Safari 18; until the fix, Chrome or Firefox work. We keep you posted.',
        kind: 'reply',
        status: 'open',
      });
  },
};
