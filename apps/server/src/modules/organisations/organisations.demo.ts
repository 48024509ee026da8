import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { TDemoContribution } from '../../platform/modules.ts';
import { hasAnyOrganisation, insertMarket, insertOrganisation } from './organisations.repository.ts';

/** The demo organisation, found by its slug on every start (its logins are printed while unchanged). */
export const DEMO_ORGANISATION = { name: 'Customer365 Demo', slug: 'demo', reportingCurrency: 'EUR' } as const;

const DAY = 24 * 3600_000;

/** The demo is loaded on first start only: into an installation without any organisation. */
export const isDemoWanted = async (db: Db) => !(await hasAnyOrganisation(db));

/** The organisation itself, a little over a year old: the first thing the demo makes, before any module's part. */
export async function createDemoOrganisation(db: Db, now: Date): Promise<string> {
  const id = newId();
  await insertOrganisation(db, { id, ...DEMO_ORGANISATION, createdAt: new Date(now.getTime() - 400 * DAY) });
  return id;
}

/** [code, name, language, currency, its country manager] */
const MARKETS: [string, string, string, string, string][] = [
  ['NL', 'Netherlands', 'nl', 'EUR', 'cm.nl@demo.customer365.test'],
  ['DK', 'Denmark', 'da', 'DKK', 'cm.dk@demo.customer365.test'],
];

/** The two markets the demo's customers are in, each with its country manager. */
export const organisationsDemo: TDemoContribution = {
  async base({ db, orgId, now, people }) {
    for (const [code, name, language, currency, manager] of MARKETS)
      await insertMarket(db, orgId, {
        id: newId(),
        code,
        name,
        language,
        currency,
        countryManagerUserId: people.get(manager)?.userId ?? null,
        createdAt: new Date(now.getTime() - 400 * DAY),
      });
  },
};
