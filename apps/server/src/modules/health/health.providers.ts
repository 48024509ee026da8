import type { Db } from '../../platform/db/database.ts';
import { EDITIONS, SEGMENTS } from '../accounts/index.ts';
import { loadCustomFields } from '../custom-fields/index.ts';
import { parseYesNo } from './health.engine.ts';
import { readAccountFields, readPayingMrrs, readPulseInputs, readSubscriptionInputs } from './health.inputs.repository.ts';
import {
  PULSE_MEASURE,
  SUBSCRIPTION_MEASURES,
  steps,
  type THealthMeasureDef,
  type THealthMeasureProvider,
  type TMeasureReading,
  type TReadings,
} from './health.measures.ts';

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Calendar months from one day to another, the part month as a share of its days (2024-11-21 → 2026-11-21: 24). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  let days = td - fd;
  if (days < 0) {
    months -= 1;
    days += new Date(Date.UTC(ty, tm - 1, 0)).getUTCDate();
  }
  return months + days / new Date(Date.UTC(ty, tm, 0)).getUTCDate();
}

function put(out: TReadings, key: string, accountId: string, reading: TMeasureReading) {
  const m = out.get(key) ?? new Map<string, TMeasureReading>();
  out.set(key, m);
  m.set(accountId, reading);
}

/** Below this many accounts scored at once, their MRR percentile reads the organisation's paying accounts. */
const PERCENTILE_POPULATION_READ = 2_000;

/** Tenure, commitment, MRR, its percentile and 90-day change, renewal and plan tier, each as of the account's day. */
export const subscriptionProvider: THealthMeasureProvider = {
  name: 'subscription',
  measures: async () => SUBSCRIPTION_MEASURES,
  async read(db, scope, keys) {
    const out: TReadings = new Map();
    const rows = await readSubscriptionInputs(db, scope);
    const want = new Set(keys);
    // An account's MRR percentile ranks it among the organisation's paying accounts on its day. Scoring every
    // account as of one day, those are the accounts read; a few accounts rescored alone (after an event or a
    // pulse) rank among all of them, read for the purpose; an evaluation (each as of its own day) ranks among its own.
    const days = new Set(scope.asOf);
    const paying =
      want.has('subscription.mrr_percentile') && days.size === 1 && scope.accountIds.length < PERCENTILE_POPULATION_READ
        ? await readPayingMrrs(db, scope.orgId, scope.asOf[0] as string)
        : rows.filter((r) => r.active && r.mrr_cents !== null && r.mrr_cents > 0).map((r) => r.mrr_cents as number);
    paying.sort((a, b) => a - b);
    for (const r of rows) {
      if (!r.active) continue; // not a customer on its day: no subscription measure applies
      const at = { observedOn: r.as_of };
      const mrr = (r.mrr_cents ?? 0) / 100;
      if (want.has('subscription.mrr')) put(out, 'subscription.mrr', r.account_id, { value: round2(mrr), ...at });
      if (want.has('subscription.mrr_percentile') && paying.length && mrr > 0)
        put(out, 'subscription.mrr_percentile', r.account_id, {
          value: round2((100 * percentRank(paying, r.mrr_cents as number)) / 1),
          ...at,
        });
      if (want.has('subscription.mrr_change_90d') && r.mrr_90_cents !== null && r.mrr_90_cents > 0)
        put(out, 'subscription.mrr_change_90d', r.account_id, {
          value: round2((100 * ((r.mrr_cents ?? 0) - r.mrr_90_cents)) / r.mrr_90_cents),
          ...at,
        });
      if (want.has('subscription.tenure_months') && r.active_since)
        put(out, 'subscription.tenure_months', r.account_id, { value: round2(monthsBetween(r.active_since, r.as_of)), ...at });
      if (want.has('subscription.commitment_months') && r.commitment_months !== null)
        put(out, 'subscription.commitment_months', r.account_id, { value: r.commitment_months, ...at });
      if (want.has('subscription.renewal_in_days') && r.renewal_on)
        put(out, 'subscription.renewal_in_days', r.account_id, { value: daysBetween(r.as_of, r.renewal_on), ...at });
      if (want.has('subscription.plan_tier') && r.plan_tier !== null)
        put(out, 'subscription.plan_tier', r.account_id, { value: r.plan_tier, ...at });
    }
    return out;
  },
};

