// `customer365 metrics`: the MRR series with its movements and rates, per period, through the REST API.
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { usageError } from '../errors.ts';

export interface TMetricsOptions extends ApiOptions {
  from: string;
  to: string;
  by: 'day' | 'month' | 'quarter' | 'year';
  market?: string;
  edition?: string;
  plan?: string;
  owner?: string;
  segment?: string;
  tag?: string;
  field?: string;
  json?: boolean;
}

/** The keys every period starts with, in this order (METRICS.md's contract for scripts); the other figures follow. */
export const LEADING_KEYS = [
  'period',
  'mrr',
  'customers',
  'new',
  'expansion',
  'contraction',
  'churn',
  'reactivation',
  'customerChurnRate',
  'grossMrrChurnRate',
  'netMrrChurnRate',
  'arpa',
] as const;
const TRAILING_KEYS = [
  'arr',
  'nrr',
  'grr',
  'quickRatio',
  'ltv',
  'clv',
  'grossMarginPct',
  'newCustomers',
  'churnedCustomers',
  'newAcv',
] as const;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/;

type Period = Record<string, unknown>;

/** Each period with the leading keys first, then the further figures (period bounds last). */
export function orderPeriod(p: Period): Period {
  const out: Period = {};
  for (const k of LEADING_KEYS) out[k] = p[k] ?? null;
  for (const k of TRAILING_KEYS) if (k in p) out[k] = p[k];
  for (const [k, v] of Object.entries(p)) if (!(k in out)) out[k] = v;
  return out;
}

const money = (v: unknown) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : '—';
const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
const int = (v: unknown) => (typeof v === 'number' ? String(v) : '—');

const COLUMNS: [string, string, (v: unknown) => string][] = [
  ['period', 'Period', (v) => String(v)],
  ['mrr', 'MRR', money],
  ['customers', 'Customers', int],
  ['new', 'New', money],
  ['expansion', 'Expansion', money],
  ['contraction', 'Contraction', money],
  ['churn', 'Churn', money],
  ['reactivation', 'Reactivation', money],
  ['customerChurnRate', 'Cust. churn', pct],
  ['grossMrrChurnRate', 'Gross MRR churn', pct],
  ['netMrrChurnRate', 'Net MRR churn', pct],
  ['nrr', 'NRR', pct],
  ['arpa', 'ARPA', money],
];

/** A plain-text table: the period left-aligned, figures right-aligned, the currency in the title line. */
export function formatTable(currency: string, periods: Period[]): string {
  const rows = periods.map((p) => COLUMNS.map(([key, , fmt]) => fmt(p[key])));
  const widths = COLUMNS.map(([, header], i) => Math.max(header.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `MRR and movements in ${currency} (money in major units; rates per period)`,
    line(COLUMNS.map(([, header]) => header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

export async function runMetrics(opts: TMetricsOptions) {
  for (const [flag, value] of [
    ['--from', opts.from],
    ['--to', opts.to],
  ] as const)
    if (!PERIOD.test(value)) throw usageError(`${flag}: "${value}" is not a month (2019-01) or a day (2019-01-15)`);
  if (opts.from > opts.to) throw usageError(`--from ${opts.from} is after --to ${opts.to}`);
  const api = connectApi(opts);
  const series = expectOk(
    'Reading metrics',
    await api.client.GET('/api/v1/metrics/mrr', {
      params: {
        query: {
          from: opts.from,
          to: opts.to,
          by: opts.by,
          market: opts.market,
          edition: opts.edition,
          plan: opts.plan,
          owner: opts.owner,
          segment: opts.segment,
          tag: opts.tag,
          field: opts.field,
        },
      },
    }),
  );
  const periods = series.periods.map((p) => orderPeriod(p as unknown as Period));
  if (opts.json) process.stdout.write(`${JSON.stringify({ currency: series.currency, periods })}\n`);
  else process.stdout.write(`${formatTable(series.currency, periods)}\n`);
  if (series.missingRates.length)
    process.stderr.write(
      `Note: no exchange rate stored for some months of ${series.missingRates.join(', ')} (nearest month's rate used).\n`,
    );
}
