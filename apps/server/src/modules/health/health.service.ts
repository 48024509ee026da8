import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { ChurnSignalService } from '../churn-signals/index.ts';
import { DEFAULT_MEASURES, DEFAULT_SCORECARD_NAME, DEFAULT_UNHEALTHY_TARGET_PCT } from './health.defaults.ts';
import { DEFAULT_BANDS, type TBands, type TFitSummary, type TScorecardMeasure } from './health.engine.ts';
import { createMeasureRegistry, type THealthMeasureDef, type THealthMeasureProvider } from './health.measures.ts';
import { healthMessages as m } from './health.messages.ts';
import { lastComputedAt } from './health.portfolio.repository.ts';
import { createPortfolio } from './health.portfolio.ts';
import { accountProvider, pulseProvider, subscriptionProvider } from './health.providers.ts';
import {
  currentScorecards,
  findSettings,
  insertPulse,
  insertScorecardVersion,
  pulsesOfAccount,
  saveSettings,
  scorecardVersions,
  type TScorecardRow,
} from './health.repository.ts';
import type { TCreatePulse, THealthSettings, TPulse, TSaveScorecard, TScorecard, TUpdateHealthSettings } from './health.schemas.ts';
import { createScoring } from './health.scoring.ts';

export function toScorecardDto(r: TScorecardRow): TScorecard {
  return {
    id: r.id,
    version: r.version,
    name: r.name,
    segment: r.segment,
    measures: r.measures,
    explanation: r.explanation,
    fit: r.fit ?? null,
    createdByUserId: r.createdByUserId,
    createdAt: r.createdAt.toISOString(),
  };
}

export type HealthService = ReturnType<typeof createHealthService>;

/** An event this much older than an account's latest score is already in it (a recompute reads for seconds, not minutes). */
const RESCORE_MARGIN_MS = 5 * 60_000;

/**
 * Health: versioned scorecards, the bands, the CSM pulses, and (health.scoring.ts) the scores, their recompute and
 * the evaluation against past churn. Each method checks the permission first.
 */
