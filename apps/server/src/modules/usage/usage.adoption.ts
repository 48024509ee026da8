import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { PlanService } from '../plans/index.ts';
import { adoptionMessages as m } from './usage.adoption.messages.ts';
import {
  findAdoptionSettings,
  listKeyFeatureRows,
  readAdoptionRows,
  readDailySeries,
  readFeatureAdoption,
  readFeatureSeries,
  readSeenEvents,
  replaceKeyFeatures,
  saveAdoptionSettings,
  type TAdoptionRow,
} from './usage.adoption.repository.ts';
import type {
  TAccountAdoption,
  TAccountAdoptionQuery,
  TAccountFeature,
  TAdoptionSettings,
  TAdoptionSummary,
  TFeatureAdoption,
  TFeatureAdoptionQuery,
  TSaveKeyFeatures,
} from './usage.adoption.schemas.ts';

/**
 * The thresholds an organisation starts with. Low activity: nothing used for 14 days, or events of the last 30 days
 * down by half or more against the 30 before. Poor adoption: under 40 % of the plan's key features used in 30 days,
 * or fewer active users (30 days) than half the licences bought.
 */
export const DEFAULT_ADOPTION_SETTINGS: TAdoptionSettings = {
  lowActivityDays: 14,
  lowActivityDropPercent: 50,
  poorBreadthPercent: 40,
  poorLicencePercent: 50,
};

const DAY = 86_400_000;
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
const round1 = (n: number) => Math.round(n * 10) / 10;
/** Share in percent, one decimal; null without a whole to share. */
export const percentOf = (part: number, whole: number | null) => (whole !== null && whole > 0 ? round1((100 * part) / whole) : null);
/** Change of `current` against `previous` in percent, one decimal; null when there was nothing before. */
export const trendPercent = (current: number, previous: number) => (previous > 0 ? round1((100 * (current - previous)) / previous) : null);

/** One account's adoption as of its day, with its flags by the organisation's thresholds (pure). */
export function summarise(r: TAdoptionRow, planName: string | null, s: TAdoptionSettings): TAdoptionSummary {
  const daysSinceLastSeen = r.last_seen_on ? daysBetween(r.last_seen_on, r.as_of) : null;
  const usageTrend = trendPercent(r.events_30d, r.events_prev_30d);
  const breadth = r.key_features > 0 ? percentOf(r.key_features_used, r.key_features) : null;
  const licencesUsed = percentOf(r.users_30d, r.licences);
  const reasons: TAdoptionSummary['reasons'] = [];
  if (daysSinceLastSeen === null || daysSinceLastSeen >= s.lowActivityDays) reasons.push('no_recent_usage');
  if (usageTrend !== null && usageTrend <= -s.lowActivityDropPercent) reasons.push('usage_drop');
  if (breadth !== null && breadth < s.poorBreadthPercent) reasons.push('narrow_breadth');
  if (licencesUsed !== null && licencesUsed < s.poorLicencePercent) reasons.push('unused_licences');
  const flags: TAdoptionSummary['flags'] = [];
  if (reasons.includes('no_recent_usage') || reasons.includes('usage_drop')) flags.push('low_activity');
  if (reasons.includes('narrow_breadth') || reasons.includes('unused_licences')) flags.push('poor_adoption');
  return {
    accountId: r.account_id,
    asOf: r.as_of,
    hasUsage: r.has_usage,
    firstSeenOn: r.first_seen_on,
    lastSeenOn: r.last_seen_on,
    daysSinceLastSeen,
    activeUsers7d: r.users_7d,
    activeUsers30d: r.users_30d,
    activeUsersPrev30d: r.users_prev_30d,
    events30d: r.events_30d,
    eventsPrev30d: r.events_prev_30d,
    usageTrendPercent: usageTrend,
    activeUsersTrendPercent: trendPercent(r.users_30d, r.users_prev_30d),
    planId: r.plan_id,
    planName,
    keyFeatures: r.key_features,
    keyFeaturesUsed: r.key_features_used,
    featureBreadthPercent: breadth,
    licences: r.licences,
    licencesUsedPercent: licencesUsed,
    flags,
    reasons,
  };
}

