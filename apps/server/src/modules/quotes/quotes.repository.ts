import { and, asc, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import { accounts } from '../accounts/index.ts';
import { contacts } from '../contacts/index.ts';
import { users } from '../identity/index.ts';
import { organisations } from '../organisations/index.ts';
import { subscriptions } from '../subscriptions/index.ts';
import type { TQuotesExportQuery } from './quotes.schemas.ts';
import { quoteLines, quoteSettings, quotes, quoteTemplates } from './quotes.table.ts';

export type TQuoteRow = typeof quotes.$inferSelect;
export type TQuoteInsert = typeof quotes.$inferInsert;
export type TQuoteLineRow = typeof quoteLines.$inferSelect;
export type TTemplateRow = typeof quoteTemplates.$inferSelect;

// ── Templates ────────────────────────────────────────────────────────────────────────────────────────────

export async function organisationName(tx: Db, orgId: string): Promise<string> {
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row?.name ?? '';
}

/** Insert templates; a default already there for its language is kept (the partial unique index). */
export async function insertTemplatesIfMissing(tx: Db, rows: (typeof quoteTemplates.$inferInsert)[]) {
  if (!rows.length) return;
  await tx
    .insert(quoteTemplates)
    .values(rows)
    .onConflictDoNothing({ target: [quoteTemplates.orgId, quoteTemplates.language], where: sql`${quoteTemplates.isDefault}` });
}

export async function countDefaultTemplates(tx: Db, orgId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(quoteTemplates)
    .where(and(eq(quoteTemplates.orgId, orgId), eq(quoteTemplates.isDefault, true)));
  return row?.n ?? 0;
}

export const listTemplateRows = (tx: Db, orgId: string) =>
  tx
    .select()
    .from(quoteTemplates)
    .where(and(eq(quoteTemplates.orgId, orgId), isNull(quoteTemplates.archivedAt)))
    .orderBy(asc(quoteTemplates.language), desc(quoteTemplates.isDefault), asc(quoteTemplates.name));

export async function findTemplate(tx: Db, orgId: string, id: string): Promise<TTemplateRow | undefined> {
  const [row] = await tx
    .select()
    .from(quoteTemplates)
    .where(and(eq(quoteTemplates.orgId, orgId), eq(quoteTemplates.id, id), isNull(quoteTemplates.archivedAt)));
  return row;
}

export async function findDefaultTemplate(tx: Db, orgId: string, language: string): Promise<TTemplateRow | undefined> {
  const [row] = await tx
    .select()
    .from(quoteTemplates)
    .where(and(eq(quoteTemplates.orgId, orgId), eq(quoteTemplates.language, language), eq(quoteTemplates.isDefault, true)));
  return row;
}

export async function updateTemplateRow(tx: Db, orgId: string, id: string, set: Partial<typeof quoteTemplates.$inferInsert>) {
  await tx
    .update(quoteTemplates)
    .set(set)
    .where(and(eq(quoteTemplates.orgId, orgId), eq(quoteTemplates.id, id)));
}

/** The language's other templates stop being its default. */
export async function clearDefault(tx: Db, orgId: string, language: string, exceptId: string) {
  await tx
    .update(quoteTemplates)
    .set({ isDefault: false })
    .where(
      and(
        eq(quoteTemplates.orgId, orgId),
        eq(quoteTemplates.language, language),
        eq(quoteTemplates.isDefault, true),
        ne(quoteTemplates.id, exceptId),
      ),
    );
}

// ── Settings and numbers ─────────────────────────────────────────────────────────────────────────────────

export async function findSettings(tx: Db, orgId: string) {
  const [row] = await tx.select().from(quoteSettings).where(eq(quoteSettings.orgId, orgId));
  return row;
}

export async function saveSettings(
  tx: Db,
  orgId: string,
  s: { maxDiscountPercent: number; approveBelowList: boolean; linkValidDays: number },
  now: Date,
) {
  await tx
    .insert(quoteSettings)
    .values({ orgId, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: quoteSettings.orgId, set: { ...s, updatedAt: now } });
}

/** The organisation's next quote number (a row lock on its settings row serialises two at once). */
export async function nextQuoteNumber(tx: Db, orgId: string, now: Date): Promise<number> {
  const [row] = await tx
    .insert(quoteSettings)
    .values({ orgId, lastNumber: 1, updatedAt: now })
    .onConflictDoUpdate({ target: quoteSettings.orgId, set: { lastNumber: sql`${quoteSettings.lastNumber} + 1` } })
    .returning({ n: quoteSettings.lastNumber });
  return row?.n ?? 1;
}

// ── Quotes ───────────────────────────────────────────────────────────────────────────────────────────────

const decider = alias(users, 'decider');
const creator = alias(users, 'creator');
const listColumns = {
  quote: quotes,
  accountName: accounts.name,
  accountOwnerUserId: accounts.ownerUserId,
  subscriptionReference: subscriptions.reference,
  contactFirstName: contacts.firstName,
  contactLastName: contacts.lastName,
  contactEmail: contacts.email,
  contactLanguage: contacts.language,
  templateName: quoteTemplates.name,
  decidedByName: decider.name,
  createdByName: creator.name,
};
export type TQuoteListRow = {
  quote: TQuoteRow;
  accountName: string;
  accountOwnerUserId: string | null;
  subscriptionReference: string | null;
  contactFirstName: string | null;
  contactLastName: string | null;
  contactEmail: string | null;
  contactLanguage: string | null;
  templateName: string;
  decidedByName: string | null;
  createdByName: string | null;
};

function joined(tx: Db) {
  return tx
    .select(listColumns)
    .from(quotes)
    .innerJoin(accounts, and(eq(accounts.orgId, quotes.orgId), eq(accounts.id, quotes.accountId)))
    .innerJoin(subscriptions, and(eq(subscriptions.orgId, quotes.orgId), eq(subscriptions.id, quotes.subscriptionId)))
    .innerJoin(quoteTemplates, and(eq(quoteTemplates.orgId, quotes.orgId), eq(quoteTemplates.id, quotes.templateId)))
    .leftJoin(contacts, and(eq(contacts.orgId, quotes.orgId), eq(contacts.id, quotes.contactId)))
    .leftJoin(decider, and(eq(decider.orgId, quotes.orgId), eq(decider.id, quotes.decidedByUserId)))
    .leftJoin(creator, and(eq(creator.orgId, quotes.orgId), eq(creator.id, quotes.createdByUserId)));
}

export async function findQuoteRow(tx: Db, orgId: string, id: string): Promise<TQuoteListRow | undefined> {
  const [row] = await joined(tx).where(and(eq(quotes.orgId, orgId), eq(quotes.id, id)));
  return row;
}

export async function lockQuote(tx: Db, orgId: string, id: string): Promise<TQuoteRow | undefined> {
  const [row] = await tx
    .select()
    .from(quotes)
    .where(and(eq(quotes.orgId, orgId), eq(quotes.id, id)))
    .for('update');
  return row;
}

export const insertQuote = (tx: Db, row: TQuoteInsert) => tx.insert(quotes).values(row);

export async function updateQuoteRow(tx: Db, orgId: string, id: string, set: Partial<TQuoteInsert>) {
  await tx
    .update(quotes)
    .set(set)
    .where(and(eq(quotes.orgId, orgId), eq(quotes.id, id)));
}

export async function replaceLines(tx: Db, orgId: string, quoteId: string, lines: Omit<TQuoteLineRow, 'orgId' | 'quoteId'>[]) {
  await tx.delete(quoteLines).where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)));
  if (lines.length) await tx.insert(quoteLines).values(lines.map((l) => ({ ...l, orgId, quoteId })));
}

