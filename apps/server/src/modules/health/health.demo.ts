import type { TDemoContribution } from '../../platform/modules.ts';

const DAY = 86_400_000;

/**
 * The days back on which the demo's history is scored: the last day of each of the past twelve months, then every
 * week of the last month (what the portfolio's monthly and weekly trends read), oldest first.
 */
export function historyDaysBack(now: Date): number[] {
  const days = new Set<number>();
  for (let i = 12; i >= 1; i--) {
    const monthEnd = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i + 1, 0, 12);
    days.add(Math.round((now.getTime() - monthEnd) / DAY));
  }
  for (let w = 4; w >= 1; w--) days.add(7 * w);
  return [...days].filter((d) => d > 2).sort((a, b) => b - a);
}

/**
 * The demo organisation's health: every account scored as it stood at the end of each past month and each of the
 * last weeks (so the score history, the portfolio's trend and the "health turned red" signals spread over the past
 * year, each dated when it happened), a few CSM pulses two days back, then every account scored today, so the Health
 * tab and the portfolio have something to explain on first start.
 */
export const healthDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, orgId, at, clock }) {
    at(0, 9);
    for (const days of historyDaysBack(clock.now())) {
      at(days, 23);
      await services.health.recompute(orgId);
    }
    at(2, 10);
    const reasons = ['Champion left; new contact not engaged yet', 'Quarterly review went well', 'Budget under review for next year'];
    for (const [i, accountId] of accountIds.slice(0, 3).entries())
      await services.health.addPulse(actors.vp, accountId, { value: [35, 85, 55][i] as number, reason: reasons[i] as string });
    // That day's scores as the nightly recompute leaves them: each of every account read with all the others (a pulse
    // rescored its account alone, where its MRR percentile has no other account to rank against).
    at(2, 23);
    await services.health.recompute(orgId);
    at(0, 9);
    await services.health.recompute(orgId);
  },
};
