import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { AppError } from '../errors.ts';
import { defineMessages, renderEntry } from '../messages.ts';
import { pickLanguage } from './validation-i18n.ts';

const m = defineMessages({
  server_shutting_down: {
    en: 'The server is shutting down; try again shortly',
    nl: 'De server wordt afgesloten; probeer het zo opnieuw',
    da: 'Serveren lukker ned; prøv igen om lidt',
  },
  address_part_too_long: {
    en: 'A part of the address is too long',
    nl: 'Een deel van het adres is te lang',
    da: 'En del af adressen er for lang',
  },
  address_invalid: { en: 'The address is not valid', nl: 'Het adres is niet geldig', da: 'Adressen er ikke gyldig' },
  url_too_long: { en: 'too long', nl: 'te lang', da: 'for lang' },
  url_invalid: { en: 'invalid', nl: 'ongeldig', da: 'ugyldig' },
});

/**
 * The answers Fastify and Node's HTTP parser give before a request reaches routing or hooks — a header
 * block or URL too large (431/414), a malformed request (400), a request that times out (408), a request
 * during shutdown (503) — in the one error shape `{ requestId, code, message, details }` instead of
 * Fastify's `{ error, message, statusCode }`. Two halves: options for the Fastify constructor, and hooks.
 */
export const edgeAnswerOptions: Pick<FastifyServerOptions, 'return503OnClosing' | 'clientErrorHandler' | 'frameworkErrors'> = {
  // Our onRequest hook answers 503 during shutdown, through the error handler, instead of Fastify's own body.
  return503OnClosing: false,
  clientErrorHandler: answerClientError,
  frameworkErrors: answerFrameworkError as FastifyServerOptions['frameworkErrors'],
};

/** A path parameter over `maxParamLength` (414), an address that is not valid percent-encoding (400). */
function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const lang = pickLanguage(request.headers['accept-language']);
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const [title, detail] = tooLong ? [m.address_part_too_long, m.url_too_long] : [m.address_invalid, m.url_invalid];
  const body = {
    requestId: request.id,
    code: tooLong ? 'URI_TOO_LONG' : 'BAD_REQUEST',
    message: renderEntry(title, lang),
    details: [{ field: 'url', code: detail.code, message: renderEntry(detail, lang) }],
  };
  return reply.status(tooLong ? 414 : 400).send(body);
}

/**
 * From the moment the server starts closing (SIGTERM), requests still arriving on open connections are
 * answered 503 with `Retry-After`, while those already running finish. Register before other onRequest hooks.
 */
export function registerShutdownAnswers(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new AppError('UNAVAILABLE', { entry: m.server_shutting_down }, [], { 'retry-after': '5', connection: 'close' });
  });
}

/** The error shape written by hand (no request exists yet, so English: no Accept-Language was read). */
function errorBody(requestId: string, code: string, message: string, field: string, detail: string) {
  return { requestId, code, message, details: [{ field, code: detail.replaceAll(' ', '_'), message: detail }] };
}

const DEFAULT_MAX_HEADER_SIZE = 16 * 1024;

/**
 * Node's HTTP parser refused the request before there was one (Fastify's clientErrorHandler): the answer
 * is written to the socket by hand. Node says 431 for any head over its limit (`--max-http-header-size`,
 * 16 KiB); when the request line alone is over it, the URL is what is too long: 414.
 */
export function answerClientError(this: FastifyInstance | undefined, err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const limit = (this?.server as { maxHeaderSize?: number } | undefined)?.maxHeaderSize ?? DEFAULT_MAX_HEADER_SIZE;
  let status = 400;
  let body = errorBody(randomUUID(), 'BAD_REQUEST', 'The request is not valid HTTP', 'request', 'invalid');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = errorBody(body.requestId, 'TIMEOUT', 'The request took too long to arrive', 'request', 'timeout');
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    const head = Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1', 0, limit + 2) : '';
    const endOfRequestLine = head.indexOf('\r\n');
    const uriTooLong = /^[A-Z]+ /.test(head) && (endOfRequestLine === -1 || endOfRequestLine >= limit);
    status = uriTooLong ? 414 : 431;
    body = uriTooLong
      ? errorBody(body.requestId, 'URI_TOO_LONG', 'The address is too long', 'url', 'too long')
      : errorBody(body.requestId, 'HEADERS_TOO_LARGE', 'The request headers are too large', 'headers', 'too large');
  }
  this?.log?.info({ status, code: body.code, err: err.code }, 'client error');
  if (socket.writable) {
    const json = JSON.stringify(body);
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' }[status];
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(err);
}
