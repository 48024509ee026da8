import { mulberry32 } from '../../platform/demo-random.ts';
import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import { USAGE_MEASURES } from './usage.adoption.provider.ts';
import { addDays } from './usage.adoption.ts';
import { type TDemoUsageRows, writeDemoUsage } from './usage.demo.repository.ts';

/** What the demo's product (a marketing-automation suite) reports: event names, as a Segment source would send them. */
const EVERY_PLAN_KEYS = ['Email campaign sent', 'Workflow activated'];
const PLAN_KEYS: Record<string, string[]> = {
  SELF: ['Contact list imported'],
  PRO: ['Contact list imported', 'Landing page published', 'CRM sync completed', 'Attribution report viewed'],
  ENT: ['Contact list imported', 'Landing page published', 'CRM sync completed', 'Attribution report viewed', 'Lead scoring model updated'],
};
const OTHER_EVENTS = ['Report viewed', 'Contact segment created', 'Form submission exported'];

/** How an account uses the product over the year: most healthy, some growing, some declining, some that never adopted it. */
type TProfile = 'healthy' | 'growing' | 'shallow' | 'declining' | 'never' | 'stopped';

/** 0–1: how much of its usual use the account shows on `ago` days before today. */
function intensity(profile: TProfile, ago: number, stopAgo: number): number {
  if (profile === 'declining') return ago > 75 ? 1 : 0.12 + (0.88 * ago) / 75;
  if (profile === 'growing') return ago > 120 ? 0.5 : 0.5 + (0.5 * (120 - ago)) / 120;
  if (profile === 'stopped') return ago <= stopAgo ? 0 : ago > stopAgo + 60 ? 1 : (ago - stopAgo) / 60;
  return 1;
}

/** One account's year of usage, aggregated as the rollups keep it. */
function simulate(
  rand: () => number,
  accountId: string,
  profile: TProfile,
  seats: number,
  keys: string[],
  today: string,
  out: TDemoUsageRows,
) {
  if (profile === 'never') return;
  const started = 120 + Math.floor(rand() * 245);
  const stopAgo = 20 + Math.floor(rand() * 150);
  const users = Math.max(1, Math.round(Math.min(seats, 30) * (profile === 'shallow' ? 0.3 : 0.6 + rand() * 0.35)));
  // Big teams: each user a few days a week, so a day's rows stay few while most users are active in a month.
  const perUser = Math.min(1, 6 / users);
  const features =
    profile === 'shallow'
      ? [keys[0] as string, 'Report viewed']
      : [...keys.filter(() => rand() < 0.85), ...OTHER_EVENTS.filter(() => rand() < 0.6)];
  // Declining accounts give up their more advanced features first.
  const dropped = new Set(profile === 'declining' ? features.filter((_, i) => i > 1 && rand() < 0.6) : []);
  // Growing accounts take up more advanced features in the last six weeks (the ones an upsell builds on).
  const adopted = new Set(profile === 'growing' ? features.filter((_, i) => i > 1 && rand() < 0.5) : []);
  const weights = features.map(() => 0.15 + rand() * 0.45);
  let total = 0;
  let first: string | null = null;
  let last: string | null = null;
  for (let ago = started; ago >= 0; ago--) {
    const day = addDays(today, -ago);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const level = perUser * intensity(profile, ago, stopAgo) * (weekday === 0 || weekday === 6 ? 0.08 : 0.5);
    const perEvent = new Map<string, { n: number; u: number }>();
    for (let k = 0; k < users; k++) {
      if (rand() >= level) continue;
      let n = 0;
      features.forEach((f, i) => {
        if ((ago < 60 && dropped.has(f)) || (ago >= 42 && adopted.has(f)) || rand() >= (weights[i] as number)) return;
        const times = 1 + Math.floor(rand() * 4);
        const e = perEvent.get(f) ?? { n: 0, u: 0 };
        e.n += times;
        e.u += 1;
        perEvent.set(f, e);
        n += times;
      });
      if (n === 0) continue;
      out.users.push({ a: accountId, d: day, u: `${accountId.slice(-6)}-user-${k + 1}`, n });
      total += n;
    }
    for (const [e, v] of perEvent) {
      out.events.push({ a: accountId, d: day, e, n: v.n });
      if (ago < 90) out.featureUsers.push({ a: accountId, d: day, e, u: v.u });
    }
    if (perEvent.size) {
      first ??= day;
      last = day;
    }
  }
  if (first && last) out.activity.push({ a: accountId, f: `${first}T08:00:00Z`, l: `${last}T16:00:00Z`, n: total });
}