export function createHealthService(deps: {
  db: Db;
  database: Database;
  clock: Clock;
  accounts: AccountService;
  churnSignals: ChurnSignalService;
}) {
  const { db, clock } = deps;
  const registry = createMeasureRegistry();
  registry.register(subscriptionProvider);
  registry.register(accountProvider);
  registry.register(pulseProvider);

  async function bandsOf(orgId: string, tx: Db = db): Promise<TBands> {
    const row = await findSettings(tx, orgId);
    return row ? { redMax: row.redMax, yellowMax: row.yellowMax } : DEFAULT_BANDS;
  }

  async function settingsOf(orgId: string, tx: Db = db): Promise<THealthSettings> {
    const row = await findSettings(tx, orgId);
    return row
      ? { redMax: row.redMax, yellowMax: row.yellowMax, unhealthyTargetPct: row.unhealthyTargetPct }
      : { ...DEFAULT_BANDS, unhealthyTargetPct: DEFAULT_UNHEALTHY_TARGET_PCT };
  }

  /** The organisation's current scorecards; the default one is made on first use. */
  async function scorecardsOf(orgId: string, tx: Db = db): Promise<TScorecardRow[]> {
    const rows = await currentScorecards(tx, orgId);
    if (rows.some((r) => r.segment === null)) return rows;
    const made = await insertScorecardVersion(tx, {
      orgId,
      id: newId(),
      version: 1,
      name: DEFAULT_SCORECARD_NAME,
      segment: null,
      measures: DEFAULT_MEASURES,
      explanation: null,
      createdByUserId: null,
      createdAt: clock.now(),
    });
    return [...rows, made];
  }

  /** Every measure must exist and take thresholds of its kind (a yes/no measure may also be scored as a choice). */
  async function checkMeasures(orgId: string, measures: TScorecardMeasure[]) {
    const defs = new Map((await registry.measures(db, orgId)).map((d) => [d.key, d]));
    measures.forEach((ms, i) => {
      const def = defs.get(ms.source);
      if (!def) throw invalid(`measures.${i}.source`, m.health_unknown_measure, { source: ms.source });
      const ok = def.kind === ms.thresholds.kind || (def.kind === 'yesno' && ms.thresholds.kind === 'choice');
      if (!ok) throw invalid(`measures.${i}.thresholds.kind`, m.health_measure_kind, { source: ms.source, kind: def.kind });
    });
  }

  /** Adds a version of a scorecard (the first when `id` is new): what creating, editing and saving a fit do. */
  async function saveVersion(
    actor: Actor,
    id: string,
    input: TSaveScorecard & { fit?: TFitSummary | null },
    before: TScorecardRow | null,
  ): Promise<TScorecard> {
    await checkMeasures(actor.orgId, input.measures);
    if (before && before.segment === null && input.segment !== null) throw invalid('segment', m.health_default_segment);
    return db.transaction(async (tx) => {
      const others = (await scorecardsOf(actor.orgId, tx)).filter((r) => r.id !== id);
      if (input.segment !== null && others.some((r) => r.segment === input.segment)) throw conflict('segment', m.health_segment_taken);
      const row = await insertScorecardVersion(tx, {
        orgId: actor.orgId,
        id,
        version: (before?.version ?? 0) + 1,
        name: input.name,
        segment: input.segment,
        measures: input.measures,
        explanation: input.explanation ?? null,
        fit: input.fit ?? null,
        createdByUserId: actor.userId,
        createdAt: clock.now(),
      });
      const dto = toScorecardDto(row);
      await recordAudit(tx, clock, actor, {
        entityType: 'health_scorecard',
        entityId: id,
        action: before ? 'updated' : 'created',
        ...(before ? { before: toScorecardDto(before) } : {}),
        after: dto,
      });
      return dto;
    });
  }

  async function currentOf(orgId: string, id: string): Promise<TScorecardRow> {
    const row = (await scorecardsOf(orgId)).find((r) => r.id === id);
    if (!row) throw notFound('Scorecard');
    return row;
  }

  const scoring = createScoring({
    db,
    database: deps.database,
    clock,
    registry,
    accounts: deps.accounts,
    scorecardsOf,
    bandsOf,
    saveVersion,
    currentOf,
    raiseSignal: deps.churnSignals.raise,
  });

  const portfolio = createPortfolio({
    db,
    clock,
    targetOf: async (orgId) => (await settingsOf(orgId)).unhealthyTargetPct,
    usageRule: deps.churnSignals.usageRule,
  });

  return {
    ...scoring,
    ...portfolio,

    /**
     * Rescores the accounts whose latest score was computed before an event that happened at `occurredAt` (with a
     * margin for a recompute that read its inputs while the change was still being committed): a score computed well
     * after the event already holds it. So a replayed or long-queued history (the demo's three years of subscriptions,
     * a backlog after an outage) does not rescore every account once per old event, nor raise "turned red" today.
     */
    async rescoreAfter(orgId: string, accountIds: string[], occurredAt: Date): Promise<void> {
      const seen = await lastComputedAt(db, orgId, accountIds);
      const since = occurredAt.getTime() + RESCORE_MARGIN_MS;
      const stale = accountIds.filter((id) => (seen.get(id)?.getTime() ?? 0) < since);
      if (stale.length) await scoring.recompute(orgId, stale);
    },

    /** Another module's measures (usage, surveys, support …): call from its services factory. */
    registerMeasureProvider(provider: THealthMeasureProvider) {
      registry.register(provider);
    },

    async measures(actor: Actor): Promise<{ items: THealthMeasureDef[] }> {
      requirePermission(actor, 'health:read');
      return { items: await registry.measures(db, actor.orgId) };
    },

    async listScorecards(actor: Actor) {
      requirePermission(actor, 'health:read');
      const rows = await db.transaction((tx) => scorecardsOf(actor.orgId, tx));
      rows.sort((a, b) => (a.segment === null ? -1 : b.segment === null ? 1 : a.name.localeCompare(b.name)));
      return { items: rows.map(toScorecardDto) };
    },

    async getScorecard(actor: Actor, id: string) {
      requirePermission(actor, 'health:read');
      const versions = await scorecardVersions(db, actor.orgId, id);
      const [current] = versions;
      if (!current) throw notFound('Scorecard');
      return { ...toScorecardDto(current), versions: versions.map(toScorecardDto) };
    },

    async createScorecard(actor: Actor, input: TSaveScorecard) {
      requirePermission(actor, 'health:configure');
      if (input.segment === null) throw invalid('segment', m.health_segment_required);
      return saveVersion(actor, newId(), input, null);
    },

    /** Saving a scorecard makes a new version; the scores name the version they were computed with. */
    async updateScorecard(actor: Actor, id: string, input: TSaveScorecard) {
      requirePermission(actor, 'health:configure');
      return saveVersion(actor, id, input, await currentOf(actor.orgId, id));
    },

    async settings(actor: Actor): Promise<THealthSettings> {
      requirePermission(actor, 'health:read');
      return settingsOf(actor.orgId);
    },

    /** The bands and the unhealthy-share target (kept as it was when not given). */
    async updateSettings(actor: Actor, input: TUpdateHealthSettings): Promise<THealthSettings> {
      requirePermission(actor, 'health:configure');
      return db.transaction(async (tx) => {
        const before = await settingsOf(actor.orgId, tx);
        const after = { ...before, ...input };
        await saveSettings(tx, actor.orgId, after, clock.now());
        await recordAudit(tx, clock, actor, {
          entityType: 'health_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after,
        });
        return after;
      });
    },

    /** A new pulse never overwrites the one before: it is added, and the latest unexpired one counts. The account is rescored. */
    async addPulse(actor: Actor, accountId: string, input: TCreatePulse): Promise<TPulse> {
      requirePermission(actor, 'health_pulse:write');
      const pulse = await db.transaction(async (tx) => {
        const account = await deps.accounts.requireVisible(actor, accountId, tx);
        if (account.archivedAt) throw invalid('accountId', m.health_account_archived);
        const row = {
          orgId: actor.orgId,
          id: newId(),
          accountId,
          value: input.value,
          reason: input.reason,
          expiresOn: input.expiresOn ?? null,
          createdByUserId: actor.userId,
          createdAt: clock.now(),
        };
        await insertPulse(tx, row);
        const dto: TPulse = { ...row, createdByName: null, createdAt: row.createdAt.toISOString() };
        await recordAudit(tx, clock, actor, { entityType: 'health_pulse', entityId: row.id, action: 'created', after: dto });
        return dto;
      });
      await scoring.recompute(actor.orgId, [accountId]);
      return pulse;
    },

    async pulses(actor: Actor, accountId: string, q: { page: number; pageSize: number }) {
      requirePermission(actor, 'health:read');
      await deps.accounts.requireVisible(actor, accountId);
      const { rows, total } = await pulsesOfAccount(db, actor.orgId, accountId, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      const items: TPulse[] = rows.map((r) => ({
        id: r.id,
        accountId: r.accountId,
        value: r.value,
        reason: r.reason,
        expiresOn: r.expiresOn,
        createdByUserId: r.createdByUserId,
        createdByName: r.createdByName,
        createdAt: r.createdAt.toISOString(),
      }));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  };
}
