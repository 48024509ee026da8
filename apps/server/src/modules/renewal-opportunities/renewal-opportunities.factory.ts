import type { FastifyInstance } from 'fastify';
import { makeSubscription } from '../subscriptions/index.ts';
import type { TRenewalOpportunity } from './renewal-opportunities.schemas.ts';

/**
 * A renewal of the account, for tests of this and other modules: a yearly subscription whose term ends on `termEnd`
 * (default 2027-03-31), its renewal opened through the API at once.
 */
export async function makeRenewalOpportunity(
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  opts: { termEnd?: string; termStart?: string; unitPrice?: number } = {},
) {
  const sub = await makeSubscription(app, headers, accountId, {
    intervalMonths: 12,
    termStart: opts.termStart ?? '2026-04-01',
    termEnd: opts.termEnd ?? '2027-03-31',
    autoRenew: false,
    lines: [{ description: 'Seats', quantity: 10, unitPrice: opts.unitPrice ?? 1200 }],
  });
  const res = await app.inject({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/renewal-opportunity`, headers });
  if (res.statusCode !== 201) throw new Error(`makeRenewalOpportunity: ${res.statusCode} ${res.body}`);
  return res.json() as TRenewalOpportunity;
}
