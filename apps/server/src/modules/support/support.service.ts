import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { findContactById } from '../contacts/index.ts';
import type { SupportCore } from './support.core.ts';
import { findOrganisationNaming, findThreadMessageIds, insertSupportMessage, listSupportMessages } from './support.mail.repository.ts';
import { inboundAddress, renderReply, replyAddress, replySubject } from './support.mail.ts';
import { supportMessages as m } from './support.messages.ts';
import {
  activeUserExists,
  applyTargetsToOpenRequests,
  countSupport,
  findOpenRequestsOfAccounts,
  findSupportPage,
  findSupportRequestById,
  listSupportRowsOfAccount,
  saveSlaTargets,
  type TSupportListRow,
  updateSupportRequest,
} from './support.repository.ts';
import type {
  TAccountSupportQuery,
  TCreateSupportRequest,
  TSupportExportQuery,
  TSupportMessage,
  TSupportQuery,
  TSupportReply,
  TSupportRequest,
  TUpdateSupportRequest,
  TUpdateSupportSettings,
} from './support.schemas.ts';
import { DEFAULT_SLA_TARGETS, dueTimes, slaState } from './support.sla.ts';

export function toSupportRequestDto(r: TSupportListRow, now: Date): TSupportRequest {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status as TSupportRequest['status'],
    priority: r.priority as TSupportRequest['priority'],
    channel: r.channel as TSupportRequest['channel'],
    accountId: r.accountId,
    accountName: r.accountName,
    contactId: r.contactId,
    contactName: r.contactName,
    requesterEmail: r.requesterEmail,
    requesterName: r.requesterName,
    assigneeUserId: r.assigneeUserId,
    assigneeName: r.assigneeName,
    messageCount: Number(r.messageCount),
    sla: slaState(r, now),
    firstRespondedAt: r.firstRespondedAt?.toISOString() ?? null,
    solvedAt: r.solvedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    lastMessageAt: r.lastMessageAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export type SupportService = ReturnType<typeof createSupportService>;

/** What a status change sets besides the status: when it was solved or closed (cleared when reopened). */
export function statusFields(status: TSupportRequest['status'], before: { solvedAt: Date | null; closedAt: Date | null }, now: Date) {
  if (status === 'solved') return { status, solvedAt: before.solvedAt ?? now, closedAt: null };
  if (status === 'closed') return { status, solvedAt: before.solvedAt, closedAt: before.closedAt ?? now };
  return { status, solvedAt: null, closedAt: null };
}

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createSupportService(deps: {
  db: Db;
  clock: Clock;
  accounts: AccountService;
  core: SupportCore;
  inboundDomain: string | null;
}) {
  const { db, clock, core } = deps;
  const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, limitedTo: accountOwnerScope(actor), userId: actor.userId });

  /** In the actor's organisation and on an account the actor may see (or assigned to them), or 404. */
  async function getVisible(tx: Db, actor: Actor, id: string) {
    const row = await findSupportRequestById(tx, actor.orgId, id);
    if (!row) throw notFound('SupportRequest');
    if (row.assigneeUserId === actor.userId) return row;
    if (row.accountId) await deps.accounts.requireVisible(actor, row.accountId, tx);
    else if (actor.ownAccountsOnly) throw notFound('SupportRequest');
    return row;
  }

  async function checkAssignee(tx: Db, actor: Actor, userId: string | null | undefined) {
    if (userId && !(await activeUserExists(tx, actor.orgId, userId))) throw invalid('assigneeUserId', m.support_unknown_assignee);
  }

  async function checkContact(tx: Db, actor: Actor, accountId: string, contactId: string | null | undefined) {
    if (!contactId) return null;
    const contact = await findContactById(tx, actor.orgId, contactId);
    if (contact?.accountId !== accountId) throw invalid('contactId', m.support_unknown_contact);
    return contact;
  }

  async function detail(tx: Db, actor: Actor, row: TSupportListRow) {
    const messages = await listSupportMessages(tx, actor.orgId, row.id);
    return {
      ...toSupportRequestDto(row, clock.now()),
      messages: messages.map(
        (x): TSupportMessage => ({
          id: x.id,
          direction: x.direction as TSupportMessage['direction'],
          fromAddress: x.fromAddress,
          fromName: x.fromName,
          toAddress: x.toAddress,
          authorUserId: x.authorUserId,
          authorName: x.authorName,
          body: x.body,
          delivery: x.delivery,
          createdAt: x.createdAt.toISOString(),
        }),
      ),
    };
  }

  return {
    /** The inbox on the requests the actor may see: filters, sort, paging. */
    async list(actor: Actor, q: TSupportQuery) {
      requirePermission(actor, 'support_request:read');
      const now = clock.now();
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([
        findSupportPage(db, scopeOf(actor), q, now, page),
        countSupport(db, scopeOf(actor), q, now),
      ]);
      return { items: rows.map((r) => toSupportRequestDto(r, now)), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every row of the inbox with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TSupportExportQuery) {
      requirePermission(actor, 'support_request:read');
      requirePermission(actor, 'export:run');
      const now = clock.now();
      yield* inBatches(async (limit, offset) =>
        (await findSupportPage(db, scopeOf(actor), q, now, { limit, offset })).map((r) => toSupportRequestDto(r, now)),
      );
    },

    async listOfAccount(actor: Actor, accountId: string, q: TAccountSupportQuery) {
      requirePermission(actor, 'support_request:read');
      await deps.accounts.requireVisible(actor, accountId);
      const now = clock.now();
      const { rows, total } = await listSupportRowsOfAccount(db, actor.orgId, accountId, q);
      return { items: rows.map((r) => toSupportRequestDto(r, now)), total, page: q.page, pageSize: q.pageSize };
    },

    /** The request with its conversation. */
    async get(actor: Actor, id: string) {
      requirePermission(actor, 'support_request:read');
      return detail(db, actor, await getVisible(db, actor, id));
    },

    /** A request logged by hand (a call, a chat) for an account, optionally a contact. */
    async create(actor: Actor, input: TCreateSupportRequest) {
      requirePermission(actor, 'support_request:write');
      const id = await db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, input.accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.support_account_archived);
        const contact = await checkContact(tx, actor, input.accountId, input.contactId);
        await checkAssignee(tx, actor, input.assigneeUserId);
        const row = await core.openRequest(tx, actor.orgId, {
          subject: input.subject,
          priority: input.priority ?? 'normal',
          channel: 'manual',
          accountId: input.accountId,
          contactId: contact?.id ?? null,
          requesterEmail: contact?.email ?? null,
          requesterName: contact ? `${contact.firstName} ${contact.lastName}`.trim() : null,
          assigneeUserId: input.assigneeUserId ?? null,
          createdByUserId: actor.userId,
          message: {
            direction: 'note',
            body: input.body,
            fromAddress: null,
            fromName: null,
            toAddress: null,
            authorUserId: actor.userId,
            messageId: null,
          },
        });
        await recordAudit(tx, clock, actor, { entityType: 'support_request', entityId: row.id, action: 'created', after: input });
        return row.id;
      });
      return this.get(actor, id);
    },

    /** Assign (a person, or an account to an unmatched request), change the status, priority or subject. */
    async update(actor: Actor, id: string, input: TUpdateSupportRequest) {
      requirePermission(actor, 'support_request:write');
      await db.transaction(async (tx) => {
        const before = await getVisible(tx, actor, id);
        const now = clock.now();
        const accountId = input.accountId ?? before.accountId;
        if (input.accountId && input.accountId !== before.accountId) {
          const account = await deps.accounts.requireVisible(actor, input.accountId, tx);
          if (account.archivedAt) throw invalid('accountId', m.support_account_archived);
        }
        const contactId = input.contactId !== undefined ? input.contactId : input.accountId ? null : before.contactId;
        const contact = accountId ? await checkContact(tx, actor, accountId, contactId) : null;
        if (!accountId && contactId) throw invalid('contactId', m.support_unknown_contact);
        if (input.assigneeUserId !== undefined) await checkAssignee(tx, actor, input.assigneeUserId);
        const priority = input.priority ?? (before.priority as TSupportRequest['priority']);
        await updateSupportRequest(tx, actor.orgId, id, {
          ...(input.subject ? { subject: input.subject } : {}),
          ...(input.assigneeUserId !== undefined ? { assigneeUserId: input.assigneeUserId } : {}),
          ...(input.status && input.status !== before.status ? statusFields(input.status, before, now) : {}),
          ...(input.priority && input.priority !== before.priority
            ? { priority, ...dueTimes(await core.targetsOf(tx, actor.orgId), priority, before.createdAt) }
            : {}),
          accountId,
          contactId: contact?.id ?? null,
          ...(contact?.email && !before.requesterEmail ? { requesterEmail: contact.email } : {}),
          updatedAt: now,
        });
        const after = await findSupportRequestById(tx, actor.orgId, id);
        if (after) await core.recordOnTimeline(tx, actor.orgId, after);
        await recordAudit(tx, clock, actor, { entityType: 'support_request', entityId: id, action: 'updated', after: input });
      });
      return this.get(actor, id);
    },

    /**
     * A reply by e-mail through the outbox (its own Message-ID, In-Reply-To and References of the conversation, the
     * request's reply-to address and `[#number]` in the subject, so the answer threads back), or an internal note.
     */
    async reply(actor: Actor, id: string, input: TSupportReply) {
      requirePermission(actor, 'support_request:write');
      await db.transaction(async (tx) => {
        const before = await getVisible(tx, actor, id);
        const now = clock.now();
        if (before.status === 'closed' && !input.status) throw invalid('status', m.support_closed);
        const messageId = `<${newId()}@customer365>`;
        let outboxId: string | null = null;
        let to: string | null = null;
        if (input.kind === 'reply') {
          to = before.requesterEmail;
          if (!to) throw invalid('body', m.support_no_recipient);
          const org = await findOrganisationNaming(tx, actor.orgId);
          const thread = await findThreadMessageIds(tx, actor.orgId, id);
          const lastInbound = thread.filter((x) => x.direction === 'inbound').at(-1)?.id ?? null;
          outboxId = await enqueueEmail(tx, clock, {
            orgId: actor.orgId,
            to,
            subject: replySubject(before.subject, before.number),
            text: renderReply({ body: input.body, agentName: actor.name, orgName: org?.name ?? '', number: before.number }),
            template: 'support-reply',
            messageId,
            replyTo: deps.inboundDomain && org ? replyAddress(org.slug, before.token, deps.inboundDomain) : null,
            inReplyTo: lastInbound ?? thread.at(-1)?.id ?? null,
            references: thread.length ? thread.map((x) => x.id).join(' ') : null,
          });
        }
        await insertSupportMessage(tx, {
          orgId: actor.orgId,
          id: newId(),
          requestId: id,
          direction: input.kind === 'reply' ? 'outbound' : 'note',
          fromAddress: null,
          fromName: actor.name,
          toAddress: to,
          authorUserId: actor.userId,
          body: input.body,
          messageId: input.kind === 'reply' ? messageId : null,
          outboxId,
          createdAt: now,
        });
        const status = input.status ?? (input.kind === 'reply' ? 'waiting' : before.status === 'new' ? 'open' : before.status);
        await updateSupportRequest(tx, actor.orgId, id, {
          ...(status !== before.status ? statusFields(status as TSupportRequest['status'], before, now) : {}),
          ...(input.kind === 'reply' && !before.firstRespondedAt ? { firstRespondedAt: now } : {}),
          ...(input.kind === 'reply' ? { lastMessageAt: now } : {}),
          ...(before.assigneeUserId ? {} : { assigneeUserId: actor.userId }),
          updatedAt: now,
        });
        const after = await findSupportRequestById(tx, actor.orgId, id);
        if (after) await core.recordOnTimeline(tx, actor.orgId, after);
        await recordAudit(tx, clock, actor, {
          entityType: 'support_request',
          entityId: id,
          action: `${input.kind}_added`,
          after: { status },
        });
      });
      return this.get(actor, id);
    },

    async settings(actor: Actor) {
      requirePermission(actor, 'support_request:read');
      const own = await core.targetsOf(db, actor.orgId);
      const org = await findOrganisationNaming(db, actor.orgId);
      return {
        targets: own,
        inboundAddress: deps.inboundDomain && org ? inboundAddress(org.slug, deps.inboundDomain) : null,
        isDefault: own === DEFAULT_SLA_TARGETS,
      };
    },

    /** New SLA targets; they apply at once to every request not solved or closed. */
    async saveSettings(actor: Actor, input: TUpdateSupportSettings) {
      requirePermission(actor, 'support_request:configure');
      for (const [priority, t] of Object.entries(input.targets))
        if (t.firstResponseMinutes > t.resolutionMinutes) throw invalid(`targets.${priority}.firstResponseMinutes`, m.support_target_order);
      await db.transaction(async (tx) => {
        await saveSlaTargets(tx, actor.orgId, input.targets, clock.now());
        await applyTargetsToOpenRequests(tx, actor.orgId, input.targets);
        await recordAudit(tx, clock, actor, { entityType: 'support_settings', entityId: actor.orgId, action: 'updated', after: input });
      });
      return this.settings(actor);
    },

    /** For other modules (playbooks): the accounts' requests that are new, open or waiting, newest first. */
    async openRequestsOfAccounts(tx: Db, orgId: string, accountIds: string[]) {
      const now = clock.now();
      return (await findOpenRequestsOfAccounts(tx, orgId, accountIds)).map((r) => ({
        id: r.id,
        number: r.number,
        accountId: r.accountId as string,
        subject: r.subject,
        status: r.status,
        priority: r.priority,
        assigneeUserId: r.assigneeUserId,
        createdAt: r.createdAt.toISOString(),
        breached: slaState(r, now).breached,
      }));
    },
  };
}
