import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { SupportCore } from './support.core.ts';
import {
  findAccountByDomain,
  findContactsByEmail,
  findOrganisationBySlug,
  findRequestByMessageIds,
  findRequestByNumber,
  findRequestByToken,
  insertSupportMessage,
  messageIdExists,
} from './support.mail.repository.ts';
import { parseRecipient, requestSubject, subjectNumber, withoutQuotedHistory } from './support.mail.ts';
import { findSupportRequestById, updateSupportRequest } from './support.repository.ts';

/** An e-mail as the receiver hands it over: the envelope's recipients, and the parsed message. */
export interface TInboundMail {
  /** The SMTP envelope's recipients (RCPT TO), which name the organisation even for Bcc or forwarded mail. */
  recipients: string[];
  from: { address: string; name: string | null };
  subject: string | undefined;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
}

export type TInboundResult =
  | { outcome: 'created' | 'threaded' | 'duplicate'; orgId: string; requestId: string | null }
  | { outcome: 'unknown_recipient' };

/**
 * Inbound support mail: the recipient names the organisation (`<slug>@<inbound domain>`); within it, an answer
 * threads onto its request by the reply-to token, its In-Reply-To/References, or (from the request's own people)
 * the `[#number]` in the subject. Anything else opens a request on the account of the contact with the sender's
 * address, else the account with the sender's domain, else unmatched. One transaction per mail; a mail delivered
 * twice (same Message-ID) is stored once.
 */
export function createSupportInbound(deps: { db: Db; clock: Clock; core: SupportCore; inboundDomain: string | null }) {
  const { db, clock, core } = deps;

  /** The organisation and request token the envelope names, or null (the receiver refuses the recipient). */
  async function resolveRecipient(address: string) {
    if (!deps.inboundDomain) return null;
    const parsed = parseRecipient(address, deps.inboundDomain);
    if (!parsed) return null;
    const org = await acrossOrganisations('an inbound support address names its organisation by slug', () =>
      findOrganisationBySlug(db, parsed.slug),
    );
    return org ? { orgId: org.id, token: parsed.token } : null;
  }

  /** The request an answer belongs to, or null for a new one. */
  async function findThread(tx: Db, orgId: string, token: string | null, mail: TInboundMail) {
    const byToken = token ? await findRequestByToken(tx, orgId, token) : null;
    if (byToken) return byToken;
    const ids = [mail.inReplyTo, ...mail.references].filter((x): x is string => !!x);
    const byHeaders = await findRequestByMessageIds(tx, orgId, ids);
    if (byHeaders) return byHeaders;
    const number = subjectNumber(mail.subject ?? '');
    if (number === null) return null;
    const request = await findRequestByNumber(tx, orgId, number);
    if (!request) return null;
    const sender = mail.from.address.toLowerCase();
    if (request.requesterEmail?.toLowerCase() === sender) return request.id;
    const contacts = await findContactsByEmail(tx, orgId, sender);
    return contacts.some((c) => c.accountId === request.accountId) ? request.id : null;
  }

  /** Who sent it: their contact and account, else the account of their domain, else nobody (unmatched). */
  async function matchSender(tx: Db, orgId: string, address: string) {
    const [contact] = await findContactsByEmail(tx, orgId, address);
    if (contact)
      return { accountId: contact.accountId, contactId: contact.contactId, name: `${contact.firstName} ${contact.lastName}`.trim() };
    const domain = address.split('@')[1] ?? '';
    return { accountId: domain ? await findAccountByDomain(tx, orgId, domain) : null, contactId: null, name: null };
  }

  return {
    resolveRecipient,

    async receive(mail: TInboundMail): Promise<TInboundResult> {
      for (const r of mail.recipients) {
        const target = await resolveRecipient(r);
        if (target) return this.receiveInto(target.orgId, target.token, mail);
      }
      return { outcome: 'unknown_recipient' };
    },

    /** The mail into this organisation (the recipient resolved; the demo hands its customers' mails in here). */
    async receiveInto(orgId: string, token: string | null, mail: TInboundMail): Promise<TInboundResult> {
      return db.transaction(async (tx): Promise<TInboundResult> => {
        if (mail.messageId && (await messageIdExists(tx, orgId, mail.messageId))) return { outcome: 'duplicate', orgId, requestId: null };
        const now = clock.now();
        const body = withoutQuotedHistory(mail.text).slice(0, 50_000) || '(empty)';
        const message = {
          direction: 'inbound' as const,
          body,
          fromAddress: mail.from.address,
          fromName: mail.from.name,
          toAddress: mail.recipients[0] ?? null,
          authorUserId: null,
          messageId: mail.messageId,
        };
        const threadId = await findThread(tx, orgId, token, mail);
        const thread = threadId ? await findSupportRequestById(tx, orgId, threadId) : null;
        if (thread && thread.status !== 'closed') {
          await insertSupportMessage(tx, { orgId, id: newId(), requestId: thread.id, ...message, createdAt: now });
          const reopen = thread.status === 'waiting' || thread.status === 'solved';
          await updateSupportRequest(tx, orgId, thread.id, {
            ...(reopen ? { status: 'open', solvedAt: null } : {}),
            lastMessageAt: now,
            updatedAt: now,
          });
          const after = await findSupportRequestById(tx, orgId, thread.id);
          if (after) await core.recordOnTimeline(tx, orgId, after);
          return { outcome: 'threaded', orgId, requestId: thread.id };
        }
        // A new request, or a follow-up of a closed one (closed requests stay closed).
        const sender = thread
          ? { accountId: thread.accountId, contactId: thread.contactId, name: mail.from.name }
          : await matchSender(tx, orgId, mail.from.address);
        const row = await core.openRequest(tx, orgId, {
          subject: requestSubject(mail.subject),
          priority: (thread?.priority as 'normal' | undefined) ?? 'normal',
          channel: 'email',
          accountId: sender.accountId,
          contactId: sender.contactId,
          requesterEmail: mail.from.address,
          requesterName: mail.from.name ?? sender.name,
          assigneeUserId: thread?.assigneeUserId ?? null,
          createdByUserId: null,
          message,
        });
        await recordAudit(tx, clock, null, {
          orgId,
          entityType: 'support_request',
          entityId: row.id,
          action: 'received',
          after: { from: mail.from.address, subject: row.subject, accountId: row.accountId, followUpOf: thread?.id ?? null },
        } as Parameters<typeof recordAudit>[3]);
        return { outcome: 'created', orgId, requestId: row.id };
      });
    },
  };
}
export type SupportInbound = ReturnType<typeof createSupportInbound>;
