import pg from 'pg';
import { median } from './machine.ts';

/**
 * Health freshness under ingestion load (issue 8, item 5): while /v1/batch carries `rate` events a second (open loop:
 * each batch sent on its slot, whether or not the previous one was answered), a probe event is sent every
 * `probeEveryMs` for an account the load never touches, and the time from its 2xx to the moment its health score is
 * seen recomputed (health_scores.computed_at after the answer, polled every 100 ms) is its latency: ingestion →
 * rollup delta → the usage.rollup job of the next 10-second slot → usage.activity_changed → health rescores the
 * accounts the merge moved. The load's own accounts are rescored along the way, as in production.
 */
export interface TFreshness {
  targetRate: number;
  achievedRate: number;
  failed: number;
  probes: number;
  /** Probes whose score was not seen recomputed before the phase ended (counted as misses). */
  missed: number;
  latenciesMs: number[];
  p50: number;
  p95: number;
  max: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

export async function measureFreshness(opts: {
  databaseUrl: string;
  orgId: string;
  /** Accounts no load batch names, each probed once: their external ids and ids. */
  probeAccounts: { externalId: string; id: string }[];
  rate: number;
  batch: number;
  seconds: number;
  probeEveryMs: number;
  /** Settles after the load so the last probes can still be seen (at most a minute). */
  graceSeconds: number;
  next: () => string;
  post: (body: string) => Promise<{ status: number; text: string }>;
}): Promise<TFreshness> {
  const { orgId } = opts;
  // The probes' watchers poll side by side: a pool, not one client (a client runs one query at a time).
  const client = new pg.Pool({ connectionString: opts.databaseUrl, max: 4 });
  const interval = (1000 * opts.batch) / opts.rate;
  const started = performance.now();
  const until = started + opts.seconds * 1000;
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const load = (async () => {
    for (let i = 0; performance.now() < until; i++) {
      await sleep(started + i * interval - performance.now());
      const p = opts.post(opts.next()).then(
        (r) => {
          if (r.status === 200) sent += opts.batch;
          else failed++;
        },
        () => {
          failed++;
        },
      );
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
  })();

  const latencies: number[] = [];
  let probes = 0;
  let missed = 0;
  const watchers: Promise<void>[] = [];
  for (const account of opts.probeAccounts) {
    if (performance.now() + opts.probeEveryMs > until) break;
    await sleep(opts.probeEveryMs);
    const body = JSON.stringify({
      batch: [
        {
          type: 'track',
          messageId: `probe-${account.externalId}-${Date.now()}`,
          userId: `probe-user-${account.externalId}`,
          event: 'Freshness probe',
          timestamp: new Date().toISOString(),
          context: { groupId: account.externalId },
        },
      ],
    });
    const res = await opts.post(body);
    if (res.status !== 200) continue;
    const acked = Date.now();
    const ackedPerf = performance.now();
    probes++;
    watchers.push(
      (async () => {
        const deadline = until + opts.graceSeconds * 1000;
        while (performance.now() < deadline) {
          const row = await client.query<{ at: Date }>(
            'select computed_at as at from health_scores where org_id = $1 and account_id = $2',
            [orgId, account.id],
          );
          const at = row.rows[0]?.at;
          if (at && at.getTime() >= acked) {
            latencies.push(performance.now() - ackedPerf);
            return;
          }
          await sleep(100);
        }
        missed++;
      })(),
    );
  }
  await load;
  const achievedRate = sent / ((performance.now() - started) / 1000);
  await Promise.all(watchers);
  await client.end();
  return {
    targetRate: opts.rate,
    achievedRate,
    failed,
    probes,
    missed,
    latenciesMs: latencies,
    p50: median(latencies),
    p95: percentile(latencies, 0.95),
    max: Math.max(0, ...latencies),
  };
}
