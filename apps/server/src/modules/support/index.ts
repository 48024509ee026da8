// The support module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { supportAccessFixtures, supportAccessMatrix } from './support.access.ts';
import { createSupportCore } from './support.core.ts';
import { supportDemo } from './support.demo.ts';
import { createSupportInbound, type SupportInbound } from './support.inbound.ts';
import { supportMessages } from './support.messages.ts';
import { supportPermissions } from './support.permissions.ts';
import { supportMeasureProvider } from './support.provider.ts';
import { createInboundReceiver } from './support.receiver.ts';
import { registerSupportRoutes } from './support.routes.ts';
import { createSupportService, type SupportService } from './support.service.ts';
import { supportMessages as supportMessagesTable, supportRequests, supportSettings } from './support.table.ts';

export type { TSupportRequestCreatedEvent } from './support.events.ts';
export { makeSupportRequest } from './support.factory.ts';
export type { SupportInbound, TInboundMail, TInboundResult } from './support.inbound.ts';
export { SUPPORT_MEASURES } from './support.provider.ts';
export { createInboundReceiver, type InboundReceiver } from './support.receiver.ts';
export { type TSupportRequest, ZSupportRequest } from './support.schemas.ts';
export { type SupportService, toSupportRequestDto } from './support.service.ts';
export { supportRequests };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const supportModule = defineModule({
  name: 'support',
  tables: { supportRequests, supportMessages: supportMessagesTable, supportSettings },
  permissions: supportPermissions,
  messages: supportMessages,
  accessMatrix: supportAccessMatrix,
  accessFixtures: supportAccessFixtures,
  services: (ctx) => {
    const core = createSupportCore({ clock: ctx.clock, timeline: ctx.services.timeline, events: ctx.events });
    const inboundDomain = ctx.config.inbound.domain;
    // After health in the module list: "open support requests" joins the scorecard editor, the scores and the evaluation.
    ctx.services.health.registerMeasureProvider(supportMeasureProvider);
    return {
      support: createSupportService({ db: ctx.db, clock: ctx.clock, accounts: ctx.services.accounts, core, inboundDomain }),
      supportInbound: createSupportInbound({ db: ctx.db, clock: ctx.clock, core, inboundDomain }),
    };
  },
  routes: (app, ctx) => registerSupportRoutes(app, { support: ctx.services.support }),
  // The inbound SMTP receiver: only when INBOUND_SMTP_PORT is set.
  listeners: (ctx) => {
    const { port, host } = ctx.config.inbound;
    if (port === null) return [];
    const receiver = createInboundReceiver({ inbound: ctx.services.supportInbound, logger: ctx.logger });
    return [{ name: receiver.name, start: async () => void (await receiver.listen(port, host)), stop: receiver.close }];
  },
  demo: supportDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    support: SupportService;
    supportInbound: SupportInbound;
  }
}
