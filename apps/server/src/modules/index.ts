import { createEventBus } from '../platform/events.ts';
import type { JobDefinition } from '../platform/jobs/queue.ts';
import type { TMailAttachmentRenderer } from '../platform/mail/attachments.ts';
import type { ModuleContext, ModuleDefinition, ServiceRegistry } from '../platform/modules.ts';
import { accountsModule } from './accounts/index.ts';
import { auditModule } from './audit/index.ts';
import { capacityPlansModule } from './capacity-plans/index.ts';
import { churnSignalsModule } from './churn-signals/index.ts';
import { competitorsModule } from './competitors/index.ts';
import { contactsModule } from './contacts/index.ts';
import { customFieldsModule } from './custom-fields/index.ts';
import { healthModule } from './health/index.ts';
import { identityModule } from './identity/index.ts';
import { importsModule } from './imports/index.ts';
import { journeysModule } from './journeys/index.ts';
import { metricsModule } from './metrics/index.ts';
import { notificationsModule } from './notifications/index.ts';
import { nurtureModule } from './nurture/index.ts';
import { organisationsModule } from './organisations/index.ts';
import { plansModule } from './plans/index.ts';
import { playbooksModule } from './playbooks/index.ts';
import { quotesModule } from './quotes/index.ts';
import { renewalOpportunitiesModule } from './renewal-opportunities/index.ts';
import { renewalsModule } from './renewals/index.ts';
import { subscriptionsModule } from './subscriptions/index.ts';
import { successPlansModule } from './success-plans/index.ts';
import { supportModule } from './support/index.ts';
import { surveysModule } from './surveys/index.ts';
import { systemModule } from './system/index.ts';
import { tasksModule } from './tasks/index.ts';
import { timelineModule } from './timeline/index.ts';
import { upsellCandidatesModule } from './upsell-candidates/index.ts';
import { usageModule } from './usage/index.ts';

/**
 * Every domain module, in the order their services are built (a module's services may use those of the
 * modules before it). Adding a module to the product is one entry here; the composition root (app.ts),
 * the permission table, the message catalogues, the access-matrix suite and the demo loop over this list.
 */
export const MODULES: readonly ModuleDefinition[] = [
  identityModule,
  organisationsModule,
  customFieldsModule,
  auditModule,
  accountsModule,
  contactsModule,
  timelineModule,
  plansModule,
  competitorsModule,
  subscriptionsModule,
  metricsModule,
  importsModule,
  systemModule,
  upsellCandidatesModule,
  churnSignalsModule,
  healthModule,
  // After health: it registers its usage measures with health's scorecards.
  usageModule,
  renewalsModule,
  tasksModule,
  // Before renewal-opportunities: its reminders notify the owner.
  notificationsModule,
  renewalOpportunitiesModule,
  journeysModule,
  supportModule,
  playbooksModule,
  nurtureModule,
  successPlansModule,
  capacityPlansModule,
  // After renewal-opportunities: a quote's outcome moves its renewal.
  quotesModule,
  surveysModule,
];

/**
 * Every module's services (in list order: a module may use the services of those before it), its event
 * subscribers, and the jobs the worker runs: what app.ts serves, and what the demo replays its month with.
 */
export function assembleModules(deps: Omit<ModuleContext, 'services' | 'events' | 'mailAttachments' | 'secretLinkPaths'>) {
  const events = createEventBus(deps.clock);
  const mailAttachments: Record<string, TMailAttachmentRenderer> = {};
  const secretLinkPaths = MODULES.flatMap((m) => m.secretLinkPaths ?? []);
  const ctx: ModuleContext = { ...deps, events, services: {} as ServiceRegistry, mailAttachments, secretLinkPaths };
  for (const m of MODULES) Object.assign(ctx.services, m.services?.(ctx));
  for (const m of MODULES) Object.assign(mailAttachments, m.mailAttachments?.(ctx));
  events.setSubscribers(MODULES.flatMap((m) => m.subscribers?.(ctx) ?? []));
  events.setProjections(MODULES.flatMap((m) => m.projections?.(ctx) ?? []));
  const jobs: JobDefinition[] = [...MODULES.flatMap((m) => m.jobs?.(ctx) ?? []), ...events.jobs()];
  return { ctx, services: ctx.services, events, jobs };
}