/** Per feature of one account: the last 30 days against the 30 before, from its per-day rows (pure). */
export function featureTable(
  rows: { day: string; event: string; events: number; users: number }[],
  keyEvents: Set<string>,
  to: string,
): TAccountFeature[] {
  const start30 = addDays(to, -29);
  const start60 = addDays(to, -59);
  const by = new Map<string, TAccountFeature & { userDays: number }>();
  const of = (event: string) => {
    let f = by.get(event);
    if (!f) {
      f = {
        event,
        isKey: keyEvents.has(event),
        events30d: 0,
        eventsPrev30d: 0,
        trendPercent: null,
        activeDays30d: 0,
        usersPerDay30d: 0,
        lastUsedOn: null,
        userDays: 0,
      };
      by.set(event, f);
    }
    return f;
  };
  for (const k of keyEvents) of(k);
  for (const r of rows) {
    if (r.day > to || r.day < start60) continue;
    const f = of(r.event);
    if (r.day >= start30) {
      f.events30d += r.events;
      f.userDays += r.users;
      if (r.events > 0) f.activeDays30d += 1;
    } else f.eventsPrev30d += r.events;
    if (r.events > 0 && (f.lastUsedOn === null || r.day > f.lastUsedOn)) f.lastUsedOn = r.day;
  }
  return [...by.values()]
    .map(({ userDays, ...f }) => ({
      ...f,
      trendPercent: trendPercent(f.events30d, f.eventsPrev30d),
      usersPerDay30d: round1(userDays / 30),
    }))
    .sort((a, b) => b.events30d - a.events30d || a.event.localeCompare(b.event));
}

export type AdoptionService = ReturnType<typeof createAdoptionService>;

