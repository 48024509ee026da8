import type { TDemoContribution } from '../../platform/modules.ts';
import { ZContactListQuery } from '../contacts/index.ts';

/**
 * What the demo organisation shows of churn signals. Most are raised by the product from the demo's history as the
 * worker delivers its events (every downgrade and cancel request of the three years of subscriptions); this adds
 * what people do: a champion who left last week (the contacts module publishes it; the signal follows), a CSM's
 * own worry, and one signal acknowledged with a note.
 */
export const churnSignalsDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at, clock }) {
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
