import fs from 'node:fs';
import autocannon from 'autocannon';

/** CPU milliseconds spent per request by each party, when it could be read (Linux /proc). */
export interface CpuPerRequest {
  server: number | null;
  postgres: number | null;
  loadGenerator: number;
}

export interface LoadResult {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Socket errors, timeouts and non-2xx answers together: each one is a failed request. */
  errors: number;
  total: number;
  statusCodes: Record<string, number>;
  /** Less sensitive to other work on the machine than req/s: the cost of one request, wherever it is paid. */
  cpu: CpuPerRequest;
}

export interface LoadOptions {
  name: string;
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  headers?: Record<string, string>;
  /** A path per request (random ids, filter combinations); called once for every request sent. */
  nextPath: () => string;
  /** The server's process id. */
  serverPid?: number;
  /** A fixed request rate over all connections, instead of as fast as the server answers. */
  overallRate?: number;
  /** Process ids of the PostgreSQL backends serving the benchmark database (they change as pools grow). */
  postgresPids?: () => Promise<number[]>;
  /** Called once the warm-up has grown the pools, before the measured window (e.g. to renice new backends). */
  beforeMeasure?: () => Promise<void>;
}

/** Warm up (results discarded), then measure with the same load. */
export async function measure(o: LoadOptions): Promise<LoadResult> {
  const run = (duration: number) =>
    autocannon({
      url: o.url,
      connections: o.connections,
      duration,
      overallRate: o.overallRate,
      headers: o.headers,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            req.path = o.nextPath();
            return req;
          },
        },
      ],
    });
  if (o.warmupSeconds > 0) await run(o.warmupSeconds);
  await o.beforeMeasure?.();
  const before = await cpuSnapshot(o);
  const r = await run(o.durationSeconds);
  const after = await cpuSnapshot(o);
  const n = r.requests.total || 1;
  let postgres: number | null = null;
  if (before.postgres && after.postgres) {
    // A backend that appeared during the run counts from zero; one that ended during it is lost (pools keep theirs).
    postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
    postgres /= n;
  }
  return {
    name: o.name,
    // Completed requests over the whole measured window (autocannon's per-second average hides the last partial second).
    requestsPerSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    total: r.requests.total,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    cpu: {
      server: before.server !== null && after.server !== null ? (after.server - before.server) / n : null,
      postgres,
      loadGenerator: (after.self - before.self) / n,
    },
  };
}

async function cpuSnapshot(o: LoadOptions) {
  const usage = process.cpuUsage();
  let postgres: Map<number, number> | null = null;
  if (o.postgresPids) {
    postgres = new Map();
    for (const pid of await o.postgresPids()) {
      const ms = cpuMs(pid);
      if (ms !== null) postgres.set(pid, ms);
    }
  }
  return { self: (usage.user + usage.system) / 1000, server: o.serverPid ? treeCpuMs(o.serverPid) : null, postgres };
}

/** CPU of a process and its live children (the processes of a server run with node:cluster). */
function treeCpuMs(pid: number): number | null {
  const own = cpuMs(pid);
  if (own === null) return null;
  let total = own;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) total += cpuMs(Number(entry)) ?? 0;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** utime + stime of a process in milliseconds, from /proc (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
