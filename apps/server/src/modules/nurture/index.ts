// The nurture module's public surface: other modules, app.ts, the seed and other tests import only this.
import { subscribe } from '../../platform/events.ts';
import { defineModule } from '../../platform/modules.ts';
import { nurtureAccessFixtures, nurtureAccessMatrix } from './nurture.access.ts';
import { nurtureDemo } from './nurture.demo.ts';
import { nurtureJobs } from './nurture.jobs.ts';
import { nurtureMessages } from './nurture.messages.ts';
import { nurturePermissions } from './nurture.permissions.ts';
import { registerNurtureRoutes } from './nurture.routes.ts';
import { createNurtureSender, type NurtureSender } from './nurture.sender.ts';
import { createNurtureService, type NurtureService } from './nurture.service.ts';
import { nurtureEnrolments, nurtureOptOuts, nurtureProgrammes, nurtureSends, nurtureSettings } from './nurture.table.ts';

export { makeNurtureProgramme } from './nurture.factory.ts';
export { NURTURE_ENROL_JOB, NURTURE_SEND_JOB } from './nurture.jobs.ts';
export { type TNurtureProgramme, ZNurtureProgramme } from './nurture.schemas.ts';
export type { NurtureSender, NurtureService };
/** Exported for reading; only this module writes them. */
export { nurtureEnrolments, nurtureOptOuts, nurtureSends };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const nurtureModule = defineModule({
  name: 'nurture',
  tables: { nurtureSettings, nurtureProgrammes, nurtureEnrolments, nurtureSends, nurtureOptOuts },
  permissions: nurturePermissions,
  messages: nurtureMessages,
  accessMatrix: nurtureAccessMatrix,
  accessFixtures: nurtureAccessFixtures,
  services: (ctx) => ({
    nurture: createNurtureService({ db: ctx.db, clock: ctx.clock, contacts: ctx.services.contacts }),
    nurtureSender: createNurtureSender({
      db: ctx.db,
      clock: ctx.clock,
      logger: ctx.logger,
      publicUrl: ctx.config.publicUrl,
      timeline: ctx.services.timeline,
    }),
  }),
  routes: (app, ctx) => registerNurtureRoutes(app, { nurture: ctx.services.nurture, sender: ctx.services.nurtureSender }),
  jobs: (ctx) => nurtureJobs({ db: ctx.db, sender: ctx.services.nurtureSender }),
  // An account that changed (into a segment, a lifecycle stage …) has its contacts join the running programmes
  // whose audience it now matches, without waiting for the hourly run.
  subscribers: (ctx) => [
    subscribe('account.updated', 'nurture.enrolOnAccount', async (e, meta) => {
      await ctx.services.nurtureSender.enrol(meta.orgId, [e.accountId]);
    }),
  ],
  // A nurture e-mail's unsubscribe link (`/unsubscribe/<signed token>`) acts for its recipient.
  secretLinkPaths: ['/unsubscribe/'],
  demo: nurtureDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    nurture: NurtureService;
    nurtureSender: NurtureSender;
  }
}
