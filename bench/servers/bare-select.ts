// Baseline 2: one primary-key SELECT through `pg` per request, with the same pool size as the product,
// and nothing else: no authentication, no validation, no joins, no response schema.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.PG_POOL_MAX ?? 10) });
const orgId = process.env.BENCH_ORG_ID;
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/accounts/:id', async (req, reply) => {
  // Unnamed, so planned on every call: the plainest use of pg, and how Drizzle sends most queries.
  const r = await pool.query('SELECT * FROM accounts WHERE org_id = $1 AND id = $2', [orgId, req.params.id]);
  return r.rows[0] ?? reply.status(404).send({ code: 'NOT_FOUND' });
});
// The same query as a named (prepared) statement: planned once per connection, like the product's account lookup.
app.get<{ Params: { id: string } }>('/prepared/accounts/:id', async (req, reply) => {
  const r = await pool.query({
    name: 'account_by_id',
    text: 'SELECT * FROM accounts WHERE org_id = $1 AND id = $2',
    values: [orgId, req.params.id],
  });
  return r.rows[0] ?? reply.status(404).send({ code: 'NOT_FOUND' });
});
app.get('/api/health', async () => {
  await pool.query('select 1');
  return { status: 'ok' };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => pool.end().then(() => process.exit(0))));
