import type { TDemoContribution } from '../../platform/modules.ts';
import { ZContactListQuery } from '../contacts/index.ts';

/**
 * What the demo organisation shows of churn signals. Most are raised by the product from the demo's history as the
 * worker delivers its events (every downgrade and cancel request of the three years of subscriptions), "health turned
 * red" by the health demo's scoring of the past months, and usage drops and silences by the daily pass, run here week
 * by week over the last four months of the demo's usage (each signal dated when it happened); this adds what people do: a champion who left last week (the contacts module publishes it; the signal follows), a CSM's
 * own worry, and one signal acknowledged with a note.
 */
export const churnSignalsDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at, clock, orgId }) {
    // The usage signals as the daily job would have raised them over the last four months of the demo's usage.
    for (let days = 119; days >= 0; days -= 7) {
      at(days, 1);
      await services.churnSignals.detect(orgId);
    }
    const champions = await services.contacts.list(actors.admin, ZContactListQuery.parse({ role: 'champion', pageSize: 20 }));
    const leaving = champions.items[4];
    if (leaving) {
      at(6, 9);
      await services.contacts.update(actors.vp, leaving.id, { leftOn: clock.now().toISOString().slice(0, 10) });
    }
    const worried = accountIds[7];
    if (worried) {
      at(3, 15);
      const signal = await services.churnSignals.create(actors.csm, worried, {
        note: 'Their new CFO asked for a price comparison with two competitors',
      });
      at(2, 10);
      await services.churnSignals.acknowledge(actors.csm, signal.id, { note: 'Booked a value review with the CFO for next week' });
    }
  },
};
