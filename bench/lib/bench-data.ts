import pg from 'pg';
import { hashPassword } from '../../apps/server/src/modules/identity/index.ts';
import { openDatabase } from '../../apps/server/src/platform/db/database.ts';

export const BENCH_SLUG = 'bench';
export const BENCH_EMAIL = 'csm@bench.customer365.test';
export const BENCH_PASSWORD = 'customer365-bench';

const MARKETS = [
  ['NL', 'Netherlands', 'nl', 'EUR'],
  ['DK', 'Denmark', 'da', 'DKK'],
  ['DE', 'Germany', 'de', 'EUR'],
  ['BE', 'Belgium', 'nl', 'EUR'],
  ['SE', 'Sweden', 'sv', 'SEK'],
  ['NO', 'Norway', 'no', 'NOK'],
  ['FI', 'Finland', 'fi', 'EUR'],
  ['GB', 'United Kingdom', 'en', 'GBP'],
] as const;
const OWNER_COUNT = 40;

export interface BenchData {
  orgId: string;
  markets: { id: string; code: string }[];
  accountIds: string[];
  accountCount: number;
  seededNow: boolean;
  seedSeconds: number;
}

/**
 * The benchmark organisation: 100k accounts spread over 8 markets (uneven, like a real customer base),
 * 3 segments, 3 editions, 6 lifecycle stages, 40 owners (5% unowned), 0–3 of 8 tags, 3% archived.
 * Generated inside PostgreSQL with one INSERT … SELECT generate_series, so seeding takes seconds.
 * Kept between runs; BENCH_RESEED=1 (or a different count) builds it again.
 */
export async function ensureBenchData(databaseUrl: string, accountCount: number, reseed: boolean): Promise<BenchData> {
  const database = await openDatabase({ databaseUrl, dataDir: 'unused' });
  await database.migrate();
  await database.close();

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const existing = await client.query<{ id: string; n: number }>(
      `select o.id, (select count(*)::int from accounts a where a.org_id = o.id) as n from organisations o where o.slug = $1`,
      [BENCH_SLUG],
    );
    let seededNow = false;
    let seedSeconds = 0;
    const found = existing.rows[0];
    if (!found || reseed || found.n !== accountCount) {
      const started = performance.now();
      await seed(client, accountCount);
      seedSeconds = (performance.now() - started) / 1000;
      seededNow = true;
    }
    const org = await client.query<{ id: string }>('select id from organisations where slug = $1', [BENCH_SLUG]);
    const orgId = org.rows[0]?.id as string;
    const markets = await client.query<{ id: string; code: string }>('select id, code from markets where org_id = $1 order by code', [
      orgId,
    ]);
    const ids = await client.query<{ id: string }>('select id from accounts where org_id = $1', [orgId]);
    return { orgId, markets: markets.rows, accountIds: ids.rows.map((r) => r.id), accountCount: ids.rows.length, seededNow, seedSeconds };
  } finally {
    await client.end();
  }
}

