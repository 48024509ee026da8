// The revenue-metrics benchmark organisation: N accounts with about ten subscription changes each over five
// years, and everything the product derives from them (line versions, each account's MRR change points), written
// with COPY. The accounts are made inside the database (INSERT … SELECT generate_series, as bench-data.ts does);
// the changes are made in Node as the product's op payloads and derived by the product's own replay() and
// accountMrrChanges() (metrics-story.ts), so the tables hold what the product itself would have stored.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { hashPassword } from '../../apps/server/src/modules/identity/index.ts';
import { ZMetricSettings } from '../../apps/server/src/modules/metrics/index.ts';
import { newId } from '../../apps/server/src/platform/ids.ts';
import { accountStory, CATALOGUE_PLANS, type LIST_EUR, listPrice, type TCatalogue } from './metrics-story.ts';

export const METRICS_PASSWORD = 'customer365-bench';
export const metricsSlug = (accounts: number) =>
  `bench-metrics-${accounts >= 1_000_000 ? `${accounts / 1_000_000}m` : accounts >= 1000 ? `${accounts / 1000}k` : accounts}`;
export const metricsEmail = (slug: string) => `csm@${slug}.customer365.test`;
/** Five years of history: the 60 months from January 2022 to December 2026. */
export const HISTORY_FROM = '2022-01-01';
export const HISTORY_MONTHS = { from: '2022-01', to: '2026-12' };

/** What the generator writes through: a `pg` client or a PGlite instance. */
export interface Sink {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  copy(table: string, columns: string, text: string): Promise<void>;
}

export function pgSink(client: pg.Client): Sink {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async copy(table, columns, text) {
      if (text) await pipeline(Readable.from([text]), client.query(copyFrom(`copy ${table} (${columns}) from stdin`)));
    },
  };
}

export function pgliteSink(lite: PGlite): Sink {
  return {
    async query<T>(text: string, params: unknown[] = []) {
      return (await lite.query<T>(text, params)).rows;
    },
    async copy(table, columns, text) {
      if (text) await lite.query(`copy ${table} (${columns}) from '/dev/blob'`, [], { blob: new Blob([text]) });
    },
  };
}

const MARKETS = [
  ['NL', 'Netherlands', 'nl', 'EUR', 0.3],
  ['DK', 'Denmark', 'da', 'DKK', 0.2],
  ['DE', 'Germany', 'de', 'EUR', 0.15],
  ['BE', 'Belgium', 'nl', 'EUR', 0.1],
  ['SE', 'Sweden', 'sv', 'SEK', 0.08],
  ['NO', 'Norway', 'no', 'EUR', 0.07],
  ['FI', 'Finland', 'fi', 'EUR', 0.05],
  ['GB', 'United Kingdom', 'en', 'EUR', 0.05],
] as const;
const OWNERS = 40;
const BATCH = 2_000;

export interface MetricsData {
  orgId: string;
  slug: string;
  email: string;
  accounts: number;
  changes: number;
  lineVersions: number;
  mrrChanges: number;
  seededNow: boolean;
  /** Seconds: accounts and catalogue (SQL), then the histories (Node: replay and derivation) and COPY. */
  seconds: { total: number; accounts: number; derive: number; copy: number; analyze: number } | null;
}

async function counts(sink: Sink, orgId: string) {
  const [r] = await sink.query<{ a: number; c: number; v: number; m: number }>(
    `select (select count(*)::int from accounts where org_id = $1) as a, (select count(*)::int from subscription_changes where org_id = $1) as c,
            (select count(*)::int from subscription_line_versions where org_id = $1) as v, (select count(*)::int from mrr_changes where org_id = $1) as m`,
    [orgId],
  );
  return r as { a: number; c: number; v: number; m: number };
}

