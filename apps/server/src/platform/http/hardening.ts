import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { validatorCompiler } from './validation-i18n.ts';

/**
 * Input hardening for every route, before validation (and: no query parameters where a route documents none):
 * - JSON bodies must be UTF-8 (invalid bytes would silently become U+FFFD) and may not name a key twice in one
 *   object (parsers disagree on which copy wins, so a proxy or log and the server could read different values);
 *   `__proto__` and `constructor.prototype` keys are refused by Fastify's secure parser as before.
 * - No string or key anywhere in the body, query or path may hold U+0000 (PostgreSQL text cannot, and it
 *   would turn into a 500) or an unpaired UTF-16 surrogate (not Unicode text: it would be stored as U+FFFD,
 *   so the value read back would differ from the one written). The field is named in the answer.
 */
export function registerInputHardening(app: FastifyInstance) {
  // A documented operation without query parameters takes none: `?expand=contacts` is a 400 naming it, as an
  // unknown parameter of a list is (the validator compiler makes query schemas strict). Routes registered
  // after this call only, so it comes before the modules' routes.
  app.addHook('onRoute', (route) => {
    if (route.schema?.operationId && !route.schema.querystring) route.schema.querystring = NO_QUERY;
    // A route that reads its body itself (a multipart upload) still has its query checked.
    const own = route.validatorCompiler;
    if (own) route.validatorCompiler = (part) => (part.httpPart === 'querystring' ? validatorCompiler(part as never) : own(part));
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw as Buffer);
    } catch {
      done(new AppError('BAD_REQUEST', 'The body is not valid UTF-8', [{ field: 'body', message: 'not valid UTF-8' }]));
      return;
    }
    parseJson(request, text, (err, body) => {
      if (err) return done(err);
      const duplicate = findDuplicateKey(text);
      if (duplicate) {
        const field = duplicate.join('.');
        return done(new AppError('VALIDATION_FAILED', `${field}: appears more than once`, [{ field, message: 'appears more than once' }]));
      }
      done(null, body);
    });
  });

  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const hit = findBadText(value, []);
      if (hit) {
        const field = hit.path.length ? hit.path.join('.') : part;
        throw new AppError('VALIDATION_FAILED', `${field}: ${hit.message}`, [{ field, message: hit.message }]);
      }
    }
  });
}

const NO_QUERY = z.strictObject({});

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';
const SURROGATE_MESSAGE = 'must be valid Unicode text (no unpaired surrogate)';
/** With the u flag a paired surrogate is one astral code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /\p{Cs}/u;

function badTextMessage(s: string): string | null {
  if (s.includes('\u0000')) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE;
  return null;
}

const printableKey = (k: string) => k.replaceAll('\u0000', '\\u0000').replace(/\p{Cs}/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

function findBadText(value: unknown, path: string[], depth = 0): { path: string[]; message: string } | null {
  // Deeper structures than any schema accepts are refused by validation anyway.
  if (depth > 64) return null;
  if (typeof value === 'string') {
    const message = badTextMessage(value);
    return message ? { path, message } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findBadText(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const message = badTextMessage(k);
      if (message) return { path: [...path, printableKey(k)], message };
      const hit = findBadText(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * The path of the first key that appears twice in one object of a JSON text, or null. The text is already
 * known to be valid JSON, so a plain scan suffices: strings are skipped whole, and a string right after `{`
 * or after `,` inside an object is a key. Escaped keys are compared decoded ("n\u0061me" equals "name").
 * Iterative, so deep nesting cannot overflow the stack.
 */
export function findDuplicateKey(text: string): string[] | null {
  interface Frame {
    keys: Set<string> | null;
    at: string;
    index: number;
  }
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length && text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c) {
          escaped = true;
          j++;
        }
        j++;
      }
      const top = stack[stack.length - 1];
      if (top?.keys && expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (top.keys.has(key)) return [...stack.slice(0, -1).map((f) => (f.keys ? f.at : String(f.index))), key];
        top.keys.add(key);
        top.at = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b) {
      stack.push({ keys: new Set(), at: '', index: 0 });
      expectKey = true;
    } else if (c === 0x5b) {
      stack.push({ keys: null, at: '', index: 0 });
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
