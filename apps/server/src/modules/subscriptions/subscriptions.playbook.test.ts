import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/harness.ts';
import { PLAYBOOK_EXPECTED, PLAYBOOK_QUERY, playbookRows } from '../../../test/mrr-playbook.ts';
import { playbookOrganisation } from '../../../test/mrr-playbook-org.ts';
import { writeImportedSubscription } from './subscriptions.import.ts';

/** The dbt Labs MRR playbook's periods, written straight through the domain core, against its expected table. */

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the MRR playbook, imported as periods', () => {
  it('gives the published month-by-month MRR, customers and movements, and a second import changes nothing', async () => {
    const { org, h, subs, accounts } = await playbookOrganisation(t);
    const deps = { clock: t.clock, events: t.events, plans: t.services.plans, timeline: t.services.timeline };
    const write = async () => {
      const outcomes: string[] = [];
      for (const s of subs)
        outcomes.push(
          await t.db.transaction((tx) =>
            writeImportedSubscription(tx, deps, org.orgId, accounts.get(s.customerId) as string, s, { importId: null, actorUserId: null }),
          ),
        );
      return outcomes;
    };
    expect(new Set(await write())).toEqual(new Set(['inserted']));

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`, headers: h });
    expect(res.statusCode, res.body).toBe(200);
    expect(playbookRows(res.json().periods)).toEqual(PLAYBOOK_EXPECTED);

    expect(new Set(await write())).toEqual(new Set(['unchanged']));
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/metrics/mrr?${PLAYBOOK_QUERY}`, headers: h });
    expect(again.json().periods).toEqual(res.json().periods);
  }, 180_000); // 121 rows, 55 accounts, two passes: slow on a busy 2-core machine
});