/** The organisation for `accounts` accounts, made now when missing (or when `reseed`), else reused. */
export async function ensureMetricsData(
  sink: Sink,
  accounts: number,
  reseed: boolean,
  log = (s: string) => process.stderr.write(s),
): Promise<MetricsData> {
  const slug = metricsSlug(accounts);
  const [found] = await sink.query<{ id: string }>('select id from organisations where slug = $1', [slug]);
  if (found && !reseed) {
    const n = await counts(sink, found.id);
    if (n.a === accounts && n.c > 0)
      return {
        orgId: found.id,
        slug,
        email: metricsEmail(slug),
        accounts: n.a,
        changes: n.c,
        lineVersions: n.v,
        mrrChanges: n.m,
        seededNow: false,
        seconds: null,
      };
  }
  const t0 = performance.now();
  log(`generating ${slug}: ${accounts} accounts …\n`);
  // Changes name cancel reasons without a cascade: the subscriptions (and with them their changes) go first.
  await sink.query('delete from subscriptions where org_id in (select id from organisations where slug = $1)', [slug]);
  await sink.query('delete from organisations where slug = $1', [slug]);
  const orgId = await seedAccounts(sink, slug, accounts);
  const catalogue = await seedCatalogue(sink, orgId);
  const rates = await seedRates(sink, orgId);
  const tAccounts = performance.now();
  const settings = { ...ZMetricSettings.parse({}), reportingCurrency: 'EUR' };
  const rateOf = (currency: string, month: string) => rates.get(`${currency}:${month}`) ?? 1;
  const rows = await sink.query<{ id: string; market_id: string; code: string; edition: string | null }>(
    `select a.id, a.market_id, m.code, a.edition from accounts a join markets m on m.org_id = a.org_id and m.id = a.market_id
     where a.org_id = $1 and a.archived_at is null order by a.external_id`,
    [orgId],
  );
  const today = new Date().toISOString().slice(0, 10);
  const now = new Date().toISOString();
  let deriveMs = 0;
  let copyMs = 0;
  let subNo = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const t = performance.now();
    const subs: string[] = [];
    const chg: string[] = [];
    const ver: string[] = [];
    const mrr: string[] = [];
    const per: string[] = [];
    const fac: string[] = [];
    const acc: string[] = [];
    for (const [j, a] of rows.slice(i, i + BATCH).entries()) {
      const s = accountStory({
        index: i + j,
        marketCode: a.code,
        edition: a.edition,
        from: HISTORY_FROM,
        today,
        catalogue,
        settings,
        rateOf,
        newId,
      });
      const r = s.replayed;
      subs.push(
        `${orgId}\t${s.subscriptionId}\t${a.id}\tSUB-${String(++subNo).padStart(4, '0')}\t${s.currency}\t${s.intervalMonths}\t${r.termStart}\t${r.termEnd ?? '\\N'}\t` +
          `${r.autoRenew ? 't' : 'f'}\t30\t${r.trialEnd ?? '\\N'}\t${r.status}\t${r.endsOn ?? '\\N'}\t${r.mrrCents}\t${now}\t${now}\n`,
      );
      for (const c of s.changes)
        chg.push(
          `${orgId}\t${c.id}\t${s.subscriptionId}\t${a.id}\t${c.kind}\t${c.effectiveDate}\t${c.seq}\t${JSON.stringify(c.op).replace(/\\/g, '\\\\')}\t` +
            `${c.reasonId ?? '\\N'}\t${c.mrrBefore}\t${c.mrrAfter}\tapi\t${now}\n`,
        );
      for (const v of s.versions)
        ver.push(
          `${orgId}\t${s.subscriptionId}\t${a.id}\t${v.lineKey}\t${v.validFrom}\t${v.validTo ?? '\\N'}\t${v.planId ?? '\\N'}\t${v.description}\t${v.quantity}\t` +
            `${v.unitPrice}\t${s.currency}\t${s.intervalMonths}\t${v.discountPercent}\t${v.trial ? 't' : 'f'}\t${v.free ? 't' : 'f'}\t${v.mrrCents}\t${v.mrrUndiscountedCents}\n`,
        );
      for (const m of s.mrrChanges)
        mrr.push(
          `${orgId}\t${a.id}\t${m.effectiveDate}\t${m.mrrBeforeCents}\t${m.mrrAfterCents}\t${m.activeBefore ? 't' : 'f'}\t${m.activeAfter ? 't' : 'f'}\t${m.lastActiveOn ?? '\\N'}\n`,
        );
      for (const p of s.periods)
        per.push(
          `${orgId}\t${a.id}\t${p.unit}\t${p.period}\t${p.mrrStartCents}\t${p.mrrEndCents}\t${p.activeStart ? 't' : 'f'}\t${p.activeEnd ? 't' : 'f'}\t${p.gapDays ?? '\\N'}\t${p.wasActive ? 't' : 'f'}\t${a.market_id}\n`,
        );
      if (s.facts.length) acc.push(`${orgId}\t${a.id}\t${s.primaryPlanId ?? '\\N'}\n`);
      for (const f of s.facts)
        fac.push(
          `${orgId}\t${a.id}\t${f.subscriptionId}\t${f.currency}\t${f.firstPaidOn ?? '\\N'}\t${f.firstPaidMrrCents ?? '\\N'}\t${f.trialStartedOn ?? '\\N'}\t${f.trialEndedOn ?? '\\N'}\t${f.paid ? 't' : 'f'}\t${a.market_id}\n`,
        );
    }
    const t2 = performance.now();
    deriveMs += t2 - t;
    await sink.query('begin');
    await sink.copy(
      'subscriptions',
      'org_id, id, account_id, reference, currency, interval_months, term_start, term_end, auto_renew, notice_days, trial_end, status, ends_on, mrr_cents, created_at, updated_at',
      subs.join(''),
    );
    await sink.copy(
      'subscription_changes',
      'org_id, id, subscription_id, account_id, kind, effective_date, seq, payload, reason_id, mrr_before_cents, mrr_after_cents, source, created_at',
      chg.join(''),
    );
    await sink.copy(
      'subscription_line_versions',
      'org_id, subscription_id, account_id, line_key, valid_from, valid_to, plan_id, description, quantity, unit_price, currency, interval_months, discount_percent, trial, free, mrr_cents, mrr_undiscounted_cents',
      ver.join(''),
    );
    await sink.copy(
      'mrr_changes',
      'org_id, account_id, effective_date, mrr_before_cents, mrr_after_cents, active_before, active_after, last_active_on',
      mrr.join(''),
    );
    await sink.copy(
      'mrr_period_movements',
      'org_id, account_id, unit, period, mrr_start_cents, mrr_end_cents, active_start, active_end, gap_days, was_active, market_id',
      per.join(''),
    );
    await sink.copy(
      'mrr_subscription_facts',
      'org_id, account_id, subscription_id, currency, first_paid_on, first_paid_mrr_cents, trial_started_on, trial_ended_on, paid, market_id',
      fac.join(''),
    );
    await sink.copy('mrr_accounts', 'org_id, account_id, primary_plan_id', acc.join(''));
    await sink.query('commit');
    copyMs += performance.now() - t2;
    if ((i / BATCH) % 10 === 9 || i + BATCH >= rows.length) log(`  ${Math.min(i + BATCH, rows.length)} accounts written\n`);
  }
  const tAnalyze = performance.now();
  for (const t of [
    'accounts',
    'subscriptions',
    'subscription_changes',
    'subscription_line_versions',
    'mrr_changes',
    'mrr_period_movements',
    'mrr_subscription_facts',
    'markets',
    'plans',
  ])
    await sink.query(`vacuum analyze ${t}`);
  const end = performance.now();
  const n = await counts(sink, orgId);
  const seconds = {
    total: (end - t0) / 1000,
    accounts: (tAccounts - t0) / 1000,
    derive: deriveMs / 1000,
    copy: copyMs / 1000,
    analyze: (end - tAnalyze) / 1000,
  };
  log(`  ${n.c} changes, ${n.v} line versions, ${n.m} MRR change points in ${seconds.total.toFixed(1)} s\n`);
  return {
    orgId,
    slug,
    email: metricsEmail(slug),
    accounts: n.a,
    changes: n.c,
    lineVersions: n.v,
    mrrChanges: n.m,
    seededNow: true,
    seconds,
  };
}

