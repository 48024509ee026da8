import { renderEntry, type TMessage, type TMessageValues } from './messages.ts';

/**
 * One error type with a documented code enum, mapped to HTTP in one place (platform/http/error-handler.ts).
 * Responses are { requestId, code, message, details }, where details name the offending field and
 * give a machine-readable code. Services throw catalogue entries with values (platform/messages.ts); the
 * error handler renders them in the request's language by their code.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type TErrorCode = keyof typeof ERROR_CODES;

export interface TErrorDetail {
  field: string;
  message: string;
  /** Machine-readable reason (zod's issue code, or the code of a catalogue entry). */
  code?: string;
  /** The values of the entry's `{name}` parts, for rendering it in another language. */
  values?: TMessageValues;
}

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details: TErrorDetail[];
  readonly headers: Record<string, string>;
  /** The catalogue entry the message is, when it is one (rendered in the request's language). */
  readonly messageCode?: string;
  readonly messageValues?: TMessageValues;

  constructor(
    code: TErrorCode,
    message: string | { entry: TMessage; values?: TMessageValues },
    details: TErrorDetail[] = [],
    headers: Record<string, string> = {},
  ) {
    super(typeof message === 'string' ? message : renderEntry(message.entry, 'en', message.values));
    this.code = code;
    this.details = details;
    this.headers = headers;
    if (typeof message !== 'string') {
      this.messageCode = message.entry.code;
      this.messageValues = message.values;
    }
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (permission: string) => new AppError('FORBIDDEN', `You do not have the permission "${permission}"`);
/** A detail naming the field, from a catalogue entry and its values. */
export function detail(field: string, entry: TMessage, values?: TMessageValues): TErrorDetail {
  return { field, code: entry.code, message: renderEntry(entry, 'en', values), ...(values ? { values } : {}) };
}

function fieldError(status: 'VALIDATION_FAILED' | 'CONFLICT', field: string, entry: TMessage, values?: TMessageValues) {
  const d = detail(field, entry, values);
  return new AppError(status, `${field}: ${d.message}`, [d]);
}

/** 400 naming the field: `throw invalid('domain', messages.domain_format)`. */
export const invalid = (field: string, entry: TMessage, values?: TMessageValues) => fieldError('VALIDATION_FAILED', field, entry, values);
/** 409 naming the field. */
export const conflict = (field: string, entry: TMessage, values?: TMessageValues) => fieldError('CONFLICT', field, entry, values);
