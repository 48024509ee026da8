import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { actorOf, CSRF_COOKIE, cookieNames, SESSION_COOKIE } from '../../platform/http/auth-hook.ts';
import { sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  ZApiToken,
  ZChangePasswordRequest,
  ZCreateApiTokenRequest,
  ZCreatedApiToken,
  ZCreateUserRequest,
  ZLoginRequest,
  ZMe,
  ZPasswordResetConfirm,
  ZPasswordResetRequest,
  ZUpdateMeRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserPage,
} from './identity.schemas.ts';
import { type IdentityService, SESSION_ABSOLUTE_MS } from './identity.service.ts';
import { createUserLists, USERS_CSV, ZUserExportQuery, ZUserListQuery } from './identity.users-list.ts';

export function registerIdentityRoutes(app: FastifyInstance, deps: { identity: IdentityService; db: Db; cookieSecure: boolean }) {
  const r = typed(app);
  const { identity } = deps;
  const userLists = createUserLists(deps.db);
  const names = cookieNames(deps.cookieSecure);
  // Path=/ and no Domain: required for the __Host- prefix, and right for the bare names too.
  const cookieBase = { path: '/', secure: deps.cookieSecure, sameSite: 'lax' as const, maxAge: SESSION_ABSOLUTE_MS / 1000 };
  const setSessionCookies = (reply: FastifyReply, token: string, csrf: string) => {
    reply
      .setCookie(names.session, token, { ...cookieBase, httpOnly: true })
      .setCookie(names.csrf, csrf, { ...cookieBase, httpOnly: false });
    // Cookies left from before HTTPS was switched on: the page could otherwise read a stale CSRF token.
    if (deps.cookieSecure) reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
    return reply;
  };

  r.post('/api/v1/auth/login', {
    config: { public: true },
    schema: { operationId: 'login', tags: ['auth'], body: ZLoginRequest, response: { 200: ZMe, ...standardErrors } },
    handler: async (req, reply) => {
      const { user, token, csrfToken } = await identity.login(req.body, req.ip);
      setSessionCookies(reply, token, csrfToken);
      return identity.me(
        { orgId: user.orgId, userId: user.id, name: user.name, role: user.role as never, ownAccountsOnly: user.ownAccountsOnly },
        csrfToken,
      );
    },
  });

  r.post('/api/v1/auth/logout', {
    config: { public: true },
    schema: { operationId: 'logout', tags: ['auth'], response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (req.sessionToken) await identity.logout(req.sessionToken);
      reply
        .clearCookie(names.session, { path: '/', secure: deps.cookieSecure })
        .clearCookie(names.csrf, { path: '/', secure: deps.cookieSecure });
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    schema: { operationId: 'getMe', tags: ['auth'], response: { 200: ZMe, ...standardErrors } },
    handler: async (req) => identity.me(actorOf(req), req.csrfToken),
  });

  r.patch('/api/v1/auth/me', {
    schema: { operationId: 'updateMe', tags: ['auth'], body: ZUpdateMeRequest, response: { 200: ZUser, ...standardErrors } },
    handler: async (req) => identity.updateMe(actorOf(req), req.body),
  });

  r.post('/api/v1/auth/change-password', {
    schema: { operationId: 'changePassword', tags: ['auth'], body: ZChangePasswordRequest, response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => {
      await identity.changePassword(actorOf(req), req.body, req.sessionToken);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/v1/auth/password-reset', {
    config: { public: true },
    schema: {
      operationId: 'requestPasswordReset',
      tags: ['auth'],
      body: ZPasswordResetRequest,
      response: { 202: z.object({ ok: z.literal(true) }), ...standardErrors },
    },
    handler: async (req, reply) => {
      await identity.requestPasswordReset(req.body.email);
      return reply.status(202).send({ ok: true });
    },
  });

  r.post('/api/v1/auth/password-reset/confirm', {
    config: { public: true },
    schema: {
      operationId: 'confirmPasswordReset',
      tags: ['auth'],
      body: ZPasswordResetConfirm,
      response: { 204: z.null(), ...standardErrors },
    },
    handler: async (req, reply) => {
      await identity.confirmPasswordReset(req.body);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/users', {
    schema: {
      operationId: 'listUsers',
      tags: ['users'],
      querystring: ZUserListQuery,
      response: { 200: ZUserPage, ...standardErrors },
    },
    handler: async (req) => userLists.listUsers(actorOf(req), req.query),
  });

  r.get('/api/v1/users/export.csv', {
    schema: {
      operationId: 'exportUsersCsv',
      tags: ['users'],
      description: 'Every user matching the same filters and order as the list, as CSV (no passwords, sessions or tokens).',
      querystring: ZUserExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'users.csv', USERS_CSV, userLists.exportUsers(actorOf(req), req.query)),
  });

  r.post('/api/v1/users', {
    schema: { operationId: 'createUser', tags: ['users'], body: ZCreateUserRequest, response: { 201: ZUser, ...standardErrors } },
    handler: async (req, reply) => reply.status(201).send(await identity.createUser(actorOf(req), req.body)),
  });

  r.patch('/api/v1/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags: ['users'],
      params: ZIdParams,
      body: ZUpdateUserRequest,
      response: { 200: ZUser, ...standardErrors },
    },
    handler: async (req) => identity.updateUser(actorOf(req), req.params.id, req.body),
  });

  r.get('/api/v1/api-tokens', {
    schema: {
      operationId: 'listApiTokens',
      tags: ['api-tokens'],
      response: { 200: z.object({ items: z.array(ZApiToken) }), ...standardErrors },
    },
    handler: async (req) => ({ items: await identity.listApiTokens(actorOf(req)) }),
  });

  r.post('/api/v1/api-tokens', {
    schema: {
      operationId: 'createApiToken',
      tags: ['api-tokens'],
      body: ZCreateApiTokenRequest,
      response: { 201: ZCreatedApiToken, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await identity.createApiToken(actorOf(req), req.body)),
  });

  r.delete('/api/v1/api-tokens/:id', {
    schema: { operationId: 'revokeApiToken', tags: ['api-tokens'], params: ZIdParams, response: { 204: z.null(), ...standardErrors } },
    handler: async (req, reply) => {
      await identity.revokeApiToken(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
