import type { BulkTx } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { copyNewAccounts } from '../accounts/index.ts';
import type { PlanService, TPlanInfo } from '../plans/index.ts';
import {
  changeRowsToSubscriptions,
  periodsToSubscriptions,
  type SubscriptionService,
  type TChangeRow,
  type TImportedSubscription,
  type TPeriodRow,
} from '../subscriptions/index.ts';
import { copyAudit } from './imports.audit.ts';
import { findAccountsByKeys, findReportingCurrency } from './imports.lookups.repository.ts';
import type { TRawRow } from './imports.parse.ts';
import { RowReader, type TFieldColumn, type TImportRun, type TRowError } from './imports.rows.ts';
import { readChangeRow } from './imports.subscription-changes.ts';
import type { TImportOptions } from './imports.subscriptions.fields.ts';
import { parseDate, parseInteger, parseNumber, parseText, problem } from './imports.values.ts';

/**
 * Subscriptions in the periods form: one row per paid period of a customer (an account, by its external id).
 * A customer's periods make one history together (periodsToSubscriptions groups them: a plan change, a gap,
 * an overlap), so this entity's file is checked as one batch: every row is held in memory at once, about a
 * kilobyte per row. It is written in chunks of accounts, each its own transaction (imports.subscriptions-run.ts),
 * through the subscriptions module, idempotently: a re-imported file reports its rows unchanged and writes nothing.
 */

export interface TPeriodRecord {
  rowNumber: number;
  /** The account's id (a new one when the account is to be created). */
  id: string;
  /** The account is created by this import (the option "create missing accounts"). */
  isNew: boolean;
  customerId: string;
  /** The row as the subscriptions module takes it: a period or a change, by the import's form. */
  period: TPeriodRow | TChangeRow;
}

/** One account's subscriptions from the file: written together, in one transaction. */
export interface TSubscriptionUnit {
  accountId: string;
  /** Created by this import (named after the customer id). */
  isNew: boolean;
  customerId: string;
  /** The customer's first row (its account's audit entry names it). */
  rowNumber: number;
  subs: TImportedSubscription[];
  /** The file's rows these subscriptions were made from. */
  rows: number;
}

export interface TSubscriptionPipelineDeps {
  subscriptions: SubscriptionService;
  plans: PlanService;
}

const CURRENCY = /^[A-Z]{3}$/;

/** An account created for an unknown customer id: named after the id, nothing else known. */
const NO_ACCOUNT_DETAILS = {
  domain: null,
  marketId: null,
  segment: null,
  edition: null,
  lifecycleStage: null,
  ownerUserId: null,
  tags: null,
  employees: null,
  website: null,
  notes: null,
  custom: null,
};

