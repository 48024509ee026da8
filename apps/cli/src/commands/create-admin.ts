// `customer365 create-admin`: a new organisation and its first admin, straight into the database.
import { z } from 'zod';
import { say, usageError } from '../errors.ts';
import { readNewPassword } from '../prompt.ts';
import { applyMigrations, openConfiguredDatabase } from './database.ts';

export interface TCreateAdminOptions {
  orgName: string;
  email: string;
  name: string;
  password?: string;
  slug?: string;
  currency?: string;
  language?: 'en' | 'nl' | 'da';
}

// The same rules the API applies to users (identity.schemas.ts): a weak admin password is refused.
const ZCreateAdmin = z.object({
  orgName: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('must be an e-mail address')),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  password: z.string().min(12, 'must be at least 12 characters').max(256),
  slug: z
    .string()
    .max(60)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'only lowercase letters, digits and single dashes'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR'),
});

const FLAGS: Record<string, string> = {
  orgName: '--org-name',
  email: '--email',
  name: '--name',
  password: '--password',
  slug: '--slug',
  currency: '--currency',
};

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export async function runCreateAdmin(opts: TCreateAdminOptions) {
  const password = opts.password ?? (await readNewPassword());
  const parsed = ZCreateAdmin.safeParse({
    ...opts,
    password,
    slug: opts.slug ?? (slugify(opts.orgName) || 'organisation'),
    currency: (opts.currency ?? 'EUR').toUpperCase(),
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${FLAGS[String(i.path[0])] ?? i.path.join('.')}: ${i.message}`);
    throw usageError(`Nothing was created:\n${lines.join('\n')}`);
  }
  const input = parsed.data;

  const { config, database, where } = await openConfiguredDatabase();
  try {
    await applyMigrations(database, where);
    const { eq, sql } = await import('drizzle-orm');
    const { organisations, createOrganisationWithAdmin } = await import('@customer365/server/src/modules/organisations/index.ts');
    const { users } = await import('@customer365/server/src/modules/identity/index.ts');
    const { systemClock } = await import('@customer365/server/src/platform/clock.ts');

    const [slugTaken] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, input.slug));
    if (slugTaken) throw usageError(`--slug: an organisation with the slug "${input.slug}" already exists; choose another with --slug.`);
    const [emailTaken] = await database.db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${input.email}`);
    // E-mail addresses are unique in the whole installation, because login is by e-mail.
    if (emailTaken) throw usageError(`--email: a user with the e-mail address ${input.email} already exists.`);

    const { orgId } = await createOrganisationWithAdmin(database.db, systemClock, {
      name: input.orgName,
      slug: input.slug,
      reportingCurrency: input.currency,
      defaultLanguage: opts.language ?? 'en',
      admin: { email: input.email, name: input.name, password: input.password },
    });
    say(`Created the organisation "${input.orgName}" (slug ${input.slug}, id ${orgId}) in ${where}.`);
    say(`Its admin ${input.name} <${input.email}> can sign in at ${config.publicUrl}.`);
  } finally {
    await database.close().catch(() => {});
  }
}