export const linesOf = (tx: Db, orgId: string, quoteId: string) =>
  tx
    .select()
    .from(quoteLines)
    .where(and(eq(quoteLines.orgId, orgId), eq(quoteLines.quoteId, quoteId)))
    .orderBy(asc(quoteLines.position));

/** The account's people a quote may be addressed to (still there), decision makers and billing first. */
export const contactsOfAccount = (tx: Db, orgId: string, accountId: string) =>
  tx
    .select({
      id: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      email: contacts.email,
      language: contacts.language,
      roles: contacts.roles,
    })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), eq(contacts.accountId, accountId), isNull(contacts.leftOn)))
    .orderBy(asc(contacts.createdAt));

export interface TQuoteScope {
  orgId: string;
  /** A user limited to their own accounts. */
  ownerUserId: string | null;
}

function where(scope: TQuoteScope, q: TQuotesExportQuery): SQL | undefined {
  const conds: (SQL | undefined)[] = [eq(quotes.orgId, scope.orgId)];
  if (scope.ownerUserId) conds.push(eq(accounts.ownerUserId, scope.ownerUserId));
  if (q.status?.length) conds.push(inArray(quotes.status, q.status));
  if (q.kind) conds.push(eq(quotes.kind, q.kind));
  if (q.accountId) conds.push(eq(quotes.accountId, q.accountId));
  if (q.renewalId) conds.push(eq(quotes.renewalId, q.renewalId));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(accounts.name, like), sql`'Q-' || lpad(${quotes.number}::text, 4, '0') ilike ${like}`));
  }
  return and(...conds);
}

const SORTS = {
  createdAt: quotes.createdAt,
  number: quotes.number,
  account: accounts.name,
  status: quotes.status,
  totalCents: quotes.totalCents,
  validUntil: quotes.validUntil,
} as const;

export function findQuotesPage(tx: Db, scope: TQuoteScope, q: TQuotesExportQuery, page: { limit: number; offset: number }) {
  const dir = q.order === 'asc' ? asc : desc;
  return joined(tx).where(where(scope, q)).orderBy(dir(SORTS[q.sort]), dir(quotes.number)).limit(page.limit).offset(page.offset);
}

export async function countQuotes(tx: Db, scope: TQuoteScope, q: TQuotesExportQuery): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(quotes)
    .innerJoin(accounts, and(eq(accounts.orgId, quotes.orgId), eq(accounts.id, quotes.accountId)))
    .where(where(scope, q));
  return row?.n ?? 0;
}
