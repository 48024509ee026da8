import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { planCsv } from './plans.export.ts';
import {
  ZComparison,
  ZComparisonQuery,
  ZCreateFeatureRequest,
  ZCreatePlanRequest,
  ZCreateProductRequest,
  ZFeature,
  ZFeatureList,
  ZPlanDetail,
  ZPlanListQuery,
  ZPlanPage,
  ZProduct,
  ZProductList,
  ZProductListQuery,
  ZRemoved,
  ZSetPlanFeaturesRequest,
  ZSetPricesRequest,
  ZUpdateFeatureRequest,
  ZUpdatePlanRequest,
  ZUpdateProductRequest,
} from './plans.schemas.ts';
import type { PlanService } from './plans.service.ts';

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerPlanRoutes(app: FastifyInstance, deps: { plans: PlanService }) {
  const r = typed(app);
  const svc = deps.plans;
  const tags = ['plans'];

  r.get('/api/v1/products', {
    schema: {
      operationId: 'listProducts',
      summary: 'List products',
      tags,
      querystring: ZProductListQuery,
      response: { 200: ZProductList, ...standardErrors },
    },
    handler: async (req) => svc.listProducts(actorOf(req), req.query.status),
  });
  r.post('/api/v1/products', {
    schema: {
      operationId: 'createProduct',
      summary: 'Create a product',
      tags,
      body: ZCreateProductRequest,
      response: { 201: ZProduct, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createProduct(actorOf(req), req.body)),
  });
  r.get('/api/v1/products/:id', {
    schema: {
      operationId: 'getProduct',
      summary: 'Get a product',
      tags,
      params: ZIdParams,
      response: { 200: ZProduct, ...standardErrors },
    },
    handler: async (req) => svc.getProduct(actorOf(req), req.params.id),
  });
  r.patch('/api/v1/products/:id', {
    schema: {
      operationId: 'updateProduct',
      summary: 'Update or restore a product',
      tags,
      params: ZIdParams,
      body: ZUpdateProductRequest,
      response: { 200: ZProduct, ...standardErrors },
    },
    handler: async (req) => svc.updateProduct(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/products/:id', {
    schema: {
      operationId: 'deleteProduct',
      summary: 'Delete a product, or archive it while a subscription uses one of its plans',
      tags,
      params: ZIdParams,
      response: { 200: ZRemoved, ...standardErrors },
    },
    handler: async (req) => svc.removeProduct(actorOf(req), req.params.id),
  });

  r.get('/api/v1/features', {
    schema: {
      operationId: 'listFeatures',
      summary: 'List the features plans offer',
      tags,
      response: { 200: ZFeatureList, ...standardErrors },
    },
    handler: async (req) => svc.listFeatures(actorOf(req)),
  });
  r.post('/api/v1/features', {
    schema: {
      operationId: 'createFeature',
      summary: 'Create a feature',
      tags,
      body: ZCreateFeatureRequest,
      response: { 201: ZFeature, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createFeature(actorOf(req), req.body)),
  });
  r.patch('/api/v1/features/:id', {
    schema: {
      operationId: 'updateFeature',
      summary: 'Update a feature',
      tags,
      params: ZIdParams,
      body: ZUpdateFeatureRequest,
      response: { 200: ZFeature, ...standardErrors },
    },
    handler: async (req) => svc.updateFeature(actorOf(req), req.params.id, req.body),
  });
  r.delete('/api/v1/features/:id', {
    schema: {
      operationId: 'deleteFeature',
      summary: 'Delete a feature (it leaves every plan)',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.removeFeature(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/plans', {
    schema: {
      operationId: 'listPlans',
      summary: 'List plans with their prices',
      tags,
      querystring: ZPlanListQuery,
      response: { 200: ZPlanPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });
  r.get('/api/v1/plans/export.csv', {
    schema: {
      operationId: 'exportPlansCsv',
      summary: 'Export plans and their prices as CSV',
      tags,
      querystring: ZPlanListQuery.omit({ page: true, pageSize: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => reply.headers(attachmentHeaders('plans.csv')).send(planCsv(await svc.listAll(actorOf(req), req.query))),
  });
  r.get('/api/v1/plans/comparison', {
    schema: {
      operationId: 'comparePlans',
      summary: 'Plans side by side: prices for one currency and interval, and the feature grid by group',
      tags,
      querystring: ZComparisonQuery,
      response: { 200: ZComparison, ...standardErrors },
    },
    handler: async (req) => svc.comparison(actorOf(req), req.query),
  });
  r.get('/api/v1/plans/:id', {
    schema: {
      operationId: 'getPlan',
      summary: 'Get a plan with its prices and features',
      tags,
      params: ZIdParams,
      response: { 200: ZPlanDetail, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });
  r.post('/api/v1/products/:id/plans', {
    schema: {
      operationId: 'createPlan',
      summary: 'Create a plan of a product, with its prices and features',
      tags,
      params: ZIdParams,
      body: ZCreatePlanRequest,
      response: { 201: ZPlanDetail, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createInProduct(actorOf(req), req.params.id, req.body)),
  });
  r.patch('/api/v1/plans/:id', {
    schema: {
      operationId: 'updatePlan',
      summary: 'Update or restore a plan',
      tags,
      params: ZIdParams,
      body: ZUpdatePlanRequest,
      response: { 200: ZPlanDetail, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });
  r.put('/api/v1/plans/:id/prices', {
    schema: {
      operationId: 'setPlanPrices',
      summary: "Replace a plan's prices",
      tags,
      params: ZIdParams,
      body: ZSetPricesRequest,
      response: { 200: ZPlanDetail, ...standardErrors },
    },
    handler: async (req) => svc.setPrices(actorOf(req), req.params.id, req.body.prices),
  });
  r.put('/api/v1/plans/:id/features', {
    schema: {
      operationId: 'setPlanFeatures',
      summary: "Replace a plan's feature list",
      tags,
      params: ZIdParams,
      body: ZSetPlanFeaturesRequest,
      response: { 200: ZPlanDetail, ...standardErrors },
    },
    handler: async (req) => svc.setFeatures(actorOf(req), req.params.id, req.body.features),
  });
  r.delete('/api/v1/plans/:id', {
    schema: {
      operationId: 'deletePlan',
      summary: 'Delete a plan, or archive it while a subscription uses it',
      tags,
      params: ZIdParams,
      response: { 200: ZRemoved, ...standardErrors },
    },
    handler: async (req) => svc.remove(actorOf(req), req.params.id),
  });
}
