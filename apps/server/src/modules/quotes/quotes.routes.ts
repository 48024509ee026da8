import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import type { QuotePublicService } from './quotes.public.ts';
import {
  type TQuoteSummary,
  ZAcceptRequest,
  ZCreateQuoteRequest,
  ZDecisionRequest,
  ZDeclineRequest,
  ZPublicQuote,
  ZQuote,
  ZQuoteSettings,
  ZQuotesExportQuery,
  ZQuotesPage,
  ZQuotesQuery,
  ZQuoteTemplate,
  ZQuoteTemplateInput,
  ZQuoteTemplateList,
  ZQuoteTemplateUpdate,
  ZRejectRequest,
  ZSendRequest,
  ZSentQuote,
  ZTokenParams,
  ZUpdateQuoteRequest,
  ZUpdateQuoteSettingsRequest,
} from './quotes.schemas.ts';
import type { QuoteService } from './quotes.service.ts';
import type { QuoteTemplateService } from './quotes.templates.ts';

const money = (cents: number) => (cents / 100).toFixed(2);
const QUOTE_CSV: CsvColumn<TQuoteSummary>[] = [
  ['reference', (q) => q.reference],
  ['kind', (q) => q.kind],
  ['account', (q) => q.accountName],
  ['contact', (q) => q.contactName],
  ['status', (q) => q.status],
  ['currency', (q) => q.currency],
  ['list_total', (q) => money(q.listTotalCents)],
  ['total', (q) => money(q.totalCents)],
  ['discount_percent', (q) => String(q.discountPercent)],
  ['term_start', (q) => q.termStart],
  ['term_end', (q) => q.termEnd],
  ['valid_until', (q) => q.validUntil],
  ['approval_reasons', (q) => q.approvalReasons.join(' ')],
  ['decided_by', (q) => q.decidedByName],
  ['sent_at', (q) => q.sentAt],
  ['accepted_at', (q) => q.acceptedAt],
  ['accepted_name', (q) => q.acceptedName],
  ['declined_at', (q) => q.declinedAt],
  ['decline_reason', (q) => q.declineReason],
  ['outcome', (q) => q.outcome],
  ['created_by', (q) => q.createdByName],
  ['created_at', (q) => q.createdAt],
];

