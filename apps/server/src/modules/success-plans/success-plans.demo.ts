import type { TDemoContribution } from '../../platform/modules.ts';

const DAY = 86_400_000;
const dayBefore = (today: string, days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

/**
 * The documents' measurable goals (seed 003: "% lead goal achieved", "% new sales goal achieved") on six customers:
 * each with a lead goal and a new-sales goal, monthly measurements along a curve of its own, and the value delivered
 * the CSM logged for the renewal conversation. `curve` is the share of the way to the target after each month.
 */
const PLANS: {
  leads: [baseline: number, target: number];
  sales: [baseline: number, target: number];
  curve: number[];
  salesCurve: number[];
  status?: 'at_risk' | 'missed';
  value: [what: string, amount: number, daysAgo: number][];
  extra?: { title: string; baseline: number; target: number; unit: string; curve: number[] };
}[] = [
  {
    leads: [120, 180],
    sales: [4, 8],
    curve: [0.1, 0.3, 0.55, 0.8, 1.05],
    salesCurve: [0, 0.25, 0.5, 0.75, 1],
    value: [
      ['Deals closed from nurtured leads', 18_000, 20],
      ['Hours saved on monthly reporting', 2_400, 55],
      ['Agency retainer no longer needed', 6_000, 110],
    ],
  },
  {
    leads: [60, 100],
    sales: [2, 5],
    curve: [0.05, 0.2, 0.35, 0.5],
    salesCurve: [0, 0.33, 0.33, 0.66],
    value: [['First deals attributed to the website', 7_500, 30]],
    extra: { title: 'Blog posts published per month', baseline: 1, target: 6, unit: 'posts', curve: [0.2, 0.4, 0.6, 0.8] },
  },
  {
    leads: [300, 420],
    sales: [10, 16],
    curve: [0.02, 0.05, 0.1, 0.12, 0.15],
    salesCurve: [0, 0, 0.17, 0.17, 0.17],
    status: 'at_risk',
    value: [['Marketing automation replaced spreadsheets', 1_200, 70]],
  },
  {
    leads: [40, 80],
    sales: [1, 3],
    curve: [0.25, 0.5, 0.75],
    salesCurve: [0, 0.5, 0.5],
    value: [
      ['New customers from the lead-nurture campaign', 9_800, 12],
      ['Time saved on social monitoring', 900, 40],
    ],
  },
  {
    leads: [200, 260],
    sales: [6, 9],
    curve: [0.3, 0.6, 0.9, 1.2, 1.4, 1.5],
    salesCurve: [0.33, 0.66, 1, 1.33, 1.33, 1.66],
    value: [
      ['Upsell revenue from qualified leads', 24_000, 8],
      ['Lower cost per lead (paid search)', 5_500, 45],
      ['Hours saved on campaign set-up', 3_000, 95],
    ],
  },
  {
    leads: [80, 140],
    sales: [3, 6],
    curve: [0, 0.05, 0.05, 0.1],
    salesCurve: [0, 0, 0, 0],
    status: 'missed',
    value: [],
  },
];

/** What the demo organisation shows of success plans: six customers' goals, measured monthly, with the value delivered. */
export const successPlansDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at, clock }) {
    if (accountIds.length < 2) return;
    at(1, 14);
    const today = clock.now().toISOString().slice(0, 10);
    const svc = services.successPlans;
    const due = (months: number) => dayBefore(today, -months * 30);
    for (const [i, p] of PLANS.entries()) {
      const accountId = accountIds[(i * 7 + 1) % accountIds.length] as string;
      const measure = async (id: string, baseline: number, target: number, curve: number[], whole: boolean) => {
        for (const [m, share] of curve.entries()) {
          const raw = baseline + (target - baseline) * share;
          const value = whole ? Math.round(raw) : Math.round(raw * 10) / 10;
          await svc.recordProgress(actors.csm, id, { value, measuredOn: dayBefore(today, (curve.length - m - 1) * 30 + 3) });
        }
      };
      const leads = await svc.createObjective(actors.csm, accountId, {
        title: `${Math.round(((p.leads[1] - p.leads[0]) / p.leads[0]) * 100)} % more inbound leads`,
        metric: 'leads',
        baseline: p.leads[0],
        target: p.leads[1],
        unit: 'leads/month',
        dueOn: due(6 - (i % 3)),
        ownerUserId: actors.csm.userId,
      });
      await measure(leads.id, p.leads[0], p.leads[1], p.curve, true);
      const sales = await svc.createObjective(actors.csm, accountId, {
        title: 'New sales from marketing-sourced leads',
        metric: 'new_sales',
        baseline: p.sales[0],
        target: p.sales[1],
        unit: 'deals/quarter',
        dueOn: due(9),
        ownerUserId: actors.csm.userId,
      });
      await measure(sales.id, p.sales[0], p.sales[1], p.salesCurve, true);
      if (p.extra) {
        const extra = await svc.createObjective(actors.cse, accountId, {
          title: p.extra.title,
          metric: 'custom',
          baseline: p.extra.baseline,
          target: p.extra.target,
          unit: p.extra.unit,
          dueOn: due(3),
          ownerUserId: actors.cse.userId,
        });
        await measure(extra.id, p.extra.baseline, p.extra.target, p.extra.curve, true);
      }
      if (p.status) await svc.updateObjective(actors.vp, leads.id, { status: p.status });
      for (const [what, amount, daysAgo] of p.value)
        await svc.addValueItem(actors.csm, accountId, {
          description: what,
          amount,
          deliveredOn: dayBefore(today, daysAgo),
          objectiveId: what.includes('lead') || what.includes('Deals') ? leads.id : null,
        });
    }
  },
};
