import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { enqueueEmails } from '../../platform/mail/outbox.ts';
import {
  confirmationRecipients,
  customerRemindersDue,
  findEmailTemplates,
  insertCustomerEmails,
  organisationFacts,
  type TCustomerEmailRow,
} from './renewal-opportunities.customer.repository.ts';
import { emailLanguage, renderCustomerEmail, type TEmailKind, templatesWith } from './renewal-opportunities.customer-emails.ts';
import { dayOf, daysBetween } from './renewal-opportunities.days.ts';

/**
 * Sends these customer e-mails once: each (term, contact, kind) is recorded in `tx` (unique), and only the rows this
 * transaction recorded are written to the outbox, in the contact's language (else the organisation's) from the
 * organisation's templates. Two workers racing: the second one's insert skips the row, so it sends nothing.
 */
async function sendOnce(tx: Db, clock: Clock, orgId: string, kind: TEmailKind, rows: TCustomerEmailRow[]) {
  if (!rows.length) return 0;
  const now = clock.now();
  const today = dayOf(now);
  const org = await organisationFacts(tx, orgId);
  const templates = templatesWith(await findEmailTemplates(tx, orgId));
  const withLang = rows.map((r) => ({ ...r, language: emailLanguage(r.contact_language, org.language) }));
  const inserted = await insertCustomerEmails(tx, orgId, today, now, withLang);
  const mine = new Set(inserted.map((k) => `${k.subscription_id}:${k.term_no}:${k.contact_id}:${k.kind}`));
  const mails = withLang
    .filter((r) => mine.has(`${r.subscription_id}:${r.term_no}:${r.contact_id}:${r.kind}`))
    .map((r) => {
      const template = templates.find((t) => t.kind === kind && t.language === r.language) ?? { subject: '', body: '' };
      const rendered = renderCustomerEmail(template, r.language, {
        contactName: r.contact_name,
        accountName: r.account_name,
        renewalDate: r.due_on,
        daysLeft: daysBetween(today, r.due_on),
        amountCents: Number(r.amount_cents),
        currency: r.currency,
        organisationName: org.name,
      });
      return { orgId, to: r.email, ...rendered, template: `renewal-customer-${kind}` };
    });
  await enqueueEmails(tx, clock, mails);
  return mails.length;
}

/** The daily run's customer reminders (when the organisation switched them on). */
export async function sendCustomerReminders(tx: Db, clock: Clock, orgId: string, offsets: number[]) {
  return sendOnce(tx, clock, orgId, 'reminder', await customerRemindersDue(tx, orgId, dayOf(clock.now()), offsets));
}

/** The confirmation of a renewal that closed renewed or downgraded: once per contact, in the closing transaction. */
export async function sendConfirmations(tx: Db, clock: Clock, orgId: string, opportunityId: string) {
  return sendOnce(tx, clock, orgId, 'confirmation', await confirmationRecipients(tx, orgId, opportunityId));
}
