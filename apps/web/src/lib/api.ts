import { createApiClient, type paths } from '@customer365/api-client';
import { notifications } from '@mantine/notifications';
import i18n from 'i18next';

/**
 * The server's error body: `{ requestId, code, message, details[{ field, code, message }] }`, its
 * messages in the language we ask for with Accept-Language.
 */
export interface ApiErrorBody {
  requestId?: string;
  code: string;
  message: string;
  details: { field: string; code?: string; message: string }[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

type Middleware = Parameters<ReturnType<typeof createApiClient>['use']>[0];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_COOKIE = 'c365_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name || key === `__Host-${name}`) return decodeURIComponent(rest.join('=')); // __Host-: over HTTPS
  }
  return null;
}

// The session cookie is HTTP-only; the CSRF cookie is readable so every state-changing request can
// echo it in a header, which a cross-site form post cannot do.
const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (SAFE_METHODS.has(request.method)) return request;
    const token = readCookie(CSRF_COOKIE);
    if (token) request.headers.set(CSRF_HEADER, token);
    return request;
  },
};

// The server words validation messages in the UI's language, not the browser's.
const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', i18n.language || 'en');
    return request;
  },
};

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener | null = null;
/** The app registers what to do when the session has ended (clear the user, go to /login). */
export function setUnauthorizedListener(listener: UnauthorizedListener | null) {
  onUnauthorized = listener;
}

// These answer 401 as part of their normal flow (wrong password, no session yet); every other 401
// means the session expired while the page was open.
const EXPECTED_401 = ['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/change-password'];
const sessionMiddleware: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !EXPECTED_401.some((p) => new URL(request.url).pathname === p)) onUnauthorized?.();
    return response;
  },
};

export const api = createApiClient({ baseUrl: '', credentials: 'same-origin' });
api.use(csrfMiddleware, languageMiddleware, sessionMiddleware);

function toErrorBody(status: number, error: unknown): ApiErrorBody {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as Partial<ApiErrorBody>;
    return {
      requestId: e.requestId,
      code: e.code ?? 'ERROR',
      message: String(e.message),
      details: Array.isArray(e.details) ? e.details : [],
    };
  }
  return { code: `HTTP_${status}`, message: i18n.t('errors.http', { status }), details: [] };
}

/**
 * Turns an openapi-fetch result into its data or a thrown ApiError, so TanStack Query sees failures.
 * Usage: `unwrap(await api.GET('/api/v1/accounts', { params }))`.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw new ApiError(result.response.status, toErrorBody(result.response.status, result.error));
  return result.data as T;
}

/** Shows the server's message and each field's problem as a red notification. */
/**
 * A field the server names ("body.lines.0.unitPrice") as a person reads it: the form's own label when the caller
 * passes one (by the path without its prefix), else its words and positions ("Lines · 1 · Unit price").
 */
export function readableField(field: string, labels: Record<string, string> = {}): string {
  const path = field.replace(/^(body|query|params)[./]/, '');
  if (labels[path]) return labels[path];
  return path
    .split('.')
    .filter(Boolean)
    .map((part) => {
      if (/^\d+$/.test(part)) return String(Number(part) + 1);
      const words = part
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .replace(/_/g, ' ')
        .toLowerCase();
      return labels[part] ?? (words[0]?.toUpperCase() ?? '') + words.slice(1);
    })
    .join(' · ');
}

export function notifyError(error: unknown, title?: string, labels?: Record<string, string>) {
  if (error instanceof ApiError) {
    const { message, details } = error.body;
    notifications.show({
      color: 'red',
      title: title ?? i18n.t('errors.title'),
      message: details.length
        ? `${message} — ${details.map((d) => `${readableField(d.field, labels)}: ${d.message}`).join('; ')}`
        : message,
      autoClose: 8000,
    });
    return;
  }
  notifications.show({ color: 'red', title: title ?? i18n.t('errors.title'), message: i18n.t('errors.network'), autoClose: 8000 });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/**
 * The server's field errors keyed by field name (`body/name` and `custom.size` style paths are
 * reduced to the part a form knows), for showing next to inputs.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const d of error.body.details) {
    const key = d.field.replace(/^(body|query|params)[./]/, '');
    out[key] ??= d.message;
  }
  return out;
}

/** Builds a same-origin URL with repeated keys for arrays, as the API's list filters expect. */
export function buildUrl(path: keyof paths, query: Record<string, string | number | string[] | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
