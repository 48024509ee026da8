import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZAccountHealth,
  ZCreatePulseRequest,
  ZEvaluateRequest,
  ZEvaluation,
  ZHealthSettings,
  ZMeasureList,
  ZPulse,
  ZPulseListQuery,
  ZPulsePage,
  ZRecomputeResult,
  ZSaveScorecardRequest,
  ZScorecard,
  ZScorecardList,
  ZScorecardWithVersions,
  ZUpdateHealthSettingsRequest,
} from './health.schemas.ts';
import type { HealthService } from './health.service.ts';

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerHealthRoutes(app: FastifyInstance, deps: { health: HealthService }) {
  const r = typed(app);
  const svc = deps.health;
  const tags = ['health'];

  r.get('/api/v1/health/measures', {
    schema: {
      operationId: 'listHealthMeasures',
      summary: 'List the measures a scorecard can use',
      tags,
      response: { 200: ZMeasureList, ...standardErrors },
    },
    handler: async (req) => svc.measures(actorOf(req)),
  });
  r.get('/api/v1/health/scorecards', {
    schema: {
      operationId: 'listHealthScorecards',
      summary: 'List the scorecards (current versions)',
      tags,
      response: { 200: ZScorecardList, ...standardErrors },
    },
    handler: async (req) => svc.listScorecards(actorOf(req)),
  });
  r.post('/api/v1/health/scorecards', {
    schema: {
      operationId: 'createHealthScorecard',
      summary: 'Create a scorecard for a segment',
      tags,
      body: ZSaveScorecardRequest,
      response: { 201: ZScorecard, ...standardErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.createScorecard(actorOf(req), req.body)),
  });
  r.get('/api/v1/health/scorecards/:id', {
    schema: {
      operationId: 'getHealthScorecard',
      summary: 'Get a scorecard with its versions',
      tags,
      params: ZIdParams,
      response: { 200: ZScorecardWithVersions, ...standardErrors },
    },
    handler: async (req) => svc.getScorecard(actorOf(req), req.params.id),
  });
  r.put('/api/v1/health/scorecards/:id', {
    schema: {
      operationId: 'updateHealthScorecard',
      summary: 'Save a scorecard as a new version',
      tags,
      params: ZIdParams,
      body: ZSaveScorecardRequest,
      response: { 200: ZScorecard, ...standardErrors },
    },
    handler: async (req) => svc.updateScorecard(actorOf(req), req.params.id, req.body),
  });
  r.get('/api/v1/health/settings', {
    schema: {
      operationId: 'getHealthSettings',
      summary: 'Get the health bands',
      tags,
      response: { 200: ZHealthSettings, ...standardErrors },
    },
    handler: async (req) => svc.settings(actorOf(req)),
  });
  r.put('/api/v1/health/settings', {
    schema: {
      operationId: 'updateHealthSettings',
      summary: 'Change the health bands',
      tags,
      body: ZUpdateHealthSettingsRequest,
      response: { 200: ZHealthSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });
  r.post('/api/v1/health/recompute', {
    schema: {
      operationId: 'recomputeHealth',
      summary: 'Recompute every account’s health now',
      description: 'What the nightly job does, for the caller’s organisation.',
      tags,
      response: { 200: ZRecomputeResult, ...standardErrors },
    },
    handler: async (req) => svc.recomputeAll(actorOf(req)),
  });
  r.post('/api/v1/health/evaluate', {
    schema: {
      operationId: 'evaluateHealth',
      summary: 'Evaluate (and fit) a scorecard against past churn',
      description:
        'ROC AUC, lift by decile and the confusion at the band boundaries on the test part, for the accounts whose outcome is known, each scored as of the day before its churn. With fit: a scorecard fitted on the training part; with save: stored as a new version.',
      tags,
      body: ZEvaluateRequest,
      response: { 200: ZEvaluation, ...standardErrors },
    },
    handler: async (req) => svc.evaluate(actorOf(req), req.body),
  });
  r.get('/api/v1/accounts/:id/health', {
    schema: {
      operationId: 'getAccountHealth',
      summary: 'An account’s health, explained',
      tags,
      params: ZIdParams,
      response: { 200: ZAccountHealth, ...standardErrors },
    },
    handler: async (req) => svc.ofAccount(actorOf(req), req.params.id),
  });
  r.post('/api/v1/accounts/:id/health/recompute', {
    schema: {
      operationId: 'recomputeAccountHealth',
      summary: 'Recompute one account’s health now',
      tags,
      params: ZIdParams,
      response: { 200: ZRecomputeResult, ...standardErrors },
    },
    handler: async (req) => svc.recomputeAccount(actorOf(req), req.params.id),
  });
  r.get('/api/v1/accounts/:id/health/pulses', {
    schema: {
      operationId: 'listAccountHealthPulses',
      summary: 'List an account’s CSM pulses, newest first',
      tags,
      params: ZIdParams,
      querystring: ZPulseListQuery,
      response: { 200: ZPulsePage, ...standardErrors },
    },
    handler: async (req) => svc.pulses(actorOf(req), req.params.id, req.query),
  });
  r.post('/api/v1/accounts/:id/health/pulses', {
    schema: {
      operationId: 'addAccountHealthPulse',
      summary: 'Give an account a CSM pulse',
      description: 'A manual 0–100 with a reason and an optional expiry; it never overwrites the pulse before it.',
      tags,
      params: ZIdParams,
      body: ZCreatePulseRequest,
      response: { 201: ZPulse, ...standardErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.addPulse(actorOf(req), req.params.id, req.body)),
  });
}
