import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { periodsOf, ZMetricSettings } from '../metrics/index.ts';
import { renewalsMessages as m } from './renewals.messages.ts';
import {
  findReportingConventions,
  renewalReportRows,
  renewalTermsPage,
  type TRenewalRules,
  type TReportRow,
  type TTermRow,
  type TWinbackRow,
  winbackReportRows,
} from './renewals.repository.ts';
import type {
  TRenewalPeriod,
  TRenewalReport,
  TRenewalReportQuery,
  TRenewalTerm,
  TRenewalTermsExportQuery,
  TRenewalTermsQuery,
} from './renewals.schemas.ts';

/** A report spans at most this many years (its periods are computed in one statement). */
const MAX_YEARS = 20;

const money = (cents: string | number | null | undefined) => Math.round(Number(cents ?? 0)) / 100;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** The figures of one period from its sums (METRICS.md, "Renewal metrics"). */
export function periodFigures(period: string, r: TReportRow | undefined, w?: TWinbackRow): TRenewalPeriod {
  const dueArr = money(r?.due_arr);
  const renewedArr = money(r?.renewed_arr);
  const renewed = r?.renewed ?? 0;
  return {
    period,
    due: r?.due ?? 0,
    dueArr,
    renewed,
    renewedArr,
    churned: r?.churned ?? 0,
    pending: r?.pending ?? 0,
    downgraded: r?.downgraded ?? 0,
    upgraded: r?.upgraded ?? 0,
    renewalRateCount: ratio(renewed, r?.due ?? 0),
    renewalRateValueGross: ratio(money(r?.renewed_gross), dueArr),
    renewalRateValueNet: ratio(renewedArr, dueArr),
    eligibleChurnRate: ratio(r?.accounts_churned ?? 0, r?.accounts_due ?? 0),
    revenueChurn: ratio(money(r?.lost), dueArr),
    averageDealValue: renewed > 0 ? Math.round((renewedArr / renewed) * 100) / 100 : null,
    winbackOffers: w?.offers ?? 0,
    winbackWon: w?.won ?? 0,
    winbackLost: w?.lost ?? 0,
    winbackWonArr: money(w?.won_arr),
  };
}

const toTerm = (r: TTermRow): TRenewalTerm => {
  const dueArr = money(r.due_arr);
  const nextArr = r.next_start ? money(r.next_arr) : null;
  return {
    accountId: r.account_id,
    accountName: r.account_name,
    subscriptionId: r.subscription_id,
    subscriptionReference: r.reference,
    termStart: r.term_start,
    lastDay: r.last_day,
    dueArr,
    outcome: r.outcome,
    change: nextArr === null ? null : nextArr > dueArr ? 'upgraded' : nextArr < dueArr ? 'downgraded' : 'same',
    nextTermStart: r.next_start,
    nextArr,
  };
};

const lastDayOf = (month: string) => {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

const monthsBefore = (month: string, n: number) => {
  const [y, mo] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1 - n, 1)).toISOString().slice(0, 7);
};

export type RenewalService = ReturnType<typeof createRenewalService>;

/** Renewal reporting: which terms came due in a period and what followed them. Read-only. */
export function createRenewalService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

  function range(q: { from?: string; to?: string }) {
    const to = q.to ?? clock.now().toISOString().slice(0, 7);
    const from = q.from ?? monthsBefore(to, 11);
    if (from > to) throw invalid('from', m.renewals_range_order, { to });
    if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= MAX_YEARS)
      throw invalid('to', m.renewals_range_too_long, { years: MAX_YEARS });
    return { from: `${from}-01`, to: lastDayOf(to) };
  }

  async function rulesOf(orgId: string): Promise<TRenewalRules> {
    const conv = await findReportingConventions(db, orgId);
    const settings = ZMetricSettings.parse(conv?.settings ?? {});
    return { graceDays: settings.renewalGraceDays, currency: conv?.currency ?? 'EUR', today: clock.now().toISOString().slice(0, 10) };
  }

  async function termsPage(actor: Actor, q: TRenewalTermsExportQuery, page: { limit: number; offset: number }) {
    const rows = await renewalTermsPage(db, scopeOf(actor), { ...q, ...range(q) }, await rulesOf(actor.orgId), page);
    return { items: rows.map(toTerm), total: rows[0]?.total ?? 0 };
  }

  return {
    /** Per period of the range: the terms due, renewed, churned … and the rates (money in the reporting currency). */
    async report(actor: Actor, q: TRenewalReportQuery): Promise<TRenewalReport> {
      requirePermission(actor, 'renewal:read');
      const r = range(q);
      const rules = await rulesOf(actor.orgId);
      const [rows, winbacks] = await Promise.all([
        renewalReportRows(db, scopeOf(actor), { ...q, ...r }, rules, q.by),
        winbackReportRows(db, scopeOf(actor), { ...q, ...r }, rules, q.by),
      ]);
      const byStart = new Map(rows.map((row) => [row.bucket, row]));
      const winbackByStart = new Map(winbacks.map((row) => [row.bucket, row]));
      return {
        currency: rules.currency,
        graceDays: rules.graceDays,
        periods: periodsOf(r.from, r.to, q.by).map((p) => periodFigures(p.label, byStart.get(p.key), winbackByStart.get(p.key))),
      };
    },

    /** The terms behind the figures of a range (the drill-down), filtered by outcome, sorted, paged. */
    async terms(actor: Actor, q: TRenewalTermsQuery) {
      requirePermission(actor, 'renewal:read');
      const { items, total } = await termsPage(actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },

    /** Every term of the drill-down with the same filters and order, a batch at a time, for the CSV export. */
    async *exportTerms(actor: Actor, q: TRenewalTermsExportQuery) {
      requirePermission(actor, 'renewal:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await termsPage(actor, q, { limit, offset })).items);
    },
  };
}
