import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requirePermission } from '../../platform/access/access.ts';
import { AppError, detail, invalid } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { attachmentHeaders, type CsvColumn, csvLine, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZErrorResponse, ZIdParams } from '../../platform/http/schemas.ts';
import { pickLanguage } from '../../platform/http/validation-i18n.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { IMPORT_ENTITIES, type TImportEntity } from './imports.fields.ts';
import { localiseRowError, importMessages as m } from './imports.messages.ts';
import {
  type TImportSummary,
  ZImport,
  ZImportErrorPage,
  ZImportErrorsFilter,
  ZImportErrorsQuery,
  ZImportExportQuery,
  ZImportListQuery,
  ZImportPage,
  ZSetMappingRequest,
  ZStartImportRequest,
  ZUploadImportForm,
} from './imports.schemas.ts';
import type { ImportService } from './imports.service.ts';
import { SUBSCRIPTION_FORMATS, type TImportOptions, type TSubscriptionFormat } from './imports.subscriptions.fields.ts';

const tags = ['imports'];

/** Messages (failure reasons, row errors) in the request's language; the CSV downloads stay English. */
const languageOf = (req: FastifyRequest) => pickLanguage(req.headers['accept-language']);

const IMPORTS_CSV: CsvColumn<TImportSummary & { createdBy: string }>[] = [
  ['id', (i) => i.id],
  ['created_at', (i) => i.createdAt],
  ['file_name', (i) => i.fileName],
  ['entity', (i) => i.entity],
  ['format', (i) => i.format],
  ['status', (i) => i.status],
  ['mode', (i) => i.mode],
  ['total_rows', (i) => i.totalRows],
  ['valid_rows', (i) => i.validRows],
  ['error_rows', (i) => i.errorRows],
  ['inserted_rows', (i) => i.insertedRows],
  ['updated_rows', (i) => i.updatedRows],
  ['skipped_rows', (i) => i.skippedRows],
  ['unchanged_rows', (i) => i.unchangedRows],
  ['kept_rows', (i) => i.keptRows],
  ['created_by', (i) => i.createdBy],
  ['started_at', (i) => i.startedAt],
  ['finished_at', (i) => i.finishedAt],
  ['failure_message', (i) => i.failureMessage],
];

/** The options of a subscriptions import (its form, whether to create missing accounts); other entities take none. */
function uploadOptions(
  entity: TImportEntity,
  fields: { format?: string; createMissingAccounts?: string; createMissingReasons?: string },
): TImportOptions | null {
  if (entity !== 'subscriptions') {
    const given = Object.keys(fields)[0];
    if (given) throw invalid(given, m.subscription_option_only);
    return null;
  }
  const format = fields.format ?? 'periods';
  if (!SUBSCRIPTION_FORMATS.includes(format as TSubscriptionFormat))
    throw invalid('format', MESSAGES.not_an_option, { options: SUBSCRIPTION_FORMATS.join(', ') });
  const flag = (field: 'createMissingAccounts' | 'createMissingReasons') => {
    const value = fields[field] ?? 'false';
    if (value !== 'true' && value !== 'false') throw invalid(field, MESSAGES.not_an_option, { options: 'true, false' });
    return value === 'true';
  };
  return {
    format: format as TSubscriptionFormat,
    createMissingAccounts: flag('createMissingAccounts'),
    ...(fields.createMissingReasons === undefined ? {} : { createMissingReasons: flag('createMissingReasons') }),
  };
}

/** Read the multipart upload: a `file` part and an `entity` field, in either order. */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { entry: MESSAGES.send_multipart }, [detail('file', MESSAGES.expected_multipart_upload)]);
  }
  let entity: string | undefined;
  const fields: { format?: string; createMissingAccounts?: string; createMissingReasons?: string } = {};
  let file: { fileName: string; bytes: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') throw invalid(part.fieldname, m.unexpected_file);
      try {
        file = { fileName: part.filename, bytes: await part.toBuffer() };
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          const tooLarge = detail('file', m.file_too_large);
          throw new AppError('PAYLOAD_TOO_LARGE', `file: ${tooLarge.message}`, [tooLarge]);
        }
        throw err;
      }
    } else if (part.fieldname === 'entity') {
      entity = String(part.value);
    } else if (part.fieldname === 'format' || part.fieldname === 'createMissingAccounts' || part.fieldname === 'createMissingReasons') {
      fields[part.fieldname] = String(part.value);
    } else {
      throw invalid(part.fieldname, m.unexpected_form_field);
    }
  }
  if (!IMPORT_ENTITIES.includes(entity as TImportEntity))
    throw invalid('entity', MESSAGES.not_an_option, { options: IMPORT_ENTITIES.join(', ') });
  if (!file) throw invalid('file', MESSAGES.is_required);
  return { entity: entity as TImportEntity, ...file, options: uploadOptions(entity as TImportEntity, fields) };
}

