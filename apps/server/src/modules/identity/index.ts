export { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';
export { createIdentityService, type IdentityService, toUserDto } from './identity.service.ts';
export { registerIdentityRoutes } from './identity.routes.ts';
export { hashPassword } from './passwords.ts';
export { LANGUAGES } from './identity.schemas.ts';
