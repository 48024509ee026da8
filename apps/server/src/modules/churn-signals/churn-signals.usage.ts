import { z } from 'zod';
import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineJob } from '../../platform/jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import type { TChurnSignalSettings, TRaiseSignal } from './churn-signals.schemas.ts';
import {
  advanceEpisodes,
  findUsageRule,
  organisationsWithUsage,
  saveUsageRule,
  setEpisodeSignal,
  type TUsageFlagRow,
} from './churn-signals.usage.repository.ts';

const DAY = 86_400_000;
/** A silence that began longer ago than this when first seen (a first run, a back-fill) is history, not news: no signal. */
const NEWS_DAYS = 90;

export type UsageSignals = ReturnType<typeof createUsageSignals>;

/**
 * The usage signals: `usage_drop` and `no_login`, raised once per episode by a daily set-based pass per organisation
 * over the usage rollups (the rule: churn-signals.usage.repository.ts `usageActivitySql`), and their admin settings.
 */
export function createUsageSignals(deps: {
  db: Db;
  clock: Clock;
  raise: (tx: Db, orgId: string, s: TRaiseSignal) => Promise<string | null>;
}) {
  const { db, clock } = deps;

  /** When the episode happened: a silence on the day it reached the threshold, a drop on the day it was found. */
  function occurredAt(row: TUsageFlagRow, noLoginDays: number): Date {
    const now = clock.now();
    if (row.reason !== 'no_login') return now;
    const reached = new Date(new Date(row.last_seen_at).getTime() + noLoginDays * DAY);
    return reached < now ? reached : now;
  }

  /** One organisation's day: closes the episodes that ended, opens the new ones and raises their signals, in one transaction. */
  async function detect(orgId: string): Promise<{ raised: number }> {
    const today = clock.now().toISOString().slice(0, 10);
    return db.transaction(async (tx) => {
      const rule = await findUsageRule(tx, orgId);
      const opened = await advanceEpisodes(tx, orgId, today, rule);
      let raised = 0;
      for (const row of opened) {
        const at = occurredAt(row, rule.noLoginDays);
        if (clock.now().getTime() - at.getTime() > NEWS_DAYS * DAY) continue;
        const lastSeenOn = new Date(row.last_seen_at).toISOString().slice(0, 10);
        const details =
          row.reason === 'no_login'
            ? { lastSeenOn, idleDays: row.idle_days, thresholdDays: rule.noLoginDays }
            : {
                windowDays: rule.usageWindowDays,
                recentEvents: row.recent_events,
                previousEvents: row.previous_events,
                dropPct: row.drop_pct,
                thresholdPct: rule.usageDropPct,
              };
        const id = await deps.raise(tx, orgId, {
          accountId: row.account_id,
          kind: row.reason,
          occurredAt: at,
          details,
          sourceRef: row.reason === 'no_login' ? `no_login:${row.account_id}:${lastSeenOn}` : `usage_drop:${row.account_id}:${today}`,
        });
        if (id) {
          await setEpisodeSignal(tx, orgId, row.account_id, row.reason, id);
          raised++;
        }
      }
      return { raised };
    });
  }

  return {
    detect,

    /** The rule's thresholds as the organisation set them (the health portfolio's low-activity list uses the same). */
    usageRule: (orgId: string) => findUsageRule(db, orgId),

    async settings(actor: Actor): Promise<TChurnSignalSettings> {
      requirePermission(actor, 'churn_signal:read');
      return findUsageRule(db, actor.orgId);
    },

    async updateSettings(actor: Actor, input: TChurnSignalSettings): Promise<TChurnSignalSettings> {
      requirePermission(actor, 'churn_signal:configure');
      return db.transaction(async (tx) => {
        const before = await findUsageRule(tx, actor.orgId);
        await saveUsageRule(tx, actor.orgId, input, clock.now());
        await recordAudit(tx, clock, actor, {
          entityType: 'churn_signal_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after: input,
        });
        return input;
      });
    },
  };
}

export const USAGE_SIGNALS_JOB = 'churnSignals.usage';

/** Daily, after the night's usage rollups: each organisation that has received usage, one transaction each. */
export function usageSignalJobs(deps: { db: Db; usageSignals: UsageSignals }) {
  return [
    defineJob({
      name: USAGE_SIGNALS_JOB,
      payload: z.object({}),
      cron: '57 0 * * *',
      maxAttempts: 2,
      handler: async (_p, ctx) => {
        const orgs = await organisationsWithUsage(deps.db);
        let raised = 0;
        for (const [i, orgId] of orgs.entries()) {
          raised += (await deps.usageSignals.detect(orgId)).raised;
          await ctx.progress({ done: i + 1, total: orgs.length });
          await ctx.checkpoint?.();
        }
        return { organisations: orgs.length, raised };
      },
    }),
  ];
}
