import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { TConfig } from './config/config.ts';
import { assembleModules, MODULES } from './modules/index.ts';
import type { Clock } from './platform/clock.ts';
import type { Database } from './platform/db/database.ts';
import { cookieNames, registerAuthHook } from './platform/http/auth-hook.ts';
import { edgeAnswerOptions, registerShutdownAnswers } from './platform/http/edge-answers.ts';
import { registerErrorHandler } from './platform/http/error-handler.ts';
import { registerInputHardening } from './platform/http/hardening.ts';
import { fastifyTrustProxy, registerProxyCheck } from './platform/http/proxy-check.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { validatorCompiler } from './platform/http/validation-i18n.ts';
import { serveWebApp } from './platform/http/web-app.ts';
import { createWorker } from './platform/jobs/queue.ts';
import type { Mailer } from './platform/mail/outbox.ts';
import { VERSION } from './version.ts';

export interface AppDeps {
  config: TConfig;
  database: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  /** The worker runs only these organisations' jobs (tests sharing a database; platform/jobs/queue.ts). */
  jobOrgScope?: () => readonly string[] | null;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  public: boolean;
  schema?: FastifySchema;
}

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** The composition root: platform plugins first, then every module of modules/index.ts: services, routes, jobs, event subscribers. */
export async function buildApp(deps: AppDeps) {
  const { config, database, clock, logger } = deps;
  const db = database.db;
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Request ids only need to be unique (they are not stored as keys): the random v4 UUID is the cheapest.
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // 414, 431, a bad request line and shutdown answer in the one error shape (platform/http/edge-answers.ts).
    ...edgeAnswerOptions,
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerShutdownAnswers(app);
  registerProxyCheck(app, config.trustProxy);
  // The route table as registered: the access-matrix and bad-input tests walk it, so new routes are covered.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url, public: r.config?.public === true, schema: r.schema });
  });
  const flusher = database.flusher;
  if (flusher) {
    // Embedded database: a write is acknowledged only once it is on disk (see platform/db/durable-flush.ts).
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) await flusher.flush();
      return payload;
    });
  }

  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.cookieSecure,
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Customer365 API',
        version: VERSION,
        license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
        description:
          'REST API of Customer365. Authenticate with a session cookie (browser; writes need the x-csrf-token header) or an API token: `Authorization: Bearer c365_…`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: cookieNames(config.cookieSecure).session },
        },
      },
      // Relative: the document describes whichever instance serves it (/api/v1/openapi.json).
      servers: [{ url: '/', description: 'This Customer365 server' }],
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every module's services, in list order (a module may use the services of those before it).
  const { ctx, events, jobs: definitions } = assembleModules({ config, database, db, clock, logger, mailer: deps.mailer });

  registerAuthHook(app, ctx.services.identity, { cookieSecure: config.cookieSecure });
  registerInputHardening(app);
  for (const m of MODULES) m.routes?.(app, ctx);

  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  const worker = createWorker({
    db,
    clock,
    logger,
    definitions,
    pollMs: config.jobPollMs,
    concurrency: config.jobConcurrency,
    orgScope: deps.jobOrgScope,
  });

  // Listeners besides HTTP (inbound SMTP): server.ts starts them with the HTTP server; tests start their own.
  const listeners = MODULES.flatMap((m) => m.listeners?.(ctx) ?? []);

  serveWebApp(app, config.webDist ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist'));
  return { app, services: ctx.services, events, worker, routes, listeners };
}