/** Adoption per account and per feature across accounts, key features and thresholds. */
export function createAdoptionService(deps: { db: Db; clock: Clock; accounts: AccountService; plans: PlanService }) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  async function settingsOf(orgId: string, tx: Db = db): Promise<TAdoptionSettings> {
    const row = await findAdoptionSettings(tx, orgId);
    return row
      ? {
          lowActivityDays: row.lowActivityDays,
          lowActivityDropPercent: row.lowActivityDropPercent,
          poorBreadthPercent: row.poorBreadthPercent,
          poorLicencePercent: row.poorLicencePercent,
        }
      : DEFAULT_ADOPTION_SETTINGS;
  }

  async function keyFeaturesOf(orgId: string) {
    const rows = await listKeyFeatureRows(db, orgId);
    const plans = await deps.plans.lookup(
      orgId,
      rows.flatMap((r) => (r.planId ? [r.planId] : [])),
    );
    return rows.map((r) => ({ event: r.event, planId: r.planId, planName: r.planId ? (plans.get(r.planId)?.name ?? null) : null }));
  }

  return {
    settingsOf,

    /** Many accounts' adoption, each as of its own day (the health provider's read). No access check: callers' own. */
    async readRows(orgId: string, accountIds: string[], asOf: string[]) {
      return readAdoptionRows(db, orgId, accountIds, asOf);
    },

    async accountAdoption(actor: Actor, accountId: string, q: TAccountAdoptionQuery): Promise<TAccountAdoption> {
      requirePermission(actor, 'usage:read');
      await deps.accounts.requireVisible(actor, accountId);
      const to = q.to ?? today();
      const from = q.from ?? addDays(to, -89);
      if (from > to) throw invalid('to', m.usage_range_order);
      if (daysBetween(from, to) > 400) throw invalid('from', m.usage_range_too_long);
      const featuresFrom = [from, addDays(to, -59)].sort()[0] as string;
      const [rows, settings, daily, features, keys] = await Promise.all([
        readAdoptionRows(db, actor.orgId, [accountId], [to]),
        settingsOf(actor.orgId),
        readDailySeries(db, actor.orgId, accountId, from, to),
        readFeatureSeries(db, actor.orgId, accountId, featuresFrom, to),
        listKeyFeatureRows(db, actor.orgId),
      ]);
      const row = rows[0] as TAdoptionRow;
      const planName = row.plan_id ? ((await deps.plans.lookup(actor.orgId, [row.plan_id])).get(row.plan_id)?.name ?? null) : null;
      const keyEvents = new Set(keys.filter((k) => k.planId === null || k.planId === row.plan_id).map((k) => k.event));
      const byDay = new Map(daily.map((d) => [d.day, d]));
      const days: TAccountAdoption['days'] = [];
      for (let d = from; d <= to; d = addDays(d, 1))
        days.push({ day: d, events: byDay.get(d)?.events ?? 0, users: byDay.get(d)?.users ?? 0 });
      return {
        summary: summarise(row, planName, settings),
        from,
        to,
        days,
        featureDays: features.filter((f) => f.day >= from),
        features: featureTable(features, keyEvents, to),
      };
    },

    /** Per feature across the accounts the filter keeps: who uses it, how much, and the trend. */
    async featureAdoption(actor: Actor, q: TFeatureAdoptionQuery) {
      requirePermission(actor, 'usage:read');
      const asOf = today();
      const rows = await readFeatureAdoption(
        db,
        {
          orgId: actor.orgId,
          ownerUserId: accountOwnerScope(actor),
          actorUserId: actor.userId,
          planId: q.planId,
          segment: q.segment,
          marketId: q.marketId,
          ownerFilter: q.ownerUserId,
        },
        asOf,
      );
      const items: TFeatureAdoption[] = rows
        .map((r) => ({
          event: r.event,
          isKey: r.is_key,
          accounts: r.accounts,
          sharePercent: percentOf(r.accounts, r.accounts_total) ?? 0,
          events30d: r.events_30d,
          eventsPrev30d: r.events_prev_30d,
          trendPercent: trendPercent(r.events_30d, r.events_prev_30d),
          usersPerDay30d: round1(r.user_days_30d / 30),
        }))
        .sort((a, b) => b.accounts - a.accounts || a.event.localeCompare(b.event));
      return { asOf, accounts: rows[0]?.accounts_total ?? 0, items };
    },

    async *exportFeatureAdoption(actor: Actor, q: TFeatureAdoptionQuery) {
      requirePermission(actor, 'export:run');
      yield (await this.featureAdoption(actor, q)).items;
    },

    async keyFeatures(actor: Actor) {
      requirePermission(actor, 'usage:manage');
      const seen = await readSeenEvents(db, actor.orgId);
      return {
        items: await keyFeaturesOf(actor.orgId),
        seen: seen.map((s) => ({ event: s.event, lastSeenOn: s.last_day, events: s.events })),
      };
    },

    /** Replaces the key features: each event name once per plan (or once for every plan). */
    async saveKeyFeatures(actor: Actor, input: TSaveKeyFeatures) {
      requirePermission(actor, 'usage:manage');
      const plans = await deps.plans.lookup(
        actor.orgId,
        input.items.flatMap((i) => (i.planId ? [i.planId] : [])),
      );
      const seen = new Set<string>();
      input.items.forEach((item, i) => {
        if (item.planId && !plans.has(item.planId)) throw invalid(`items.${i}.planId`, m.usage_plan_unknown);
        const key = `${item.planId ?? '*'}\u0000${item.event.toLowerCase()}`;
        if (seen.has(key)) throw invalid(`items.${i}.event`, m.usage_key_feature_twice);
        seen.add(key);
      });
      await db.transaction(async (tx) => {
        const before = await listKeyFeatureRows(tx, actor.orgId);
        const now = clock.now();
        await replaceKeyFeatures(
          tx,
          actor.orgId,
          input.items.map((i) => ({ id: newId(), event: i.event, planId: i.planId, createdAt: now })),
        );
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_key_features',
          entityId: actor.orgId,
          action: 'updated',
          before: before.map((b) => ({ event: b.event, planId: b.planId })),
          after: input.items,
        });
      });
      return this.keyFeatures(actor);
    },

    async getSettings(actor: Actor) {
      requirePermission(actor, 'usage:manage');
      return settingsOf(actor.orgId);
    },

    async updateSettings(actor: Actor, input: TAdoptionSettings) {
      requirePermission(actor, 'usage:manage');
      await db.transaction(async (tx) => {
        const before = await settingsOf(actor.orgId, tx);
        await saveAdoptionSettings(tx, actor.orgId, input, clock.now());
        await recordAudit(tx, clock, actor, {
          entityType: 'usage_adoption_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after: input,
        });
      });
      return input;
    },
  };
}