export function createSubscriptionPipeline(
  run: TImportRun,
  columns: Map<string, TFieldColumn>,
  options: TImportOptions,
  deps: TSubscriptionPipelineDeps,
) {
  let reportingCurrency: string | null = null;
  const planByCode = new Map<string, TPlanInfo | null>();
  /** The organisation's cancel reasons by label in lower case, read once. */
  let reasons: Map<string, { id: string; label: string }> | null = null;
  /** The id a missing account gets, the same for every row of its customer. */
  const newAccountIds = new Map<string, string>();

  async function planOf(db: Db, code: string) {
    const key = code.toLowerCase();
    if (!planByCode.has(key)) planByCode.set(key, await deps.plans.findByCode(run.orgId, code, db));
    return planByCode.get(key) ?? null;
  }

  const parseCurrency = (v: string) => (CURRENCY.test(v.toUpperCase()) ? v.toUpperCase() : problem('currency_code'));

  async function readRow(db: Db, row: TRawRow): Promise<{ r: RowReader; period: TPeriodRow | TChangeRow }> {
    const r = new RowReader(row, columns);
    reportingCurrency ??= await findReportingCurrency(db, run.orgId);
    if (options.format === 'changes') {
      reasons ??= new Map((await deps.subscriptions.cancelReasonsOf(run.orgId, db)).map((x) => [x.label.toLowerCase(), x]));
      const known = reasons;
      const change = await readChangeRow(r, {
        plan: (code) => planOf(db, code),
        currency: parseCurrency,
        reportingCurrency,
        reason: (label) => known.get(label.toLowerCase()) ?? null,
        createMissingReasons: options.createMissingReasons ?? false,
      });
      return { r, period: change };
    }
    for (const field of ['customerId', 'startDate', 'monthlyAmount'])
      if (columns.has(field) && r.raw(field) === '') r.fail(field, problem('is_required'));
    const customerId = r.get('customerId', (v) => parseText(v, 100));
    const startDate = r.get('startDate', parseDate);
    const endDate = r.get('endDate', parseDate);
    const amount = r.get('monthlyAmount', (v) => {
      const n = parseNumber(v);
      return typeof n === 'number' && n < 0 ? problem('amount_not_negative') : n;
    });
    const quantity = r.get('quantity', (v) => parseInteger(v, 1, 1_000_000)) ?? 1;
    const currency = r.get('currency', parseCurrency);
    if (startDate && endDate && endDate <= startDate) r.fail('endDate', problem('end_after_start', { start: startDate }));
    const planCode = r.raw('plan');
    const plan = planCode ? await planOf(db, planCode) : null;
    if (planCode && !plan) r.fail('plan', problem('unknown_plan_code'));
    const period: TPeriodRow = {
      rowNumber: row.rowNumber,
      customerId: customerId ?? '',
      startDate: startDate ?? '',
      endDate,
      monthlyAmount: amount ?? 0,
      planId: plan?.id ?? null,
      planLabel: plan?.name ?? null,
      planTier: plan?.tier ?? 0,
      currency: currency ?? reportingCurrency ?? 'EUR',
      quantity,
    };
    return { r, period };
  }

  return {
    async check(db: Db, rows: TRawRow[]): Promise<{ records: TPeriodRecord[]; errors: TRowError[]; invalidRows: number }> {
      const read = [];
      for (const row of rows) read.push(await readRow(db, row));
      const ids = [...new Set(read.flatMap((x) => (x.period.customerId ? [x.period.customerId] : [])))];
      const { byExternalId } = await findAccountsByKeys(db, run.orgId, ids, []);
      const records: TPeriodRecord[] = [];
      const errors: TRowError[] = [];
      let invalidRows = 0;
      for (const { r, period } of read) {
        const account = period.customerId ? byExternalId.get(period.customerId) : undefined;
        if (period.customerId && !account && !options.createMissingAccounts) r.fail('customerId', problem('no_account_with_customer_id'));
        if (!r.ok) {
          errors.push(...r.errors);
          invalidRows++;
          continue;
        }
        let id = account?.id;
        if (!id) {
          id = newAccountIds.get(period.customerId) ?? newId();
          newAccountIds.set(period.customerId, id);
        }
        records.push({ rowNumber: r.row.rowNumber, id, isNew: !account, customerId: period.customerId, period });
      }
      return { records, errors, invalidRows };
    },

    /**
     * The checked rows as units of writing, one per account in the order of the file: its subscriptions (a
     * customer's rows make one history together, so they are never split) and whether the account is created.
     */
    plan(records: TPeriodRecord[]): TSubscriptionUnit[] {
      const subs =
        options.format === 'changes'
          ? changeRowsToSubscriptions(records.map((r) => r.period as TChangeRow))
          : periodsToSubscriptions(records.map((r) => r.period as TPeriodRow));
      const units = new Map<string, TSubscriptionUnit>();
      const first = new Map<string, TPeriodRecord>();
      for (const r of records) if (!first.has(r.customerId)) first.set(r.customerId, r);
      for (const sub of subs) {
        const r = first.get(sub.customerId) as TPeriodRecord;
        const unit = units.get(r.id) ?? {
          accountId: r.id,
          isNew: r.isNew,
          customerId: r.customerId,
          rowNumber: r.rowNumber,
          subs: [],
          rows: 0,
        };
        unit.subs.push(sub);
        unit.rows += sub.rowNumbers.length;
        units.set(r.id, unit);
      }
      return [...units.values()];
    },

    /** Writes some units in the caller's transaction: missing accounts first, then their subscriptions. */
    async writeUnits(tx: BulkTx, units: TSubscriptionUnit[]) {
      const now = run.clock.now().toISOString();
      // Missing accounts through the accounts module's bulk write, each with its "imported" audit entry (its first row).
      const fresh = units
        .filter((u) => u.isNew)
        .map((u) => ({
          ...NO_ACCOUNT_DETAILS,
          id: u.accountId,
          rowNumber: u.rowNumber,
          isNew: true,
          name: u.customerId,
          externalId: u.customerId,
        }));
      await copyNewAccounts(tx, run.orgId, now, fresh);
      await copyAudit(tx, run, now, 'account', fresh, new Map(), ['name', 'externalId']);

      const counts = { inserted: 0, updated: 0, unchanged: 0 };
      const items = units.flatMap((u) => u.subs.map((sub) => ({ accountId: u.accountId, sub })));
      // Reasons the organisation lacks ("create missing reasons"), added with the chunk that first names them.
      const unmatched = items.flatMap((i) => i.sub.changes.filter((c) => c.reasonLabel && !c.reasonId));
      if (unmatched.length) {
        const added = await deps.subscriptions.ensureCancelReasons(tx.db, run.orgId, [
          ...new Set(unmatched.map((c) => c.reasonLabel as string)),
        ]);
        for (const c of unmatched) {
          const reason = added.get((c.reasonLabel as string).toLowerCase());
          Object.assign(c, { reasonId: reason?.id ?? null, reasonLabel: reason?.label ?? c.reasonLabel });
        }
      }
      const meta = {
        importId: run.importId,
        actorUserId: run.actorUserId,
        reference: deps.subscriptions.referenceAllocator(tx.db, run.orgId),
      };
      const outcomes = await deps.subscriptions.importHistory(tx.db, run.orgId, items, meta);
      // Rows are counted by what writing their subscription did.
      outcomes.forEach((outcome, i) => {
        counts[outcome] += items[i]?.sub.rowNumbers.length ?? 0;
      });
      return counts;
    },
  };
}
