// The subscriptions module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { cancelReasons, subscriptionChanges, subscriptionLineVersions, subscriptions } from './subscriptions.table.ts';

export { cancelReasons, subscriptionChanges, subscriptionLineVersions, subscriptions };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const subscriptionsModule = defineModule({
  name: 'subscriptions',
  tables: { subscriptions, subscriptionChanges, subscriptionLineVersions, cancelReasons },
  permissions: {},
});
