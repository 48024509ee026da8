import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TPeriodMetrics,
  ZChurnReasons,
  ZChurnReasonsQuery,
  ZCost,
  ZCostsPut,
  ZMetricSettingsOut,
  ZMetricSettingsPatch,
  ZMovementsPage,
  ZMovementsQuery,
  ZPeriodMetrics,
  ZRate,
  ZRatesPut,
  ZSeries,
  ZSeriesQuery,
} from './metrics.schemas.ts';
import type { MetricService } from './metrics.service.ts';

const SERIES_CSV = Object.keys(ZPeriodMetrics.shape).map((k): CsvColumn<TPeriodMetrics> => [k, (p) => p[k as keyof TPeriodMetrics]]);

export function registerMetricRoutes(app: FastifyInstance, deps: { metrics: MetricService }) {
  const r = typed(app);
  const svc = deps.metrics;
  const tags = ['metrics'];

  r.get('/api/v1/metrics/mrr', {
    schema: {
      operationId: 'getMrrSeries',
      tags,
      summary: 'MRR, movements and the rates of METRICS.md for each period of a range',
      description:
        'Money in major units of the reporting currency, rates as fractions. A period’s MRR is read at the end of its last day; its movements compare each account’s MRR then with the end of the period before.',
      querystring: ZSeriesQuery,
      response: { 200: ZSeries, ...standardErrors },
    },
    handler: async (req) => svc.series(actorOf(req), req.query),
  });

  r.get('/api/v1/metrics/mrr.csv', {
    schema: {
      operationId: 'exportMrrSeriesCsv',
      tags,
      summary: 'The same series as CSV',
      querystring: ZSeriesQuery.omit({ groupBy: true }),
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const series = await svc.series(actorOf(req), req.query);
      return sendCsv(
        reply,
        'mrr.csv',
        SERIES_CSV,
        (async function* () {
          yield series.periods;
        })(),
      );
    },
  });

  r.get('/api/v1/metrics/movements', {
    schema: {
      operationId: 'listMrrMovements',
      tags,
      summary: 'The accounts behind a range’s movements (drill-down), biggest first',
      querystring: ZMovementsQuery,
      response: { 200: ZMovementsPage, ...standardErrors },
    },
    handler: async (req) => svc.movements(actorOf(req), { ...req.query, by: 'month' }),
  });

  r.get('/api/v1/metrics/churn-reasons', {
    schema: {
      operationId: 'getChurnReasons',
      tags,
      summary: 'Cancellations of a range by reason and competitor, with the MRR given up',
      querystring: ZChurnReasonsQuery,
      response: { 200: ZChurnReasons, ...standardErrors },
    },
    handler: async (req) => svc.churnReasons(actorOf(req), req.query),
  });

  r.get('/api/v1/accounts/:id/mrr', {
    schema: {
      operationId: 'getAccountMrr',
      tags,
      summary: 'An account’s MRR over time in the reporting currency',
      params: ZIdParams,
      response: {
        200: z.object({
          currency: z.string(),
          points: z.array(z.object({ date: z.string(), mrr: z.number(), before: z.number(), active: z.boolean() })),
        }),
        ...standardErrors,
      },
    },
    handler: async (req) => svc.accountMrr(actorOf(req), req.params.id),
  });

  r.get('/api/v1/metrics/settings', {
    schema: {
      operationId: 'getMetricSettings',
      tags,
      summary: 'How the organisation counts its metrics',
      response: { 200: ZMetricSettingsOut, ...standardErrors },
    },
    handler: async (req) => svc.settings(actorOf(req)),
  });

  r.patch('/api/v1/metrics/settings', {
    schema: {
      operationId: 'updateMetricSettings',
      tags,
      summary: 'Change a convention; every account’s MRR history is rebuilt in the background',
      body: ZMetricSettingsPatch,
      response: { 200: ZMetricSettingsOut, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.get('/api/v1/metrics/exchange-rates', {
    schema: {
      operationId: 'listExchangeRates',
      tags,
      summary: 'Exchange rates to the reporting currency, per month',
      response: { 200: z.array(ZRate), ...standardErrors },
    },
    handler: async (req) => svc.rates(actorOf(req)),
  });

  r.put('/api/v1/metrics/exchange-rates', {
    schema: {
      operationId: 'putExchangeRates',
      tags,
      summary: 'Set exchange rates for months (MRR history is rebuilt)',
      body: ZRatesPut,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.putRates(actorOf(req), req.body.rates);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/metrics/service-costs', {
    schema: {
      operationId: 'listServiceCosts',
      tags,
      summary: 'Cost of service per month (gross margin, CLV)',
      response: { 200: z.array(ZCost), ...standardErrors },
    },
    handler: async (req) => svc.costs(actorOf(req)),
  });

  r.put('/api/v1/metrics/service-costs', {
    schema: {
      operationId: 'putServiceCosts',
      tags,
      summary: 'Set the cost of service for months',
      body: ZCostsPut,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.putCosts(actorOf(req), req.body.costs);
      return reply.code(204).send(null);
    },
  });
}
