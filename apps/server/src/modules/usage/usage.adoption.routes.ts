import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TFeatureAdoption,
  ZAccountAdoption,
  ZAccountAdoptionQuery,
  ZAdoptionSettings,
  ZFeatureAdoptionList,
  ZFeatureAdoptionQuery,
  ZKeyFeatures,
  ZSaveKeyFeaturesRequest,
} from './usage.adoption.schemas.ts';
import type { AdoptionService } from './usage.adoption.ts';

const FEATURE_CSV: CsvColumn<TFeatureAdoption>[] = [
  ['feature', (r) => r.event],
  ['key_feature', (r) => (r.isKey ? 'yes' : 'no')],
  ['accounts_30d', (r) => r.accounts],
  ['share_of_accounts_percent', (r) => r.sharePercent],
  ['events_30d', (r) => r.events30d],
  ['events_previous_30d', (r) => r.eventsPrev30d],
  ['trend_percent', (r) => r.trendPercent],
  ['users_per_day_30d', (r) => r.usersPerDay30d],
];

const tags = ['usage'];

/** Adoption: an account's, the features' across accounts, key features and thresholds. */
export function registerAdoptionRoutes(app: FastifyInstance, deps: { adoption: AdoptionService }) {
  const r = typed(app);
  const svc = deps.adoption;

  r.get('/api/v1/accounts/:id/adoption', {
    schema: {
      operationId: 'getAccountAdoption',
      summary: "An account's adoption: summary, flags, events and active users per day, use per feature",
      description: 'The range defaults to the 90 days up to today; the summary and the feature table are of the 30 days up to `to`.',
      tags,
      params: ZIdParams,
      querystring: ZAccountAdoptionQuery,
      response: { 200: ZAccountAdoption, ...standardErrors },
    },
    handler: async (req) => svc.accountAdoption(actorOf(req), req.params.id, req.query),
  });

  r.get('/api/v1/usage/adoption/features', {
    schema: {
      operationId: 'listFeatureAdoption',
      summary: 'Feature adoption across accounts (last 30 days), by plan, segment, market and owner',
      tags,
      querystring: ZFeatureAdoptionQuery,
      response: { 200: ZFeatureAdoptionList, ...standardErrors },
    },
    handler: async (req) => svc.featureAdoption(actorOf(req), req.query),
  });

  r.get('/api/v1/usage/adoption/features/export.csv', {
    schema: {
      operationId: 'exportFeatureAdoptionCsv',
      summary: 'Export feature adoption across accounts as CSV',
      tags,
      querystring: ZFeatureAdoptionQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'feature-adoption.csv', FEATURE_CSV, svc.exportFeatureAdoption(actorOf(req), req.query)),
  });

  r.get('/api/v1/usage/key-features', {
    schema: {
      operationId: 'getUsageKeyFeatures',
      summary: 'The key features per plan, and the event names seen',
      tags,
      response: { 200: ZKeyFeatures, ...standardErrors },
    },
    handler: async (req) => svc.keyFeatures(actorOf(req)),
  });

  r.put('/api/v1/usage/key-features', {
    schema: {
      operationId: 'saveUsageKeyFeatures',
      summary: 'Replace the key features (event names, per plan or for every plan)',
      tags,
      body: ZSaveKeyFeaturesRequest,
      response: { 200: ZKeyFeatures, ...standardErrors },
    },
    handler: async (req) => svc.saveKeyFeatures(actorOf(req), req.body),
  });

  r.get('/api/v1/usage/adoption/settings', {
    schema: {
      operationId: 'getAdoptionSettings',
      summary: 'The thresholds of the low-activity and poor-adoption flags',
      tags,
      response: { 200: ZAdoptionSettings, ...standardErrors },
    },
    handler: async (req) => svc.getSettings(actorOf(req)),
  });

  r.put('/api/v1/usage/adoption/settings', {
    schema: {
      operationId: 'updateAdoptionSettings',
      summary: 'Change the thresholds of the low-activity and poor-adoption flags',
      tags,
      body: ZAdoptionSettings,
      response: { 200: ZAdoptionSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });
}
