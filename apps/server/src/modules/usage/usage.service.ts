import { randomBytes } from 'node:crypto';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hashWriteKey, type UsageIngest } from './usage.ingest.ts';
import { usageMessages as m } from './usage.messages.ts';
import {
  countKeys,
  findKey,
  findKeysPage,
  findNativeSource,
  findSettings,
  findSourceById,
  insertSource,
  listSourceRows,
  mapKeyToAccount,
  revokeSourceRow,
  setKeyIgnored,
  type TUsageKeyRow,
  type TUsageSourceRow,
  upsertSettings,
} from './usage.repository.ts';
import type {
  TCreateUsageSource,
  TIgnoreKey,
  TMapKey,
  TUnmappedExportQuery,
  TUnmappedQuery,
  TUsageKey,
  TUsageSource,
} from './usage.schemas.ts';

/** Raw events kept when an organisation has not chosen (rollups are kept for ever). */
export const DEFAULT_RETENTION_MONTHS = 25;

export function toUsageSourceDto(r: TUsageSourceRow): TUsageSource {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    accountMapping: r.accountMapping,
    accountTrait: r.accountTrait,
    keyHint: r.keyHint,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  };
}

export const toUsageKeyDto = (r: TUsageKeyRow): TUsageKey => ({
  sourceId: r.sourceId,
  sourceName: r.sourceName,
  kind: r.kind,
  key: r.key,
  accountId: r.accountId,
  accountName: r.accountName,
  ignoredAt: r.ignoredAt?.toISOString() ?? null,
  events: r.events,
  firstSeenAt: r.firstSeenAt.toISOString(),
  lastSeenAt: r.lastSeenAt.toISOString(),
});

/** A write key: `c365w_` and 32 random bytes, base64url. Shown once; only its SHA-256 is stored. */
const newWriteKey = () => `c365w_${randomBytes(32).toString('base64url')}`;

export type UsageService = ReturnType<typeof createUsageService>;

