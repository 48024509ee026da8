import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, detail, invalid } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZErrorResponse, ZIdParams } from '../../platform/http/schemas.ts';
import { pickLanguage } from '../../platform/http/validation-i18n.ts';
import { MESSAGES } from '../../platform/http/validation-messages.ts';
import { surveysMessages as m } from './surveys.messages.ts';
import {
  type TSurveyListItem,
  type TSurveyResponse,
  ZAnswersCsvForm,
  ZCreateSurveyRequest,
  ZImportResult,
  ZRecordResponseRequest,
  ZResponsesExportQuery,
  ZResponsesPage,
  ZResponsesQuery,
  ZScoreReport,
  ZScoreReportQuery,
  ZSurvey,
  ZSurveyResponse,
  ZSurveysExportQuery,
  ZSurveysPage,
  ZSurveysQuery,
} from './surveys.schemas.ts';
import type { SurveyService } from './surveys.service.ts';

const SURVEY_CSV: CsvColumn<TSurveyListItem>[] = [
  ['id', (r) => r.id],
  ['name', (r) => r.name],
  ['kind', (r) => r.kind],
  ['respondents', (r) => r.respondents],
  ['promoters', (r) => r.promoters],
  ['passives', (r) => r.passives],
  ['detractors', (r) => r.detractors],
  ['score', (r) => r.score],
  ['last_answered_at', (r) => r.lastAnsweredAt],
  ['created_at', (r) => r.createdAt],
];

const RESPONSE_CSV: CsvColumn<TSurveyResponse>[] = [
  ['id', (r) => r.id],
  ['survey', (r) => r.surveyName],
  ['account_id', (r) => r.accountId],
  ['account', (r) => r.accountName],
  ['contact', (r) => r.contactName],
  ['score', (r) => r.score],
  ['category', (r) => r.category],
  ['comment', (r) => r.comment],
  ['answered_at', (r) => r.answeredAt],
  ['source', (r) => r.source],
];

const tags = ['surveys'];

/** The `file` part of a multipart upload, as a stream. */
async function csvStream(req: FastifyRequest) {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { entry: MESSAGES.send_multipart }, [detail('file', MESSAGES.expected_multipart_upload)]);
  }
  const part = await req.file();
  if (!part) throw invalid('file', MESSAGES.is_required);
  if (part.fieldname !== 'file') throw invalid(part.fieldname, m.survey_csv_unexpected_field);
  const extra = Object.keys(part.fields).find((name) => name !== 'file');
  if (extra) throw invalid(extra, m.survey_csv_unexpected_field);
  part.file.on('limit', () => {
    const tooLarge = detail('file', m.survey_csv_too_large);
    part.file.destroy(new AppError('PAYLOAD_TOO_LARGE', `file: ${tooLarge.message}`, [tooLarge]));
  });
  return part.file;
}

/** Each route: its schema (validation, types, OpenAPI), an operationId for the generated client, a one-line handler. */
export function registerSurveyRoutes(app: FastifyInstance, deps: { surveys: SurveyService }) {
  const r = typed(app);
  const svc = deps.surveys;

  r.get('/api/v1/surveys', {
    schema: {
      operationId: 'listSurveys',
      summary: 'List the surveys of the organisation, with their figures',
      tags,
      querystring: ZSurveysQuery,
      response: { 200: ZSurveysPage, ...standardErrors },
    },
    handler: async (req) => svc.list(actorOf(req), req.query),
  });

  r.get('/api/v1/surveys/export.csv', {
    schema: {
      operationId: 'exportSurveysCsv',
      summary: 'Export the surveys as CSV',
      tags,
      querystring: ZSurveysExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'surveys.csv', SURVEY_CSV, svc.exportRows(actorOf(req), req.query)),
  });

  r.post('/api/v1/surveys', {
    schema: {
      operationId: 'createSurvey',
      summary: 'Define a survey (NPS 0–10 or CSAT 1–5)',
      tags,
      body: ZCreateSurveyRequest,
      response: { 201: ZSurvey, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.create(actorOf(req), req.body)),
  });

  r.get('/api/v1/surveys/responses', {
    schema: {
      operationId: 'listSurveyResponses',
      summary: 'List survey answers (survey, account, category, dates, search, sort, paging)',
      tags,
      querystring: ZResponsesQuery,
      response: { 200: ZResponsesPage, ...standardErrors },
    },
    handler: async (req) => svc.listResponses(actorOf(req), req.query),
  });

  r.get('/api/v1/surveys/responses/export.csv', {
    schema: {
      operationId: 'exportSurveyResponsesCsv',
      summary: 'Export survey answers as CSV',
      tags,
      querystring: ZResponsesExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'survey-responses.csv', RESPONSE_CSV, svc.exportResponses(actorOf(req), req.query)),
  });

  r.get('/api/v1/surveys/:id', {
    schema: {
      operationId: 'getSurvey',
      summary: 'Get a survey',
      tags,
      params: ZIdParams,
      response: { 200: ZSurvey, ...standardErrors },
    },
    handler: async (req) => svc.get(actorOf(req), req.params.id),
  });

  r.delete('/api/v1/surveys/:id', {
    schema: {
      operationId: 'deleteSurvey',
      summary: 'Delete a survey and its answers',
      tags,
      params: ZIdParams,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await svc.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/surveys/:id/report', {
    schema: {
      operationId: 'getSurveyReport',
      summary: 'The survey’s NPS (or CSAT) over a range, by month and by account segment',
      tags,
      params: ZIdParams,
      querystring: ZScoreReportQuery,
      response: { 200: ZScoreReport, ...standardErrors },
    },
    handler: async (req) => svc.report(actorOf(req), req.params.id, req.query),
  });

  r.post('/api/v1/surveys/:id/responses', {
    schema: {
      operationId: 'recordSurveyResponse',
      summary: 'Record an answer to the survey',
      description:
        'Of a contact (the answer is on its account) or of an account. A `sourceRef` sent again records nothing twice and answers the stored answer.',
      tags,
      params: ZIdParams,
      body: ZRecordResponseRequest,
      response: { 201: ZSurveyResponse, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await svc.record(actorOf(req), req.params.id, req.body)),
  });

  r.post('/api/v1/surveys/:id/responses/import', {
    schema: {
      operationId: 'importSurveyResponsesCsv',
      summary: 'Import answers to the survey from a CSV file',
      description:
        "multipart/form-data with one `file`: a CSV whose first row names the columns. Required: `score` and `account` (external id or name) or `contact_email`; optional `comment`, `answered_at` (ISO 8601; without an offset UTC), `response_id` (idempotence; without it the row's cells). Refused rows are listed with their row number, field and reason; the others are recorded.",
      tags,
      params: ZIdParams,
      consumes: ['multipart/form-data'],
      body: ZAnswersCsvForm,
      response: { 200: ZImportResult, 413: ZErrorResponse, 415: ZErrorResponse, ...standardErrors },
    },
    // The multipart stream is read by the import; the body schema documents the form for the OpenAPI client.
    validatorCompiler: () => (value: unknown) => ({ value }),
    handler: async (req) => svc.importCsv(actorOf(req), req.params.id, () => csvStream(req), pickLanguage(req.headers['accept-language'])),
  });
}
