import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { CHANGE_CSV, SUBSCRIPTION_CSV } from './subscriptions.csv.ts';
import {
  ZCancelReason,
  ZCancelReasonInput,
  ZChangeExportQuery,
  ZChangeInput,
  ZChangeListQuery,
  ZChangePage,
  ZCreateSubscription,
  ZSubscriptionDetail,
  ZSubscriptionExportQuery,
  ZSubscriptionListQuery,
  ZSubscriptionPage,
} from './subscriptions.schemas.ts';
import type { SubscriptionService } from './subscriptions.service.ts';

export function registerSubscriptionRoutes(app: FastifyInstance, deps: { subscriptions: SubscriptionService }) {
  const r = typed(app);
  const svc = deps.subscriptions;
  const tags = ['subscriptions'];

  r.get('/api/v1/subscriptions', {
    schema: {
      operationId: 'listSubscriptions',
      tags,
      summary: 'List subscriptions',
      querystring: ZSubscriptionListQuery,
      response: { 200: ZSubscriptionPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/subscriptions/export.csv', {
    schema: {
      operationId: 'exportSubscriptionsCsv',
      tags,
      summary: 'Export the subscriptions as CSV',
      description: 'Every subscription matching the same filters and order as the list.',
      querystring: ZSubscriptionExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'subscriptions.csv', SUBSCRIPTION_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.get('/api/v1/accounts/:id/subscriptions', {
    schema: {
      operationId: 'listAccountSubscriptions',
      tags,
      summary: 'An account’s subscriptions with their lines, versions and change history',
      params: ZIdParams,
      response: { 200: z.array(ZSubscriptionDetail), ...standardErrors },
    },
    handler: async (req) => svc.listOfAccount(actorOf(req), req.params.id),
  });

  r.post('/api/v1/accounts/:id/subscriptions', {
    schema: {
      operationId: 'createSubscription',
      tags,
      summary: 'Start a subscription for an account',
      description: 'Lines without a unit price take the plan’s list price for the currency and billing interval.',
      params: ZIdParams,
      body: ZCreateSubscription,
      response: { 201: ZSubscriptionDetail, ...standardErrors },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.create(actorOf(req), req.params.id, req.body)),
  });

  r.get('/api/v1/subscriptions/:id', {
    schema: {
      operationId: 'getSubscription',
      tags,
      summary: 'A subscription with its versions and changes',
      params: ZIdParams,
      response: { 200: ZSubscriptionDetail, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.post('/api/v1/subscriptions/:id/changes', {
    schema: {
      operationId: 'changeSubscription',
      tags,
      summary: 'Record an effective-dated change',
      description:
        'Upgrade or downgrade a line (change_plan), add a line (add-on), remove one, change quantity or price, add or remove a discount, change terms, request cancellation, withdraw it, end, reactivate or renew. Back-dated changes are replayed into the whole history.',
      params: ZIdParams,
      body: ZChangeInput,
      response: { 200: ZSubscriptionDetail, ...standardErrors },
    },
    handler: async (req) => svc.change(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/subscription-changes', {
    schema: {
      operationId: 'listSubscriptionChanges',
      tags,
      summary: 'Subscription changes across accounts (upgrades, downgrades, cancellations …), newest first',
      querystring: ZChangeListQuery,
      response: { 200: ZChangePage, ...standardErrors },
    },
    handler: async (req) => svc.listChanges(actorOf(req), req.query),
  });

  r.get('/api/v1/subscription-changes/export.csv', {
    schema: {
      operationId: 'exportSubscriptionChangesCsv',
      tags,
      summary: 'Export the subscription changes as CSV',
      description: 'Every change matching the same filters and order as the list.',
      querystring: ZChangeExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'subscription-changes.csv', CHANGE_CSV, svc.exportChanges(actorOf(req), req.query)),
  });

  r.get('/api/v1/cancel-reasons', {
    schema: {
      operationId: 'listCancelReasons',
      tags,
      summary: 'The cancel reasons',
      response: { 200: z.array(ZCancelReason), ...standardErrors },
    },
    handler: async (req) => svc.cancelReasons(actorOf(req)),
  });

  r.post('/api/v1/cancel-reasons', {
    schema: {
      operationId: 'createCancelReason',
      tags,
      summary: 'Add a cancel reason',
      body: ZCancelReasonInput,
      response: { 201: z.object({ id: z.uuid() }), ...standardErrors },
    },
    handler: async (req, reply) => reply.code(201).send({ id: await svc.saveCancelReason(actorOf(req), null, req.body) }),
  });

  r.put('/api/v1/cancel-reasons/:id', {
    schema: {
      operationId: 'updateCancelReason',
      tags,
      summary: 'Rename, reorder or archive a cancel reason',
      params: ZIdParams,
      body: ZCancelReasonInput,
      response: { 200: z.object({ id: z.uuid() }), ...standardErrors },
    },
    handler: async (req) => ({ id: await svc.saveCancelReason(actorOf(req), req.params.id, req.body) }),
  });
}