/** Sources and their keys, the unmapped keys and their mapping, retention. Admins only (usage:manage). */
export function createUsageService(deps: { db: Db; clock: Clock; accounts: AccountService; ingest: UsageIngest }) {
  const { db, clock, ingest } = deps;

  async function requireSource(tx: Db, actor: Actor, id: string) {
    const row = await findSourceById(tx, actor.orgId, id);
    if (!row) throw notFound('UsageSource');
    return row;
  }

  return {
    async listSources(actor: Actor) {
      requirePermission(actor, 'usage:manage');
      return { items: (await listSourceRows(db, actor.orgId)).map(toUsageSourceDto) };
    },

    /** Makes a source and its write key; the answer is the only time the key is shown. */
    async createSource(actor: Actor, input: TCreateUsageSource) {
      requirePermission(actor, 'usage:manage');
      const writeKey = newWriteKey();
      return db.transaction(async (tx) => {
        const row = await insertSource(tx, {
          orgId: actor.orgId,
          id: newId(),
          name: input.name,
          kind: 'segment',
          accountMapping: input.accountMapping,
          accountTrait: input.accountMapping === 'trait' ? (input.accountTrait ?? null) : null,
          keyHash: hashWriteKey(writeKey),
          keyHint: writeKey.slice(0, 12),
          createdByUserId: actor.userId,
          createdAt: clock.now(),
        });
        const dto = toUsageSourceDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'usage_source', entityId: dto.id, action: 'created', after: dto });
        return { ...dto, writeKey };
      });
    },

    /** Revokes a source's key: its calls answer 401 from now on (other instances within seconds). */
    async revokeSource(actor: Actor, id: string) {
      requirePermission(actor, 'usage:manage');
      const dto = await db.transaction(async (tx) => {
        const before = await requireSource(tx, actor, id);
        if (before.kind === 'native') throw invalid('id', m.usage_native_source);
        await revokeSourceRow(tx, actor.orgId, id, clock.now());
        const after = toUsageSourceDto((await findSourceById(tx, actor.orgId, id)) as TUsageSourceRow);
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_source',
          entityId: id,
          action: 'revoked',
          before: toUsageSourceDto(before),
          after,
        });
        return after;
      });
      ingest.forget(id);
      return dto;
    },

    /** The account keys sources have sent: unmapped (default), mapped, ignored or all; search, source, sort, paging. */
    async listKeys(actor: Actor, q: TUnmappedQuery) {
      requirePermission(actor, 'usage:manage');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findKeysPage(db, actor.orgId, q, page), countKeys(db, actor.orgId, q)]);
      return { items: rows.map(toUsageKeyDto), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportKeys(actor: Actor, q: TUnmappedExportQuery) {
      requirePermission(actor, 'usage:manage');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await findKeysPage(db, actor.orgId, q, { limit, offset })).map(toUsageKeyDto));
    },

    /** Maps a key to an account: its stored events and the rollups follow in the same transaction. */
    async mapKey(actor: Actor, input: TMapKey & { sourceId: string }) {
      requirePermission(actor, 'usage:manage');
      const result = await db.transaction(async (tx) => {
        await requireSource(tx, actor, input.sourceId);
        await deps.accounts.requireVisible(actor, input.accountId, tx);
        const before = await findKey(tx, actor.orgId, input.sourceId, input.kind, input.key);
        if (!before) throw invalid('key', m.usage_key_unknown);
        const eventsMoved = await mapKeyToAccount(tx, actor.orgId, input.sourceId, input.kind, input.key, input.accountId, clock.now());
        const after = toUsageKeyDto((await findKey(tx, actor.orgId, input.sourceId, input.kind, input.key)) as TUsageKeyRow);
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_key',
          entityId: input.sourceId,
          action: 'mapped',
          before: toUsageKeyDto(before),
          after: { ...after, eventsMoved },
        });
        return { key: after, eventsMoved };
      });
      ingest.forget(input.sourceId);
      return result;
    },

    /** Ignores a key (it leaves the unmapped list; its events stay stored without account) or takes it back. */
    async ignoreKey(actor: Actor, input: TIgnoreKey & { sourceId: string }) {
      requirePermission(actor, 'usage:manage');
      const result = await db.transaction(async (tx) => {
        await requireSource(tx, actor, input.sourceId);
        const before = await findKey(tx, actor.orgId, input.sourceId, input.kind, input.key);
        if (!before) throw invalid('key', m.usage_key_unknown);
        await setKeyIgnored(tx, actor.orgId, input.sourceId, input.kind, input.key, input.ignored ? clock.now() : null);
        const after = toUsageKeyDto((await findKey(tx, actor.orgId, input.sourceId, input.kind, input.key)) as TUsageKeyRow);
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_key',
          entityId: input.sourceId,
          action: input.ignored ? 'ignored' : 'unignored',
          after,
        });
        return after;
      });
      ingest.forget(input.sourceId);
      return result;
    },

    async getSettings(actor: Actor) {
      requirePermission(actor, 'usage:manage');
      return { retentionMonths: (await findSettings(db, actor.orgId))?.retentionMonths ?? DEFAULT_RETENTION_MONTHS };
    },

    async updateSettings(actor: Actor, input: { retentionMonths: number }) {
      requirePermission(actor, 'usage:manage');
      await db.transaction(async (tx) => {
        const before = { retentionMonths: (await findSettings(tx, actor.orgId))?.retentionMonths ?? DEFAULT_RETENTION_MONTHS };
        await upsertSettings(tx, actor.orgId, input.retentionMonths, clock.now());
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after: input,
        });
      });
      return { retentionMonths: input.retentionMonths };
    },

    /** The organisation's built-in source of the native API and CSV imports, made on first use. */
    async nativeSource(orgId: string): Promise<TUsageSourceRow> {
      const found = await findNativeSource(db, orgId);
      if (found) return found;
      return insertSource(db, {
        orgId,
        id: newId(),
        name: 'API and imports',
        kind: 'native',
        accountMapping: 'group_id',
        createdAt: clock.now(),
      });
    },
  };
}
