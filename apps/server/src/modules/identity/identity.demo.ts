import type { Actor } from '../../platform/access/access.ts';
import type { TRole } from '../../platform/access/permissions.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { TDemoContribution } from '../../platform/modules.ts';
import { hashPassword } from './passwords.ts';
import { insertUser } from './users.repository.ts';

export const DEMO_PASSWORD = 'customer365-demo';

/** The demo team: one login per role, all on the demo password (printed on every start while unchanged). */
export const DEMO_USERS: { role: TRole; name: string; email: string; ownAccountsOnly?: boolean; language?: string }[] = [
  { role: 'admin', name: 'Alex Admin', email: 'admin@demo.customer365.test' },
  { role: 'vp_cs', name: 'Victoria Peters', email: 'vp@demo.customer365.test' },
  { role: 'csm', name: 'Casey de Wit', email: 'csm@demo.customer365.test' },
  { role: 'csm', name: 'Mikkel Holm', email: 'csm.dk@demo.customer365.test', ownAccountsOnly: true, language: 'da' },
  { role: 'cse', name: 'Sam Engineer', email: 'cse@demo.customer365.test' },
  { role: 'support_manager', name: 'Sofie Support', email: 'support@demo.customer365.test' },
  { role: 'customer_advocate', name: 'Ava Advocate', email: 'advocate@demo.customer365.test' },
  { role: 'country_manager', name: 'Niels van Dijk', email: 'cm.nl@demo.customer365.test', language: 'nl' },
  { role: 'country_manager', name: 'Dorthe Lund', email: 'cm.dk@demo.customer365.test', language: 'da' },
  { role: 'product', name: 'Priya Product', email: 'product@demo.customer365.test' },
  { role: 'marketing', name: 'Mark Marketing', email: 'marketing@demo.customer365.test' },
  { role: 'read_only', name: 'Rita Reader', email: 'readonly@demo.customer365.test' },
];

/** The colleague invited in the demo's last week: the invitation waits in the outbox. */
export const DEMO_INVITEE = { email: 'femke.devries@demo.customer365.test', name: 'Femke de Vries' } as const;

const DAY = 24 * 3600_000;

/**
 * The demo team, with the organisation: every module's part of the demo is made by one of them. One hash of the
 * demo password for all, so the start message checks it once. Returns them as actors, by e-mail address.
 */
export async function createDemoTeam(db: Db, orgId: string, now: Date): Promise<Map<string, Actor>> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const people = new Map<string, Actor>();
  for (const u of DEMO_USERS) {
    const row = await insertUser(db, orgId, {
      id: newId(),
      email: u.email,
      name: u.name,
      role: u.role,
      ownAccountsOnly: u.ownAccountsOnly ?? false,
      language: u.language ?? 'en',
      passwordHash,
      createdAt: new Date(now.getTime() - 400 * DAY),
    });
    people.set(u.email, { orgId, userId: row.id, name: row.name, role: u.role, ownAccountsOnly: row.ownAccountsOnly });
  }
  return people;
}

/** The month: an API token for the CRM sync in the first week, a new colleague invited in the last. */
export const identityDemo: TDemoContribution = {
  async month({ services, actors }) {
    return [
      {
        days: 34,
        hour: 9,
        run: async () => {
          await services.identity.createApiToken(actors.admin, {
            name: 'HubSpot sync',
            scopes: ['account:read', 'contact:read', 'import:run'],
          });
        },
      },
      {
        days: 3,
        hour: 9,
        run: async () => {
          await services.identity.createUser(actors.admin, { ...DEMO_INVITEE, role: 'csm', ownAccountsOnly: true, language: 'nl' });
        },
      },
    ];
  },
};
