import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { type CsvColumn, sendCsv } from '../../platform/http/csv.ts';
import { typed } from '../../platform/http/route-types.ts';
import { standardErrors, ZIdParams } from '../../platform/http/schemas.ts';
import {
  type TUser,
  ZCreateUserRequest,
  ZUpdateUserRequest,
  ZUser,
  ZUserExportQuery,
  ZUserListQuery,
  ZUserPage,
} from './identity.schemas.ts';
import type { IdentityService } from './identity.service.ts';

/** What an admin may take out of the system: who, with which role and when they last signed in. No hashes, no tokens. */
export const USERS_CSV: CsvColumn<TUser>[] = [
  ['id', (u) => u.id],
  ['name', (u) => u.name],
  ['email', (u) => u.email],
  ['role', (u) => u.role],
  ['own_accounts_only', (u) => u.ownAccountsOnly],
  ['language', (u) => u.language],
  ['disabled', (u) => u.disabled],
  ['last_sign_in_at', (u) => u.lastLoginAt],
  ['created_at', (u) => u.createdAt],
];

/** Administration → Users: the list, its export, inviting and changing users. */
export function registerUserRoutes(app: FastifyInstance, deps: { identity: IdentityService }) {
  const r = typed(app);
  const { identity } = deps;

  r.get('/api/v1/users', {
    schema: {
      operationId: 'listUsers',
      tags: ['users'],
      summary: 'List the users of the organisation',
      querystring: ZUserListQuery,
      response: { 200: ZUserPage, ...standardErrors },
    },
    handler: async (req) => identity.listUsers(actorOf(req), req.query),
  });

  r.get('/api/v1/users/export.csv', {
    schema: {
      operationId: 'exportUsersCsv',
      tags: ['users'],
      summary: 'Export the user list as CSV',
      description: 'Every user matching the same filters and order as the list, as CSV (no passwords, sessions or tokens).',
      querystring: ZUserExportQuery,
      produces: ['text/csv'],
      response: { 200: z.string(), ...standardErrors },
    },
    handler: async (req, reply) => sendCsv(reply, 'users.csv', USERS_CSV, identity.exportUsers(actorOf(req), req.query)),
  });

  r.post('/api/v1/users', {
    schema: {
      operationId: 'createUser',
      tags: ['users'],
      summary: 'Add a user, or invite them by e-mail to choose a password',
      body: ZCreateUserRequest,
      response: { 201: ZUser, ...standardErrors },
    },
    handler: async (req, reply) => reply.status(201).send(await identity.createUser(actorOf(req), req.body)),
  });

  r.patch('/api/v1/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags: ['users'],
      summary: 'Change a user: name, role, language, own accounts only, disabled',
      params: ZIdParams,
      body: ZUpdateUserRequest,
      response: { 200: ZUser, ...standardErrors },
    },
    handler: async (req) => identity.updateUser(actorOf(req), req.params.id, req.body),
  });
}
