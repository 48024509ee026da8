import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../../test/scratch-database.ts';
import { hashPassword, users } from '../../modules/identity/index.ts';
import { organisations } from '../../modules/organisations/index.ts';
import { acrossOrganisations } from '../../platform/db/tenancy.ts';
import { newId } from '../../platform/ids.ts';
import { DEMO_PASSWORD, DEMO_SLUG, DEMO_USERS } from './demo.ts';
import { demoLoginLines, findDemoLogins } from './demo-logins.ts';

/**
 * The start message lists the demo logins on every start while their password is the demo one. The demo's
 * people only (its month of activity is not needed here), in a database of its own: their e-mail addresses
 * are unique in an installation.
 */
let scratch: ScratchDatabase;
const [admin, vp, csm] = DEMO_USERS.map((u) => u.email) as [string, string, string];

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const db = scratch.database.db;
  const orgId = newId();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const createdAt = new Date();
  await db.insert(organisations).values({ id: orgId, name: 'Customer365 Demo', slug: DEMO_SLUG, reportingCurrency: 'EUR', createdAt });
  await db
    .insert(users)
    .values(
      DEMO_USERS.slice(0, 3).map((u) => ({ orgId, id: newId(), email: u.email, name: u.name, role: u.role, passwordHash, createdAt })),
    );
}, 60_000);
afterAll(async () => {
  await scratch?.close();
});

const setPassword = async (email: string, password: string) => {
  const passwordHash = await hashPassword(password);
  await acrossOrganisations('the demo users are found by e-mail', async () => {
    await scratch.database.db.update(users).set({ passwordHash }).where(eq(users.email, email));
  });
};

describe('demo logins in the start message', () => {
  it('lists every demo login while its password is the demo one, on every start', async () => {
    for (let start = 0; start < 2; start++) {
      const found = await findDemoLogins(scratch.database.db);
      expect(found).toEqual({
        organisation: 'Customer365 Demo',
        password: DEMO_PASSWORD,
        users: [
          { role: 'admin', email: admin },
          { role: 'vp_cs', email: vp },
          { role: 'csm', email: csm },
        ],
      });
      const text = demoLoginLines(found).join('\n');
      expect(text).toContain(`password is: ${DEMO_PASSWORD}`);
      for (const email of [admin, vp, csm]) expect(text).toContain(email);
    }
  });

  it('leaves out a login whose password was changed, and lists it again once it is the demo password again', async () => {
    await setPassword(vp, 'a password of her own');
    const found = await findDemoLogins(scratch.database.db);
    expect(found?.users.map((u) => u.email)).toEqual([admin, csm]);
    expect(demoLoginLines(found).join('\n')).not.toContain(vp);
    // A new hash of the demo password itself is still the demo password: listed again.
    await setPassword(vp, DEMO_PASSWORD);
    expect((await findDemoLogins(scratch.database.db))?.users.map((u) => u.email)).toEqual([admin, vp, csm]);
  });

  it('prints nothing about the demo once every demo password has changed', async () => {
    for (const email of [admin, vp, csm]) await setPassword(email, `own password of ${email}`);
    expect(await findDemoLogins(scratch.database.db)).toBeNull();
    expect(demoLoginLines(await findDemoLogins(scratch.database.db))).toEqual([]);
  });
});
