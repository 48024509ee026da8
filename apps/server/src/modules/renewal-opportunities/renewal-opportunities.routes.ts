import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TRenewalOpportunity,
  ZPreviewRenewalEmailRequest,
  ZPutRenewalEmailTemplateRequest,
  ZRenewalBoard,
  ZRenewalBoardQuery,
  ZRenewalEmailPreview,
  ZRenewalEmailTemplate,
  ZRenewalEmailTemplateKey,
  ZRenewalEmailTemplates,
  ZRenewalOpportunitiesExportQuery,
  ZRenewalOpportunitiesPage,
  ZRenewalOpportunitiesQuery,
  ZRenewalOpportunity,
  ZRenewalOpportunityListQuery,
  ZRenewalOpportunityPage,
  ZRenewalSettings,
  ZUpdateRenewalOpportunityRequest,
  ZUpdateRenewalSettingsRequest,
} from './renewal-opportunities.schemas.ts';
import type { RenewalOpportunityService } from './renewal-opportunities.service.ts';
import type { createRenewalEmailTemplateService } from './renewal-opportunities.templates.ts';

const money = (cents: number) => (cents / 100).toFixed(2);

/** The columns of the CSV export, in order (money in major units of the renewal's currency). */
const RENEWAL_CSV: CsvColumn<TRenewalOpportunity>[] = [
  ['id', (r) => r.id],
  ['account', (r) => r.accountName],
  ['subscription', (r) => r.subscriptionReference],
  ['renewal_date', (r) => r.dueOn],
  ['days_left', (r) => String(r.daysLeft)],
  ['timing', (r) => r.timing],
  ['stage', (r) => r.stage],
  ['category', (r) => r.category],
  ['owner', (r) => r.ownerName],
  ['currency', (r) => r.currency],
  ['target', (r) => money(r.targetCents)],
  ['forecast', (r) => money(r.forecastCents)],
  ['likelihood', (r) => (r.likelihood === null ? null : String(r.likelihood))],
  ['risk_reasons', (r) => r.riskReasons.join(' ')],
  ['close_reason', (r) => r.closeReason],
  ['closed_at', (r) => r.closedAt],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerRenewalOpportunityRoutes(
  app: FastifyInstance,
  deps: { renewalOpportunities: RenewalOpportunityService & ReturnType<typeof createRenewalEmailTemplateService> },
) {
  const r = typed(app);
  const svc = deps.renewalOpportunities;
  const tags = ['renewal-opportunities'];

  r.get('/api/v1/renewal-opportunities', {
    schema: {
      operationId: 'listRenewalOpportunities',
      summary: 'List the renewal pipeline',
      tags,
      querystring: ZRenewalOpportunitiesQuery,
      response: { 200: ZRenewalOpportunitiesPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/renewal-opportunities/export.csv', {
    schema: {
      operationId: 'exportRenewalOpportunitiesCsv',
      summary: 'Export the renewal pipeline as CSV',
      description: 'Every renewal matching the same filters and order as the list.',
      tags,
      querystring: ZRenewalOpportunitiesExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'renewals.csv', RENEWAL_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/renewal-opportunities/board', {
    schema: {
      operationId: 'getRenewalBoard',
      summary: 'The renewal pipeline by stage',
      tags,
      querystring: ZRenewalBoardQuery,
      response: { 200: ZRenewalBoard, ...standardErrors },
    },
    handler: async (req) => svc.board(actorOf(req), req.query),
  });

  r.get('/api/v1/accounts/:id/renewal-opportunities', {
    schema: {
      operationId: 'listRenewalOpportunitiesOfAccount',
      summary: 'List the renewals of an account',
      tags,
      params: ZIdParams,
      querystring: ZRenewalOpportunityListQuery,
      response: { 200: ZRenewalOpportunityPage, ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id, req.query),
  });

  r.get('/api/v1/renewal-opportunities/:id', {
    schema: {
      operationId: 'getRenewalOpportunity',
      summary: 'Get a renewal',
      tags,
      params: ZIdParams,
      response: { 200: ZRenewalOpportunity, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.patch('/api/v1/renewal-opportunities/:id', {
    schema: {
      operationId: 'updateRenewalOpportunity',
      summary: 'Move a renewal to a stage, or change its forecast, category, owner or notes',
      tags,
      params: ZIdParams,
      body: ZUpdateRenewalOpportunityRequest,
      response: { 200: ZRenewalOpportunity, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/subscriptions/:id/renewal-opportunity', {
    schema: {
      operationId: 'openRenewalOpportunity',
      summary: 'Open the renewal of a subscription’s current term now, before its lead time',
      description: 'Once per term: when it is open already, that renewal is answered.',
      tags,
      params: ZIdParams,
      response: { 201: ZRenewalOpportunity, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.openNow(actorOf(req), req.params.id)),
  });

  r.get('/api/v1/renewal-settings', {
    schema: {
      operationId: 'getRenewalSettings',
      summary: 'The renewal lead time and reminder offsets',
      tags,
      response: { 200: ZRenewalSettings, ...standardErrors },
    },
    handler: async (req) => svc.getSettings(actorOf(req)),
  });

  r.put('/api/v1/renewal-settings', {
    schema: {
      operationId: 'updateRenewalSettings',
      summary: 'Change the renewal lead time (default, per segment or edition) and reminder offsets',
      tags,
      body: ZUpdateRenewalSettingsRequest,
      response: { 200: ZRenewalSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.get('/api/v1/renewal-settings/email-templates', {
    schema: {
      operationId: 'listRenewalEmailTemplates',
      summary: 'The customer e-mails’ templates (reminder, confirmation) in en, nl and da, and their placeholders',
      tags,
      response: { 200: ZRenewalEmailTemplates, ...standardErrors },
    },
    handler: async (req) => svc.listEmailTemplates(actorOf(req)),
  });

  r.put('/api/v1/renewal-settings/email-templates', {
    schema: {
      operationId: 'updateRenewalEmailTemplate',
      summary: 'Reword a customer e-mail in one language',
      tags,
      body: ZPutRenewalEmailTemplateRequest,
      response: { 200: ZRenewalEmailTemplate, ...standardErrors },
    },
    handler: async (req) => svc.putEmailTemplate(actorOf(req), req.body, req.body),
  });

  r.post('/api/v1/renewal-settings/email-templates/reset', {
    schema: {
      operationId: 'resetRenewalEmailTemplate',
      summary: 'Put a customer e-mail back to the built-in text',
      tags,
      body: ZRenewalEmailTemplateKey,
      response: { 200: ZRenewalEmailTemplate, ...standardErrors },
    },
    handler: async (req) => svc.resetEmailTemplate(actorOf(req), req.body),
  });

  r.post('/api/v1/renewal-settings/email-templates/preview', {
    schema: {
      operationId: 'previewRenewalEmail',
      summary: 'A customer e-mail as a contact would read it, with sample facts',
      tags,
      body: ZPreviewRenewalEmailRequest,
      response: { 200: ZRenewalEmailPreview, ...standardErrors },
    },
    handler: async (req) => svc.previewEmail(actorOf(req), req.body),
  });
}
