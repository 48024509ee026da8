import type { Actor } from '../../platform/access/access.ts';
import { mulberry32 } from '../../platform/demo-random.ts';
import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import type { TChangeInput, TCreateSubscription } from './subscriptions.schemas.ts';
import { addDays } from './subscriptions.timeline.ts';

/**
 * Three years of subscription history for the demo's customers, made through the service with back-dated
 * changes: editions bought monthly or yearly, in euros (Dutch customers) and Danish kroner, trials that
 * converted, upgrades, downgrades, add-ons, seat changes, discounts, cancellations with reasons, one
 * reactivation. Deterministic, so every fresh start shows the same dashboard.
 */

const CANCEL_REASONS: [string, boolean][] = [
  ['Too expensive', false],
  ['Lost to a competitor', true],
  ['Missing features', false],
  ['Low adoption', false],
  ['Budget cuts', false],
  ['Moved to an in-house system', false],
  ['Company acquired or closed', false],
];
/** Danish customers pay list prices in kroner: the euro list price at about 7.46 kroner. */
const DKK_PER_EUR = 7.46;
const EDITION_PLAN: Record<string, string> = { self_service: 'SELF', professional: 'PRO', enterprise: 'ENT' };

const monthsLater = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate())).toISOString().slice(0, 10);
};

