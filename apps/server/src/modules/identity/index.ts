import { defineModule } from '../../platform/modules.ts';
import { identityPermissions } from './identity.permissions.ts';
import { registerIdentityRoutes } from './identity.routes.ts';
import { createIdentityService, type IdentityService } from './identity.service.ts';
import { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';

export { registerIdentityRoutes } from './identity.routes.ts';
export { LANGUAGES } from './identity.schemas.ts';
export { createIdentityService, type IdentityService, toUserDto } from './identity.service.ts';
export { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';
export { hashPassword, verifyPassword } from './passwords.ts';

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const identityModule = defineModule({
  name: 'identity',
  tables: { users, sessions, apiTokens, loginAttempts, passwordResets },
  permissions: identityPermissions,
  services: (ctx) => ({ identity: createIdentityService({ ...ctx, publicUrl: ctx.config.publicUrl }) }),
  routes: (app, ctx) => registerIdentityRoutes(app, { identity: ctx.services.identity, db: ctx.db, cookieSecure: ctx.config.cookieSecure }),
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    identity: IdentityService;
  }
}
