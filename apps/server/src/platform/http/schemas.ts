import { z } from 'zod';

/** Shared request/response building blocks: every list pages, sorts and filters the same way. */
export const INT4_MAX = 2_147_483_647;

export const zId = z.uuid();
export const ZIdParams = z.strictObject({ id: z.uuid() });

/** A text field: trimmed length bounds. NUL is rejected globally by the input-hardening hook. */
export const zText = (max = 200) => z.string().trim().min(1).max(max);
export const zOptionalText = (max = 200) => z.string().trim().max(max).nullable().optional();

export const zInt = (min = 0, max = INT4_MAX) => z.int().min(min).max(max);

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** Accepts `?tag=a&tag=b` and `?tag=a,b` alike. */
export function zStringList<T extends z.ZodType<string, string>>(item?: T) {
  const each = (item ?? z.string().max(100)) as T;
  return z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(each).max(50))
    .optional();
}

export const zPage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int(), page: z.int(), pageSize: z.int() });

export const ZErrorResponse = z.object({
  requestId: z.string(),
  code: z.string(),
  message: z.string(),
  details: z.array(
    z.object({
      field: z.string(),
      /** Machine-readable reason: zod's issue code (too_small, invalid_format, …) or one of ours (already_in_use, …). */
      code: z.string(),
      /** In the request's Accept-Language (en, nl or da; English by default). */
      message: z.string(),
    }),
  ),
});

export const zIsoDateTime = z.iso.datetime({ offset: true });
export const zIsoDate = z.iso.date();

export const standardErrors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
};
