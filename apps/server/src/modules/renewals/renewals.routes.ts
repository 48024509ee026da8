import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import {
  type TRenewalTerm,
  ZRenewalReport,
  ZRenewalReportQuery,
  ZRenewalTermsExportQuery,
  ZRenewalTermsPage,
  ZRenewalTermsQuery,
} from './renewals.schemas.ts';
import type { RenewalService } from './renewals.service.ts';

/** The columns of the drill-down's CSV export, in order. */
const TERM_CSV: CsvColumn<TRenewalTerm>[] = [
  ['account', (r) => r.accountName],
  ['subscription', (r) => r.subscriptionReference],
  ['term_start', (r) => r.termStart],
  ['last_day', (r) => r.lastDay],
  ['due_arr', (r) => r.dueArr],
  ['outcome', (r) => r.outcome],
  ['change', (r) => r.change],
  ['next_term_start', (r) => r.nextTermStart],
  ['next_arr', (r) => r.nextArr],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerRenewalRoutes(app: FastifyInstance, deps: { renewals: RenewalService }) {
  const r = typed(app);
  const svc = deps.renewals;

  r.get('/api/v1/renewals/report', {
    schema: {
      operationId: 'getRenewalReport',
      summary: 'Renewal figures per period',
      description:
        'Per month, quarter or year: the subscription terms due (their last day in the period), renewed, churned, downgraded and upgraded, renewal rates by count and value, eligible churn, revenue churn and average deal value (METRICS.md), then the win-back offers sent for the period’s churn-risk or churned renewals, won, lost (declined or expired) and the ARR won back. Money in major units of the reporting currency, rates as fractions.',
      tags: ['renewals'],
      querystring: ZRenewalReportQuery,
      response: { 200: ZRenewalReport, ...standardErrors },
    },
    handler: async (req) => svc.report(actorOf(req), req.query),
  });

  r.get('/api/v1/renewals/terms', {
    schema: {
      operationId: 'listRenewalTerms',
      summary: 'The terms behind the renewal figures',
      tags: ['renewals'],
      querystring: ZRenewalTermsQuery,
      response: { 200: ZRenewalTermsPage, ...standardErrors },
    },
    handler: async (req) => svc.terms(actorOf(req), req.query),
  });

  r.get('/api/v1/renewals/terms/export.csv', {
    schema: {
      operationId: 'exportRenewalTermsCsv',
      summary: 'Export the terms behind the renewal figures as CSV',
      tags: ['renewals'],
      querystring: ZRenewalTermsExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'renewal-terms.csv', TERM_CSV, svc.exportTerms(actorOf(req), req.query)),
  });
}
