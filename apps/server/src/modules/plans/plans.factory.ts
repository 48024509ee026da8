import type { FastifyInstance } from 'fastify';
import type { TCreateFeature, TCreatePlan, TCreateProduct, TFeature, TPlanDetail, TProduct } from './plans.schemas.ts';

let n = 0;
const unique = () => `${++n}${Date.now().toString(36)}`;

async function post<T>(app: FastifyInstance, headers: Record<string, string>, url: string, payload: object): Promise<T> {
  const res = await app.inject({ method: 'POST', url, headers, payload });
  if (res.statusCode !== 201) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** A valid product made through the API, for tests of this and other modules (an edition line unless given). */
export const makeProduct = (app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateProduct> = {}) =>
  post<TProduct>(app, headers, '/api/v1/products', { name: `Product ${unique()}`, kind: 'edition', ...overrides });

/** A valid feature made through the API. */
export const makeFeature = (app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateFeature> = {}) =>
  post<TFeature>(app, headers, '/api/v1/features', { key: `feature_${unique()}`, name: 'Feature', ...overrides });

/**
 * A valid plan made through the API (a new edition product unless `productId` is given), priced in EUR monthly
 * and yearly unless `prices` is given.
 */
export async function makePlan(app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreatePlan> = {}) {
  const productId = overrides.productId ?? (await makeProduct(app, headers)).id;
  const { productId: _p, ...rest } = overrides;
  return post<TPlanDetail>(app, headers, `/api/v1/products/${productId}/plans`, {
    code: `PLAN-${unique()}`,
    name: 'Plan',
    tier: 1,
    prices: [
      { currency: 'EUR', intervalMonths: 1, amount: 49 },
      { currency: 'EUR', intervalMonths: 12, amount: 490 },
    ],
    ...rest,
  });
}
