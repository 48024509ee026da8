import i18n from 'i18next';
import { ApiError, type ApiErrorBody, CSRF_COOKIE, CSRF_HEADER, readCookie } from './api.ts';

/** The server's limit for one uploaded file (`MAX_UPLOAD_BYTES` in apps/server/src/app.ts). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Posts a multipart/form-data form. XMLHttpRequest rather than fetch because only it reports upload progress,
 * which matters for files of tens of megabytes. Resolves with the JSON answer; rejects with an ApiError as the
 * typed client does.
 */
export function uploadForm<T>(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) xhr.setRequestHeader(CSRF_HEADER, csrf);
    xhr.setRequestHeader('accept-language', i18n.language || 'en');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: handled below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as T);
      else {
        const e = (body ?? {}) as Partial<ApiErrorBody>;
        reject(
          new ApiError(xhr.status, {
            requestId: e.requestId,
            code: e.code ?? `HTTP_${xhr.status}`,
            message: e.message ?? i18n.t('errors.http', { status: xhr.status }),
            details: Array.isArray(e.details) ? e.details : [],
          }),
        );
      }
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.send(form);
  });
}
