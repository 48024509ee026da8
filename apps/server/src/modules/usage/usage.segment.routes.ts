import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickLanguage } from '../../platform/http/validation-i18n.ts';
import type { UsageIngest } from './usage.ingest.ts';
import { renderEventError } from './usage.native.ts';
import { eventsOfBody, MAX_BATCH_BYTES, MAX_EVENT_BYTES, type TSegmentType, writeKeyOf } from './usage.segment.ts';

/** Bodies up to this size are read so an oversized one gets Segment's 400, not a dropped connection. */
const READ_LIMIT = 4 * 1024 * 1024;

/**
 * Segment's HTTP tracking API at Segment's paths (outside /api/v1, not in our OpenAPI document): the official
 * clients work with `host` pointed here. Answers as Segment does: 200 `{"success":true}` (with `rejected`
 * listing the events of a batch that were refused, the others stored), 400 for malformed JSON or a body over
 * the limits, 401 for a missing, unknown or revoked write key. Answered only after the transaction commits.
 */
export function registerSegmentRoutes(app: FastifyInstance, deps: { ingest: UsageIngest }) {
  app.register(async (scope) => {
    // The body is read raw: our JSON hardening (duplicate keys, NUL) is for the REST API; Segment's API takes JSON as Segment does.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: READ_LIMIT }, (_req, body, done) => done(null, body));
    const routes: [string, TSegmentType | null][] = [
      ['/v1/batch', null],
      ['/v1/track', 'track'],
      ['/v1/identify', 'identify'],
      ['/v1/group', 'group'],
      ['/v1/page', 'page'],
      ['/v1/screen', 'screen'],
      ['/v1/alias', 'alias'],
    ];
    for (const [url, type] of routes)
      scope.post(url, { schema: { hide: true }, config: { public: true } }, (req, reply) => handle(deps.ingest, type, req, reply));
  });
}

function refuse(reply: FastifyReply, req: FastifyRequest, status: 400 | 401, code: string, message: string, field?: string) {
  return reply.status(status).send({ success: false, requestId: req.id, code, message, details: field ? [{ field, code, message }] : [] });
}

async function handle(ingest: UsageIngest, type: TSegmentType | null, req: FastifyRequest, reply: FastifyReply) {
  const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const limit = type ? MAX_EVENT_BYTES : MAX_BATCH_BYTES;
  if (raw.length > limit)
    return refuse(reply, req, 400, 'PAYLOAD_TOO_LARGE', `The body is larger than ${limit / 1024} KB (Segment's limit)`, 'body');
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse(reply, req, 400, 'BAD_REQUEST', 'The body is not valid JSON', 'body');
  }
  const writeKey = writeKeyOf(req.headers.authorization, body);
  const source = writeKey ? await ingest.authenticate(writeKey) : null;
  if (!source) return refuse(reply, req, 401, 'UNAUTHENTICATED', 'The write key is missing, unknown or revoked');
  const events = eventsOfBody(body, type);
  if (!events)
    return refuse(
      reply,
      req,
      400,
      'VALIDATION_FAILED',
      type ? 'The body must be a JSON object' : 'batch: must be an array of events',
      type ? 'body' : 'batch',
    );
  const outcome = await ingest.ingestSegment(source, events, type, raw.length > MAX_EVENT_BYTES);
  if (!outcome.rejected.length) return reply.status(200).send({ success: true });
  const lang = pickLanguage(req.headers['accept-language']);
  // A single call's only event refused: a 400, as Segment's API answers a call it cannot accept.
  if (type) {
    const e = renderEventError(outcome.rejected[0] as (typeof outcome.rejected)[number], lang);
    return refuse(reply, req, 400, 'VALIDATION_FAILED', `${e.field}: ${e.message}`, e.field);
  }
  return reply
    .status(200)
    .send({ success: true, stored: outcome.stored, rejected: outcome.rejected.map((e) => renderEventError(e, lang)) });
}
