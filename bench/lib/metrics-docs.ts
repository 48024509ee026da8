// The fixed text of the "Revenue metrics" section of docs/benchmarks.md: how the figures are made. The measured
// tables follow it (metrics.bench.ts writes both with --write-docs).

export const METRICS_HOW = `Command: \`BENCH_NICE=-10 npm run bench:metrics -- --write-docs\` (bench/metrics.bench.ts). Settings: \`BENCH_DATABASE_URL\`
(default \`postgres://c365:c365@127.0.0.1:5432/c365_mbench\`), \`BENCH_METRICS_SIZES\` (accounts per PostgreSQL
organisation, default \`10000,100000\`), \`BENCH_METRICS_PGLITE_SIZE\` (10000; 0 skips PGlite), \`BENCH_METRICS_PGLITE_DIR\`
(the PGlite data directory, kept in the system's temporary directory), \`BENCH_ROUNDS\` (5), \`BENCH_METRICS_WARMUP\` (3),
\`BENCH_RESEED=1\` (generate again). \`node --import tsx bench/metrics-verify.ts\` checks the generator against the product (below).

**The data** (bench/lib/metrics-data.ts, bench/lib/metrics-story.ts): one organisation per size (\`bench-metrics-10k\`,
\`bench-metrics-100k\`), kept between runs. The accounts are made inside the database with one \`INSERT … SELECT
generate_series\` (8 markets weighted 30% down to 5%, segments 10/30/60%, editions following the segment, 40 owners,
5% unowned), with a catalogue (Self-service, Professional, Enterprise on tiers 1–3, two add-ons, a free trial plan; list
prices in EUR, DKK and SEK, monthly and yearly), five cancel reasons and kroner and kronor rates for every month. Each
account then gets one subscription and about ten effective-dated changes over the 60 months from January 2022 (1.03M
changes at 100k accounts): a start (monthly, or yearly for 35% and for 80% of enterprise accounts; 15% of the smaller
ones with a 14-day trial), then seat changes, price indexations, upgrades and downgrades, add-on lines and their
removal, discounts (lasting, or until a date) and their removal; 21% cancel (with a reason, effective at the end of the
paid period), a tenth of those withdraw, a quarter of the rest come back (reactivation). The changes are the product's
own op payloads (\`TChangeOp\`); the product's \`replay()\` turns each subscription's changes into its line versions and
the MRR around each change, and the product's \`accountMrrChanges()\` (default conventions, the stored monthly rates)
turns the account's line versions and cancellations into its \`mrr_changes\` rows. Everything is written with COPY,
2,000 accounts per transaction, then VACUUM ANALYZE.

*Same as the product?* \`bench/metrics-verify.ts\` generates 200 accounts, deletes their \`mrr_changes\`, queues the
product's \`metrics.rebuild\` job, lets the real server's worker run it (it reads the line versions and cancellations the
generator wrote, with the organisation's settings and rates from the database) and compares: 2,142 rows, identical
(2,051 changes: quantity 719, discount added 295, add-on 204, start 200, price 194, upgrade 163, downgrade 93, discount
removed 87, remove line 43, cancel request 43, reactivation 5, cancel withdrawn 5).

**What is timed**: \`GET /api/v1/metrics/mrr?from=2022-01&to=2026-12&by=month\` — the 60-month series with MRR, customers,
all five movements, churn and retention rates, ARPA, LTV, CLV, new ACV, trials — (a) for the whole organisation, (b) with
\`market=NL\` (30% of the accounts), (c) with \`groupBy=market\` (the whole series and one per market). The product runs
as \`npm start\` runs it (\`node --import tsx apps/server/src/main.ts\`, its own process, pool of 10, \`NODE_ENV=production\`,
\`LOG_LEVEL=warn\`), signed in as a CSM with the session cookie; three warm-up requests per case, then rounds in which
each case is asked once, one request at a time, timed until the JSON body is parsed. **The floor**, in the same round
right after each request: one plain aggregate over the same \`mrr_changes\` rows through \`pg\` from the bench process:
\`select date_trunc('month', effective_date), count(*), sum(mrr_after_cents - mrr_before_cents) from mrr_changes where
org_id = $1 and effective_date between … group by 1\` (for (b) joined to accounts of the market, for (c) also grouped by
market). It is what reading those rows once costs; the product reads them twice (the series and, from six months
earlier, the monthly churn behind LTV) and the line versions twice more (new ACV, trials), each in its own query, the
queries in parallel on the pool. As a check, the product's MRR must move from month to month exactly by the floor's sum
of changes ((a) and (b)). On PGlite one process owns the data directory: the floor is measured first in the bench
process (PGlite opened on the directory, same rounds), then the product is started on it (\`DATA_DIR\`).

The dashboard's first paint with these figures was not measured (it needs the built web app and a browser run per
size); the API figures below are its lower bound, since the dashboard asks for this series.`;

