import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import type { TimelineService } from '../timeline/index.ts';
import { insertSupportMessage } from './support.mail.repository.ts';
import { newReplyToken } from './support.mail.ts';
import {
  countOpenOnAccount,
  findSlaTargets,
  findSupportRequestById,
  insertSupportRequest,
  type TSupportListRow,
  takeNextNumber,
} from './support.repository.ts';
import type { TSupportPriority } from './support.schemas.ts';
import { DEFAULT_SLA_TARGETS, dueTimes } from './support.sla.ts';

/** A new request's fields, made by hand or by an e-mail, with its first message. */
export interface TNewRequest {
  subject: string;
  priority: TSupportPriority;
  channel: 'email' | 'manual';
  accountId: string | null;
  contactId: string | null;
  requesterEmail: string | null;
  requesterName: string | null;
  assigneeUserId: string | null;
  createdByUserId: string | null;
  message: {
    direction: 'inbound' | 'note';
    body: string;
    fromAddress: string | null;
    fromName: string | null;
    toAddress: string | null;
    authorUserId: string | null;
    messageId: string | null;
  };
}

/** What the service and the inbound receiver share: opening a request and keeping its timeline entry. */
export function createSupportCore(deps: { clock: Clock; timeline: TimelineService; events: EventBus }) {
  const { clock } = deps;

  const targetsOf = async (tx: Db, orgId: string) => (await findSlaTargets(tx, orgId)) ?? DEFAULT_SLA_TARGETS;

  /** The request's entry on its account's timeline, kept up to date (subject, status) once per request. */
  async function recordOnTimeline(tx: Db, orgId: string, row: TSupportListRow) {
    if (!row.accountId) return;
    await deps.timeline.recordEntry(tx, orgId, {
      accountId: row.accountId,
      kind: 'support_request',
      occurredAt: row.createdAt,
      subject: `#${row.number} ${row.subject}`,
      data: { requestId: row.id, number: row.number, status: row.status, priority: row.priority },
      sourceRef: `support_request:${row.id}`,
      authorUserId: row.createdByUserId,
      source: 'support',
    });
  }

  return {
    targetsOf,
    recordOnTimeline,

    /** A request and its first message, its timeline entry and `support.request_created`, in the caller's transaction. */
    async openRequest(tx: Db, orgId: string, v: TNewRequest): Promise<TSupportListRow> {
      const now = clock.now();
      const id = newId();
      const number = await takeNextNumber(tx, orgId, now);
      const { message, ...fields } = v;
      await insertSupportRequest(tx, {
        orgId,
        id,
        number,
        token: newReplyToken(),
        ...fields,
        status: 'new',
        ...dueTimes(await targetsOf(tx, orgId), v.priority, now),
        lastMessageAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await insertSupportMessage(tx, { orgId, id: newId(), requestId: id, ...message, createdAt: now });
      const row = await findSupportRequestById(tx, orgId, id);
      if (!row) throw new Error('support request vanished');
      await recordOnTimeline(tx, orgId, row);
      await deps.events.publish(tx, orgId, 'support.request_created', {
        requestId: id,
        number,
        accountId: v.accountId,
        priority: v.priority,
        channel: v.channel,
        openOnAccount: v.accountId ? await countOpenOnAccount(tx, orgId, v.accountId) : 0,
      });
      return row;
    },
  };
}
export type SupportCore = ReturnType<typeof createSupportCore>;
