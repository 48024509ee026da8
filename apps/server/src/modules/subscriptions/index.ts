// The subscriptions module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { subscriptionAccessFixtures, subscriptionAccessMatrix } from './subscriptions.access.ts';
import { subscriptionsDemo } from './subscriptions.demo.ts';
import { subscriptionJobs } from './subscriptions.jobs.ts';
import { subscriptionMessages } from './subscriptions.messages.ts';
import { subscriptionsPermissions } from './subscriptions.permissions.ts';
import { registerSubscriptionRoutes } from './subscriptions.routes.ts';
import { createSubscriptionService, type SubscriptionService } from './subscriptions.service.ts';
import { cancelReasons, subscriptionChanges, subscriptionLineVersions, subscriptions, subscriptionTerms } from './subscriptions.table.ts';

export {
  CHANGE_NEEDS,
  CHANGE_ROW_KINDS,
  changeRowsToSubscriptions,
  type TChangeRow,
  type TChangeRowKind,
} from './subscriptions.changes-import.ts';
export type { TSubscriptionChangedEvent } from './subscriptions.events.ts';
export { makeSubscription } from './subscriptions.factory.ts';
export { periodsToSubscriptions, type TImportedSubscription, type TPeriodRow } from './subscriptions.periods.ts';
export { CHANGE_KINDS, type TChange, type TSubscription } from './subscriptions.schemas.ts';
export type { SubscriptionService } from './subscriptions.service.ts';
export { nextRolledTerm, type TTerm } from './subscriptions.terms.ts';
export {
  addDays,
  currentTerm,
  lineMrrCents,
  replay,
  type TChangeOp,
  type TLineVersion,
  type TReplayChange,
} from './subscriptions.timeline.ts';
/** subscriptionTerms is exported for reading (the renewals report joins it); only this module writes it. */
export { cancelReasons, subscriptionChanges, subscriptionLineVersions, subscriptions, subscriptionTerms };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const subscriptionsModule = defineModule({
  name: 'subscriptions',
  tables: { subscriptions, subscriptionChanges, subscriptionLineVersions, subscriptionTerms, cancelReasons },
  permissions: subscriptionsPermissions,
  messages: subscriptionMessages,
  accessMatrix: subscriptionAccessMatrix,
  accessFixtures: subscriptionAccessFixtures,
  services: (ctx) => ({
    subscriptions: createSubscriptionService({
      db: ctx.db,
      clock: ctx.clock,
      events: ctx.events,
      plans: ctx.services.plans,
      accounts: ctx.services.accounts,
      timeline: ctx.services.timeline,
    }),
  }),
  routes: (app, ctx) => registerSubscriptionRoutes(app, { subscriptions: ctx.services.subscriptions }),
  jobs: (ctx) =>
    subscriptionJobs({ db: ctx.db, clock: ctx.clock, events: ctx.events, plans: ctx.services.plans, timeline: ctx.services.timeline }),
  demo: subscriptionsDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    subscriptions: SubscriptionService;
  }
}