async function seedAccounts(sink: Sink, slug: string, accounts: number): Promise<string> {
  const [org] = await sink.query<{ id: string }>(
    `insert into organisations (id, name, slug, reporting_currency, created_at) values (gen_random_uuid(), $1, $2, 'EUR', now()) returning id`,
    [`Benchmark ${slug}`, slug],
  );
  const orgId = (org as { id: string }).id;
  await sink.query(
    `insert into users (org_id, id, email, name, role, own_accounts_only, language, password_hash, created_at)
     values ($1, gen_random_uuid(), $2, 'Bench CSM', 'csm', false, 'en', $3, now())`,
    [orgId, metricsEmail(slug), await hashPassword(METRICS_PASSWORD)],
  );
  await sink.query(
    `insert into users (org_id, id, email, name, role, own_accounts_only, language, created_at)
     select $1, gen_random_uuid(), 'owner' || g || '@' || $3 || '.customer365.test', 'Owner ' || g, 'csm', false, 'en', now() from generate_series(1, $2::int) g`,
    [orgId, OWNERS, slug],
  );
  for (const [code, name, language, currency] of MARKETS)
    await sink.query(
      `insert into markets (org_id, id, code, name, language, currency, created_at) values ($1, gen_random_uuid(), $2, $3, $4, $5, now())`,
      [orgId, code, name, language, currency],
    );
  // Market by cumulative weight; segment 10/30/60%; the edition follows the segment; 40 owners, 5% unowned.
  let sum = 0;
  const bounds = MARKETS.map((m) => {
    sum += m[4];
    return sum;
  });
  await sink.query('select setseed(0.365)');
  await sink.query(
    `with owners as (select array_agg(id order by email) as ids from users where org_id = $1 and email like 'owner%'),
          mk as (select array_agg(id order by array_position($3::text[], code)) as ids from markets where org_id = $1),
          b as (select g, random() as rm, random() as rs, random() as re, random() as ro from generate_series(1, $2::int) g),
          p as (select b.*, (select count(*) from unnest($4::float8[]) x where x <= rm)::int + 1 as mi,
                  case when rs < .10 then 'enterprise' when rs < .40 then 'mid_market' else 'smb' end as segment from b)
     insert into accounts (org_id, id, name, external_id, market_id, segment, edition, lifecycle_stage, owner_user_id, created_at, updated_at)
     select $1, gen_random_uuid(), 'Account ' || p.g, 'BM-' || lpad(p.g::text, 7, '0'), mk.ids[least(p.mi, 8)], p.segment,
            case p.segment when 'enterprise' then 'enterprise' when 'mid_market' then case when p.re < .6 then 'professional' else 'enterprise' end
                           else case when p.re < .7 then 'self_service' else 'professional' end end,
            'adoption', case when p.ro < .05 then null else owners.ids[1 + floor(p.ro * ${OWNERS})::int] end, now(), now()
     from p, owners, mk`,
    [orgId, accounts, MARKETS.map((m) => m[0]), bounds],
  );
  return orgId;
}

