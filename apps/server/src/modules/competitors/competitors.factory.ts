import type { FastifyInstance } from 'fastify';
import type {
  TAccountCompetitor,
  TCompetitor,
  TCompetitorPlan,
  TCreateAccountCompetitor,
  TCreateCompetitor,
  TCreateCompetitorPlan,
} from './competitors.schemas.ts';

let n = 0;

async function post<T>(app: FastifyInstance, headers: Record<string, string>, url: string, payload: object): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A valid competitor made through the API, for tests of this and other modules. */
export const makeCompetitor = (app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateCompetitor> = {}) =>
  post<TCompetitor>(app, headers, '/api/v1/competitors', { name: `Rival ${++n}${Date.now().toString(36)}`, ...overrides });

/** A competitor's plan, priced in EUR yearly unless `prices` is given. */
export const makeCompetitorPlan = (
  app: FastifyInstance,
  headers: Record<string, string>,
  competitorId: string,
  overrides: Partial<TCreateCompetitorPlan> = {},
) =>
  post<TCompetitorPlan>(app, headers, `/api/v1/competitors/${competitorId}/plans`, {
    name: 'Growth',
    prices: [{ currency: 'EUR', intervalMonths: 12, amount: 1200 }],
    ...overrides,
  });

/** An account's link to a competitor ("evaluating" unless given). */
export const linkCompetitor = (
  app: FastifyInstance,
  headers: Record<string, string>,
  accountId: string,
  input: Partial<TCreateAccountCompetitor> & { competitorId: string },
) => post<TAccountCompetitor>(app, headers, `/api/v1/accounts/${accountId}/competitors`, { status: 'evaluating', ...input });
