// `customer365 renewals report`: renewal figures per period (METRICS.md, "Renewal metrics"), through the REST API.
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { usageError } from '../errors.ts';

export interface TRenewalsReportOptions extends ApiOptions {
  from: string;
  to: string;
  by: 'month' | 'quarter' | 'year';
  owner?: string;
  segment?: string;
  market?: string;
  json?: boolean;
}

/**
 * The keys of each period, in this order: the contract scripts read (`--json`). New keys are only ever appended: the
 * win-back figures (offers sent, won, lost, and the won offers' ARR) come after the issue's fourteen.
 */
export const RENEWAL_KEYS = [
  'period',
  'due',
  'dueArr',
  'renewed',
  'renewedArr',
  'churned',
  'downgraded',
  'upgraded',
  'renewalRateCount',
  'renewalRateValueGross',
  'renewalRateValueNet',
  'eligibleChurnRate',
  'revenueChurn',
  'averageDealValue',
  'winbackOffers',
  'winbackWon',
  'winbackLost',
  'winbackWonArr',
] as const;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

type Period = Record<string, unknown>;

const money = (v: unknown) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '—';
const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const int = (v: unknown) => (typeof v === 'number' ? String(v) : '—');

const COLUMNS: [string, string, (v: unknown) => string][] = [
  ['period', 'Period', (v) => String(v)],
  ['due', 'Due', int],
  ['dueArr', 'Due ARR', money],
  ['renewed', 'Renewed', int],
  ['renewedArr', 'Renewed ARR', money],
  ['churned', 'Churned', int],
  ['downgraded', 'Down', int],
  ['upgraded', 'Up', int],
  ['renewalRateCount', 'Rate (count)', pct],
  ['renewalRateValueGross', 'Rate (gross)', pct],
  ['renewalRateValueNet', 'Rate (net)', pct],
  ['eligibleChurnRate', 'Elig. churn', pct],
  ['revenueChurn', 'Rev. churn', pct],
  ['averageDealValue', 'Avg deal', money],
  ['winbackOffers', 'Win-back', int],
  ['winbackWon', 'Won', int],
  ['winbackLost', 'Lost', int],
  ['winbackWonArr', 'Won ARR', money],
];

export function formatRenewalTable(currency: string, graceDays: number, periods: Period[]): string {
  const rows = periods.map((p) => COLUMNS.map(([key, , fmt]) => fmt(p[key])));
  const widths = COLUMNS.map(([, header], i) => Math.max(header.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `Renewals in ${currency} (ARR in major units; a term is renewed when a next term starts within ${graceDays} days of its end)`,
    line(COLUMNS.map(([, header]) => header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

export async function runRenewalsReport(opts: TRenewalsReportOptions) {
  for (const [flag, value] of [
    ['--from', opts.from],
    ['--to', opts.to],
  ] as const)
    if (!MONTH.test(value)) throw usageError(`${flag}: "${value}" is not a month (2019-01)`);
  if (opts.from > opts.to) throw usageError(`--from ${opts.from} is after --to ${opts.to}`);
  const api = connectApi(opts);
  const report = expectOk(
    'Reading the renewals report',
    await api.client.GET('/api/v1/renewals/report', {
      params: { query: { from: opts.from, to: opts.to, by: opts.by, owner: opts.owner, segment: opts.segment, market: opts.market } },
    }),
  );
  const periods = report.periods.map((p) => Object.fromEntries(RENEWAL_KEYS.map((k) => [k, (p as Period)[k] ?? null])));
  if (opts.json) process.stdout.write(`${JSON.stringify({ currency: report.currency, periods })}\n`);
  else process.stdout.write(`${formatRenewalTable(report.currency, report.graceDays, periods)}\n`);
}
