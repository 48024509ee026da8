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

/** A multipart body for POST /api/v1/usage/events/import with one CSV `file`. */
export function usageCsvUpload(content: string) {
  const boundary = `----c365usage${Math.random().toString(36).slice(2)}`;
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="usage.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
