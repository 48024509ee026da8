import { makeAccount } from '../src/modules/accounts/index.ts';
import { periodsToSubscriptions } from '../src/modules/subscriptions/index.ts';
import { createTestOrg, type TestApp } from './harness.ts';
import { readPlaybookPeriods } from './mrr-playbook.ts';

/**
 * A new organisation reporting in USD with one account per customer of the MRR playbook (named after its id, the id
 * as external id): the playbook's subscriptions to write, and the account of each customer.
 */
export async function playbookOrganisation(t: TestApp) {
  const org = await createTestOrg(t);
  const h = org.admin.headers;
  await t.app.inject({ method: 'PATCH', url: '/api/v1/organisation', headers: h, payload: { reportingCurrency: 'USD' } });
  const subs = periodsToSubscriptions(readPlaybookPeriods());
  const accounts = new Map<string, string>();
  for (const id of new Set(subs.map((s) => s.customerId)))
    accounts.set(id, (await makeAccount(t.app, h, { name: `Customer ${id}`, externalId: id })).id);
  return { org, h, subs, accounts };
}