export function registerImportRoutes(app: FastifyInstance, deps: { imports: ImportService }) {
  const r = typed(app);
  const svc = deps.imports;

  r.post('/api/v1/imports', {
    schema: {
      operationId: 'createImport',
      summary: 'Upload a file to import',
      tags,
      description:
        'Upload a CSV or .xlsx file (multipart/form-data: `entity` = accounts | contacts | subscriptions, `file`; for subscriptions also `format` = periods | changes and `createMissingAccounts` = true | false). Answers with the header row, sample rows, the target fields and a suggested mapping.',
      consumes: ['multipart/form-data'],
      body: ZUploadImportForm,
      response: { 201: ZImport, 413: ZErrorResponse, 415: ZErrorResponse, ...standardErrors },
    },
    // The multipart stream is read in the handler; the body schema documents the form for the OpenAPI client.
    validatorCompiler: () => (value: unknown) => ({ value }),
    handler: async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'import:run'); // before reading up to 50 MB
      const upload = await readUpload(req);
      return reply.status(201).send(await svc.upload(actor, upload, languageOf(req)));
    },
  });

  r.get('/api/v1/imports', {
    schema: {
      operationId: 'listImports',
      summary: 'List imports',
      tags,
      description:
        'Imports of the organisation, newest first unless sorted otherwise; filter by entity, status, mode and part of the file name.',
      querystring: ZImportListQuery,
      response: { 200: ZImportPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query, languageOf(req)),
  });

  r.get('/api/v1/imports/export.csv', {
    schema: {
      operationId: 'exportImportsCsv',
      summary: 'Export imports as CSV',
      tags,
      description: 'Every import matching the same filters and order as the list, as CSV, with who uploaded each file.',
      querystring: ZImportExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'imports.csv', IMPORTS_CSV, svc.exportList(actorOf(req), req.query)),
  });

  r.get('/api/v1/imports/:id', {
    schema: { operationId: 'getImport', summary: 'Get an import', tags, params: ZIdParams, response: { 200: ZImport, ...standardErrors } },
    handler: async (req) => svc.get(actorOf(req), req.params.id, languageOf(req)),
  });

  r.put('/api/v1/imports/:id/mapping', {
    schema: {
      operationId: 'setImportMapping',
      summary: "Save an import's column mapping",
      tags,
      description: 'Save the column mapping; every row is then checked in the background (status validating → validated).',
      params: ZIdParams,
      body: ZSetMappingRequest,
      response: { 200: ZImport, ...standardErrors },
    },
    handler: async (req) => svc.setMapping(actorOf(req), req.params.id, req.body.mapping, languageOf(req)),
  });

  r.post('/api/v1/imports/:id/start', {
    schema: {
      operationId: 'startImport',
      summary: 'Start an import',
      tags,
      description:
        'Start writing the rows in the background (status importing → completed | failed). all_or_nothing is refused while rows have errors.',
      params: ZIdParams,
      body: ZStartImportRequest,
      response: { 202: ZImport, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(202).send(await svc.start(actorOf(req), req.params.id, req.body.mode, languageOf(req))),
  });

  r.delete('/api/v1/imports/:id', {
    schema: {
      operationId: 'deleteImport',
      summary: 'Discard an import',
      tags,
      description: 'Discard an import that has not started.',
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/imports/:id/errors', {
    schema: {
      operationId: 'listImportErrors',
      summary: "List an import's row errors",
      tags,
      description:
        "Every problem found in the rows, in row order, each with a code and its message in the request's language (Accept-Language).",
      params: ZIdParams,
      querystring: ZImportErrorsQuery,
      response: { 200: ZImportErrorPage, ...standardErrors },
    },
    handler: async (req) => svc.listErrors(actorOf(req), req.params.id, req.query, languageOf(req)),
  });

  r.get('/api/v1/imports/:id/errors.csv', {
    schema: {
      operationId: 'exportImportErrorsCsv',
      summary: "Export an import's row errors as CSV",
      tags,
      description:
        'Every problem found in the rows (those the list’s filters keep), in row order, as CSV: the message in English, with its code.',
      params: ZIdParams,
      querystring: ZImportErrorsFilter,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => {
      const { fileName, batches } = await svc.exportErrors(actorOf(req), req.params.id, req.query);
      async function* lines() {
        yield `\ufeff${csvLine(['row', 'field', 'column', 'message', 'value', 'code'])}`;
        for await (const batch of batches) {
          let chunk = '';
          for (const e of batch) chunk += csvLine([e.rowNumber, e.field, e.column, e.message, e.value, localiseRowError(e, 'en').code]);
          yield chunk;
        }
      }
      const base = fileName.replace(/\.[^.]*$/, '') || 'import';
      return reply.headers(attachmentHeaders(`${base}-errors.csv`)).send(Readable.from(lines()) as never);
    },
  });
}
