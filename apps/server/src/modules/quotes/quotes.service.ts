import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueEmail } from '../../platform/mail/outbox.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { PlanService } from '../plans/index.ts';
import type { RenewalOpportunityService } from '../renewal-opportunities/index.ts';
import type { SubscriptionService } from '../subscriptions/index.ts';
import { quotePdfAttachment } from './quotes.attachments.ts';
import { draftLinesOf, loadQuote, storeFigures } from './quotes.build.ts';
import { addDays, addMonths, initialLines, monthsBetween, pickContact } from './quotes.create.ts';
import { toQuoteSummary } from './quotes.dto.ts';
import { quotesMessages as m } from './quotes.messages.ts';
import { formatDay } from './quotes.money.ts';
import {
  contactsOfAccount,
  countQuotes,
  findDefaultTemplate,
  findQuotesPage,
  findTemplate,
  insertQuote,
  lockQuote,
  nextQuoteNumber,
  type TQuoteRow,
  updateQuoteRow,
} from './quotes.repository.ts';
import type { TCreateQuote, TQuotesExportQuery, TQuotesQuery, TUpdateQuote } from './quotes.schemas.ts';
import type { QuoteTemplateService } from './quotes.templates.ts';
import { newLinkSecret, signQuoteToken } from './quotes.token.ts';
import { langOf, QUOTE_WORDS } from './quotes.words.ts';

export interface TQuoteDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
  accounts: AccountService;
  plans: PlanService;
  subscriptions: SubscriptionService;
  renewalOpportunities: RenewalOpportunityService;
  templates: QuoteTemplateService;
}

export type QuoteService = ReturnType<typeof createQuoteService>;
/** The risks that make a renewal churn-risk (beside its category and a churned stage): a win-back offer may be made. */
const CHURN_RISKS = ['health_red', 'cancel_requested'];
const EDITABLE = ['draft', 'pending_approval', 'approved', 'rejected'];
const wrongStatus = (q: { status: string }) => new AppError('CONFLICT', { entry: m.quote_wrong_status, values: { status: q.status } });

