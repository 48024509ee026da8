import fs from 'node:fs';
import { PLAYBOOK_FILE } from './mrr-playbook.ts';

/**
 * The renewal report of the MRR playbook's periods counted straight from the CSV rows, without the product's
 * code (METRICS.md, "Renewal metrics"): each row is a term whose last day is the day before its end_date; it is
 * due in the month of that day, renewed when a row of the same customer starts within the grace period around
 * its end_date, churned when none does and the grace has passed, pending otherwise. Shared by the API test and
 * the CLI test of the renewals report.
 */

interface TRow {
  customer: string;
  start: string;
  end: string;
  amount: number;
}

const dayMs = 86_400_000;
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);

export function playbookTerms(): TRow[] {
  const [, ...lines] = fs.readFileSync(PLAYBOOK_FILE, 'utf8').trim().split(/\r?\n/);
  return lines.map((l) => {
    const [, customer = '', start = '', end = '', amount = '0'] = l.split(',');
    return { customer, start, end, amount: Number(amount) };
  });
}

/** The expected periods of `renewals report --from <year>-01 --to <year>-12 --by month`. */
export function expectedPlaybookRenewals(year: number, graceDays: number, today: string) {
  const rows = playbookTerms();
  const periods = [];
  for (let month = 1; month <= 12; month++) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    let due = 0;
    let dueArr = 0;
    let renewed = 0;
    let renewedArr = 0;
    let gross = 0;
    let churned = 0;
    let pending = 0;
    let downgraded = 0;
    let upgraded = 0;
    let lost = 0;
    const accountsDue = new Set<string>();
    const accountsChurned = new Set<string>();
    for (const r of rows) {
      const lastDay = shift(r.end, -1);
      if (lastDay.slice(0, 7) !== label) continue;
      due++;
      dueArr += r.amount * 12;
      accountsDue.add(r.customer);
      const next = rows
        .filter(
          (n) =>
            n.customer === r.customer && n.start > r.start && n.start >= shift(r.end, -graceDays) && n.start <= shift(r.end, graceDays),
        )
        .sort((a, b) => (a.start < b.start ? -1 : 1))[0];
      if (next) {
        renewed++;
        renewedArr += next.amount * 12;
        gross += Math.min(next.amount, r.amount) * 12;
        if (next.amount < r.amount) downgraded++;
        if (next.amount > r.amount) upgraded++;
        lost += Math.max(r.amount - next.amount, 0) * 12;
      } else if (shift(r.end, graceDays) < today) {
        churned++;
        lost += r.amount * 12;
        accountsChurned.add(r.customer);
      } else pending++;
    }
    const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
    periods.push({
      period: label,
      due,
      dueArr,
      renewed,
      renewedArr,
      churned,
      pending,
      downgraded,
      upgraded,
      renewalRateCount: ratio(renewed, due),
      renewalRateValueGross: ratio(gross, dueArr),
      renewalRateValueNet: ratio(renewedArr, dueArr),
      eligibleChurnRate: ratio(accountsChurned.size, accountsDue.size),
      revenueChurn: ratio(lost, dueArr),
      averageDealValue: renewed > 0 ? Math.round((renewedArr / renewed) * 100) / 100 : null,
    });
  }
  return periods;
}
