import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TUpsellCandidate,
  ZAccountUpsell,
  ZRecomputeResult,
  ZUpdateUpsellSettingsRequest,
  ZUpsellCandidatesExportQuery,
  ZUpsellCandidatesPage,
  ZUpsellCandidatesQuery,
  ZUpsellSettings,
} from './upsell-candidates.schemas.ts';
import type { UpsellCandidateService } from './upsell-candidates.service.ts';

/** The columns of the CSV export, in order: reasons as their codes, plans by name. */
const UPSELL_CANDIDATE_CSV: CsvColumn<TUpsellCandidate>[] = [
  ['account', (r) => r.accountName],
  ['market', (r) => r.marketName],
  ['segment', (r) => r.segment],
  ['owner', (r) => r.ownerName],
  ['reasons', (r) => [...new Set(r.reasons.map((x) => x.code))].join(' ')],
  ['plan', (r) => r.planName],
  ['next_plan', (r) => r.nextPlanName],
  ['mrr_difference', (r) => r.mrrDifference?.toFixed(2) ?? null],
  ['currency', (r) => r.currency],
  ['limit_percent', (r) => r.limitPercent],
  ['since', (r) => r.since],
  ['account_id', (r) => r.accountId],
];

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerUpsellCandidateRoutes(app: FastifyInstance, deps: { upsellCandidates: UpsellCandidateService }) {
  const r = typed(app);
  const svc = deps.upsellCandidates;
  const tags = ['upsell-candidates'];

  r.get('/api/v1/upsell-candidates', {
    schema: {
      operationId: 'listUpsellCandidates',
      summary: 'List the upsell candidates',
      description:
        'Accounts whose subscriptions are near their plan’s user limit, on a lower tier than their segment usually buys, grew repeatedly, or lack an add-on their segment usually takes; as of the last recompute (nightly).',
      tags,
      querystring: ZUpsellCandidatesQuery,
      response: { 200: ZUpsellCandidatesPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/upsell-candidates/export.csv', {
    schema: {
      operationId: 'exportUpsellCandidatesCsv',
      summary: 'Export the upsell candidates as CSV',
      description: 'Every upsell candidate matching the same filters and order as the list.',
      tags,
      querystring: ZUpsellCandidatesExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'upsell-candidates.csv', UPSELL_CANDIDATE_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/upsell', {
    schema: {
      operationId: 'getAccountUpsell',
      summary: 'Why an account is an upsell candidate',
      tags,
      params: ZIdParams,
      response: { 200: ZAccountUpsell, ...standardErrors },
    },
    handler: async (req) => svc.ofAccount(actorOf(req), req.params.id),
  });

  r.get('/api/v1/upsell-candidates/settings', {
    schema: {
      operationId: 'getUpsellSettings',
      summary: 'Get the upsell settings',
      tags,
      response: { 200: ZUpsellSettings, ...standardErrors },
    },
    handler: async (req) => svc.settings(actorOf(req)),
  });

  r.put('/api/v1/upsell-candidates/settings', {
    schema: {
      operationId: 'updateUpsellSettings',
      summary: 'Change the upsell settings',
      tags,
      body: ZUpdateUpsellSettingsRequest,
      response: { 200: ZUpsellSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.post('/api/v1/upsell-candidates/recompute', {
    schema: {
      operationId: 'recomputeUpsellCandidates',
      summary: 'Recompute the upsell candidates now',
      description: 'What the nightly job does, for the caller’s organisation: after a change of the settings or the catalogue.',
      tags,
      response: { 200: ZRecomputeResult, ...standardErrors },
    },
    handler: async (req) => svc.recomputeNow(actorOf(req)),
  });
}
