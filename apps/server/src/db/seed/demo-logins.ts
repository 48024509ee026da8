import { and, eq, inArray, isNull } from 'drizzle-orm';
import { users, verifyPassword } from '../../modules/identity/index.ts';
import { organisations } from '../../modules/organisations/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS } from './demo.ts';

export interface TDemoLogins {
  organisation: string;
  password: string;
  users: { role: string; email: string }[];
}

/**
 * The demo logins that still open with the demo password, printed on every start so a newcomer who missed
 * the first start can still sign in; a login whose password was changed (or that was disabled) is left out,
 * and once none is left nothing is printed. Null when there is no demo organisation.
 */
export async function findDemoLogins(db: Db): Promise<TDemoLogins | null> {
  // The demo organisation is found by its slug, before anyone is signed in.
  const rows = await acrossOrganisations(
    'the demo organisation is found by its slug',
    async () =>
      await db
        .select({ role: users.role, email: users.email, passwordHash: users.passwordHash, organisation: organisations.name })
        .from(users)
        .innerJoin(organisations, eq(organisations.id, users.orgId))
        .where(
          and(
            eq(organisations.slug, DEMO_SLUG),
            inArray(
              users.email,
              DEMO_USERS.map((u) => u.email),
            ),
            isNull(users.disabledAt),
          ),
        ),
  );
  // The seed gives every demo user the same hash, so this is one argon2 check per start, not one per user.
  const hashes = [...new Set(rows.flatMap((r) => (r.passwordHash ? [r.passwordHash] : [])))];
  const checked = await Promise.all(hashes.map(async (h) => [h, await verifyPassword(h, DEMO_PASSWORD)] as const));
  const unchanged = new Set(checked.filter(([, ok]) => ok).map(([h]) => h));
  const order = DEMO_USERS.map((u) => u.email);
  const still = rows
    .filter((r) => r.passwordHash && unchanged.has(r.passwordHash))
    .sort((a, b) => order.indexOf(a.email) - order.indexOf(b.email));
  if (!still.length) return null;
  return {
    organisation: still[0]?.organisation ?? '',
    password: DEMO_PASSWORD,
    users: still.map((r) => ({ role: r.role, email: r.email })),
  };
}

/** What the start message says about them (nothing when none is left). */
export function demoLoginLines(demo: TDemoLogins | null): string[] {
  if (!demo?.users.length) return [];
  return [
    '',
    `  Demo organisation "${demo.organisation}" — every demo user's password is: ${demo.password}`,
    ...demo.users.map((u) => `    ${u.role.padEnd(18)} ${u.email}`),
  ];
}
