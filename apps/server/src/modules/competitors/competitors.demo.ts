import type { TDemoContribution } from '../../platform/modules.ts';
import type { TAccountCompetitor } from './competitors.schemas.ts';

/** [competitor, website, notes, [plan, our comparable plan's code, EUR monthly, USD monthly][]] */
const RIVALS: [string, string, string, [string, string, number, number][]][] = [
  [
    'Leadstream',
    'https://leadstream.example',
    'All-in-one marketing suite; strong in e-mail, weaker in CRM sync. Discounts hard at renewal.',
    [
      ['Starter', 'SELF', 39, 45],
      ['Growth', 'PRO', 249, 269],
      ['Scale', 'ENT', 799, 869],
    ],
  ],
  [
    'FunnelForge',
    'https://funnelforge.example',
    'Cheap and quick to start for small teams; no attribution reporting.',
    [
      ['Basic', 'SELF', 29, 32],
      ['Pro', 'PRO', 149, 165],
    ],
  ],
  [
    'Marketwise Suite',
    'https://marketwise.example',
    'Enterprise vendor; long implementations, priced per contact band.',
    [
      ['Professional', 'PRO', 229, 249],
      ['Enterprise', 'ENT', 690, 749],
    ],
  ],
  ['Campaignly', 'https://campaignly.example', 'E-mail only; often the tool a trial comes from.', [['Essentials', 'SELF', 25, 27]]],
];

/** Which of the demo accounts (by position in the name-ordered list) use or evaluate whom. */
const LINKS: [number, string, TAccountCompetitor['status'], string | null, string][] = [
  [1, 'Leadstream', 'uses', '2024-03-01', 'Uses Leadstream for newsletters next to us; consolidating is on the QBR agenda.'],
  [2, 'FunnelForge', 'evaluating', null, 'Asked FunnelForge for a quote after our price increase.'],
  [4, 'Marketwise Suite', 'evaluating', null, 'New CMO knows Marketwise from her previous job.'],
  [5, 'Campaignly', 'won_from', '2025-06-01', 'Came from Campaignly for workflows.'],
  [7, 'Leadstream', 'evaluating', null, 'Comparing Leadstream Growth with our Professional edition.'],
];

/** Four competitors with plans mapped to ours, and a few demo accounts that use or evaluate them. */
export const competitorsDemo: TDemoContribution = {
  async activity({ services, actors, accountIds, at }) {
    const svc = services.competitors;
    at(20, 11);
    const ids = new Map<string, string>();
    for (const [name, website, notes, plans] of RIVALS) {
      const c = await svc.create(actors.vp, { name, website, notes });
      ids.set(name, c.id);
      let order = 0;
      for (const [plan, code, eur, usd] of plans) {
        const ours = await services.plans.findByCode(actors.vp.orgId, code);
        await svc.createPlan(actors.vp, c.id, {
          name: plan,
          comparablePlanId: ours?.id ?? null,
          sortOrder: order++,
          prices: [
            { currency: 'EUR', intervalMonths: 1, amount: eur },
            { currency: 'EUR', intervalMonths: 12, amount: eur * 10 },
            { currency: 'USD', intervalMonths: 1, amount: usd },
            { currency: 'USD', intervalMonths: 12, amount: usd * 10 },
          ],
        });
      }
    }
    at(8, 14);
    // Accounts archived during the demo's month (a lost customer) are left out.
    const active = [];
    for (const id of accountIds) if (!(await services.accounts.get(actors.admin, id)).archivedAt) active.push(id);
    for (const [index, name, status, since, note] of LINKS) {
      const accountId = active[index];
      const competitorId = ids.get(name);
      if (accountId && competitorId) await svc.link(actors.admin, accountId, { competitorId, status, since, note });
    }
  },
};