async function seed(client: pg.Client, accountCount: number) {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await client.query('begin');
  try {
    // Deleting the organisation cascades to everything it owns.
    await client.query('delete from organisations where slug = $1', [BENCH_SLUG]);
    const org = await client.query<{ id: string }>(
      `insert into organisations (id, name, slug, reporting_currency, created_at) values (gen_random_uuid(), 'Benchmark Org', $1, 'EUR', now()) returning id`,
      [BENCH_SLUG],
    );
    const orgId = org.rows[0]?.id as string;
    // The signed-in user of the benchmark: a CSM who may read every account (own_accounts_only = false).
    await client.query(
      `insert into users (org_id, id, email, name, role, own_accounts_only, language, password_hash, created_at)
       values ($1, gen_random_uuid(), $2, 'Bench CSM', 'csm', false, 'en', $3, now())`,
      [orgId, BENCH_EMAIL, passwordHash],
    );
    await client.query(
      `insert into users (org_id, id, email, name, role, own_accounts_only, language, created_at)
       select $1, gen_random_uuid(), 'owner' || g || '@bench.customer365.test', 'Owner ' || g, 'csm', false, 'en', now()
       from generate_series(1, $2::int) g`,
      [orgId, OWNER_COUNT],
    );
    for (const [code, name, language, currency] of MARKETS) {
      await client.query(
        `insert into markets (org_id, id, code, name, language, currency, created_at) values ($1, gen_random_uuid(), $2, $3, $4, $5, now())`,
        [orgId, code, name, language, currency],
      );
    }
    await client.query('select setseed(0.365)');
    await client.query(
      `with owners as (select array_agg(id order by email) as ids from users where org_id = $1 and email like 'owner%'),
            mk as (select array_agg(id order by array_position($3::text[], code)) as ids from markets where org_id = $1),
            base as (
              select g,
                     random() as r_market, random() as r_segment, random() as r_edition, random() as r_stage,
                     random() as r_owner, random() as r_tags, random() as r_tags2, random() as r_emp, random() as r_age,
                     random() as r_arch, random() as r_name1, random() as r_name2,
                     (extract(epoch from now()) * 1000)::bigint - (g::bigint * 600000) as ms
              from generate_series(1, $2::int) g
            ),
            pick as (
              select b.*,
                     -- Market weights: NL 30%, DK 20%, DE 15%, BE 10%, SE 8%, NO 7%, FI 5%, GB 5%.
                     case when r_market < .30 then 1 when r_market < .50 then 2 when r_market < .65 then 3 when r_market < .75 then 4
                          when r_market < .83 then 5 when r_market < .90 then 6 when r_market < .95 then 7 else 8 end as market_ix,
                     case when r_segment < .10 then 'enterprise' when r_segment < .40 then 'mid_market' else 'smb' end as segment
              from base b
            )
       insert into accounts (org_id, id, name, domain, external_id, market_id, segment, edition, lifecycle_stage, owner_user_id,
                             tags, employees, website, custom, archived_at, created_at, updated_at)
       select $1,
              -- UUID v7 layout (48-bit millisecond time, version 7, variant 10), like newId() in the server.
              (lpad(to_hex(p.ms), 12, '0') || '7' || substr(md5(p.g::text), 1, 3) || '8' || substr(md5(p.g::text), 4, 15))::uuid,
              (array['Noord','Zuid','Nordic','Blue','Green','Delta','Polder','Fjord','Baltic','North Sea','Alpine','Urban','Coastal','Royal','Smart','Open'])[1 + floor(p.r_name1 * 16)::int]
                || ' ' ||
              (array['Logistics','Foods','Systems','Retail','Energy','Health','Finance','Media','Bakery','Motors','Pharma','Textiles','Software','Farms','Maritime','Studios'])[1 + floor(p.r_name2 * 16)::int]
                || ' ' || p.g,
              'account-' || p.g || '.example.com',
              'BX-' || lpad(p.g::text, 7, '0'),
              mk.ids[p.market_ix],
              p.segment,
              case p.segment when 'enterprise' then 'enterprise'
                             when 'mid_market' then case when p.r_edition < .6 then 'professional' else 'enterprise' end
                             else case when p.r_edition < .7 then 'self_service' else 'professional' end end,
              (array['trial','onboarding','adoption','adoption','adoption','renewal','at_risk','churned'])[1 + floor(p.r_stage * 8)::int],
              case when p.r_owner < .05 then null else owners.ids[1 + floor(p.r_owner * ${OWNER_COUNT})::int] end,
              array_remove(array[
                case when p.r_tags < .30 then 'pilot-candidate' end,
                case when p.r_tags2 < .20 then 'high-nps' end,
                case when p.r_tags > .85 then 'early-adopter' end,
                case when p.r_tags2 > .90 then 'reference' end,
                case when p.r_tags between .40 and .45 then 'churn-risk' end,
                case when p.r_tags2 between .50 and .58 then 'upsell' end,
                case when p.r_tags between .60 and .63 then 'partner' end,
                case when p.r_tags2 between .30 and .33 then 'migration' end
              ], null),
              case p.segment when 'enterprise' then 500 + floor(p.r_emp * 4500)::int when 'mid_market' then 100 + floor(p.r_emp * 400)::int else 5 + floor(p.r_emp * 95)::int end,
              'https://www.account-' || p.g || '.example.com',
              jsonb_build_object('legacy_platform', case when p.r_emp < .7 then 'yes' else 'no' end, 'last_nps', floor(p.r_stage * 11)::int),
              case when p.r_arch < .03 then now() - (p.r_age * interval '300 days') end,
              now() - (p.r_age * interval '1000 days'),
              now() - (p.r_age * interval '100 days')
       from pick p, owners, mk`,
      [orgId, accountCount, MARKETS.map((m) => m[0])],
    );
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  }
  await client.query('vacuum analyze accounts');
  await client.query('vacuum analyze users');
  await client.query('vacuum analyze markets');
}
