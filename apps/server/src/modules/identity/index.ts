// The identity module's public surface: other modules, app.ts, the seed and other modules' tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { identityAccessMatrix, identityPublicRoutes } from './identity.access.ts';
import { identityDemo } from './identity.demo.ts';
import { identityJobs } from './identity.jobs.ts';
import { identityMessages } from './identity.messages.ts';
import { identityPermissions } from './identity.permissions.ts';
import { registerIdentityRoutes } from './identity.routes.ts';
import { createIdentityService, type IdentityService } from './identity.service.ts';
import { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';

export { createDemoTeam, DEMO_INVITEE, DEMO_PASSWORD, DEMO_USERS } from './identity.demo.ts';
export { makeApiToken, makeUser } from './identity.factory.ts';
export { toUserDto } from './identity.mappers.ts';
export { LANGUAGES, type TUser, ZUser } from './identity.schemas.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
export type { IdentityService };
// Other modules join users (names, owners) and API tokens (names in the audit log) for reads; writes go
// through the identity service. login_attempts is exported for the proxy-check test, which counts sign-in
// attempts per client address.
export { apiTokens, loginAttempts, users };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const identityModule = defineModule({
  name: 'identity',
  tables: { users, sessions, apiTokens, loginAttempts, passwordResets },
  permissions: identityPermissions,
  messages: identityMessages,
  accessMatrix: identityAccessMatrix,
  publicRoutes: identityPublicRoutes,
  services: (ctx) => ({ identity: createIdentityService({ ...ctx, publicUrl: ctx.config.publicUrl }) }),
  routes: (app, ctx) => registerIdentityRoutes(app, { identity: ctx.services.identity, cookieSecure: ctx.config.cookieSecure }),
  jobs: (ctx) => identityJobs(ctx),
  demo: identityDemo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    identity: IdentityService;
  }
}
