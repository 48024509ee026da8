import type { FastifyInstance } from 'fastify';
import { makeAccount } from '../accounts/index.ts';
import { makePlan } from '../plans/index.ts';
import { makeSubscription } from '../subscriptions/index.ts';
import type { TUpsellCandidate } from './upsell-candidates.schemas.ts';

/**
 * An upsell candidate made through the API, for tests of this and other modules: an account whose monthly
 * subscription holds every user its plan allows (at_limit), after a recompute of the organisation.
 */
export async function makeUpsellCandidate(
  app: FastifyInstance,
  headers: Record<string, string>,
  overrides: { accountName?: string; ownerUserId?: string } = {},
): Promise<TUpsellCandidate> {
  const plan = await makePlan(app, headers, { includedUnits: 5, maxUnits: 5 });
  const account = await makeAccount(app, headers, {
    ...(overrides.accountName ? { name: overrides.accountName } : {}),
    ...(overrides.ownerUserId ? { ownerUserId: overrides.ownerUserId } : {}),
  });
  await makeSubscription(app, headers, account.id, { lines: [{ planId: plan.id, quantity: 1 }] });
  const recomputed = await app.inject({ method: 'POST', url: '/api/v1/upsell-candidates/recompute', headers });
  if (recomputed.statusCode !== 200) throw new Error(`makeUpsellCandidate: ${recomputed.statusCode} ${recomputed.body}`);
  const res = await app.inject({ method: 'GET', url: `/api/v1/accounts/${account.id}/upsell`, headers });
  const { candidate } = res.json() as { candidate: TUpsellCandidate | null };
  if (!candidate) throw new Error('makeUpsellCandidate: the account is not a candidate');
  return candidate;
}
