import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../access/access.ts';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (login, health, password reset). Everything else needs an actor. */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'c365_session';
export const CSRF_COOKIE = 'c365_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The cookie names in use. Secure cookies (HTTPS) carry the `__Host-` prefix: a browser then keeps them
 * only when set over HTTPS with Path=/ and no Domain, so neither a sibling subdomain nor a plain-HTTP page
 * can plant a session of its own (cookie tossing), and only the prefixed session cookie is accepted. Browsers
 * refuse the prefix over plain HTTP, so an http:// install keeps the bare names.
 */
export function cookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}${SESSION_COOKIE}`, csrf: `${prefix}${CSRF_COOKIE}` };
}

export interface ActorResolver {
  actorFromSession(token: string, requestId: string): Promise<{ actor: Actor; csrfToken: string } | null>;
  actorFromApiToken(token: string, requestId: string): Promise<Actor | null>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling before anything else runs: an API token (Authorization: Bearer) or a session
 * cookie. Cookie-authenticated writes must echo the CSRF token in a header (double submit). Every route under
 * /api/v1 needs an actor unless its config says `public: true`; the 401 comes before validation.
 */
export function registerAuthHook(app: FastifyInstance, resolver: ActorResolver, options: { cookieSecure: boolean }) {
  const sessionCookie = cookieNames(options.cookieSecure).session;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const authorization = request.headers.authorization;
    if (authorization) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const actor = m?.[1] ? await resolver.actorFromApiToken(m[1], request.id) : null;
      if (!actor) throw new AppError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked');
      request.actor = actor;
    } else {
      const token = request.cookies?.[sessionCookie];
      const resolved = token ? await resolver.actorFromSession(token, request.id) : null;
      if (resolved) {
        request.actor = resolved.actor;
        request.sessionToken = token ?? null;
        request.csrfToken = resolved.csrfToken;
        if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== resolved.csrfToken) {
          throw new AppError('CSRF_FAILED', `The ${CSRF_HEADER} header is missing or does not match the session`, [
            { field: CSRF_HEADER, message: 'missing or wrong' },
          ]);
        }
      }
    }
    if (!request.actor && !request.routeOptions.config?.public && request.routeOptions.url) {
      throw new AppError('UNAUTHENTICATED', 'Sign in first, or send an API token');
    }
  });
}

/** The signed-in actor of a route that is not public (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first, or send an API token');
  return request.actor;
}
