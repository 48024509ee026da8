import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import {
  type TLowActivityItem,
  type TPoorHealthItem,
  ZLowActivityExportQuery,
  ZLowActivityPage,
  ZLowActivityQuery,
  ZPoorHealthExportQuery,
  ZPoorHealthPage,
  ZPoorHealthQuery,
  ZPortfolio,
  ZPortfolioQuery,
} from './health.portfolio.schemas.ts';
import type { HealthService } from './health.service.ts';

const POOR_HEALTH_CSV: CsvColumn<TPoorHealthItem>[] = [
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['owner', (r) => r.ownerName],
  ['segment', (r) => r.segment],
  ['market', (r) => r.marketName],
  ['score', (r) => r.score],
  ['score_week_ago', (r) => r.scoreWeekAgo],
  ['computed_at', (r) => r.computedAt],
];

const LOW_ACTIVITY_CSV: CsvColumn<TLowActivityItem>[] = [
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['owner', (r) => r.ownerName],
  ['segment', (r) => r.segment],
  ['market', (r) => r.marketName],
  ['reason', (r) => r.reason],
  ['last_seen_at', (r) => r.lastSeenAt],
  ['idle_days', (r) => r.idleDays],
  ['window_days', (r) => r.windowDays],
  ['events_in_window', (r) => r.recentEvents],
  ['events_window_before', (r) => r.previousEvents],
  ['drop_pct', (r) => r.dropPct],
  ['health_score', (r) => r.score],
  ['health_band', (r) => r.band],
];

/** The portfolio's routes: the unhealthy share with its trend and breakdowns, and the two account lists with their CSV. */
export function registerPortfolioRoutes(app: FastifyInstance, deps: { health: HealthService }) {
  const r = typed(app);
  const svc = deps.health;
  const tags = ['health'];

  r.get('/api/v1/health/portfolio', {
    schema: {
      operationId: 'getHealthPortfolio',
      summary: 'The unhealthy share against the target, its trend, by CSM, segment and market',
      description:
        'Counts the customer accounts (not archived, a customer by the revenue metrics) that have a score; unhealthy: the band is red. The trend reads each period’s last day from the score history.',
      tags,
      querystring: ZPortfolioQuery,
      response: { 200: ZPortfolio, ...standardErrors },
    },
    handler: async (req) => svc.portfolio(actorOf(req), req.query),
  });
  r.get('/api/v1/health/portfolio/poor-health', {
    schema: {
      operationId: 'listPoorHealthAccounts',
      summary: 'List the customer accounts whose health is red',
      tags,
      querystring: ZPoorHealthQuery,
      response: { 200: ZPoorHealthPage, ...standardErrors },
    },
    handler: async (req) => svc.poorHealth(actorOf(req), req.query),
  });
  r.get('/api/v1/health/portfolio/poor-health/export.csv', {
    schema: {
      operationId: 'exportPoorHealthAccountsCsv',
      summary: 'Export the poor-health accounts as CSV',
      tags,
      querystring: ZPoorHealthExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'poor-health.csv', POOR_HEALTH_CSV, svc.exportPoorHealth(actorOf(req), req.query)),
  });
  r.get('/api/v1/health/portfolio/low-activity', {
    schema: {
      operationId: 'listLowActivityAccounts',
      summary: 'List the accounts with low activity',
      description:
        'No activity for the no-login days, or events down the usage-drop threshold on the window before (the churn signals’ settings).',
      tags,
      querystring: ZLowActivityQuery,
      response: { 200: ZLowActivityPage, ...standardErrors },
    },
    handler: async (req) => svc.lowActivity(actorOf(req), req.query),
  });
  r.get('/api/v1/health/portfolio/low-activity/export.csv', {
    schema: {
      operationId: 'exportLowActivityAccountsCsv',
      summary: 'Export the low-activity accounts as CSV',
      tags,
      querystring: ZLowActivityExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'low-activity.csv', LOW_ACTIVITY_CSV, svc.exportLowActivity(actorOf(req), req.query)),
  });
}
