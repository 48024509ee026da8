import type { Db } from '../../platform/db/database.ts';
import type { THealthMeasureDef, THealthMeasureProvider, TMeasureReading, TThresholds } from '../health/index.ts';
import { percentOf, trendPercent } from './usage.adoption.ts';
import { readHealthUsage } from './usage.health.repository.ts';

const steps = (...pairs: [number, number][]): TThresholds => ({
  kind: 'number',
  breakpoints: pairs.map(([from, points]) => ({ from, points })),
});
const L = (en: string, nl: string, da: string) => ({ en, nl, da });

/**
 * The usage measures health scorecards can use, read from the adoption rollups as of each account's day. An account
 * that never sent usage (by its day) has none of them: missing, so a scorecard skips them rather than scoring it 0.
 * An input counts as stale when the account's last usage is older than its expected interval.
 */
export const USAGE_MEASURES: THealthMeasureDef[] = [
  {
    key: 'usage.trend_percent',
    kind: 'number',
    label: L(
      'Usage trend (events, last 30 days against the 30 before, %)',
      'Gebruikstrend (events, laatste 30 dagen tegen de 30 ervoor, %)',
      'Brugstendens (hændelser, seneste 30 dage mod de 30 før, %)',
    ),
    unit: 'percent',
    expectedIntervalDays: 14,
    defaultThresholds: steps([-60, 0], [-30, 30], [-10, 60], [0, 75], [20, 100]),
  },
  {
    key: 'usage.feature_breadth',
    kind: 'number',
    label: L(
      "Feature breadth (share of the plan's key features used, %)",
      'Functiebreedte (deel van de kernfuncties van het plan in gebruik, %)',
      'Funktionsbredde (andel af planens nøglefunktioner i brug, %)',
    ),
    unit: 'percent',
    expectedIntervalDays: 14,
    defaultThresholds: steps([0, 0], [25, 25], [50, 60], [75, 90], [100, 100]),
  },
  {
    key: 'usage.licence_use',
    kind: 'number',
    label: L('Active users against licences (%)', 'Actieve gebruikers tegen licenties (%)', 'Aktive brugere mod licenser (%)'),
    unit: 'percent',
    expectedIntervalDays: 14,
    defaultThresholds: steps([0, 0], [25, 20], [50, 50], [80, 90], [100, 100]),
  },
  {
    key: 'usage.days_since_last_seen',
    kind: 'number',
    label: L('Days since last seen', 'Dagen sinds laatst gezien', 'Dage siden sidst set'),
    unit: 'days',
    expectedIntervalDays: null,
    defaultThresholds: steps([1, 100], [7, 80], [14, 50], [30, 20], [60, 0]),
  },
  {
    key: 'usage.active_users_30d',
    kind: 'number',
    label: L('Active users (30 days)', 'Actieve gebruikers (30 dagen)', 'Aktive brugere (30 dage)'),
    unit: 'count',
    expectedIntervalDays: 14,
    defaultThresholds: steps([0, 0], [1, 30], [5, 60], [20, 90], [50, 100]),
  },
];

/** The usage measures' provider, registered with health by the usage module. */
export const usageMeasureProvider: THealthMeasureProvider = {
  name: 'usage',
  measures: async () => USAGE_MEASURES,
  async read(db: Db, scope, keys) {
    const out = new Map<string, Map<string, TMeasureReading>>();
    const want = new Set(keys);
    const put = (key: string, accountId: string, value: number | null, observedOn: string | null) => {
      if (value === null || !want.has(key)) return;
      const m = out.get(key) ?? new Map<string, TMeasureReading>();
      out.set(key, m);
      m.set(accountId, { value, observedOn });
    };
    const { orgId, accountIds, asOf } = scope;
    const rows = await readHealthUsage(
      db,
      scope.every ? { orgId, every: true, day: asOf[0] as string } : { orgId, every: false, accountIds, asOf },
    );
    for (const r of rows) {
      const seen = r.last_seen_on;
      put('usage.trend_percent', r.account_id, trendPercent(r.events_30d, r.events_prev_30d), seen);
      put('usage.feature_breadth', r.account_id, r.key_features > 0 ? percentOf(r.key_features_used, r.key_features) : null, seen);
      put('usage.licence_use', r.account_id, percentOf(r.users_30d, r.licences), seen);
      const since = seen ? Math.round((Date.parse(`${r.as_of}T00:00:00Z`) - Date.parse(`${seen}T00:00:00Z`)) / 86_400_000) : null;
      put('usage.days_since_last_seen', r.account_id, since, r.as_of);
      put('usage.active_users_30d', r.account_id, r.users_30d, seen);
    }
    return out;
  },
};