export const METRICS_CHANGES = `**What was changed for these figures** (\`metrics.repository.ts\`, \`metrics.table.ts\`; the queries return the same
rows: the metrics and subscriptions tests pass on PGlite and PostgreSQL, and eleven series and drill-downs of the 10k
organisation — by month, quarter, year and day, with a market, a plan, grouped by market, edition and plan — gave
byte-identical JSON before and after: \`bench/metrics-snapshot.ts\` writes them, run it before and after a change). Measured along the way with EXPLAIN ANALYZE at 100k accounts on the busy machine
(load average 9–12, so every figure is several times what a quiet machine gives; compare within a line):

- Movements took each account's MRR at the start and end of each period with five \`(array_agg(… order by …))[1]\` per
  (account, period): every aggregate sorted every one of the 874k groups. Now the rows come in the primary key's order
  (account, day), \`lag\`/\`lead\` over that order mark the first and last row of each period without a sort, and the
  start and end are plain \`min(…) filter (where first)\` aggregates: 1.56 s → 0.62 s for the movements query at 10k.
- Reading 1.06M change points in the primary key's order visited the table one random page per row: the index scan
  alone took 5.3 s at 100k. \`mrr_changes_org_account_covering_idx\` (migration 0008) holds every column in that order,
  so the movements read the index alone (index-only scan, no heap fetches after VACUUM): 0.36 s for the same rows.
- Periods are truncated as \`date_trunc(unit, day::timestamp)\` instead of through \`timestamptz\` (no time-zone round
  trip per row), once per row instead of three times.
- New ACV found each subscription's first paying day, then looked its versions up again one subscription at a time
  (a nested loop of 100k index probes); now a window over the subscription's versions gives the day in the same pass,
  and the grouping after it follows the window's order (an incremental sort instead of a sort spilling to disk).
- Trials grouped all 1.05M line versions by subscription (a sort spilling 83 MB at 100k) to find the few with trial
  days; now only trial versions are grouped (about 15k rows) and whether each subscription went on to pay is one index
  probe.

**What is left, and what it would take.** The movements query alone still costs 5–7 times the floor: the floor is one
hash aggregate into 60 groups (and PostgreSQL runs it with two parallel workers), the movements need every account's
rows in order, a window and an aggregate into 874k (account, month) groups. A request runs it twice (the series, and
the monthly churn from six months earlier for LTV, which for \`by=month\` covers the series' months too: one query could
serve both), plus a pass over the 1.05M line versions for new ACV (3 s on the busy machine) and a scan of them for trials. ≤ 1 s at 100k needs less work per request, not faster SQL: (1) in
\`computeSeries\`, one movements query when the unit is a month (it is outside the SQL this bench may change; tried and reverted: (a) at 100k took 3.7 / 8.1 / 6.0 s against 9.4 s in the run above, with the load average at 9 instead of 17, and (c), which it does not touch, 8.8 s against 10.4 s, so about half of that is the quieter machine); (2) a
per-(account, month) movement rollup kept by the same projection that writes \`mrr_changes\` (then the series is a plain
aggregate like the floor, or a per-month table read in milliseconds); (3) indexes on \`subscription_line_versions\` for
new ACV and trials (the subscriptions module's table), or both figures kept per month at write time.`;
