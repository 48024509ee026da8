import type { FastifyInstance } from 'fastify';

/** Exchange rates for a test organisation, through the API: `{ USD: { '2024-01': 0.9 } }` (units of the reporting currency). */
export async function setExchangeRates(
  app: FastifyInstance,
  headers: Record<string, string>,
  rates: Record<string, Record<string, number>>,
) {
  const body = {
    rates: Object.entries(rates).flatMap(([currency, months]) =>
      Object.entries(months).map(([month, rate]) => ({ currency, month, rate })),
    ),
  };
  const res = await app.inject({ method: 'PUT', url: '/api/v1/metrics/exchange-rates', headers, payload: body });
  if (res.statusCode !== 204) throw new Error(`setExchangeRates: ${res.statusCode} ${res.body}`);
}

/** Cost of service per month for a test organisation: `{ '2024-01': 2500 }`. */
export async function setServiceCosts(app: FastifyInstance, headers: Record<string, string>, costs: Record<string, number>) {
  const body = { costs: Object.entries(costs).map(([month, amount]) => ({ month, amount })) };
  const res = await app.inject({ method: 'PUT', url: '/api/v1/metrics/service-costs', headers, payload: body });
  if (res.statusCode !== 204) throw new Error(`setServiceCosts: ${res.statusCode} ${res.body}`);
}
