export { identityJobs } from './identity.jobs.ts';
export { toUserDto } from './identity.mappers.ts';
export { registerIdentityRoutes } from './identity.routes.ts';
export { LANGUAGES, type TUser, ZUser } from './identity.schemas.ts';
export { createIdentityService, type IdentityService } from './identity.service.ts';
// Other modules join users for names and owners (reads); login_attempts, sessions, API tokens and resets stay
// exported only while db/schema.ts and the system module still name them.
export { apiTokens, loginAttempts, passwordResets, sessions, users } from './identity.table.ts';
export { hashPassword } from './passwords.ts';
