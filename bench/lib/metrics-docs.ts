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
turns the account's line versions and cancellations into its \`mrr_changes\` rows, and the product's \`periodMovements()\`,
\`subscriptionFacts()\` and \`primaryPlan()\` into the summaries the projection stores with them (\`mrr_period_movements\`,
\`mrr_subscription_facts\`, \`mrr_accounts\`). Everything is written with COPY, 2,000 accounts per transaction, then
VACUUM ANALYZE.

*Same as the product?* \`bench/metrics-verify.ts\` generates 200 accounts, deletes their MRR history (the four tables above),
queues the product's \`metrics.rebuild\` job, lets the real server's worker run it (it reads the line versions and
cancellations the generator wrote, with the organisation's settings and rates from the database) and compares: 6,401
rows, identical (2,142 change points, 3,859 period movements, 200 subscriptions' facts, 200 accounts' plans; 2,051 changes: quantity 719, discount added 295, add-on 204, start 200, price 194, upgrade 163, downgrade 93, discount
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
market). It is what reading those rows once costs. The product reads, in parallel on the pool: the movements of the
whole months from six months before the range (LTV's look-back) to last month from \`mrr_period_movements\` (one row per
account and month it changed: about as many rows as the floor reads, in one aggregate without sorting), the current
month up to today from \`mrr_changes\`, the standing before the range (the stored movements of the years before its
year and of its year's months before it), new ACV and trials from \`mrr_subscription_facts\` (one row per subscription),
the rates, costs and settings. The stored movements and facts carry the account's market, so (b) and (c) read them
without joining the accounts (the floor joins them). As a check, the product's MRR must move from month to month exactly by the floor's sum
of changes ((a) and (b)). On PGlite one process owns the data directory: the floor is measured first in the bench
process (PGlite opened on the directory, same rounds), then the product is started on it (\`DATA_DIR\`).

**The dashboard's first paint** (bench/lib/metrics-paint.ts; \`BENCH_METRICS_PAINT=0\` skips it): the built web app
(\`npm run build\`, made when missing or older than apps/web/src) served by the same product process, opened in Chromium at 1440×900 in a fresh
browser context per round (nothing cached, as a first visit), signed in with the same session cookie, at
\`/revenue?from=2022-01&to=2026-12&by=month\`; timed in the page from the start of the navigation to the animation frame in
which the MRR card shows its figure and the MRR chart and the movement bars are drawn (the second row of charts, the
churn reasons and the figures table render right after that frame). One warm-up visit, then one per round.`;

export const METRICS_CHANGES = `**What was changed for these figures.** (c) by market was 1,444 ms at 100k in the last run (2.6× its floor), and
joining the 100k accounts to the 867k period rows was half of it (EXPLAIN ANALYZE: 870 ms with the join, 390 ms
without). The period movements and the subscriptions' facts now carry the account's market (migration 0014 fills it;
the projections of \`account.updated\` and \`accounts.bulk_updated\`, from an edit, an import and its undo, keep it in
step), so a series by market or of one market reads them alone; the standing before a month sums the stored yearly and
monthly movements instead of every change point before it. Migration 0014 rewrites every row of both tables: on this
database (12 GB, 1.1M accounts) it took 14.5 minutes, and until the tables were vacuumed (1.5 minutes, or autovacuum
later) the index-only scans visited the heap and (a) took 5.2 s; run \`VACUUM ANALYZE mrr_period_movements,
mrr_subscription_facts\` after upgrading a large database.

Before that: the series used to be computed from the change points on every request:
per account and period, the first and last change (a window over 1.07M rows in (account, day) order and an aggregate
into 874k groups), twice (the series, and the monthly churn from six months earlier), plus a window over the 1.05M line
versions for new ACV and a grouping of the trial versions: 4.0 s for (a) at 100k against a 380 ms floor (10.4×) in
the last run. Now the projection that writes an account's change points also writes, in the same transaction, three
summaries (\`metrics.rollup.ts\`, pure): its movement in each month, quarter and year it changed (start and end MRR,
customer or not, days since it last was one), per subscription the day it first paid with its MRR then and its trial,
and its plan for segmenting; migrations 0011 and 0012 fill them for existing data. A series of whole periods is one
aggregate over those rows; a period the range cuts (the current month, up to today) and days still come from the
change points, so a change scheduled for later in the month does not count before its day. \`npm test\` checks that
the stored movements equal the computed ones for random histories by month, quarter and year, grouped or not, and that
the migrations write what the projection writes; \`bench/metrics-snapshot.ts\` gave byte-identical answers to the
eleven series and drill-downs of the 10k organisation before and after, except one account whose plan was a tie
between two lines of equal MRR (picked arbitrarily before, by subscription and line now). The plan filter and grouping
(not in the table above) went from 2.1 s and 1.7 s to 0.12 s and 0.21 s at 10k.

Earlier changes, still in place: the change points are read off a covering index in (account, day) order
(\`mrr_changes_org_account_covering_idx\`), periods are truncated as \`date_trunc(unit, day::timestamp)\`, and the
drill-down marks each account's first and last change with \`lag\`/\`lead\` instead of sorting per group.`;
