/**
 * One error type with a documented code enum, mapped to HTTP in one place (platform/http/error-handler.ts).
 * Responses are { requestId, code, message, details }, where details name the offending field and
 * give a machine-readable code. Messages are written in English; the error handler sends them in the
 * request's language (platform/http/validation-i18n.ts), so a new message needs a catalogue entry.
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
  /** Machine-readable reason (zod's issue code, or a code of platform/http/validation-messages.ts). */
  code?: string;
}

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details: TErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(code: TErrorCode, message: string, details: TErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (permission: string) => new AppError('FORBIDDEN', `You do not have the permission "${permission}"`);
export const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ field, message }]);
export const conflict = (field: string, message: string) => new AppError('CONFLICT', `${field}: ${message}`, [{ field, message }]);
