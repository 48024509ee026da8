import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, detail, invalid } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZErrorResponse, ZIdParams } from '../../platform/http/schemas.ts';
import { pickLanguage } from '../../platform/http/validation-i18n.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { usageCsvMessages as csvMessages } from './usage.csv.messages.ts';
import type { UsageNativeService } from './usage.native.ts';
import {
  type TUsageKey,
  ZCreatedUsageSource,
  ZCreateUsageSourceRequest,
  ZCsvIngestResult,
  ZIgnoreKeyRequest,
  ZIngestResult,
  ZMapKeyRequest,
  ZMapKeyResponse,
  ZNativeEventsRequest,
  ZUnmappedExportQuery,
  ZUnmappedQuery,
  ZUsageCsvForm,
  ZUsageKey,
  ZUsageKeysPage,
  ZUsageSettings,
  ZUsageSettingsRequest,
  ZUsageSource,
  ZUsageSourceList,
} from './usage.schemas.ts';
import type { UsageService } from './usage.service.ts';

const KEY_CSV: CsvColumn<TUsageKey>[] = [
  ['source', (r) => r.sourceName],
  ['kind', (r) => r.kind],
  ['key', (r) => r.key],
  ['events', (r) => String(r.events)],
  ['first_seen_at', (r) => r.firstSeenAt],
  ['last_seen_at', (r) => r.lastSeenAt],
  ['account', (r) => r.accountName],
  ['ignored_at', (r) => r.ignoredAt],
];

const tags = ['usage'];

/** The `file` part of a multipart upload, as a stream (read while the rows are stored). */
async function csvStream(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { entry: MESSAGES.send_multipart }, [detail('file', MESSAGES.expected_multipart_upload)]);
  }
  const part = await req.file();
  if (!part) throw invalid('file', MESSAGES.is_required);
  if (part.fieldname !== 'file') throw invalid(part.fieldname, csvMessages.usage_csv_unexpected_field);
  const extra = Object.keys(part.fields).find((name) => name !== 'file');
  if (extra) throw invalid(extra, csvMessages.usage_csv_unexpected_field);
  part.file.on('limit', () => {
    const tooLarge = detail('file', csvMessages.usage_csv_too_large);
    part.file.destroy(new AppError('PAYLOAD_TOO_LARGE', `file: ${tooLarge.message}`, [tooLarge]));
  });
  return part.file;
}

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerUsageRoutes(app: FastifyInstance, deps: { usage: UsageService; native: UsageNativeService }) {
  const r = typed(app);
  const svc = deps.usage;

  r.get('/api/v1/usage/sources', {
    schema: {
      operationId: 'listUsageSources',
      summary: 'List the usage sources',
      tags,
      response: { 200: ZUsageSourceList, ...standardErrors },
    },
    handler: async (req) => svc.listSources(actorOf(req)),
  });

  r.post('/api/v1/usage/sources', {
    schema: {
      operationId: 'createUsageSource',
      summary: 'Make a usage source and its write key',
      description: 'The answer carries the write key: the only time it is shown (only its hash is stored).',
      tags,
      body: ZCreateUsageSourceRequest,
      response: { 201: ZCreatedUsageSource, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.createSource(actorOf(req), req.body)),
  });

  r.post('/api/v1/usage/sources/:id/revoke', {
    schema: {
      operationId: 'revokeUsageSource',
      summary: "Revoke a usage source's write key",
      tags,
      params: ZIdParams,
      response: { 200: ZUsageSource, ...standardErrors },
    },
    handler: async (req) => svc.revokeSource(actorOf(req), req.params.id),
  });

  r.get('/api/v1/usage/keys', {
    schema: {
      operationId: 'listUsageKeys',
      summary: 'List the account keys sources sent (unmapped by default)',
      tags,
      querystring: ZUnmappedQuery,
      response: { 200: ZUsageKeysPage, ...standardErrors },
    },
    handler: async (req) => svc.listKeys(actorOf(req), req.query),
  });

  r.get('/api/v1/usage/keys/export.csv', {
    schema: {
      operationId: 'exportUsageKeysCsv',
      summary: 'Export the account keys as CSV',
      tags,
      querystring: ZUnmappedExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'usage-keys.csv', KEY_CSV, svc.exportKeys(actorOf(req), req.query)),
  });

  r.post('/api/v1/usage/sources/:id/keys/map', {
    schema: {
      operationId: 'mapUsageKey',
      summary: "Map one of a source's account keys to an account",
      description: "The key's stored events move to the account and its rollups add them.",
      tags,
      params: ZIdParams,
      body: ZMapKeyRequest,
      response: { 200: ZMapKeyResponse, ...standardErrors },
    },
    handler: async (req) => svc.mapKey(actorOf(req), { ...req.body, sourceId: req.params.id }),
  });

  r.post('/api/v1/usage/sources/:id/keys/ignore', {
    schema: {
      operationId: 'ignoreUsageKey',
      summary: "Ignore one of a source's account keys, or take it back",
      tags,
      params: ZIdParams,
      body: ZIgnoreKeyRequest,
      response: { 200: ZUsageKey, ...standardErrors },
    },
    handler: async (req) => svc.ignoreKey(actorOf(req), { ...req.body, sourceId: req.params.id }),
  });

  r.get('/api/v1/usage/settings', {
    schema: {
      operationId: 'getUsageSettings',
      summary: 'Get the usage settings',
      tags,
      response: { 200: ZUsageSettings, ...standardErrors },
    },
    handler: async (req) => svc.getSettings(actorOf(req)),
  });

  r.put('/api/v1/usage/settings', {
    schema: {
      operationId: 'updateUsageSettings',
      summary: 'Change the usage settings (raw event retention)',
      tags,
      body: ZUsageSettingsRequest,
      response: { 200: ZUsageSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });

  r.post('/api/v1/usage/events', {
    schema: {
      operationId: 'ingestUsageEvents',
      summary: 'Store usage events (bulk, idempotent on messageId)',
      description:
        'Track events of accounts named by id or external id (an unknown external id is kept and listed as unmapped). A retried messageId with the same timestamp is stored once. Refused events are listed with the field and reason; the others are stored.',
      tags,
      body: ZNativeEventsRequest,
      response: { 200: ZIngestResult, ...standardErrors },
    },
    handler: async (req) => deps.native.ingest(actorOf(req), req.body.events, pickLanguage(req.headers['accept-language'])),
  });

  r.post('/api/v1/usage/events/import', {
    schema: {
      operationId: 'importUsageEventsCsv',
      summary: 'Back-fill usage events from a CSV file',
      description:
        'multipart/form-data with one `file`: a CSV whose first row names the columns. Required: `event` and `account_id` or `account_external_id` (also `group_id`); optional `timestamp` (ISO 8601; a date or "date time" without offset is UTC), `user_id`, `message_id` (idempotence: a row sent again is stored once). Other columns become the event\'s properties. Refused rows are listed with their row number, field and reason; the others are stored.',
      tags,
      consumes: ['multipart/form-data'],
      body: ZUsageCsvForm,
      response: { 200: ZCsvIngestResult, 413: ZErrorResponse, 415: ZErrorResponse, ...standardErrors },
    },
    // The multipart stream is read by the import; the body schema documents the form for the OpenAPI client.
    validatorCompiler: () => (value: unknown) => ({ value }),
    handler: async (req) => deps.native.importCsv(actorOf(req), () => csvStream(req), pickLanguage(req.headers['accept-language'])),
  });
}
