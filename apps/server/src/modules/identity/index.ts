export { registerIdentityRoutes } from './identity.routes.ts';
export { LANGUAGES } from './identity.schemas.ts';
export { createIdentityService, type IdentityService, toUserDto } from './identity.service.ts';
export { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';
export { hashPassword, verifyPassword } from './passwords.ts';
