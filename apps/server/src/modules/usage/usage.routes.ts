import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import { pickLanguage } from '../../platform/http/validation-i18n.ts';
import type { UsageNativeService } from './usage.native.ts';
import {
  type TUsageKey,
  ZCreatedUsageSource,
  ZCreateUsageSourceRequest,
  ZIgnoreKeyRequest,
  ZIngestResult,
  ZMapKeyRequest,
  ZMapKeyResponse,
  ZNativeEventsRequest,
  ZUnmappedExportQuery,
  ZUnmappedQuery,
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
}
