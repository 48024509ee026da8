import { z } from 'zod';
import { allPermissions, ROLES, type TPermission } from '../../platform/access/permissions.ts';
import { zPage, zText } from '../../platform/http/schemas.ts';

export const LANGUAGES = ['en', 'nl', 'da'] as const;
export const zLanguage = z.enum(LANGUAGES);
export const zRole = z.enum(ROLES);
// Lazy: every module's permissions are registered by the time a request is checked or the OpenAPI document is built.
export const zPermission = z.lazy(() => z.enum(allPermissions() as [TPermission, ...TPermission[]])) as unknown as z.ZodType<TPermission>;
/** ASVS 2.1.1/2.1.2: at least 12 characters, long passphrases allowed, no composition rules. */
export const zPassword = z.string().min(12, 'must be at least 12 characters').max(256);
export const zEmail = z.string().trim().max(254).pipe(z.email());

export const ZLoginRequest = z.strictObject({ email: zEmail, password: z.string().min(1).max(256) });

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: zRole,
  ownAccountsOnly: z.boolean(),
  language: zLanguage,
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZMe = z.object({
  user: ZUser,
  organisation: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), reportingCurrency: z.string() }),
  permissions: z.array(zPermission),
  csrfToken: z.string().nullable(),
});

export const ZUpdateMeRequest = z.strictObject({ name: zText(120).optional(), language: zLanguage.optional() });
export const ZChangePasswordRequest = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: zPassword });
export const ZPasswordResetRequest = z.strictObject({ email: zEmail });
export const ZPasswordResetConfirm = z.strictObject({ token: z.string().min(20).max(200), password: zPassword });

export const ZCreateUserRequest = z.strictObject({
  email: zEmail,
  name: zText(120),
  role: zRole,
  ownAccountsOnly: z.boolean().default(false),
  language: zLanguage.default('en'),
  /** Optional: without it the user gets an invitation e-mail to choose one. */
  password: zPassword.optional(),
});
export const ZUpdateUserRequest = z.strictObject({
  name: zText(120).optional(),
  role: zRole.optional(),
  ownAccountsOnly: z.boolean().optional(),
  language: zLanguage.optional(),
  disabled: z.boolean().optional(),
});
export const ZUserPage = zPage(ZUser);

export const ZApiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(zPermission),
  userId: z.uuid(),
  userName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const ZCreateApiTokenRequest = z.strictObject({
  name: zText(100),
  scopes: z.array(zPermission).min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
