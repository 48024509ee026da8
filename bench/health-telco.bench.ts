// "Does the health score predict churn?" on real churn labels: the Telco Customer Churn table
// (../shared/datasets/telco-churn, 7,043 customers) imported through the product's own importers with the
// `customer365` command line (custom fields made through the API, accounts and subscription changes imported),
// then `customer365 health evaluate` on PROVENANCE.md's deterministic test split (sorted by customerID, every
// fifth from the fifth): the default scorecard as shipped, then fitted to the training part. Prints both AUCs.
//
//   npm run bench:health-telco                                 # PostgreSQL at BENCH_DATABASE_URL (a fresh organisation)
//   BENCH_HEALTH_TELCO_PGLITE=1 npm run bench:health-telco      # on a throwaway PGlite instead
//   TELCO_CSV=path/to/Telco-Customer-Churn.csv npm run bench:health-telco

import { TELCO_TEST_FIELD } from './lib/telco-churn.ts';
import { importTelco } from './lib/telco-import.ts';

const env = process.env;
const DATABASE_URL = env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_bench';
const PGLITE = env.BENCH_HEALTH_TELCO_PGLITE === '1';

async function main() {
  const { timed, close } = await importTelco({ databaseUrl: DATABASE_URL, pglite: PGLITE });
  try {
    const evaluate = ['health', 'evaluate', '--outcome', 'churned', '--test-field', TELCO_TEST_FIELD, '--json'];
    const plain = JSON.parse(await timed('evaluate (default scorecard)', evaluate));
    const fitted = JSON.parse(await timed('evaluate --fit', [...evaluate, '--fit']));
    const auc = (v: number | null) => (v === null ? '—' : v.toFixed(4));
    process.stdout.write(
      [
        `Command: customer365 health evaluate --outcome churned --test-field ${TELCO_TEST_FIELD} [--fit] --json`,
        `default scorecard: test AUC ${auc(plain.test.auc)} (n ${plain.test.n}, ${plain.test.positives} churned), train AUC ${auc(plain.train.auc)} (n ${plain.train.n})`,
        `fitted scorecard:  test AUC ${auc(fitted.test.auc)}, train AUC ${auc(fitted.train.auc)}; ${fitted.inputs.length} inputs:`,
        ...fitted.inputs
          .sort((a: { weight: number }, b: { weight: number }) => b.weight - a.weight)
          .map((i: { name: string; weight: number }) => `  ${String(i.weight).padStart(5)}  ${i.name}`),
        '',
      ].join('\n'),
    );
  } finally {
    await close();
  }
}

await main();
process.exit(0);