async function seedCatalogue(sink: Sink, orgId: string): Promise<TCatalogue> {
  const [product] = await sink.query<{ id: string }>(
    `insert into products (org_id, id, name, kind, created_at, updated_at) values ($1, gen_random_uuid(), 'Customer365', 'edition', now(), now()) returning id`,
    [orgId],
  );
  const plan = {} as TCatalogue['plan'];
  const free = new Set<string>();
  for (const [code, name, tier, edition] of CATALOGUE_PLANS) {
    const [p] = await sink.query<{ id: string }>(
      `insert into plans (org_id, id, product_id, name, code, tier, is_free, trial_days, edition, created_at, updated_at)
       values ($1, gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, now(), now()) returning id`,
      [orgId, product?.id, name, code, tier, code === 'TRIAL', code === 'TRIAL' ? 14 : 0, edition],
    );
    const id = (p as { id: string }).id;
    plan[code] = id;
    if (code === 'TRIAL') free.add(id);
    for (const currency of ['EUR', 'DKK', 'SEK'])
      for (const interval of [1, 12])
        await sink.query('insert into plan_prices (org_id, plan_id, currency, interval_months, amount) values ($1, $2, $3, $4, $5)', [
          orgId,
          id,
          currency,
          interval,
          listPrice(code as keyof typeof LIST_EUR, currency, interval),
        ]);
  }
  const reasons: string[] = [];
  for (const [i, label] of ['Too expensive', 'Lost to a competitor', 'Missing features', 'Low adoption', 'Budget cuts'].entries()) {
    const [r] = await sink.query<{ id: string }>(
      `insert into cancel_reasons (org_id, id, label, asks_competitor, sort_order, created_at) values ($1, gen_random_uuid(), $2, $3, $4, now()) returning id`,
      [orgId, label, i === 1, i],
    );
    reasons.push((r as { id: string }).id);
  }
  return { plan, freePlanIds: free, cancelReasonIds: reasons };
}

/** Monthly kroner and kronor rates for every month of the history and the year after (8 decimals, as stored). */
async function seedRates(sink: Sink, orgId: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const values: string[] = [];
  for (let m = 0; m < 72; m++) {
    const month = new Date(Date.UTC(2022, m, 1)).toISOString().slice(0, 10);
    const dkk = Number((0.134 + 0.0008 * Math.sin(m / 3)).toFixed(6));
    const sek = Number((0.088 + 0.004 * Math.sin(m / 7)).toFixed(6));
    out.set(`DKK:${month}`, dkk);
    out.set(`SEK:${month}`, sek);
    values.push(`('DKK', '${month}', ${dkk})`, `('SEK', '${month}', ${sek})`);
  }
  await sink.query(
    `insert into exchange_rates (org_id, currency, month, rate, updated_at) select $1, c, m::date, r, now() from (values ${values.join(', ')}) v(c, m, r)`,
    [orgId],
  );
  return out;
}
