// Writes the answers of eleven revenue-metrics requests (series by month, quarter, year and day, with a market, a plan,
// grouped by market, edition and plan; movement drill-downs) for one benchmark organisation to a JSON file, from the
// real server on the bench database. Run it before and after a change to the metrics queries and compare the files:
// they must be identical. `node --import tsx bench/metrics-snapshot.ts bench-metrics-10k before.json`
import fs from 'node:fs';
import { startProduct } from './lib/child.ts';
import { METRICS_PASSWORD, metricsEmail } from './lib/metrics-data.ts';
import { signIn } from './lib/metrics-measure.ts';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_mbench';
const QUERIES = [
  'mrr?from=2022-01&to=2026-12&by=month',
  'mrr?from=2022-01&to=2026-12&by=month&market=NL',
  'mrr?from=2022-01&to=2026-12&by=month&groupBy=market',
  'mrr?from=2023-03-15&to=2025-07-10&by=quarter',
  'mrr?from=2024-01&to=2024-02&by=day&market=DK',
  'mrr?from=2022-01&to=2026-12&by=year&groupBy=edition',
  'mrr?from=2023-01&to=2026-12&by=month&groupBy=plan',
  'mrr?from=2023-01&to=2026-12&by=month&plan=PRO',
  'movements?from=2024-01&to=2024-03&pageSize=50',
  'movements?from=2025-05&to=2025-05&type=churn&pageSize=20&page=2',
  'movements?from=2022-01&to=2026-12&market=SE&pageSize=30',
];

async function main() {
  const [slug, out] = process.argv.slice(2);
  if (!slug || !out) throw new Error('usage: metrics-snapshot.ts <organisation slug> <output.json>');
  const { app, base } = await startProduct(DATABASE_URL);
  try {
    const cookie = await signIn(base, metricsEmail(slug), METRICS_PASSWORD);
    const answers: Record<string, unknown> = {};
    for (const q of QUERIES) {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/metrics/${q}`, { headers: { cookie } });
      answers[q] = { status: res.status, body: await res.json() };
      process.stderr.write(`${q}: ${res.status} in ${Math.round(performance.now() - t)} ms\n`);
    }
    fs.writeFileSync(out, JSON.stringify(answers, null, 1));
  } finally {
    await app.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
