import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors } from '../../platform/http/schemas.ts';
import {
  type TNurtureContactProgress,
  ZContactIdParams,
  ZContactNurture,
  ZNurtureContactsExportQuery,
  ZNurtureContactsPage,
  ZNurtureContactsQuery,
  ZNurturePreview,
  ZNurturePreviewRequest,
  ZNurtureProgramme,
  ZNurtureProgrammeInput,
  ZNurtureProgrammeList,
  ZNurtureSettings,
  ZProgrammeIdParams,
  ZUnsubscribeParams,
  ZUpdateNurtureProgramme,
  ZUpdateNurtureSettings,
} from './nurture.schemas.ts';
import type { NurtureSender } from './nurture.sender.ts';
import type { NurtureService } from './nurture.service.ts';

const CONTACTS_CSV: CsvColumn<TNurtureContactProgress>[] = [
  ['contact', (r) => r.name],
  ['email', (r) => r.email],
  ['account', (r) => r.accountName],
  ['language', (r) => r.language],
  ['state', (r) => r.state],
  ['enrolled_at', (r) => r.enrolledAt],
  ['steps_sent', (r) => String(r.stepsSent)],
  ['steps_total', (r) => String(r.stepsTotal)],
  ['last_sent_at', (r) => r.lastSentAt],
  ['next_due_at', (r) => r.nextDueAt],
  ['unsubscribed_at', (r) => r.unsubscribedAt],
];

const tags = ['nurture'];

export function registerNurtureRoutes(app: FastifyInstance, deps: { nurture: NurtureService; sender: NurtureSender }) {
  const r = typed(app);
  const svc = deps.nurture;

  r.get('/api/v1/nurture/programmes', {
    schema: {
      operationId: 'listNurtureProgrammes',
      summary: 'List the nurture programmes with their figures',
      tags,
      response: { 200: ZNurtureProgrammeList, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req)),
  });
  r.post('/api/v1/nurture/programmes', {
    schema: {
      operationId: 'createNurtureProgramme',
      summary: 'Make a nurture programme (a draft)',
      tags,
      body: ZNurtureProgrammeInput,
      response: { 201: ZNurtureProgramme, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });
  r.get('/api/v1/nurture/programmes/:id', {
    schema: {
      operationId: 'getNurtureProgramme',
      summary: 'Get a nurture programme',
      tags,
      params: ZProgrammeIdParams,
      response: { 200: ZNurtureProgramme, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });
  r.patch('/api/v1/nurture/programmes/:id', {
    schema: {
      operationId: 'updateNurtureProgramme',
      summary: 'Edit a nurture programme, or start, pause or end it',
      description: 'Starting (or resuming) enrols the audience’s contacts at once; later ones join by themselves.',
      tags,
      params: ZProgrammeIdParams,
      body: ZUpdateNurtureProgramme,
      response: { 200: ZNurtureProgramme, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });
  r.get('/api/v1/nurture/programmes/:id/contacts', {
    schema: {
      operationId: 'listNurtureContacts',
      summary: 'Each enrolled contact’s progress in a programme',
      tags,
      params: ZProgrammeIdParams,
      querystring: ZNurtureContactsQuery,
      response: { 200: ZNurtureContactsPage, ...standardErrors },
    },
    handler: async (req) => svc.contacts(actorOf(req), req.params.id, req.query),
  });
  r.get('/api/v1/nurture/programmes/:id/contacts/export.csv', {
    schema: {
      operationId: 'exportNurtureContactsCsv',
      summary: 'Export a programme’s contacts progress as CSV',
      tags,
      params: ZProgrammeIdParams,
      querystring: ZNurtureContactsExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) =>
      sendCsv(reply, 'nurture-contacts.csv', CONTACTS_CSV, svc.exportContacts(actorOf(req), req.params.id, req.query)),
  });
  r.post('/api/v1/nurture/preview', {
    schema: {
      operationId: 'previewNurtureEmail',
      summary: 'A step’s e-mail as a contact would receive it',
      tags,
      body: ZNurturePreviewRequest,
      response: { 200: ZNurturePreview, ...standardErrors },
    },
    handler: async (req) => svc.preview(actorOf(req), req.body),
  });
  r.get('/api/v1/nurture/settings', {
    schema: {
      operationId: 'getNurtureSettings',
      summary: 'The nurture sending allowance',
      tags,
      response: { 200: ZNurtureSettings, ...standardErrors },
    },
    handler: async (req) => svc.getSettings(actorOf(req)),
  });
  r.put('/api/v1/nurture/settings', {
    schema: {
      operationId: 'updateNurtureSettings',
      summary: 'Set the nurture sending allowance (at most N e-mails per minute or hour)',
      tags,
      body: ZUpdateNurtureSettings,
      response: { 200: ZNurtureSettings, ...standardErrors },
    },
    handler: async (req) => svc.updateSettings(actorOf(req), req.body),
  });
  r.get('/api/v1/contacts/:id/nurture', {
    schema: {
      operationId: 'getContactNurture',
      summary: 'A contact’s nurture programmes and whether they unsubscribed',
      tags,
      params: ZContactIdParams,
      response: { 200: ZContactNurture, ...standardErrors },
    },
    handler: async (req) => svc.ofContact(actorOf(req), req.params.id),
  });

  // The one-click unsubscribe (RFC 8058), outside the API: a page that asks (GET) and the POST that unsubscribes,
  // from the page's button or from a mail client's List-Unsubscribe-Post. A link that is not ours answers 404.
  app.register(async (scope) => {
    // A mail client posts `List-Unsubscribe=One-Click` form-encoded; the body says nothing we need, so it is read and dropped.
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded'))
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
        done(null, body),
      );
    const page = async (token: string, confirm: boolean, reply: FastifyReply) => {
      const html = await deps.sender.unsubscribePage(token, confirm);
      return reply
        .status(html ? 200 : 404)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
        .send(html ?? '<!doctype html><meta charset="utf-8"><title>404</title><p>Not found</p>');
    };
    const u = typed(scope);
    u.get('/unsubscribe/:token', {
      schema: { hide: true, params: ZUnsubscribeParams },
      config: { public: true },
      handler: async (req, reply) => page(req.params.token, false, reply),
    });
    u.post('/unsubscribe/:token', {
      schema: { hide: true, params: ZUnsubscribeParams },
      config: { public: true },
      handler: async (req, reply) => page(req.params.token, true, reply),
    });
  });
}
