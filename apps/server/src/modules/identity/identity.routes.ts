import type { FastifyInstance } from 'fastify';
import { registerApiTokenRoutes } from './api-tokens.routes.ts';
import type { IdentityService } from './identity.service.ts';
import { registerSessionRoutes } from './sessions.routes.ts';
import { registerUserRoutes } from './users.routes.ts';

/** Every identity route: /auth, /users and /api-tokens. */
export function registerIdentityRoutes(app: FastifyInstance, deps: { identity: IdentityService; cookieSecure: boolean }) {
  registerSessionRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
}
