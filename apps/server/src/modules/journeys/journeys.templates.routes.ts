import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TJourneyTemplateSummary,
  ZJourneyTemplate,
  ZJourneyTemplateExportQuery,
  ZJourneyTemplateList,
  ZJourneyTemplateListQuery,
  ZJourneyTemplateQuery,
  ZSaveJourneyTemplateRequest,
} from './journeys.templates.schemas.ts';
import type { JourneyTemplateService } from './journeys.templates.service.ts';

const tags = ['journeys'];

/** The columns of the CSV export, in order. */
const TEMPLATE_CSV: CsvColumn<TJourneyTemplateSummary>[] = [
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['default', (r) => String(r.isDefault)],
  ['version', (r) => r.version],
  ['milestones', (r) => r.milestoneCount],
  ['weeks', (r) => r.weeks],
  ['triggers', (r) => r.triggers.join(' ')],
  ['running_journeys', (r) => r.activeJourneys],
  ['updated_at', (r) => r.updatedAt],
  ['archived_at', (r) => r.archivedAt],
  ['description', (r) => r.description],
];

/** The journey templates: list, export, read (any version), create, publish a new version, archive and restore. */
export function registerJourneyTemplateRoutes(app: FastifyInstance, deps: { templates: JourneyTemplateService }) {
  const r = typed(app);
  const svc = deps.templates;

  r.get('/api/v1/journey-templates', {
    schema: {
      operationId: 'listJourneyTemplates',
      summary: 'List the journey templates',
      description: 'The default "Customer365" journey is made, in the organisation’s default language, the first time they are listed.',
      tags,
      querystring: ZJourneyTemplateListQuery,
      response: { 200: ZJourneyTemplateList, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/journey-templates/export.csv', {
    schema: {
      operationId: 'exportJourneyTemplatesCsv',
      summary: 'Export the journey templates as CSV',
      description: 'Every template matching the same filters and order as the list.',
      tags,
      querystring: ZJourneyTemplateExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'journey-templates.csv', TEMPLATE_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.post('/api/v1/journey-templates', {
    schema: {
      operationId: 'createJourneyTemplate',
      summary: 'Create a journey template',
      tags,
      body: ZSaveJourneyTemplateRequest,
      response: { 201: ZJourneyTemplate, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.get('/api/v1/journey-templates/:id', {
    schema: {
      operationId: 'getJourneyTemplate',
      summary: 'Get a journey template, at its current version or the one asked',
      tags,
      params: ZIdParams,
      querystring: ZJourneyTemplateQuery,
      response: { 200: ZJourneyTemplate, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id, req.query.version),
  });

  r.put('/api/v1/journey-templates/:id', {
    schema: {
      operationId: 'publishJourneyTemplate',
      summary: 'Publish a new version of a journey template (running journeys keep theirs)',
      tags,
      params: ZIdParams,
      body: ZSaveJourneyTemplateRequest,
      response: { 200: ZJourneyTemplate, ...standardErrors },
    },
    handler: async (req) => svc.update(actorOf(req), req.params.id, req.body),
  });

  r.post('/api/v1/journey-templates/:id/archive', {
    schema: {
      operationId: 'archiveJourneyTemplate',
      summary: 'Archive a journey template: it starts no new journeys, those running keep going',
      description: 'The default template cannot be archived (400 naming isDefault).',
      tags,
      params: ZIdParams,
      response: { 200: ZJourneyTemplate, ...standardErrors },
    },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, true),
  });

  r.post('/api/v1/journey-templates/:id/restore', {
    schema: {
      operationId: 'restoreJourneyTemplate',
      summary: 'Take an archived journey template back in use',
      tags,
      params: ZIdParams,
      response: { 200: ZJourneyTemplate, ...standardErrors },
    },
    handler: async (req) => svc.setArchived(actorOf(req), req.params.id, false),
  });
}
