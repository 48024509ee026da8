import { csvLine } from '../../platform/http/csv.ts';
import { createWorker } from '../../platform/jobs/queue.ts';
import type { TDemoContext, TDemoContribution } from '../../platform/modules.ts';
import { importJobs } from './imports.jobs.ts';

export const DEMO_IMPORT_FILE = 'hubspot-companies-export.csv';

const HEADER = ['Name', 'Domain', 'External id', 'Market', 'Segment', 'Edition', 'Owner', 'Employees'];
/** New customers in the CRM export; the last two have what the CRM got wrong (no domain, an unknown segment). */
const NEW_ROWS: (string | number)[][] = [
  [
    'Waddenzee Veerdiensten',
    'waddenzee-veerdiensten.nl',
    'HS-104211',
    'NL',
    'mid_market',
    'professional',
    'csm@demo.customer365.test',
    180,
  ],
  ['Ribe Keramik', 'ribe-keramik.dk', 'HS-104215', 'DK', 'smb', 'self_service', 'csm.dk@demo.customer365.test', 24],
  ['Utrecht Fietsfabriek', 'utrecht-fietsfabriek.nl', 'HS-104219', 'NL', 'smb', 'professional', 'csm@demo.customer365.test', 61],
  ['Texel Zeezout', 'n/a', 'HS-104223', 'NL', 'smb', 'self_service', '', 9],
  ['Skagen Fiskeeksport', 'skagen-fiskeeksport.dk', 'HS-104227', 'DK', 'key_account', 'enterprise', '', 740],
];

/** The monthly CRM export as it was on the day: eight known accounts (grown a little, one moved up an edition) and five new rows. */
async function crmExport(demo: TDemoContext): Promise<string> {
  const { admin } = demo.actors;
  const emails = new Map([...demo.people].map(([email, actor]) => [actor.userId, email]));
  const known = await demo.services.accounts.list(admin, { page: 1, pageSize: 8, order: 'asc', status: 'active', sort: 'name' });
  const rows = known.items.map((a) => {
    const grown = Math.round((a.employees ?? 10) * 1.08);
    const edition = a.edition === 'professional' && a.segment === 'mid_market' ? 'enterprise' : a.edition;
    return [a.name, a.domain, a.externalId, a.marketCode, a.segment, edition, a.ownerUserId ? emails.get(a.ownerUserId) : '', grown];
  });
  return [HEADER, ...rows, ...NEW_ROWS].map(csvLine).join('');
}

/**
 * Week 3 of the demo's month: the admin imports the monthly CRM export, skipping the two rows the CRM got
 * wrong, so the import history has a result and its errors. Its jobs run here on the demo's clock.
 */
export const importsDemo: TDemoContribution = {
  async month(demo) {
    const csv = await crmExport(demo);
    const { services, actors } = demo;
    // Only the imports' own jobs run here; whatever else the month queues waits for the real worker.
    const definitions = importJobs({ imports: services.imports });
    const worker = createWorker({ db: demo.db, clock: demo.clock, logger: demo.logger, definitions, pollMs: 1000 });
    const runJobs = async () => {
      for (let i = 0; i < 20; i++) {
        demo.advance(2_000);
        if ((await worker.runOnce()) === 0) return;
      }
    };
    return [
      {
        days: 12,
        hour: 8,
        run: async () => {
          const uploaded = await services.imports.upload(actors.admin, {
            entity: 'accounts',
            fileName: DEMO_IMPORT_FILE,
            bytes: Buffer.from(csv),
          });
          demo.advance(40_000);
          await services.imports.setMapping(actors.admin, uploaded.id, uploaded.suggestedMapping);
          await runJobs();
          demo.advance(60_000);
          await services.imports.start(actors.admin, uploaded.id, 'skip_invalid');
          await runJobs();
        },
      },
    ];
  },
};