/** Quotes: made from a renewal, edited, approved by a director when the rules ask, sent through the outbox. */
export function createQuoteService(deps: TQuoteDeps) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);
  const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

  async function lockVisible(tx: Db, actor: Actor, id: string): Promise<TQuoteRow> {
    const row = await lockQuote(tx, actor.orgId, id);
    if (!row) throw notFound('Quote');
    await deps.accounts.requireVisible(actor, row.accountId, tx);
    return row;
  }

  async function audit(tx: Db, actor: Actor, id: string, action: string, after: Record<string, unknown>) {
    await recordAudit(tx, clock, actor, { entityType: 'quote', entityId: id, action, after });
  }

  async function get(actor: Actor, id: string) {
    requirePermission(actor, 'quote:read');
    const quote = await loadQuote(db, actor.orgId, id);
    await deps.accounts.requireVisible(actor, quote.accountId);
    return quote;
  }

  return {
    get,

    /** From a renewal: its subscription's lines, uplift, upsell and cross-sell lines, the incentive, a contact and template. */
    async create(actor: Actor, renewalId: string, input: TCreateQuote) {
      requirePermission(actor, 'quote:write');
      requirePermission(actor, 'quote:read');
      const renewal = await deps.renewalOpportunities.get(actor, renewalId);
      const atRisk =
        renewal.category === 'churn_risk' || renewal.stage === 'churned' || renewal.riskReasons.some((r) => CHURN_RISKS.includes(r));
      if (input.kind === 'winback' && !atRisk) throw invalid('kind', m.quote_winback_not_at_risk);
      if (input.kind === 'renewal' && renewal.closedAt) throw invalid('renewalId', m.quote_renewal_closed);
      const sub = await deps.subscriptions.get(actor, renewal.subscriptionId);
      const catalogue = await deps.plans.catalogue(actor.orgId);
      const running = sub.lines.filter((l) => !l.trial || sub.lines.length === 1);
      const lines = initialLines(running.length ? running : sub.versions.slice(-1), catalogue, sub.currency, sub.intervalMonths, input);
      const id = newId();
      await db.transaction(async (tx) => {
        await deps.templates.ensureDefaults(tx, actor.orgId);
        const people = await contactsOfAccount(tx, actor.orgId, renewal.accountId);
        let contact = pickContact(people);
        if (input.contactId) {
          contact = people.find((c) => c.id === input.contactId);
          if (!contact) throw invalid('contactId', m.quote_unknown_contact);
        }
        if (input.contactId === null) contact = undefined;
        const template = input.templateId
          ? await findTemplate(tx, actor.orgId, input.templateId)
          : await findDefaultTemplate(tx, actor.orgId, langOf(contact?.language));
        if (!template) throw invalid('templateId', m.quote_unknown_template);
        const rules = await deps.templates.settingsOf(tx, actor.orgId);
        const termStart = renewal.stage === 'churned' && renewal.dueOn < today() ? today() : renewal.dueOn;
        const termEnd = addDays(addMonths(termStart, monthsBetween(sub.termStart, renewal.termLastDay)), -1);
        const incentivePercent = input.incentivePercent ?? (input.kind === 'winback' ? 15 : 0);
        const now = clock.now();
        const row = {
          orgId: actor.orgId,
          id,
          number: await nextQuoteNumber(tx, actor.orgId, now),
          kind: input.kind,
          renewalId,
          accountId: renewal.accountId,
          subscriptionId: renewal.subscriptionId,
          contactId: contact?.id ?? null,
          templateId: template.id,
          language: template.language,
          currency: sub.currency,
          intervalMonths: sub.intervalMonths,
          termStart,
          termEnd,
          validUntil: addDays(today(), rules.linkValidDays),
          upliftPercent: input.upliftPercent,
          incentivePercent,
          incentiveUntil: input.incentiveUntil ?? (incentivePercent > 0 ? addDays(today(), 14) : null),
          status: 'draft',
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        };
        await insertQuote(tx, row);
        const { totals, reasons } = await storeFigures(tx, actor.orgId, row, lines, rules);
        await audit(tx, actor, id, 'created', { renewalId, kind: input.kind, totalCents: totals.totalCents, approvalReasons: reasons });
      });
      return get(actor, id);
    },

    async list(actor: Actor, q: TQuotesQuery) {
      requirePermission(actor, 'quote:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findQuotesPage(db, scopeOf(actor), q, page), countQuotes(db, scopeOf(actor), q)]);
      return { items: rows.map(toQuoteSummary), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: TQuotesExportQuery) {
      requirePermission(actor, 'quote:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await findQuotesPage(db, scopeOf(actor), q, { limit, offset })).map(toQuoteSummary));
    },

    /** Change lines, dates, contact, template, incentive; a quote approved, waiting or rejected goes back to draft. */
    async update(actor: Actor, id: string, input: TUpdateQuote) {
      requirePermission(actor, 'quote:write');
      requirePermission(actor, 'quote:read');
      await db.transaction(async (tx) => {
        const before = await lockVisible(tx, actor, id);
        if (!EDITABLE.includes(before.status))
          throw new AppError('CONFLICT', { entry: m.quote_not_editable, values: { status: before.status } });
        if (input.contactId) {
          const people = await contactsOfAccount(tx, actor.orgId, before.accountId);
          if (!people.some((c) => c.id === input.contactId)) throw invalid('contactId', m.quote_unknown_contact);
        }
        const template = input.templateId ? await findTemplate(tx, actor.orgId, input.templateId) : undefined;
        if (input.templateId && !template) throw invalid('templateId', m.quote_unknown_template);
        const termStart = input.termStart ?? before.termStart;
        const termEnd = input.termEnd ?? before.termEnd;
        if (termEnd <= termStart) throw invalid('termEnd', m.quote_term_order);
        const set = {
          ...(input.contactId !== undefined ? { contactId: input.contactId } : {}),
          ...(template ? { templateId: template.id, language: input.language ?? template.language } : {}),
          ...(input.language ? { language: input.language } : {}),
          ...(input.validUntil ? { validUntil: input.validUntil } : {}),
          ...(input.incentivePercent !== undefined ? { incentivePercent: input.incentivePercent } : {}),
          ...(input.incentiveUntil !== undefined ? { incentiveUntil: input.incentiveUntil } : {}),
          ...(input.notes !== undefined ? { notes: input.notes } : {}),
          termStart,
          termEnd,
          status: 'draft',
          decidedByUserId: null,
          decidedAt: null,
          updatedAt: clock.now(),
        };
        await updateQuoteRow(tx, actor.orgId, id, set);
        const current = await loadQuote(tx, actor.orgId, id);
        const lines = input.lines
          ? input.lines.map((l) => {
              const old = current.lines.find((x) => x.planId && x.planId === l.planId);
              return { ...l, planId: l.planId ?? null, listPriceCents: old?.listPriceCents ?? null };
            })
          : draftLinesOf(current);
        const rules = await deps.templates.settingsOf(tx, actor.orgId);
        const { totals, reasons } = await storeFigures(tx, actor.orgId, current, lines, rules);
        await audit(tx, actor, id, 'updated', {
          ...input,
          lines: input.lines?.length,
          totalCents: totals.totalCents,
          approvalReasons: reasons,
        });
      });
      return get(actor, id);
    },

    /** Ask a director's approval (when the rules ask for one; otherwise the quote is approved at once). */
    async submit(actor: Actor, id: string) {
      requirePermission(actor, 'quote:write');
      requirePermission(actor, 'quote:read');
      await db.transaction(async (tx) => {
        const q = await lockVisible(tx, actor, id);
        if (q.status !== 'draft' && q.status !== 'rejected') throw wrongStatus(q);
        const status = q.approvalReasons.length ? 'pending_approval' : 'approved';
        await updateQuoteRow(tx, actor.orgId, id, { status, decisionComment: null, updatedAt: clock.now() });
        await audit(tx, actor, id, 'approval_requested', { status, approvalReasons: q.approvalReasons });
      });
      return get(actor, id);
    },

    async decide(actor: Actor, id: string, decision: 'approved' | 'rejected', comment: string | null | undefined) {
      requirePermission(actor, 'quote:approve');
      requirePermission(actor, 'quote:read');
      await db.transaction(async (tx) => {
        const q = await lockVisible(tx, actor, id);
        if (q.status !== 'pending_approval') throw wrongStatus(q);
        const now = clock.now();
        await updateQuoteRow(tx, actor.orgId, id, {
          status: decision,
          decidedByUserId: actor.userId,
          decidedAt: now,
          decisionComment: comment ?? null,
          updatedAt: now,
        });
        await audit(tx, actor, id, decision, { comment: comment ?? null, approvalReasons: q.approvalReasons });
      });
      return get(actor, id);
    },

    /**
     * E-mail the customer a signed, expiring link (a new one each time: earlier links stop working) and the quote's PDF
     * (attached by reference: the worker renders it when it delivers the mail) through the outbox, and move the
     * renewal to quote_sent, in one transaction.
     */
    async send(actor: Actor, id: string, input: { to?: string; message?: string | null }) {
      requirePermission(actor, 'quote:write');
      requirePermission(actor, 'quote:read');
      const link = await db.transaction(async (tx) => {
        const q = await lockVisible(tx, actor, id);
        const free = q.status === 'draft' && q.approvalReasons.length === 0;
        if (!free && q.status !== 'approved' && q.status !== 'sent') {
          if (q.status === 'draft' || q.status === 'pending_approval' || q.status === 'rejected')
            throw new AppError('CONFLICT', { entry: m.quote_needs_approval });
          throw wrongStatus(q);
        }
        const quote = await loadQuote(tx, actor.orgId, id);
        const to = input.to ?? quote.contactEmail;
        if (!to) throw invalid('to', m.quote_no_recipient);
        const rules = await deps.templates.settingsOf(tx, actor.orgId);
        const secret = newLinkSecret();
        const expiresAt = new Date(clock.now().getTime() + rules.linkValidDays * 86_400_000);
        const url = `${deps.publicUrl}/q/${signQuoteToken(secret, { orgId: actor.orgId, quoteId: id, expiresAt })}`;
        const template = await findTemplate(tx, actor.orgId, q.templateId);
        const w = QUOTE_WORDS[quote.language];
        const now = clock.now();
        await enqueueEmail(tx, clock, {
          orgId: actor.orgId,
          to,
          subject: w.mailSubject(quote.reference, template?.companyName ?? '', quote.kind),
          text: w.mailBody(
            quote.contactName ?? quote.accountName,
            quote.accountName,
            url,
            formatDay(quote.validUntil, quote.language),
            input.message ?? null,
            quote.kind,
          ),
          template: 'quote',
          attachments: [quotePdfAttachment(quote)],
        });
        await updateQuoteRow(tx, actor.orgId, id, {
          status: 'sent',
          sentAt: now,
          sentTo: to,
          linkSecret: secret,
          linkExpiresAt: expiresAt,
          updatedAt: now,
        });
        await audit(tx, actor, id, 'sent', { to, expiresAt: expiresAt.toISOString() });
        await deps.renewalOpportunities.recordQuoteOutcome(actor.orgId, q.renewalId, { status: 'sent' }, actor, tx);
        return url;
      });
      return { quote: await get(actor, id), link };
    },
  };
}
