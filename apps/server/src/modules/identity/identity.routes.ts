import type { FastifyInstance } from 'fastify';
import { registerApiTokenRoutes } from './api-tokens.routes.ts';
import type { IdentityService } from './identity.service.ts';
import { registerSessionRoutes } from './sessions.routes.ts';
import { registerUserRoutes } from './users.routes.ts';

/** Every identity route: /auth, /users and /api-tokens. (`db` is accepted for the current app.ts and not used.) */
export function registerIdentityRoutes(app: FastifyInstance, deps: { identity: IdentityService; cookieSecure: boolean; db?: unknown }) {
  registerSessionRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
}
