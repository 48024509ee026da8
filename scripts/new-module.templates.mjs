import { repository, routes, service } from './new-module.server-templates.mjs';
import { access, factory, test } from './new-module.test-templates.mjs';

// The files `npm run new-module` writes. `n` holds the name in each spelling (see new-module.mjs).
// The example is an account-scoped resource because most domains hang off an account (subscriptions,
// renewals, health scores…); delete what the new module does not need.

export function renderModule(n) {
  return {
    [`${n.kebab}.table.ts`]: table(n),
    [`${n.kebab}.schemas.ts`]: schemas(n),
    [`${n.kebab}.repository.ts`]: repository(n),
    [`${n.kebab}.service.ts`]: service(n),
    [`${n.kebab}.routes.ts`]: routes(n),
    [`${n.kebab}.messages.ts`]: messages(n),
    [`${n.kebab}.permissions.ts`]: permissions(n),
    [`${n.kebab}.access.ts`]: access(n),
    [`${n.kebab}.factory.ts`]: factory(n),
    [`${n.kebab}.demo.ts`]: demo(n),
    'index.ts': index(n),
    [`${n.kebab}.test.ts`]: test(n),
  };
}

const table = (n) => `import { foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/accounts.table.ts';
import { users } from '../identity/identity.table.ts';

/**
 * One ${n.label} of an account. TODO: say what a row stands for.
 * Tenancy: org_id leads the primary key and every foreign key, so the database itself refuses a row
 * that points into another organisation, and the table can be distributed by org_id.
 */
export const ${n.camel} = pgTable(
  '${n.table}',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    accountId: uuid('account_id').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.accountId], foreignColumns: [accounts.orgId, accounts.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdByUserId], foreignColumns: [users.orgId, users.id] }),
    index('${n.table}_org_account_idx').on(t.orgId, t.accountId, t.createdAt),
  ],
);
`;

const schemas = (n) => `import { z } from 'zod';
import { ZPageQuery, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';

export const Z${n.One} = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  title: z.string(),
  notes: z.string().nullable(),
  createdByUserId: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type T${n.One} = z.infer<typeof Z${n.One}>;

/** Strict, like every request body: unknown fields are a 400 naming the field. */
export const ZCreate${n.One}Request = z.strictObject({
  title: zText(200),
  notes: zOptionalText(10_000),
});
export type TCreate${n.One} = z.infer<typeof ZCreate${n.One}Request>;

export const Z${n.One}ListQuery = ZPageQuery.extend({ order: z.enum(['asc', 'desc']).default('desc') });
export type T${n.One}ListQuery = z.infer<typeof Z${n.One}ListQuery>;
export const Z${n.One}Page = zPage(Z${n.One});

/** A row of the organisation-wide list: the ${n.label} with its account's name. */
export const Z${n.One}ListItem = Z${n.One}.extend({ accountName: z.string() });
export type T${n.One}ListItem = z.infer<typeof Z${n.One}ListItem>;

/** The organisation-wide list: search words, one account, sort and order, paging; the CSV export takes the same without paging. */
export const ${n.CONST}_SORTS = ['title', 'account', 'createdAt'] as const;
export const Z${n.Many}Query = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  accountId: z.uuid().optional(),
  sort: z.enum(${n.CONST}_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type T${n.Many}Query = z.infer<typeof Z${n.Many}Query>;
export const Z${n.Many}ExportQuery = Z${n.Many}Query.omit({ page: true, pageSize: true });
export type T${n.Many}ExportQuery = z.infer<typeof Z${n.Many}ExportQuery>;
export const Z${n.Many}Page = zPage(Z${n.One}ListItem);
`;

const index = (n) => `// The ${n.kebab} module's public surface: other modules, app.ts, the seed and other tests import only this.
import { defineModule } from '../../platform/modules.ts';
import { ${n.camel}AccessFixtures, ${n.camel}AccessMatrix } from './${n.kebab}.access.ts';
import { ${n.camel}Demo } from './${n.kebab}.demo.ts';
import { ${n.camel}Messages } from './${n.kebab}.messages.ts';
import { ${n.camel}Permissions } from './${n.kebab}.permissions.ts';
import { register${n.One}Routes } from './${n.kebab}.routes.ts';
import { create${n.One}Service, type ${n.One}Service } from './${n.kebab}.service.ts';
import { ${n.camel} } from './${n.kebab}.table.ts';

export { make${n.One} } from './${n.kebab}.factory.ts';
export { type T${n.One}, Z${n.One} } from './${n.kebab}.schemas.ts';
export { type ${n.One}Service, to${n.One}Dto } from './${n.kebab}.service.ts';
export { ${n.camel} };

/** The module as the composition root assembles it (modules/index.ts lists it). */
export const ${n.camel}Module = defineModule({
  name: '${n.kebab}',
  tables: { ${n.camel} },
  permissions: ${n.camel}Permissions,
  messages: ${n.camel}Messages,
  accessMatrix: ${n.camel}AccessMatrix,
  accessFixtures: ${n.camel}AccessFixtures,
  services: (ctx) => ({ ${n.camel}: create${n.One}Service({ ...ctx, accounts: ctx.services.accounts }) }),
  routes: (app, ctx) => register${n.One}Routes(app, { ${n.camel}: ctx.services.${n.camel} }),
  demo: ${n.camel}Demo,
});

declare module '../../platform/modules.ts' {
  interface ServiceRegistry {
    ${n.camel}: ${n.One}Service;
  }
}
`;

const demo = (n) => `import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * What the demo organisation shows of ${n.labels}, so a newcomer sees the feature in use: a few rows made through
 * the service two days back (\`activity\` runs after the demo's month; see TDemoContribution for the other parts).
 */
export const ${n.camel}Demo: TDemoContribution = {
  async activity({ services, actors, accountIds, at }) {
    at(2, 10);
    for (const accountId of accountIds.slice(0, 3))
      await services.${n.camel}.create(actors.vp, accountId, { title: 'Example ${n.label}', notes: 'Made by the demo' });
  },
};
`;

const messages = (n) => `import { defineMessages } from '../../platform/messages.ts';

/** What the ${n.kebab} module tells a user, in every UI language. The codes are part of the API: keep them. */
export const ${n.camel}Messages = defineMessages({
  ${n.perm}_account_archived: {
    en: 'the account is archived; restore it first',
    nl: 'het account is gearchiveerd; zet het eerst terug',
    da: 'kontoen er arkiveret; gendan den først',
  },
});
`;

const permissions = (n) => `import { CUSTOMER_TEAM, definePermissions, EVERYONE } from '../../platform/access/permissions.ts';

/** Who may see and change ${n.labels} (admins always may). */
export const ${n.camel}Permissions = definePermissions({
  '${n.perm}:read': EVERYONE,
  '${n.perm}:write': CUSTOMER_TEAM,
});

declare module '../../platform/access/permissions.ts' {
  interface PermissionRegistry extends Record<keyof typeof ${n.camel}Permissions, true> {}
}
`;
