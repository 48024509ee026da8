// The quotes module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { quotesAccessFixtures, quotesAccessMatrix, quotesPublicRoutes } from './quotes.access.ts';
import { quoteMailAttachments } from './quotes.attachments.ts';
import { quotesDemo } from './quotes.demo.ts';
import { quotesMessages } from './quotes.messages.ts';
import { quotesPermissions } from './quotes.permissions.ts';
import { createQuotePublicService, type QuotePublicService } from './quotes.public.ts';
import { registerQuoteRoutes } from './quotes.routes.ts';
import { createQuoteService, type QuoteService } from './quotes.service.ts';
import { quoteLines, quoteSettings, quotes, quoteTemplates } from './quotes.table.ts';
import { createQuoteTemplateService, type QuoteTemplateService } from './quotes.templates.ts';

export type { TQuoteDecidedEvent } from './quotes.events.ts';
export { makeQuote } from './quotes.factory.ts';
export { renderQuotePdf, type TQuoteDocument } from './quotes.pdf.ts';
export type { TQuote } from './quotes.schemas.ts';
export type { QuoteService } from './quotes.service.ts';
/** Exported for reading (reports); only this module writes them. */
export { quoteLines, quotes };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const quotesModule = defineModule({
  name: 'quotes',
  tables: { quoteTemplates, quotes, quoteLines, quoteSettings },
  permissions: quotesPermissions,
  messages: quotesMessages,
  accessMatrix: quotesAccessMatrix,
  accessFixtures: quotesAccessFixtures,
  publicRoutes: quotesPublicRoutes,
  services: (ctx) => {
    const quoteTemplates = createQuoteTemplateService({ db: ctx.db, clock: ctx.clock });
    const common = {
      db: ctx.db,
      clock: ctx.clock,
      subscriptions: ctx.services.subscriptions,
      renewalOpportunities: ctx.services.renewalOpportunities,
      templates: quoteTemplates,
    };
    return {
      quoteTemplates,
      quotes: createQuoteService({
        ...common,
        publicUrl: ctx.config.publicUrl,
        accounts: ctx.services.accounts,
        plans: ctx.services.plans,
      }),
      quotesPublic: createQuotePublicService({ ...common, events: ctx.events }),
    };
  },
  routes: (app, ctx) =>
    registerQuoteRoutes(app, {
      quotes: ctx.services.quotes,
      quoteTemplates: ctx.services.quoteTemplates,
      quotesPublic: ctx.services.quotesPublic,
    }),
  mailAttachments: (ctx) => quoteMailAttachments(ctx.db),
  // The customer's link to a quote (`/q/<signed token>`): whoever holds it may accept or decline.
  secretLinkPaths: ['/q/'],
  demo: quotesDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    quotes: QuoteService;
    quoteTemplates: QuoteTemplateService;
    quotesPublic: QuotePublicService;
  }
}
