import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf, CSRF_COOKIE, cookieNames, SESSION_COOKIE } from '../../platform/http/auth-hook.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZErrorResponse } from '../../platform/http/schemas.ts';
import {
  ZChangePasswordRequest,
  ZLoginRequest,
  ZMe,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZUpdateMeRequest,
  ZUser,
} from './identity.schemas.ts';
import type { IdentityService } from './identity.service.ts';
import { SESSION_ABSOLUTE_MS } from './sessions.service.ts';

/** Sign-in and password routes answer 429 (with Retry-After) when throttled. */
const throttledErrors = { ...standardErrors, 429: ZErrorResponse };

/** Waits for the work, then answers with the status and body (204 No Content unless told). */
export const answerAfter = async (reply: FastifyReply, work: Promise<unknown>, status = 204, body: unknown = null) => {
  await work;
  return reply.status(status).send(body);
};

/** /auth: sign-in and out, who am I, my profile, my password and the reset links. */
export function registerSessionRoutes(app: FastifyInstance, deps: { identity: IdentityService; cookieSecure: boolean }) {
  const r = typed(app);
  const { identity } = deps;
  const names = cookieNames(deps.cookieSecure);
  // Path=/ and no Domain: required for the __Host- prefix, and right for the bare names too.
  const cookieBase = { path: '/', secure: deps.cookieSecure, sameSite: 'lax' as const, maxAge: SESSION_ABSOLUTE_MS / 1000 };
  const withSessionCookies = <T>(reply: FastifyReply, signedIn: { token: string; csrfToken: string; me: T }) => {
    reply
      .setCookie(names.session, signedIn.token, { ...cookieBase, httpOnly: true })
      .setCookie(names.csrf, signedIn.csrfToken, { ...cookieBase, httpOnly: false });
    // Cookies left from before HTTPS was switched on: the page could otherwise read a stale CSRF token.
    if (deps.cookieSecure) reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return signedIn.me;
  };
  const withoutSessionCookies = (reply: FastifyReply) =>
    reply
      .clearCookie(names.session, { path: '/', secure: deps.cookieSecure })
      .clearCookie(names.csrf, { path: '/', secure: deps.cookieSecure });

  r.post('/api/v1/auth/login', {
    config: { public: true },
    schema: {
      operationId: 'login',
      tags: ['auth'],
      summary: 'Sign in with e-mail and password',
      body: ZLoginRequest,
      response: { 200: ZMe, ...throttledErrors },
    },
    handler: async (req, reply) => withSessionCookies(reply, await identity.login(req.body, req.ip)),
  });

  r.post('/api/v1/auth/logout', {
    config: { public: true },
    schema: { operationId: 'logout', tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => answerAfter(withoutSessionCookies(reply), identity.logout(req.actor, req.sessionToken)),
  });

  r.get('/api/v1/auth/me', {
    schema: {
      operationId: 'getMe',
      tags: ['auth'],
      summary: 'Who is signed in: user, organisation and permissions',
      response: { 200: ZMe, ...standardErrors },
    },
    handler: async (req) => identity.me(actorOf(req), req.csrfToken),
  });

  r.patch('/api/v1/auth/me', {
    schema: {
      operationId: 'updateMe',
      tags: ['auth'],
      summary: 'Change my name or language',
      body: ZUpdateMeRequest,
      response: { 200: ZUser, ...standardErrors },
    },
    handler: async (req) => identity.updateMe(actorOf(req), req.body),
  });

  r.post('/api/v1/auth/change-password', {
    schema: {
      operationId: 'changePassword',
      tags: ['auth'],
      summary: 'Change my password (signed-in sessions only)',
      description: 'Ends my other sessions and voids outstanding reset links. Not callable with an API token; throttled like sign-in.',
      body: ZChangePasswordRequest,
      response: { 204: z.null(), ...throttledErrors },
    },
    handler: async (req, reply) => answerAfter(reply, identity.changePassword(actorOf(req), req.body, req.sessionToken, req.ip)),
  });

  r.post('/api/v1/auth/password-reset', {
    config: { public: true },
    schema: {
      operationId: 'requestPasswordReset',
      tags: ['auth'],
      summary: 'E-mail a password reset link',
      body: ZPasswordResetRequest,
      response: { 202: z.object({ ok: z.literal(true) }), ...standardErrors },
    },
    handler: async (req, reply) => answerAfter(reply, identity.requestPasswordReset(req.body.email), 202, { ok: true }),
  });

  r.post('/api/v1/auth/password-reset/confirm', {
    config: { public: true },
    schema: {
      operationId: 'confirmPasswordReset',
      tags: ['auth'],
      summary: 'Set a new password from a reset or invitation link',
      body: ZPasswordResetConfirm,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => answerAfter(reply, identity.confirmPasswordReset(req.body)),
  });
}
