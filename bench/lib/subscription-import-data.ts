// The subscriptions import bench's data: deterministic subscription periods (the periods form of the import:
// customer_id,start_date,end_date,monthly_amount), about four per customer, with price rises, quantity-like
// amount changes, gaps (an end and a reactivation) and customers who churn; as the CSV a user uploads.

export interface TPeriodSourceRow {
  customerId: string;
  startDate: string;
  /** Exclusive; empty while it runs. */
  endDate: string;
  monthlyAmount: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return iso(d);
};

/** About `n` rows (a whole customer's periods at a time), from a small LCG so every run imports the same file. */
export function generatePeriodRows(n: number): TPeriodSourceRow[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  const rows: TPeriodSourceRow[] = [];
  for (let c = 1; rows.length < n; c++) {
    const customerId = `CUS-${String(c).padStart(6, '0')}`;
    let day = addMonths('2021-01-01', next() % 36);
    let amount = 20 + (next() % 40) * 5;
    const periods = Math.min(n - rows.length, 2 + (next() % 5)); // 2–6, about four on average
    for (let p = 0; p < periods; p++) {
      const months = 1 + (next() % 9);
      const last = p === periods - 1;
      const end = last && next() % 3 === 0 ? '' : addMonths(day, months);
      rows.push({ customerId, startDate: day, endDate: end, monthlyAmount: amount });
      if (!end) break;
      day = next() % 5 === 0 ? addMonths(end, 1 + (next() % 3)) : end; // a gap: ended, then reactivated
      amount = Math.max(10, amount + ((next() % 7) - 2) * 5);
    }
  }
  return rows.slice(0, n);
}

export function toPeriodsCsv(rows: TPeriodSourceRow[]): string {
  const lines = ['customer_id,start_date,end_date,monthly_amount'];
  for (const r of rows) lines.push(`${r.customerId},${r.startDate},${r.endDate},${r.monthlyAmount}`);
  return `${lines.join('\n')}\n`;
}
