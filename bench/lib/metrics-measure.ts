// Timing helpers of the revenue-metrics bench: the product's series over HTTP, and the floor (a plain SQL
// aggregate over the same rows) through a driver, one request or query at a time.
import type { Sink } from './metrics-data.ts';

export interface TCase {
  name: string;
  /** Query string of GET /api/v1/metrics/mrr. */
  query: string;
  /** The floor of the same scope: one plain aggregate over mrr_changes. */
  floorSql: string;
}

const RANGE = `effective_date between $2 and $3`;

/** The three cases: the whole organisation, one market, grouped by market; each next to its floor. */
export function metricsCases(from: string, to: string, market: string): TCase[] {
  const q = `from=${from}&to=${to}&by=month`;
  return [
    {
      name: '(a) whole organisation',
      query: q,
      floorSql: `select date_trunc('month', effective_date) as p, count(*), sum(mrr_after_cents - mrr_before_cents) as d
                 from mrr_changes where org_id = $1 and ${RANGE} group by 1`,
    },
    {
      name: `(b) one market (${market})`,
      query: `${q}&market=${market}`,
      floorSql: `select date_trunc('month', c.effective_date) as p, count(*), sum(c.mrr_after_cents - c.mrr_before_cents) as d
                 from mrr_changes c join accounts a on a.org_id = c.org_id and a.id = c.account_id
                 where c.org_id = $1 and c.${RANGE} and a.market_id = (select id from markets where org_id = $1 and code = '${market}') group by 1`,
    },
    {
      name: '(c) grouped by market',
      query: `${q}&groupBy=market`,
      floorSql: `select date_trunc('month', c.effective_date) as p, a.market_id, count(*), sum(c.mrr_after_cents - c.mrr_before_cents) as d
                 from mrr_changes c join accounts a on a.org_id = c.org_id and a.id = c.account_id
                 where c.org_id = $1 and c.${RANGE} group by 1, 2`,
    },
  ];
}

export interface TSeriesBody {
  periods: { period: string; mrr: number; startMrr: number; customers: number }[];
  groups?: unknown[];
}

/** One GET of the series, timed until the whole body has arrived and been parsed. */
export async function timeSeries(baseUrl: string, cookie: string, query: string): Promise<{ ms: number; body: TSeriesBody }> {
  const t = performance.now();
  const res = await fetch(`${baseUrl}/api/v1/metrics/mrr?${query}`, { headers: { cookie } });
  const body = (await res.json()) as TSeriesBody;
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`GET /api/v1/metrics/mrr?${query}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body };
}

/** One floor query, timed until its rows are in. */
export async function timeFloor(sink: Sink, sqlText: string, orgId: string, from: string, to: string) {
  const t = performance.now();
  const rows = await sink.query<{ p: string; d: string | number }>(sqlText, [orgId, from, to]);
  return { ms: performance.now() - t, rows };
}

/** Sign in through the real login route, as the browser does. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('c365_session='));
  if (!session) throw new Error('login set no session cookie');
  return session.split(';')[0] as string;
}

/** Does the product's MRR move from month to month exactly as the floor's sum of changes says? */
export function agreesWithFloor(body: TSeriesBody, floorRows: { p: string; d: string | number }[]): boolean {
  const byMonth = new Map<string, number>();
  for (const r of floorRows) {
    const key = (typeof r.p === 'string' ? r.p : new Date(r.p as unknown as Date).toISOString()).slice(0, 7);
    byMonth.set(key, (byMonth.get(key) ?? 0) + Number(r.d));
  }
  return body.periods.every((p) => Math.round((p.mrr - p.startMrr) * 100) === (byMonth.get(p.period) ?? 0));
}
