import { type Actor, permissionsOf, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, conflict, invalid } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import { recordAudit } from '../audit/index.ts';
import type { AuthCache } from './auth-cache.ts';
import { renderInvitationEmail } from './identity.emails.ts';
import { toUserDto } from './identity.mappers.ts';
import { identityMessages as m } from './identity.messages.ts';
import type { TCreateUserRequest, TUpdateMeRequest, TUpdateUserRequest, TUserListQuery, TUserQuery } from './identity.schemas.ts';
import { hashPassword, randomToken, sha256 } from './passwords.ts';
import { deleteUserSessions, insertPasswordReset } from './sessions.repository.ts';
import { requireSession } from './sessions.service.ts';
import * as repo from './users.repository.ts';

const INVITE_TTL_MS = 7 * 24 * 3600_000;

const userNotFound = () => new AppError('NOT_FOUND', { entry: m.user_not_found });

export type UserService = ReturnType<typeof createUserService>;

/** Users of an organisation: who am I, my profile, the administration list, invitations and changes. */
export function createUserService(deps: { db: Db; clock: Clock; publicUrl: string; cache: AuthCache }) {
  const { db, clock, cache } = deps;

  return {
    /** Any signed-in user (or token) may ask who they are. */
    async me(actor: Actor, csrfToken: string | null) {
      const row = await repo.findUserWithOrganisation(db, actor.orgId, actor.userId);
      if (!row) throw userNotFound();
      const o = row.organisation;
      return {
        user: toUserDto(row.user),
        organisation: { id: o.id, name: o.name, slug: o.slug, reportingCurrency: o.reportingCurrency },
        permissions: permissionsOf(actor),
        csrfToken,
      };
    },

    /** Session only, like every write under /auth: an API token cannot rename its owner, whatever its scopes. */
    async updateMe(actor: Actor, input: TUpdateMeRequest) {
      requireSession(actor);
      const u = await repo.updateUser(db, actor.orgId, actor.userId, input);
      if (!u) throw userNotFound();
      cache.clear();
      return toUserDto(u);
    },

    async listUsers(actor: Actor, q: TUserListQuery) {
      requirePermission(actor, 'user:read');
      const [rows, total] = await Promise.all([
        repo.findUsersPage(db, actor.orgId, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
        repo.countUsers(db, actor.orgId, q),
      ]);
      return { items: rows.map(toUserDto), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every user matching the list, in its order; users added after the export began are left out. */
    async *exportUsers(actor: Actor, q: TUserQuery) {
      requirePermission(actor, 'user:read');
      requirePermission(actor, 'export:run');
      const createdUntil = await repo.latestUserCreatedAt(db, actor.orgId, q);
      if (!createdUntil) return;
      yield* inBatches(async (limit, offset) =>
        (await repo.findUsersPage(db, actor.orgId, q, { limit, offset, createdUntil })).map(toUserDto),
      );
    },

    /** Without a password the user is invited: an e-mail with a link to choose one, valid for 7 days. */
    async createUser(actor: Actor, input: TCreateUserRequest) {
      requirePermission(actor, 'user:manage');
      const passwordHash = input.password ? await hashPassword(input.password) : null;
      return db.transaction(async (tx) => {
        if (await repo.isEmailTaken(tx, input.email)) throw conflict('email', m.user_email_taken);
        const u = await repo.insertUser(tx, actor.orgId, {
          id: newId(),
          email: input.email,
          name: input.name,
          role: input.role,
          ownAccountsOnly: input.ownAccountsOnly,
          language: input.language,
          passwordHash,
          createdAt: clock.now(),
        });
        if (!input.password) {
          const token = randomToken();
          await insertPasswordReset(tx, u.orgId, {
            id: sha256(token),
            userId: u.id,
            createdAt: clock.now(),
            expiresAt: new Date(clock.now().getTime() + INVITE_TTL_MS),
          });
          const link = `${deps.publicUrl}/reset-password?token=${token}`;
          await enqueueEmail(tx, clock, { orgId: u.orgId, to: u.email, ...renderInvitationEmail(u.language, u.name, actor.name, link) });
        }
        const dto = toUserDto(u);
        await recordAudit(tx, clock, actor, { entityType: 'user', entityId: u.id, action: 'created', after: dto });
        return dto;
      });
    },

    /** Disabling ends the user's sessions; their tokens stop working because the user is disabled. */
    async updateUser(actor: Actor, id: string, input: TUpdateUserRequest) {
      requirePermission(actor, 'user:manage');
      if (id === actor.userId && (input.disabled || (input.role && input.role !== actor.role))) {
        throw invalid(input.disabled ? 'disabled' : 'role', m.own_role);
      }
      const result = await db.transaction(async (tx) => {
        const before = await repo.lockUser(tx, actor.orgId, id);
        if (!before) throw userNotFound();
        const { disabled, ...rest } = input;
        const changes: repo.TUserChanges = {
          ...rest,
          ...(disabled === undefined ? {} : { disabledAt: disabled ? (before.disabledAt ?? clock.now()) : null }),
        };
        const after = await repo.updateUser(tx, actor.orgId, id, changes);
        if (!after) throw userNotFound();
        if (disabled) await deleteUserSessions(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, {
          entityType: 'user',
          entityId: id,
          action: 'updated',
          before: toUserDto(before),
          after: toUserDto(after),
        });
        return toUserDto(after);
      });
      cache.clear();
      return result;
    },
  };
}
