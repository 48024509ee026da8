// Turns the Telco Customer Churn table (../shared/datasets/telco-churn) into what Customer365's own importers take:
// an accounts file (customerID as the external id, every descriptive column as an account custom field, and the
// deterministic test split as a yes/no field) and a subscription changes file (a start per customer, an end for
// each churner). Nothing here is known to the product: it sees accounts, custom fields and subscriptions.
//
//   tenure (months)  → the subscription starts that many calendar months before the day the product reads it on
//                      (the reference day; for a churner the day before its churn, which is the reference day)
//   Contract         → billing interval and term: Month-to-month 1, One year 12, Two year 24 months
//   MonthlyCharges   → the MRR (unit price per interval = MonthlyCharges × interval months)
//   Churn = Yes      → the subscription ends on the reference day (the churn the product knows: `--outcome churned`)
//   other columns    → custom fields (TotalCharges a number; the rest choices); Churn itself is not imported
//   test split       → PROVENANCE.md: sorted by customerID, 0-based index % 5 == 4 → `test_split` = Yes

export const TELCO_TEST_FIELD = 'test_split';
const INTERVAL: Record<string, number> = { 'Month-to-month': 1, 'One year': 12, 'Two year': 24 };
const NOT_FIELDS = new Set(['customerID', 'tenure', 'Contract', 'MonthlyCharges', 'Churn']);

export interface TTelcoField {
  key: string;
  label: string;
  type: 'number' | 'choice';
  options?: string[];
}

export interface TTelcoFiles {
  fields: TTelcoField[];
  accountsCsv: string;
  accountMapping: Record<string, string | null>;
  changesCsv: string;
  changesMapping: Record<string, string | null>;
  rows: number;
  churners: number;
  testRows: number;
}

/** A simple CSV split: the file has no quoted commas (PROVENANCE.md: plain ASCII, 21 columns). */
function parse(text: string) {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const cols = (head as string).split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i] as string, v])) as Record<string, string>);
}

const fieldKey = (col: string) =>
  col
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_');

/** Calendar months back from a day (the 31st of a short month → its last day). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLine = (cells: string[]) => cells.map(csvCell).join(',');

export function prepareTelco(text: string, referenceDay: string): TTelcoFiles {
  const rows = parse(text).sort((a, b) => ((a.customerID as string) < (b.customerID as string) ? -1 : 1));
  const cols = Object.keys(rows[0] ?? {}).filter((c) => !NOT_FIELDS.has(c));
  const fields: TTelcoField[] = cols.map((c) => {
    if (c === 'TotalCharges') return { key: fieldKey(c), label: c, type: 'number' };
    const options = [...new Set(rows.map((r) => r[c] as string))].sort();
    return { key: fieldKey(c), label: c, type: 'choice', options };
  });
  fields.push({ key: TELCO_TEST_FIELD, label: 'Test split', type: 'choice', options: ['Yes', 'No'] });

  const accountHead = ['customer_id', 'name', ...cols, 'Test split'];
  const accountLines = rows.map((r, i) =>
    csvLine([r.customerID as string, `Telco ${r.customerID}`, ...cols.map((c) => (r[c] as string).trim()), i % 5 === 4 ? 'Yes' : 'No']),
  );
  const accountMapping: Record<string, string | null> = { customer_id: 'externalId', name: 'name' };
  for (const c of cols) accountMapping[c] = `custom.${fieldKey(c)}`;
  accountMapping['Test split'] = `custom.${TELCO_TEST_FIELD}`;

  const changeHead = ['customer_id', 'subscription_id', 'effective_date', 'change', 'quantity', 'unit_price', 'interval_months'];
  const changeLines: string[] = [];
  let churners = 0;
  for (const r of rows) {
    const interval = INTERVAL[r.Contract as string] ?? 1;
    const price = (Number(r.MonthlyCharges) * interval).toFixed(2);
    const sub = `S-${r.customerID}`;
    // The product reads a churned account as of the day before its churn, one that stayed as of the reference day:
    // each starts `tenure` months before the day it is read on, so both show the tenure of the table.
    const churned = r.Churn === 'Yes';
    const readOn = churned ? dayBefore(referenceDay) : referenceDay;
    changeLines.push(csvLine([r.customerID as string, sub, monthsBefore(readOn, Number(r.tenure)), 'start', '1', price, String(interval)]));
    if (churned) {
      churners++;
      changeLines.push(csvLine([r.customerID as string, sub, referenceDay, 'end', '', '', '']));
    }
  }
  const changesMapping: Record<string, string | null> = {
    customer_id: 'customerId',
    subscription_id: 'subscriptionId',
    effective_date: 'effectiveDate',
    change: 'change',
    quantity: 'quantity',
    unit_price: 'unitPrice',
    interval_months: 'intervalMonths',
  };
  return {
    fields,
    accountsCsv: `${[csvLine(accountHead), ...accountLines].join('\n')}\n`,
    accountMapping,
    changesCsv: `${[csvLine(changeHead), ...changeLines].join('\n')}\n`,
    changesMapping,
    rows: rows.length,
    churners,
    testRows: rows.filter((_, i) => i % 5 === 4).length,
  };
}
