import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { recordAudit } from '../audit/index.ts';
import type { RenewalOpportunityService } from '../renewal-opportunities/index.ts';
import type { SubscriptionService } from '../subscriptions/index.ts';
import { draftLinesOf, loadQuote, storeFigures } from './quotes.build.ts';
import { referenceOf, toDocument, toPublicQuote } from './quotes.dto.ts';
import { quotesMessages as m } from './quotes.messages.ts';
import { renderQuotePdf } from './quotes.pdf.ts';
import { findQuoteRow, findTemplate, lockQuote, updateQuoteRow } from './quotes.repository.ts';
import type { TQuote } from './quotes.schemas.ts';
import type { QuoteTemplateService } from './quotes.templates.ts';
import { readQuoteToken, verifyQuoteToken } from './quotes.token.ts';

export type QuotePublicService = ReturnType<typeof createQuotePublicService>;

/**
 * What the customer does through the link, without an account: read the quote, download its PDF, accept it by typing
 * their name, or decline it with a reason. A token that is malformed, tampered with, expired, replaced by a newer link,
 * or names another organisation's quote is not found, and the answer says nothing more.
 */
export function createQuotePublicService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  subscriptions: SubscriptionService;
  renewalOpportunities: RenewalOpportunityService;
  templates: QuoteTemplateService;
}) {
  const { db, clock } = deps;
  const today = () => clock.now().toISOString().slice(0, 10);

  /** The quote the token opens, or a 404. */
  async function open(tx: Db, token: string) {
    const t = readQuoteToken(token);
    if (!t) throw notFound('Quote');
    const row = await findQuoteRow(tx, t.orgId, t.quoteId);
    const secret = row?.quote.linkSecret;
    if (!row || !secret || !verifyQuoteToken(secret, t, clock.now())) throw notFound('Quote');
    return { orgId: t.orgId, quote: await loadQuote(tx, t.orgId, t.quoteId) };
  }

  async function documentOf(orgId: string, quote: TQuote) {
    const template = await findTemplate(db, orgId, quote.templateId);
    if (!template) throw notFound('Quote');
    return toDocument(quote, template);
  }

  const settle = (status: string) => {
    if (status !== 'sent') throw new AppError('CONFLICT', { entry: m.quote_wrong_status, values: { status } });
  };

  return {
    async view(token: string) {
      const { orgId, quote } = await open(db, token);
      return toPublicQuote(quote, await documentOf(orgId, quote), today());
    },

    async pdf(token: string) {
      const { orgId, quote } = await open(db, token);
      return { fileName: `${referenceOf(quote.number)}.pdf`, pdf: await renderQuotePdf(await documentOf(orgId, quote)) };
    },

    /**
     * Accept: the subscription renews with the quoted lines (a new term from the quote's start; a reactivation for a
     * win-back of an ended one), the renewal closes as renewed (upgraded or same) or downgraded, the quote keeps the name,
     * time and address; all in one transaction.
     */
    async accept(token: string, name: string, ip: string) {
      await db.transaction(async (tx) => {
        const { orgId, quote } = await open(tx, token);
        const locked = await lockQuote(tx, orgId, quote.id);
        if (!locked) throw notFound('Quote');
        settle(locked.status);
        if (quote.validUntil < today()) throw new AppError('CONFLICT', { entry: m.quote_wrong_status, values: { status: 'expired' } });
        const withIncentive = !!quote.incentiveUntil && today() <= quote.incentiveUntil && quote.incentivePercent > 0;
        const rules = await deps.templates.settingsOf(tx, orgId);
        const lines = draftLinesOf(quote);
        const { totals } = await storeFigures(tx, orgId, quote, lines, rules, withIncentive);
        const incentive = withIncentive ? quote.incentivePercent : 0;
        const before = quote.lines.length ? await deps.subscriptions.currentMrrCents(tx, orgId, quote.subscriptionId) : 0;
        const after = lines.reduce(
          (s, l) => s + (l.unitPriceCents * l.quantity * (1 - l.discountPercent / 100) * (1 - incentive / 100)) / quote.intervalMonths,
          0,
        );
        const outcome = after > before + 0.5 ? 'upgraded' : after < before - 0.5 ? 'downgraded' : 'renewed';
        await deps.subscriptions.renewFromQuote(tx, orgId, quote.subscriptionId, {
          effectiveDate: quote.termStart,
          termEnd: quote.termEnd,
          comment: `Quote ${quote.reference} accepted by ${name}`,
          lines: lines.map((l) => {
            const discount = 100 - (100 - l.discountPercent) * (1 - incentive / 100);
            return {
              planId: l.planId,
              description: l.description,
              quantity: l.quantity,
              unitPrice: l.unitPriceCents / 100,
              discount: discount > 0.001 ? { percent: Math.round(discount * 100) / 100, kind: 'lasting' as const } : null,
            };
          }),
        });
        const now = clock.now();
        await updateQuoteRow(tx, orgId, quote.id, {
          status: 'accepted',
          acceptedAt: now,
          acceptedName: name,
          acceptedIp: ip,
          outcome,
          updatedAt: now,
        });
        await recordAudit(tx, clock, null, {
          orgId,
          entityType: 'quote',
          entityId: quote.id,
          action: 'accepted',
          after: { name, ip, outcome, totalCents: totals.totalCents, withIncentive },
        } as Parameters<typeof recordAudit>[3]);
        await deps.renewalOpportunities.recordQuoteOutcome(
          orgId,
          quote.renewalId,
          {
            status: 'accepted',
            outcome: outcome === 'downgraded' ? 'downgraded' : 'renewed',
            reason: `Quote ${quote.reference} accepted (${outcome})`,
          },
          null,
          tx,
        );
        await deps.events.publish(tx, orgId, 'quote.decided', {
          quoteId: quote.id,
          renewalId: quote.renewalId,
          accountId: quote.accountId,
          kind: quote.kind,
          status: 'accepted',
          outcome,
          totalCents: totals.totalCents,
          currency: quote.currency,
        });
      });
      return this.view(token);
    },

    async decline(token: string, reason: string) {
      await db.transaction(async (tx) => {
        const { orgId, quote } = await open(tx, token);
        const locked = await lockQuote(tx, orgId, quote.id);
        if (!locked) throw notFound('Quote');
        settle(locked.status);
        const now = clock.now();
        await updateQuoteRow(tx, orgId, quote.id, { status: 'declined', declinedAt: now, declineReason: reason, updatedAt: now });
        await recordAudit(tx, clock, null, {
          orgId,
          entityType: 'quote',
          entityId: quote.id,
          action: 'declined',
          after: { reason },
        } as Parameters<typeof recordAudit>[3]);
        await deps.renewalOpportunities.recordQuoteOutcome(orgId, quote.renewalId, { status: 'declined' }, null, tx);
        await deps.events.publish(tx, orgId, 'quote.decided', {
          quoteId: quote.id,
          renewalId: quote.renewalId,
          accountId: quote.accountId,
          kind: quote.kind,
          status: 'declined',
          outcome: null,
          totalCents: quote.totalCents,
          currency: quote.currency,
        });
      });
      return this.view(token);
    },
  };
}
