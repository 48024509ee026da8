import type { FastifyInstance } from 'fastify';
import type { TCreateQuote, TQuote } from './quotes.schemas.ts';

/** A quote of the renewal through the API, for tests of this and other modules. */
export async function makeQuote(
  app: FastifyInstance,
  headers: Record<string, string>,
  renewalId: string,
  input: Partial<Omit<TCreateQuote, 'crossSellPlanIds'>> & { crossSellPlanIds?: string[] } = {},
) {
  const res = await app.inject({ method: 'POST', url: `/api/v1/renewal-opportunities/${renewalId}/quotes`, headers, payload: input });
  if (res.statusCode !== 201) throw new Error(`makeQuote: ${res.statusCode} ${res.body}`);
  return res.json() as TQuote;
}
