import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * PostgreSQL text cannot hold U+0000, and letting it through turns into a 500. Reject it at the edge for
 * every route and every part of the request, naming the field.
 */
export function registerInputHardening(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const path = findNul(value, []);
      if (path) {
        const field = path.length ? path.join('.') : part;
        throw new AppError('VALIDATION_FAILED', `${field}: must not contain the NUL character (\\u0000)`, [
          { field, message: 'must not contain the NUL character (\\u0000)' },
        ]);
      }
    }
  });
}

function findNul(value: unknown, path: string[], depth = 0): string[] | null {
  if (depth > 64) return null;
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return [...path, k.replaceAll('\u0000', '\\u0000')];
      const hit = findNul(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}
