import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import { addMonths } from './metrics.engine.ts';

/**
 * The demo's exchange rates (Danish kroner to euros, month by month) and cost of service, so the revenue
 * dashboard converts both currencies and shows gross margin and CLV. Runs after the subscriptions' demo: the
 * MRR history is rebuilt once with the rates.
 */
export const metricsDemo: TDemoContribution = {
  async activity(demo: TDemoContext) {
    const { services, actors, at } = demo;
    at(0, 8);
    const thisMonth = `${demo.clock.now().toISOString().slice(0, 7)}-01`;
    const months = Array.from({ length: 48 }, (_, i) => addMonths(thisMonth, i - 47));
    // About 0.134 euro per krone, drifting a little (the krone is pegged to the euro).
    await services.metrics.putRates(
      actors.admin,
      months.map((m, i) => ({ currency: 'DKK', month: m.slice(0, 7), rate: Number((0.1341 + 0.0003 * Math.sin(i / 4)).toFixed(5)) })),
    );
    await services.metrics.rebuildAll(demo.orgId, {
      jobId: 'demo',
      orgId: demo.orgId,
      attempt: 1,
      progress: async () => {},
      logger: demo.logger,
    });
    const series = await services.metrics.series(actors.admin, {
      from: months[12]?.slice(0, 7) ?? thisMonth.slice(0, 7),
      to: thisMonth.slice(0, 7),
      by: 'month',
    });
    // Hosting, support and the customer success team: about a quarter of revenue, a little more in the early months.
    await services.metrics.putCosts(
      actors.admin,
      series.periods.map((p, i) => ({
        month: p.period,
        amount: Math.round(p.mrr * (0.3 - i * 0.002) + 1500),
        note: i === 0 ? 'Hosting, support and customer success' : null,
      })),
    );
  },
};
