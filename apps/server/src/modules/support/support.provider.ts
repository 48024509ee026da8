import type { THealthMeasureDef, THealthMeasureProvider, TMeasureReading } from '../health/index.ts';
import { countOpenRequestsAsOf } from './support.mail.repository.ts';

/**
 * The support measure health scorecards can use: requests open on the account's day (arrived by its end and not
 * solved or closed by then). Every account has a value (0 without requests): support load is known, not missing.
 */
export const SUPPORT_MEASURES: THealthMeasureDef[] = [
  {
    key: 'support.open_requests',
    kind: 'number',
    label: { en: 'Open support requests', nl: 'Openstaande supportverzoeken', da: 'Åbne supportanmodninger' },
    unit: 'count',
    expectedIntervalDays: null,
    defaultThresholds: {
      kind: 'number',
      breakpoints: [
        { from: 0, points: 100 },
        { from: 1, points: 80 },
        { from: 3, points: 50 },
        { from: 5, points: 20 },
        { from: 10, points: 0 },
      ],
    },
  },
];

/** The support measure's provider, registered with health by the support module (after health in the module list). */
export const supportMeasureProvider: THealthMeasureProvider = {
  name: 'support',
  measures: async () => SUPPORT_MEASURES,
  async read(db, scope, keys) {
    const out = new Map<string, Map<string, TMeasureReading>>();
    if (!keys.includes('support.open_requests')) return out;
    const rows = await countOpenRequestsAsOf(db, scope);
    const asOf = new Map(scope.accountIds.map((id, i) => [id, scope.asOf[i] ?? null]));
    out.set(
      'support.open_requests',
      new Map(rows.map((r) => [r.account_id, { value: Number(r.n), observedOn: asOf.get(r.account_id) ?? null }])),
    );
    return out;
  },
};
