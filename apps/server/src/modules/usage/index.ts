// The usage module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { usageAccessFixtures, usageAccessMatrix } from './usage.access.ts';
import { adoptionJobs } from './usage.adoption.jobs.ts';
import { adoptionMessages } from './usage.adoption.messages.ts';
import { usageMeasureProvider } from './usage.adoption.provider.ts';
import { registerAdoptionRoutes } from './usage.adoption.routes.ts';
import { type AdoptionService, createAdoptionService } from './usage.adoption.ts';
import { usageCsvMessages } from './usage.csv.messages.ts';
import { usageDemo } from './usage.demo.ts';
import { createUsageIngest, type UsageIngest } from './usage.ingest.ts';
import { usageJobs } from './usage.jobs.ts';
import { usageMessages } from './usage.messages.ts';
import { createUsageNativeService, type UsageNativeService } from './usage.native.ts';
import { usagePermissions } from './usage.permissions.ts';
import { registerUsageRoutes } from './usage.routes.ts';
import { registerSegmentRoutes } from './usage.segment.routes.ts';
import { createUsageService, type UsageService } from './usage.service.ts';
import {
  usageAccountActivity,
  usageAdoptionSettings,
  usageDailyEvents,
  usageDailyFeatureUsers,
  usageDailyUsers,
  usageEvents,
  usageKeyFeatures,
  usageKeys,
  usageRollupDeltas,
  usageSettings,
  usageSources,
  usageUsers,
} from './usage.table.ts';

export { USAGE_MEASURES } from './usage.adoption.provider.ts';
export type { AdoptionService } from './usage.adoption.ts';
export type { TUsageActivityChangedEvent } from './usage.events.ts';
export { makeUsageSource, writeKeyHeaders } from './usage.factory.ts';
export type { UsageNativeService } from './usage.native.ts';
export { type TIngestResult, type TNativeEvent, type TUsageSource, ZNativeEvent } from './usage.schemas.ts';
export type { UsageService } from './usage.service.ts';
/** The rollups other modules read (health, adoption): per account and day, events by name and active users; last seen. */
export { usageAccountActivity, usageDailyEvents, usageDailyUsers };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const usageModule = defineModule({
  name: 'usage',
  tables: {
    usageSources,
    usageEvents,
    usageDailyEvents,
    usageDailyUsers,
    usageAccountActivity,
    usageKeys,
    usageUsers,
    usageSettings,
    usageRollupDeltas,
    usageDailyFeatureUsers,
    usageKeyFeatures,
    usageAdoptionSettings,
  },
  permissions: usagePermissions,
  messages: { ...usageMessages, ...adoptionMessages, ...usageCsvMessages },
  accessMatrix: usageAccessMatrix,
  accessFixtures: usageAccessFixtures,
  services: (ctx) => {
    const usageIngest = createUsageIngest(ctx);
    const usage = createUsageService({ ...ctx, accounts: ctx.services.accounts, ingest: usageIngest });
    // Usage comes after health in the module list: its measures join the scorecard editor, the scores and the evaluation.
    ctx.services.health.registerMeasureProvider(usageMeasureProvider);
    const adoption = createAdoptionService({ db: ctx.db, clock: ctx.clock, accounts: ctx.services.accounts, plans: ctx.services.plans });
    return { usageIngest, usage, usageNative: createUsageNativeService({ ...ctx, ingest: usageIngest, usage }), adoption };
  },
  routes: (app, ctx) => {
    registerUsageRoutes(app, { usage: ctx.services.usage, native: ctx.services.usageNative });
    registerSegmentRoutes(app, { ingest: ctx.services.usageIngest });
    registerAdoptionRoutes(app, { adoption: ctx.services.adoption });
  },
  jobs: (ctx) => [
    ...usageJobs({ db: ctx.db, clock: ctx.clock, ingest: ctx.services.usageIngest }),
    ...adoptionJobs({ db: ctx.db, clock: ctx.clock }),
  ],
  demo: usageDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    usage: UsageService;
    usageIngest: UsageIngest;
    usageNative: UsageNativeService;
    adoption: AdoptionService;
  }
}