/** Each route: its schema, an operationId for the generated client, a one-line handler. */
export function registerQuoteRoutes(
  app: FastifyInstance,
  deps: { quotes: QuoteService; quoteTemplates: QuoteTemplateService; quotesPublic: QuotePublicService },
) {
  const r = typed(app);
  const svc = deps.quotes;
  const tpl = deps.quoteTemplates;
  const pub = deps.quotesPublic;
  const tags = ['quotes'];

  r.post('/api/v1/renewal-opportunities/:id/quotes', {
    schema: {
      operationId: 'createQuote',
      summary: 'Make a quote (or a win-back offer) from a renewal',
      tags,
      params: ZIdParams,
      body: ZCreateQuoteRequest,
      response: { 201: ZQuote, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/quotes', {
    schema: {
      operationId: 'listQuotes',
      summary: 'List quotes',
      tags,
      querystring: ZQuotesQuery,
      response: { 200: ZQuotesPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/quotes/export.csv', {
    schema: {
      operationId: 'exportQuotesCsv',
      summary: 'Export quotes as CSV',
      tags,
      querystring: ZQuotesExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'quotes.csv', QUOTE_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/quotes/:id', {
    schema: { operationId: 'getQuote', summary: 'Get a quote', tags, params: ZIdParams, response: { 200: ZQuote, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/quotes/:id', {
    schema: {
      operationId: 'updateQuote',
      summary: 'Change a quote’s lines, dates, contact, template or incentive (before it is sent)',
      tags,
      params: ZIdParams,
      body: ZUpdateQuoteRequest,
      response: { 200: ZQuote, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/quotes/:id/submit', {
    schema: {
      operationId: 'submitQuote',
      summary: 'Ask a director to approve the quote (approved at once when no rule asks for it)',
      tags,
      params: ZIdParams,
      response: { 200: ZQuote, ...standardErrors },
    },
    handler: async (req) => svc.submit(actorOf(req), req.params.id),
  });

  r.post('/api/v1/quotes/:id/approve', {
    schema: {
      operationId: 'approveQuote',
      summary: 'Approve a quote waiting for approval',
      tags,
      params: ZIdParams,
      body: ZDecisionRequest,
      response: { 200: ZQuote, ...standardErrors },
    },
    handler: async (req) => svc.decide(actorOf(req), req.params.id, 'approved', req.body.comment),
  });

  r.post('/api/v1/quotes/:id/reject', {
    schema: {
      operationId: 'rejectQuote',
      summary: 'Reject a quote waiting for approval, with a comment',
      tags,
      params: ZIdParams,
      body: ZRejectRequest,
      response: { 200: ZQuote, ...standardErrors },
    },
    handler: async (req) => svc.decide(actorOf(req), req.params.id, 'rejected', req.body.comment),
  });

  r.post('/api/v1/quotes/:id/send', {
    schema: {
      operationId: 'sendQuote',
      summary: 'E-mail the quote’s secure link to the customer (a new link each time)',
      tags,
      params: ZIdParams,
      body: ZSendRequest,
      response: { 200: ZSentQuote, ...standardErrors },
    },
    handler: async (req) => svc.send(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/quote-templates', {
    schema: {
      operationId: 'listQuoteTemplates',
      summary: 'List quote templates',
      tags,
      response: { 200: ZQuoteTemplateList, ...standardErrors },
    },
    handler: async (req) => tpl.list(actorOf(req)),
  });

  r.post('/api/v1/quote-templates', {
    schema: {
      operationId: 'createQuoteTemplate',
      summary: 'Add a quote template',
      tags,
      body: ZQuoteTemplateInput,
      response: { 201: ZQuoteTemplate, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await tpl.create(actorOf(req), req.body)),
  });

  r.patch('/api/v1/quote-templates/:id', {
    schema: {
      operationId: 'updateQuoteTemplate',
      summary: 'Change a quote template',
      tags,
      params: ZIdParams,
      body: ZQuoteTemplateUpdate,
      response: { 200: ZQuoteTemplate, ...standardErrors },
    },
    handler: async (req) => tpl.update(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/quote-settings', {
    schema: {
      operationId: 'getQuoteSettings',
      summary: 'The quote approval rules',
      tags,
      response: { 200: ZQuoteSettings, ...standardErrors },
    },
    handler: async (req) => tpl.getSettings(actorOf(req)),
  });

  r.put('/api/v1/quote-settings', {
    schema: {
      operationId: 'updateQuoteSettings',
      summary: 'Change the quote approval rules and link validity',
      tags,
      body: ZUpdateQuoteSettingsRequest,
      response: { 200: ZQuoteSettings, ...standardErrors },
    },
    handler: async (req) => tpl.updateSettings(actorOf(req), req.body),
  });

  // ── The customer's link: no account; anything but a valid, unexpired, current link is a plain 404 ──────────

  r.get('/api/v1/public/quotes/:token', {
    config: { public: true },
    schema: {
      operationId: 'viewPublicQuote',
      summary: 'The quote behind a customer link',
      tags,
      params: ZTokenParams,
      response: { 200: ZPublicQuote, ...standardErrors },
    },
    handler: async (req, reply) => reply.header('cache-control', 'private, no-store').send(await pub.view(req.params.token)),
  });

  r.get('/api/v1/public/quotes/:token/pdf', {
    config: { public: true },
    schema: {
      operationId: 'publicQuotePdf',
      summary: 'The quote behind a customer link as a PDF',
      tags,
      params: ZTokenParams,
      produces: ['application/pdf'],
      response: { 200: z.any(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const { fileName, pdf } = await pub.pdf(req.params.token);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });

  r.post('/api/v1/public/quotes/:token/accept', {
    config: { public: true },
    schema: {
      operationId: 'acceptPublicQuote',
      summary: 'Accept the quote by typing one’s name',
      tags,
      params: ZTokenParams,
      body: ZAcceptRequest,
      response: { 200: ZPublicQuote, ...standardErrors },
    },
    handler: async (req) => pub.accept(req.params.token, req.body.name, req.ip),
  });

  r.post('/api/v1/public/quotes/:token/decline', {
    config: { public: true },
    schema: {
      operationId: 'declinePublicQuote',
      summary: 'Decline the quote with a reason',
      tags,
      params: ZTokenParams,
      body: ZDeclineRequest,
      response: { 200: ZPublicQuote, ...standardErrors },
    },
    handler: async (req) => pub.decline(req.params.token, req.body.reason),
  });
}
