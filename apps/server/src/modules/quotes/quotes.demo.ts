import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * The demo's quotes, made after the renewal pipeline on renewals still upcoming: one accepted by the customer through
 * its link (the subscription renewed, the renewal won), one sent and waiting for the customer, one waiting for a
 * director's approval (a deep early-renewal discount); and two win-back offers on renewals at risk of churn, one
 * waiting for the customer and one declined.
 */
export const quotesDemo: TDemoContribution = {
  async activity({ services, actors, at, advance }) {
    const open = await services.renewalOpportunities.list(actors.vp, {
      status: 'open',
      stage: ['upcoming'],
      category: [],
      ownerUserId: [],
      sort: 'dueOn',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
    const [accepted, sent, waiting] = open.items;
    const make = async (
      renewalId: string,
      input: { upliftPercent?: number; extraSeats?: number; incentivePercent?: number },
      kind: 'renewal' | 'winback' = 'renewal',
    ) => {
      let q = await services.quotes.create(actors.vp, renewalId, {
        kind,
        upliftPercent: input.upliftPercent ?? 0,
        upsell: false,
        extraSeats: input.extraSeats ?? 0,
        crossSellPlanIds: [],
        incentivePercent: input.incentivePercent,
      });
      advance(20 * 60_000);
      if (q.needsApproval) {
        await services.quotes.submit(actors.vp, q.id);
        advance(3 * 3600_000);
        q = await services.quotes.decide(actors.admin, q.id, 'approved', 'Fine: a loyal customer');
      }
      return q;
    };
    const recipient = (email: string | null) => (email ? {} : { to: 'purchasing@customer.example' });
    if (accepted) {
      at(6, 10);
      const q = await make(accepted.id, { upliftPercent: 3 });
      const { link } = await services.quotes.send(actors.vp, q.id, recipient(q.contactEmail));
      at(4, 15);
      await services.quotesPublic.accept(new URL(link).pathname.slice(3), q.contactName ?? 'Jordan Buyer', '203.0.113.24');
    }
    if (sent) {
      at(3, 11);
      const q = await make(sent.id, { upliftPercent: 4, extraSeats: 5 });
      await services.quotes.send(actors.vp, q.id, recipient(q.contactEmail));
    }
    if (waiting) {
      at(1, 14);
      const q = await services.quotes.create(actors.vp, waiting.id, {
        kind: 'renewal',
        upliftPercent: 0,
        upsell: false,
        extraSeats: 0,
        crossSellPlanIds: [],
        incentivePercent: 15,
      });
      await services.quotes.submit(actors.vp, q.id);
    }
    // Win-back offers (15% off) on two renewals at risk of churn: one waiting for the customer, one declined.
    const atRisk = await services.renewalOpportunities.list(actors.vp, {
      status: 'open',
      stage: [],
      category: ['churn_risk'],
      ownerUserId: [],
      sort: 'dueOn',
      order: 'asc',
      page: 1,
      pageSize: 20,
    });
    const used = new Set([accepted, sent, waiting].map((r) => r?.id));
    const [pending, declined] = atRisk.items.filter((r) => !used.has(r.id));
    for (const [renewal, answer] of [
      [pending, null],
      [declined, 'We have moved to another tool for now'],
    ] as const) {
      if (!renewal) continue;
      at(2, 9);
      const offer = await make(renewal.id, {}, 'winback');
      const { link } = await services.quotes.send(actors.vp, offer.id, recipient(offer.contactEmail));
      if (answer) {
        at(1, 16);
        await services.quotesPublic.decline(new URL(link).pathname.slice(3), answer);
      }
    }
  },
};