/**
 * A year of product usage for the demo's customers, written straight into the rollups (fast: one statement per table
 * and 20,000 rows), the key features of each edition, and the usage measures added to the default scorecard, so
 * adoption and health mean something on the first start: most customers use the product well, some are declining,
 * a few never adopted it, and former customers stopped using it.
 */
export const usageDemo: TDemoContribution = {
  async activity(demo: TDemoContext) {
    const { services, actors, orgId, accountIds, at } = demo;
    at(0, 8);
    const today = demo.clock.now().toISOString().slice(0, 10);
    const codes = ['SELF', 'PRO', 'ENT'];
    const plans = new Map<string, string>();
    for (const code of codes) {
      const plan = await services.plans.findByCode(orgId, code);
      if (plan) plans.set(plan.id, code);
    }
    await services.adoption.saveKeyFeatures(actors.admin, {
      items: [
        ...EVERY_PLAN_KEYS.map((event) => ({ event, planId: null })),
        ...[...plans].flatMap(([planId, code]) => (PLAN_KEYS[code] ?? []).map((event) => ({ event, planId }))),
      ],
    });

    const rows = await services.adoption.readRows(
      orgId,
      accountIds,
      accountIds.map(() => today),
    );
    const rand = mulberry32(8080);
    const out: TDemoUsageRows = { events: [], featureUsers: [], users: [], activity: [] };
    // In the demo's own order of accounts (the database may return them in any order): the same draws everywhere.
    const byAccount = new Map(rows.map((r) => [r.account_id, r]));
    for (const accountId of accountIds) {
      const r = byAccount.get(accountId);
      if (!r) continue;
      const code = r.plan_id ? plans.get(r.plan_id) : undefined;
      const keys = [...EVERY_PLAN_KEYS, ...(code ? (PLAN_KEYS[code] ?? []) : [])];
      const draw = rand();
      const profile: TProfile =
        r.licences === null
          ? 'stopped'
          : draw < 0.1
            ? 'never'
            : draw < 0.28
              ? 'declining'
              : draw < 0.4
                ? 'shallow'
                : draw < 0.58
                  ? 'growing'
                  : 'healthy';
      simulate(rand, r.account_id, profile, r.licences ?? 5, keys, today, out);
    }
    await writeDemoUsage(demo.database, orgId, out);

    // The default scorecard counts usage from now on (a new version, so the history shows where it changed).
    const cards = await services.health.listScorecards(actors.vp);
    const fallback = cards.items.find((c) => c.segment === null);
    if (fallback) {
      const weights: Record<string, number> = {
        'usage.trend_percent': 3,
        'usage.feature_breadth': 2,
        'usage.licence_use': 2,
        'usage.days_since_last_seen': 2,
      };
      await services.health.updateScorecard(actors.vp, fallback.id, {
        name: fallback.name,
        segment: null,
        measures: [
          ...fallback.measures,
          ...USAGE_MEASURES.filter((m) => weights[m.key]).map((m) => ({
            source: m.key,
            weight: weights[m.key] as number,
            thresholds: m.defaultThresholds,
          })),
        ],
        explanation: 'Usage added: trend, feature breadth, licences in use and days since last seen.',
      });
    }
    await services.health.recompute(orgId);
  },
};
