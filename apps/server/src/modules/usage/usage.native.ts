import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { renderCode, type TUiLanguage } from '../../platform/messages.ts';
import { ingestCsv, type TCsvIngestResult } from './usage.csv.ts';
import type { TIngestEvent, UsageIngest } from './usage.ingest.ts';
import { findExistingAccountIds } from './usage.repository.ts';
import type { TIngestResult, TNativeEvent } from './usage.schemas.ts';
import type { TEventError } from './usage.segment.ts';
import type { UsageService } from './usage.service.ts';

export type UsageNativeService = ReturnType<typeof createUsageNativeService>;

/** A per-event error in the request's language. */
export const renderEventError = (e: TEventError, lang: TUiLanguage) => ({ ...e, message: renderCode(e.code, lang) ?? e.code });

/**
 * The native bulk API and CSV imports: track events of accounts named by id (must exist) or external id (an
 * unknown one is kept and listed as unmapped, as with Segment), under the organisation's built-in source, with
 * the same idempotence on messageId.
 */
export function createUsageNativeService(deps: { db: Db; clock: Clock; ingest: UsageIngest; usage: UsageService }) {
  const { db, clock, ingest } = deps;

  return {
    async ingest(actor: Actor, events: TNativeEvent[], lang: TUiLanguage): Promise<TIngestResult> {
      requirePermission(actor, 'usage:write');
      return this.ingestForOrg(actor.orgId, events, lang);
    },

    /** A CSV back-fill: the permission is checked before the upload is read. */
    async importCsv(actor: Actor, open: () => Promise<Readable>, lang: TUiLanguage): Promise<TCsvIngestResult> {
      requirePermission(actor, 'usage:write');
      return ingestCsv((events) => this.ingestForOrg(actor.orgId, events, lang), await open(), lang);
    },

    /** The same for an import job, which checked the permission when the import was started. */
    async ingestForOrg(orgId: string, events: TNativeEvent[], lang: TUiLanguage): Promise<TIngestResult> {
      const receivedAt = clock.now();
      const source = await deps.usage.nativeSource(orgId);
      const ids = [...new Set(events.flatMap((e) => (e.accountId ? [e.accountId] : [])))];
      const known = await findExistingAccountIds(db, orgId, ids);
      const valid: TIngestEvent[] = [];
      const rejected: TEventError[] = [];
      for (const [index, e] of events.entries()) {
        const messageId = e.messageId ?? null;
        if (!e.accountId && !e.accountExternalId) {
          rejected.push({ index, messageId, field: 'accountId', code: 'usage_event_no_account' });
          continue;
        }
        if (e.accountId && !known.has(e.accountId)) {
          rejected.push({ index, messageId, field: 'accountId', code: 'usage_event_account_unknown' });
          continue;
        }
        const ms = e.timestamp ? Date.parse(e.timestamp) : receivedAt.getTime();
        if (ms < Date.UTC(2000, 0, 1) || ms > receivedAt.getTime() + 24 * 3600 * 1000) {
          rejected.push({ index, messageId, field: 'timestamp', code: 'usage_event_timestamp_range' });
          continue;
        }
        valid.push({
          messageId: messageId ?? randomUUID(),
          ts: new Date(ms).toISOString(),
          type: 'track',
          event: e.event,
          accountKey: e.accountId ? null : (e.accountExternalId ?? null),
          accountId: e.accountId,
          userId: e.userId ?? null,
          anonymousId: null,
          properties: e.properties && Object.keys(e.properties).length ? JSON.stringify(e.properties) : null,
          email: null,
        });
      }
      const stored = await ingest.store(source, valid, receivedAt);
      return {
        received: events.length,
        stored,
        duplicates: valid.length - stored,
        rejected: rejected.map((r) => renderEventError(r, lang)),
      };
    },
  };
}
