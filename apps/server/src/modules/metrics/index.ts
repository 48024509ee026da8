// The metrics module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { exchangeRates, metricSettings, mrrChanges, serviceCosts } from './metrics.table.ts';

export { exchangeRates, metricSettings, mrrChanges, serviceCosts };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const metricsModule = defineModule({
  name: 'metrics',
  tables: { mrrChanges, exchangeRates, serviceCosts, metricSettings },
  permissions: {},
});