export const subscriptionsDemo: TDemoContribution = {
  async activity(demo: TDemoContext) {
    const { services, actors, accountIds, at } = demo;
    at(0, 8);
    const today = demo.clock.now().toISOString().slice(0, 10);
    const admin: Actor = actors.admin;
    const reasons = new Map<string, string>();
    for (const [label, asksCompetitor] of CANCEL_REASONS)
      reasons.set(label, await services.subscriptions.saveCancelReason(admin, null, { label, asksCompetitor }));

    const planId = async (code: string) => (await services.plans.findByCode(demo.orgId, code))?.id ?? null;
    const plans = {
      SELF: await planId('SELF'),
      PRO: await planId('PRO'),
      ENT: await planId('ENT'),
      TRIAL: await planId('TRIAL'),
      SEATS: await planId('SEATS'),
      PS: await planId('PS'),
    };
    const prices = new Map<string, number>();
    const price = async (code: keyof typeof plans, interval: number) => {
      const id = plans[code];
      const key = `${code}/${interval}`;
      if (id && !prices.has(key)) prices.set(key, (await services.plans.listPrice(demo.orgId, id, 'EUR', interval)) ?? 0);
      return prices.get(key) ?? 0;
    };
    const lineOf = async (code: keyof typeof plans, currency: string, interval: number, quantity: number) => ({
      planId: plans[code],
      description: plans[code] ? null : code,
      quantity,
      unitPrice: Math.round((await price(code, interval)) * (currency === 'DKK' ? DKK_PER_EUR : 1)),
    });

    const rand = mulberry32(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    // Every subscription and change goes through the service's rules, written together at the end (one transaction).
    const batch = services.subscriptions.batch(admin, 'demo');
    let reactivated = false;
    let downgraded = false;
    for (const [i, accountId] of accountIds.entries()) {
      const account = await services.accounts.get(admin, accountId);
      if (account.archivedAt) continue;
      const currency = account.marketCode === 'DK' ? 'DKK' : 'EUR';
      const code = (EDITION_PLAN[account.edition ?? 'professional'] ?? 'PRO') as keyof typeof plans;
      const stage = account.lifecycleStage;
      const yearly = rand() < 0.6 || code === 'ENT';
      const interval = yearly ? 12 : 1;
      // When they became customers: recent for onboarding and trials, up to three years back for the rest.
      const monthsAgo = stage === 'onboarding' ? 1 + Math.floor(rand() * 3) : stage === 'trial' ? 0 : 4 + Math.floor(rand() * 33);
      let start = monthsLater(today, -monthsAgo);
      start = `${start.slice(0, 8)}${String(1 + Math.floor(rand() * 27)).padStart(2, '0')}`;
      if (start > today) start = today;
      // Users beyond the edition's own, bought as the Extra users add-on.
      const seats = code === 'ENT' ? 10 + Math.floor(rand() * 30) : code === 'PRO' ? Math.floor(rand() * 15) : 0;
      const trial = stage === 'trial' || (i % 9 === 4 && code !== 'ENT');
      // The edition is priced per account.
      const extraUsers = seats;
      const lines = [
        await lineOf(code, currency, interval, 1),
        ...(extraUsers && plans.SEATS ? [await lineOf('SEATS', currency, interval, extraUsers)] : []),
      ];
      const input: TCreateSubscription = {
        currency,
        intervalMonths: interval,
        termStart: start,
        termEnd: yearly ? addDays(monthsLater(start, 12), -1) : null,
        autoRenew: true,
        trialEnd: trial ? addDays(start, 13) : null,
        lines,
      };
      const sub = await batch.create(accountId, input);
      let endsOn = sub.endsOn;
      const change = async (c: TChangeInput) => {
        if (c.effectiveDate > today) return;
        endsOn = (await batch.change(sub.id, c)).endsOn;
      };
      const point = (fraction: number) => addDays(start, Math.floor(monthsAgo * 30 * fraction));
      if (monthsAgo < 4) continue;

      // Growth and shrinkage over the years, one story per account.
      const story = i % 8;
      const moveTo = async (to: 'PRO' | 'ENT', fraction: number, comment: string) => {
        const line = await lineOf(to, currency, interval, 1);
        if (line.planId)
          await change({
            op: 'change_plan',
            lineKey: 'L1',
            planId: line.planId,
            unitPrice: line.unitPrice,
            effectiveDate: point(fraction),
            comment,
          });
      };
      if (story === 0 && code === 'SELF') await moveTo('PRO', 0.5, 'Needed workflows and the CRM integration');
      if (story === 1 && code === 'PRO') await moveTo('ENT', 0.6, 'Second business unit onboarded');
      if (story === 2 && code === 'ENT') await moveTo('PRO', 0.7, 'Did not use the advanced features');
      if (story === 3 && extraUsers)
        await change({ op: 'quantity', lineKey: 'L2', quantity: extraUsers + 3 + Math.floor(rand() * 10), effectiveDate: point(0.4) });
      if (story === 4 && extraUsers > 2)
        await change({ op: 'quantity', lineKey: 'L2', quantity: extraUsers - 2, effectiveDate: point(0.5) });
      if (story === 5 && plans.SEATS)
        await change({ op: 'add_line', line: await lineOf('SEATS', currency, interval, 5), effectiveDate: point(0.3) });
      if (story === 6 && plans.PS && yearly)
        await change({ op: 'add_line', line: await lineOf('PS', currency, 12, 1), effectiveDate: point(0.2) });
      if (story === 7)
        await change({
          op: 'discount',
          lineKey: 'L1',
          discount: { percent: 15, kind: 'until', until: addDays(point(0.6), 180) },
          effectiveDate: point(0.6),
          comment: 'Loyalty discount for the multi-year commitment',
        });
      if (i % 11 === 3)
        await change({
          op: 'price',
          lineKey: 'L1',
          unitPrice: Math.round((lines[0]?.unitPrice ?? 0) * 1.05),
          effectiveDate: point(0.8),
          comment: 'Yearly price index',
        });

      // Upsell candidates: teams that bought users twice in the last half year, and one enterprise customer that
      // moved down to Professional and dropped its extra users when its budget was cut.
      if (i % 10 === 6 && extraUsers && monthsAgo >= 7) {
        await change({ op: 'quantity', lineKey: 'L2', quantity: extraUsers + 2, effectiveDate: addDays(today, -130) });
        await change({ op: 'quantity', lineKey: 'L2', quantity: extraUsers + 5, effectiveDate: addDays(today, -35) });
      }
      const leaves = stage === 'churned' || stage === 'at_risk' || (i % 13 === 7 && monthsAgo > 12);
      if (!downgraded && !leaves && account.segment === 'enterprise' && code === 'ENT' && story !== 2 && monthsAgo >= 12) {
        downgraded = true;
        await moveTo('PRO', 1 - 90 / (monthsAgo * 30), 'Budget cut: kept the core of Professional');
        const when = point(1 - 90 / (monthsAgo * 30));
        if (extraUsers) await change({ op: 'remove_line', lineKey: 'L2', effectiveDate: when });
        if (story === 5 && plans.SEATS) await change({ op: 'remove_line', lineKey: 'L3', effectiveDate: when });
      }

      // The customers that left, and the one that came back.
      if (stage === 'churned' || (i % 13 === 7 && monthsAgo > 12)) {
        const reason = pick([...reasons.keys()]);
        const when = point(0.85);
        await change({
          op: 'cancel',
          reasonId: reasons.get(reason) as string,
          effectiveDate: when,
          comment: 'Confirmed by the decision maker',
        });
        const after: string | null = endsOn;
        if (!reactivated && after && monthsAgo > 20 && addDays(after, 60) < today) {
          reactivated = true;
          await change({ op: 'reactivate', effectiveDate: addDays(after, 60), comment: 'Came back after the new reporting module' });
        }
      } else if (stage === 'at_risk') {
        await change({
          op: 'cancel',
          reasonId: reasons.get('Low adoption') as string,
          effectiveDate: addDays(today, -10),
          comment: 'Will not renew unless usage improves',
        });
      }
    }
    await batch.commit();
  },
};
