import pg from 'pg';
import { ensureMetricsData, pgSink } from '/work/main/bench/lib/metrics-data.ts';

const client = new pg.Client({ connectionString: 'postgres://c365:c365@127.0.0.1:5432/c365_mbench' });
await client.connect();
const d = await ensureMetricsData(pgSink(client), 1_000_000, false);
console.log(JSON.stringify(d));
await client.end();
