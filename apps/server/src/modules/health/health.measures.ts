import type { Db } from '../../platform/db/database.ts';
import type { TThresholds } from './health.engine.ts';

/**
 * The measures a scorecard can use, and where their values come from. The health module registers its built-in
 * providers (subscription attributes, account attributes and custom fields, the CSM pulse); another module (usage,
 * surveys, support, onboarding) registers its own with `services.health.registerMeasureProvider(provider)` in its
 * services factory (it comes after health in the module list), and its measures appear in the scorecard editor,
 * the scoring and the evaluation without any change here.
 */
export type TMeasureKind = 'number' | 'choice' | 'yesno';
export type TMeasureUnit = 'months' | 'days' | 'money' | 'percent' | 'points' | 'count' | null;

export interface THealthMeasureDef {
  /** Unique key, `<provider>.<name>` (a custom field: `custom.<field key>`). */
  key: string;
  kind: TMeasureKind;
  /** The readable name in every UI language (custom fields: their label, the same in each). */
  label: { en: string; nl: string; da: string };
  unit: TMeasureUnit;
  /** Choice measures: the options. */
  options?: string[];
  /** An input older than this many days is shown stale; null: derived continuously, never stale. */
  expectedIntervalDays: number | null;
  /** Thresholds a new scorecard starts from when the admin adds the measure. */
  defaultThresholds: TThresholds;
}

/** One value of a measure for one account, and the day it was observed (for the stale flag). */
export interface TMeasureReading {
  value: number | string | boolean;
  observedOn: string | null;
}

/** The accounts to read, each with the day its values are read as of (the day before its churn when evaluating). */
export interface TReadScope {
  orgId: string;
  accountIds: string[];
  asOf: string[];
  /**
   * The accounts are every account of the organisation a recompute scores (not archived), all as of `asOf[0]`: a
   * provider may then read them by scanning its tables from the accounts instead of looking each id up (the
   * values must be the same either way).
   */
  every?: boolean;
}

export interface THealthMeasureProvider {
  name: string;
  /** The measures this provider offers in the organisation (custom fields differ per organisation). */
  measures(db: Db, orgId: string): Promise<THealthMeasureDef[]>;
  /** Values of the given measures (keys it offers) for the accounts in scope, set-based: key → account id → reading. */
  read(db: Db, scope: TReadScope, keys: string[]): Promise<Map<string, Map<string, TMeasureReading>>>;
}

export type TReadings = Map<string, Map<string, TMeasureReading>>;

/** Milliseconds per phase of a recompute, filled when asked for (bench/health.bench.ts prints them). */
export type TTimings = Record<string, number>;

/** The providers in registration order; keys must not collide. */
export function createMeasureRegistry() {
  const providers: THealthMeasureProvider[] = [];
  return {
    register(p: THealthMeasureProvider) {
      if (providers.some((x) => x.name === p.name)) throw new Error(`health: measure provider "${p.name}" registered twice`);
      providers.push(p);
    },
    async measures(db: Db, orgId: string): Promise<THealthMeasureDef[]> {
      return (await Promise.all(providers.map((p) => p.measures(db, orgId)))).flat();
    },
    /** Reads each asked key from the provider that offers it; unknown keys read as missing. */
    async read(db: Db, scope: TReadScope, keys: string[], timings?: TTimings): Promise<TReadings> {
      const out: TReadings = new Map();
      if (!scope.accountIds.length) return out;
      // The providers read side by side (each its own statement on its own pooled connection): a full recompute's
      // reads take as long as the slowest, not the sum (docs/benchmarks.md, "Health recompute").
      const results = await Promise.all(
        providers.map(async (p) => {
          const offered = new Set((await p.measures(db, scope.orgId)).map((m) => m.key));
          const mine = keys.filter((k) => offered.has(k));
          if (!mine.length) return null;
          const t0 = performance.now();
          const read = await p.read(db, scope, mine);
          if (timings) timings[`read ${p.name}`] = performance.now() - t0;
          return read;
        }),
      );
      for (const r of results) if (r) for (const [k, v] of r) out.set(k, v);
      return out;
    },
  };
}
export type MeasureRegistry = ReturnType<typeof createMeasureRegistry>;

/** Breakpoints from pairs, for the defaults below. */
export const steps = (...pairs: [number, number][]): TThresholds => ({
  kind: 'number',
  breakpoints: pairs.map(([from, points]) => ({ from, points })),
});

const L = (en: string, nl: string, da: string) => ({ en, nl, da });

/** The built-in subscription measures (values from subscriptions and the metrics module's MRR history). */
export const SUBSCRIPTION_MEASURES: THealthMeasureDef[] = [
  {
    key: 'subscription.tenure_months',
    kind: 'number',
    label: L('Tenure (months)', 'Klant sinds (maanden)', 'Kundeforhold (måneder)'),
    unit: 'months',
    expectedIntervalDays: null,
    defaultThresholds: steps([0, 0], [6, 30], [12, 50], [24, 70], [48, 90], [72, 100]),
  },
  {
    key: 'subscription.commitment_months',
    kind: 'number',
    label: L(
      'Commitment (months of term or billing interval)',
      'Verbintenis (maanden looptijd of factuurinterval)',
      'Binding (måneder løbetid eller faktureringsinterval)',
    ),
    unit: 'months',
    expectedIntervalDays: null,
    defaultThresholds: steps([1, 20], [12, 75], [24, 100]),
  },
  {
    key: 'subscription.mrr',
    kind: 'number',
    label: L('MRR', 'MRR', 'MRR'),
    unit: 'money',
    expectedIntervalDays: null,
    defaultThresholds: steps([0, 0], [100, 50], [1000, 100]),
  },
  {
    key: 'subscription.mrr_percentile',
    kind: 'number',
    label: L('MRR percentile in the organisation', 'MRR-percentiel in de organisatie', 'MRR-percentil i organisationen'),
    unit: 'percent',
    expectedIntervalDays: null,
    defaultThresholds: steps([0, 100], [100, 0]),
  },
  {
    key: 'subscription.mrr_change_90d',
    kind: 'number',
    label: L('MRR change over 90 days (%)', 'MRR-verandering over 90 dagen (%)', 'MRR-ændring over 90 dage (%)'),
    unit: 'percent',
    expectedIntervalDays: null,
    defaultThresholds: steps([-50, 0], [-10, 40], [0, 70], [10, 100]),
  },
  {
    key: 'subscription.renewal_in_days',
    kind: 'number',
    label: L('Renewal in (days)', 'Verlenging over (dagen)', 'Fornyelse om (dage)'),
    unit: 'days',
    expectedIntervalDays: null,
    defaultThresholds: steps([0, 30], [30, 50], [90, 80], [180, 100]),
  },
  {
    key: 'subscription.plan_tier',
    kind: 'number',
    label: L('Plan tier', 'Planniveau', 'Planniveau'),
    unit: 'count',
    expectedIntervalDays: null,
    defaultThresholds: steps([0, 40], [3, 100]),
  },
];

export const PULSE_MEASURE: THealthMeasureDef = {
  key: 'pulse.csm',
  kind: 'number',
  label: L('CSM pulse', 'CSM-pulse', 'CSM-puls'),
  unit: 'points',
  expectedIntervalDays: 90,
  defaultThresholds: steps([0, 0], [100, 100]),
};
