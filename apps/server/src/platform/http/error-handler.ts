import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { columnOfParameter, failedParameter } from '../db/bound-parameter.ts';
import { AppError, type TErrorDetail } from '../errors.ts';
import { describeIssue, localiseError, pickLanguage, type TApiLanguage, type TValidationEntry } from './validation-i18n.ts';

/**
 * Maps every error to { requestId, code, message, details[{ field, code, message }] }, messages in the
 * language of the request's Accept-Language (en/nl/da, English by default). Database error text never
 * reaches a response.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, pickLanguage(request.headers['accept-language']));
    // Log the driver's error and the statement, not Drizzle's wrapper: its message carries the bound parameters.
    if (appError.status >= 500)
      request.log.error({ err: driverError(error), query: (error as { query?: string }).query }, 'request failed');
    else request.log.info({ code: appError.code, details: appError.details }, appError.message);
    return reply
      .status(appError.status)
      .headers(appError.headers)
      .send({ requestId: request.id, code: appError.code, message: appError.message, details: appError.details });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      requestId: request.id,
      code: 'NOT_FOUND',
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
      details: [],
    }),
  );
}

export function toAppError(error: unknown, lang: TApiLanguage = 'en'): AppError {
  const e = driverError(error) as FastifyError & { code?: string; severity?: string; column?: string; constraint?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    const context = (e as { validationContext?: string }).validationContext ?? 'body';
    const details: TErrorDetail[] = e.validation.map((v) => {
      const { code, message } = describeIssue(v as unknown as TValidationEntry, lang);
      return { field: fieldName(context, v.instancePath, v.params as Record<string, unknown>), code, message };
    });
    return new AppError('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  return localiseError(error instanceof AppError ? error : toEnglishAppError(e, (error as { query?: string }).query), lang);
}

function toEnglishAppError(
  e: FastifyError & { code?: string; severity?: string; column?: string; constraint?: string; where?: string },
  query?: string,
): AppError {
  if (isResponseSerializationError(e)) return new AppError('INTERNAL', 'The server produced an invalid response');
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large', [{ field: 'body', message: 'too large' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type', [{ field: 'content-type', message: 'unsupported' }]);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST', 'The body is not valid JSON', [{ field: 'body', message: 'invalid JSON' }]);
    case 'FST_PROTO_VIOLATION':
      // A multipart form field named __proto__, constructor or prototype.
      return new AppError('BAD_REQUEST', 'A form field has a name that is not allowed', [
        { field: 'body', message: 'field names __proto__, constructor and prototype are not allowed' },
      ]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Expected multipart/form-data', [
        { field: 'content-type', message: 'expected multipart/form-data' },
      ]);
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors (bad JSON, bad content type, …): their messages contain no internals.
    return new AppError(e.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', e.message);
  }
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && e.severity) return fromPostgres(e, query);
  if (isConnectionError(e))
    return new AppError('UNAVAILABLE', 'The database is unavailable; try again shortly', [], { 'retry-after': '5' });
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

/**
 * Drizzle wraps every failed query in a DrizzleQueryError ("Failed query: …" plus the parameters); the
 * driver's error, with the SQLSTATE or the connection failure, is its cause.
 */
function driverError(error: unknown): unknown {
  let e = error as { query?: unknown; cause?: unknown } | null;
  for (let i = 0; i < 5 && e && typeof e === 'object' && 'query' in e && e.cause; i++) e = e.cause as typeof e;
  return e;
}

/** SQLSTATE → a client-safe error. Only the constraint or column name is passed on, never the server's text. */
function fromPostgres(e: { code?: string; constraint?: string; column?: string; where?: string }, query = ''): AppError {
  const field = e.column ? camel(e.column) : constraintField(e.constraint);
  switch (e.code) {
    case '23505':
      return new AppError('CONFLICT', `${field} is already in use`, [{ field, message: 'already in use' }]);
    case '23503':
      return new AppError('VALIDATION_FAILED', `${field} refers to something that does not exist`, [{ field, message: 'does not exist' }]);
    case '23502':
      return new AppError('VALIDATION_FAILED', `${field} is required`, [{ field, message: 'required' }]);
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'The record was changed at the same time; try again');
    case '57P01':
    case '57P02':
    case '57P03':
      return new AppError('UNAVAILABLE', 'The database is unavailable; try again shortly', [], { 'retry-after': '5' });
  }
  // A data exception is the caller's doing only when it concerns a value bound to the statement; one raised
  // by the SQL itself (a division by zero, a cast of stored data) is a bug of ours: 500, logged.
  const parameter = e.code?.startsWith('22') ? failedParameter(e.where) : null;
  if (parameter !== null) {
    const column = columnOfParameter(query, parameter);
    const valueField = column ? camel(column) : field;
    return new AppError('VALIDATION_FAILED', `${valueField} has a value the database cannot store`, [
      { field: valueField, message: 'invalid value' },
    ]);
  }
  if (e.code?.startsWith('08'))
    return new AppError('UNAVAILABLE', 'The database is unavailable; try again shortly', [], { 'retry-after': '5' });
  return new AppError('INTERNAL', 'Something went wrong on our side');
}

function constraintField(constraint?: string): string {
  if (!constraint) return 'body';
  const m = /_(external_id|domain|email|code|key|name)_/.exec(`${constraint}_`);
  return m?.[1] ? camel(m[1]) : 'body';
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function isConnectionError(e: { code?: string; message?: string }): boolean {
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(e.code ?? '') ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(e.message ?? '')
  );
}

function fieldName(context: string, instancePath: string, params: Record<string, unknown>): string {
  const parts = instancePath.split('/').filter(Boolean);
  const keys = params?.keys;
  if (Array.isArray(keys) && keys.length) parts.push(String(keys[0]));
  return parts.length ? parts.join('.') : context;
}
