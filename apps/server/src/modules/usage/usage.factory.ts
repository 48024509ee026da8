import type { FastifyInstance } from 'fastify';
import type { TCreateUsageSource, TUsageSource } from './usage.schemas.ts';

/** A usage source and its write key, made through the API, for tests of this and other modules. */
export async function makeUsageSource(app: FastifyInstance, headers: Record<string, string>, overrides: Partial<TCreateUsageSource> = {}) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/usage/sources', headers, payload: { name: 'Web app', ...overrides } });
  if (res.statusCode !== 201) throw new Error(`makeUsageSource: ${res.statusCode} ${res.body}`);
  return res.json() as TUsageSource & { writeKey: string };
}

/** Basic auth with a write key as the user, as Segment's clients send it. */
export const writeKeyHeaders = (writeKey: string) => ({
  authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
  'content-type': 'application/json',
});