/** Share (0–1) of the sorted values below v, counting ties half: the account's place among the organisation's paying accounts. */
function percentRank(sorted: number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  let eq = lo;
  while (eq < sorted.length && sorted[eq] === v) eq++;
  return sorted.length > 1 ? (lo + (eq - lo - 1) / 2) / (sorted.length - 1) : 0.5;
}

const isYesNoOptions = (options: string[]) => options.length === 2 && options.every((o) => parseYesNo(o) !== null);

/** Segment, edition and employees, and every number and choice custom field of accounts (a choice of yes/no reads as yes/no). */
export const accountProvider: THealthMeasureProvider = {
  name: 'account',
  async measures(db: Db, orgId: string): Promise<THealthMeasureDef[]> {
    const choice = (options: readonly string[]) => ({
      kind: 'choice' as const,
      options: options.map((option) => ({ option, points: 50 })),
      otherPoints: null,
    });
    const fixed: THealthMeasureDef[] = [
      {
        key: 'account.segment',
        kind: 'choice',
        label: { en: 'Segment', nl: 'Segment', da: 'Segment' },
        unit: null,
        options: [...SEGMENTS],
        expectedIntervalDays: null,
        defaultThresholds: choice(SEGMENTS),
      },
      {
        key: 'account.edition',
        kind: 'choice',
        label: { en: 'Edition', nl: 'Editie', da: 'Udgave' },
        unit: null,
        options: [...EDITIONS],
        expectedIntervalDays: null,
        defaultThresholds: choice(EDITIONS),
      },
      {
        key: 'account.employees',
        kind: 'number',
        label: { en: 'Employees', nl: 'Medewerkers', da: 'Medarbejdere' },
        unit: 'count',
        expectedIntervalDays: null,
        defaultThresholds: steps([0, 50], [1000, 100]),
      },
    ];
    const custom = (await loadCustomFields(db, orgId, 'account')).flatMap((f): THealthMeasureDef[] => {
      const label = { en: f.label, nl: f.label, da: f.label };
      const base = { key: `custom.${f.key}`, label, unit: null, expectedIntervalDays: null };
      if (f.type === 'number') return [{ ...base, kind: 'number', defaultThresholds: steps([0, 0], [100, 100]) }];
      if (f.type !== 'choice') return [];
      if (isYesNoOptions(f.options))
        return [{ ...base, kind: 'yesno', options: f.options, defaultThresholds: { kind: 'yesno', yes: 100, no: 0 } }];
      return [{ ...base, kind: 'choice', options: f.options, defaultThresholds: choice(f.options) }];
    });
    return [...fixed, ...custom];
  },
  async read(db, scope, keys) {
    const out: TReadings = new Map();
    const defs = new Map((await this.measures(db, scope.orgId)).map((d) => [d.key, d]));
    const rows = await readAccountFields(db, scope);
    for (const r of rows) {
      const at = { observedOn: r.updated_on };
      for (const key of keys) {
        const def = defs.get(key);
        if (!def) continue;
        const raw =
          key === 'account.segment'
            ? r.segment
            : key === 'account.edition'
              ? r.edition
              : key === 'account.employees'
                ? r.employees
                : r.custom?.[key.slice('custom.'.length)];
        if (raw === null || raw === undefined || raw === '') continue;
        if (def.kind === 'number') {
          const n = typeof raw === 'number' ? raw : Number(raw);
          if (Number.isFinite(n)) put(out, key, r.account_id, { value: n, ...at });
        } else if (def.kind === 'yesno') {
          const yes = parseYesNo(raw);
          if (yes !== null) put(out, key, r.account_id, { value: yes, ...at });
        } else put(out, key, r.account_id, { value: String(raw), ...at });
      }
    }
    return out;
  },
};

/** The CSM's pulse in force on the account's day (0–100), given with a reason and an expiry. */
export const pulseProvider: THealthMeasureProvider = {
  name: 'pulse',
  measures: async () => [PULSE_MEASURE],
  async read(db, scope) {
    const out: TReadings = new Map();
    for (const r of await readPulseInputs(db, scope)) put(out, PULSE_MEASURE.key, r.account_id, { value: r.value, observedOn: r.given_on });
    return out;
  },
};
