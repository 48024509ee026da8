import { newId } from '../../platform/ids.ts';
import type { TDemoContribution } from '../../platform/modules.ts';
import { insertInteractions, type TNewInteraction } from './timeline.repository.ts';

const INTERACTION_TEMPLATES = [
  {
    kind: 'call',
    subject: 'Quarterly check-in',
    body: 'Walked through usage of the last quarter. Team is happy with the tender alerts; asked about the reporting module.',
  },
  {
    kind: 'email',
    subject: 'Onboarding: CRM integration steps',
    body: 'Sent the integration guide and proposed a slot for the technical set-up session.',
  },
  {
    kind: 'meeting',
    subject: 'Business review with the decision maker',
    body: 'Reviewed goals for next year: +20% qualified leads. Discussed the Enterprise edition and professional services.',
  },
  {
    kind: 'note',
    subject: 'Champion is leaving the company',
    body: 'Our champion moves to another role next month. Need to build a relationship with the new marketing lead.',
  },
  {
    kind: 'support_request',
    subject: 'Cannot export the monthly report',
    body: 'Export to Excel fails for reports over 10,000 rows. Logged with support; workaround shared.',
  },
  {
    kind: 'chat',
    subject: 'Question about user seats',
    body: 'Asked whether seats can be moved between departments. Explained the admin settings.',
  },
  {
    kind: 'call',
    subject: 'Renewal conversation',
    body: 'Renewal is due in 90 days. Customer asked for a multi-year offer; will prepare a quote.',
  },
  {
    kind: 'email',
    subject: 'Invitation to the upgrade webinar',
    body: 'Invited the team to the webinar about the new platform and the upgrade timeline for their country.',
  },
  {
    kind: 'meeting',
    subject: 'Training session for new users',
    body: 'Trained 6 new users on workflows and lead nurture. Shared the recording and the knowledge base links.',
  },
  {
    kind: 'note',
    subject: 'Low activity in the last 30 days',
    body: 'Logins dropped by half. Plan: call the champion and offer a refresher training.',
  },
] as const;

/** Who logs the conversations: the account owners of both markets (the CSM works in both). */
const AUTHORS = [
  'csm@demo.customer365.test',
  'vp@demo.customer365.test',
  'cse@demo.customer365.test',
  'csm.dk@demo.customer365.test',
  'csm@demo.customer365.test',
];

/** Two to seven calls, e-mails, meetings and notes with each demo customer over the last four months. */
export const timelineDemo: TDemoContribution = {
  async customer({ db, orgId, now, random: r, people }, customer) {
    const authors = AUTHORS.map((email) => people.get(email)?.userId ?? null);
    const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
    const rows: TNewInteraction[] = [];
    // The count is drawn again before each interaction, as it always was: the draws keep their order.
    for (let k = 0; k < r.int(2, 7); k++) {
      const t = r.pick(INTERACTION_TEMPLATES);
      rows.push({
        id: newId(),
        accountId: customer.id,
        contactId: r.next() < 0.7 ? r.pick(customer.contactIds) : null,
        kind: t.kind,
        direction: t.kind === 'note' ? null : r.next() < 0.6 ? 'outbound' : 'inbound',
        subject: t.subject,
        body: t.body,
        durationMinutes: t.kind === 'call' || t.kind === 'meeting' ? r.int(15, 60) : null,
        occurredAt: daysAgo(r.int(0, 120) + r.next()),
        authorUserId: r.pick(authors),
        createdAt: now,
      });
    }
    await insertInteractions(db, orgId, rows);
  },
};
