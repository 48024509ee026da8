import { formatDay } from './quotes.money.ts';
import type { TQuoteDocument } from './quotes.pdf.ts';
import type { TQuoteLineRow, TQuoteListRow, TTemplateRow } from './quotes.repository.ts';
import type { TPublicQuote, TQuote, TQuoteSummary } from './quotes.schemas.ts';
import { fillText, langOf } from './quotes.words.ts';

export const referenceOf = (n: number) => `Q-${String(n).padStart(4, '0')}`;
const nameOf = (first: string | null, last: string | null) => (first === null ? null : `${first} ${last ?? ''}`.trim());

export function toQuoteSummary(r: TQuoteListRow): TQuoteSummary {
  const q = r.quote;
  const reasons = q.approvalReasons as TQuoteSummary['approvalReasons'];
  return {
    id: q.id,
    number: q.number,
    reference: referenceOf(q.number),
    kind: q.kind as TQuote['kind'],
    renewalId: q.renewalId,
    accountId: q.accountId,
    accountName: r.accountName,
    subscriptionId: q.subscriptionId,
    subscriptionReference: r.subscriptionReference,
    contactId: q.contactId,
    contactName: nameOf(r.contactFirstName, r.contactLastName),
    contactEmail: r.contactEmail,
    templateId: q.templateId,
    templateName: r.templateName,
    language: langOf(q.language),
    currency: q.currency,
    intervalMonths: q.intervalMonths,
    termStart: q.termStart,
    termEnd: q.termEnd,
    validUntil: q.validUntil,
    upliftPercent: Number(q.upliftPercent),
    incentivePercent: Number(q.incentivePercent),
    incentiveUntil: q.incentiveUntil,
    notes: q.notes,
    status: q.status as TQuote['status'],
    approvalReasons: reasons,
    needsApproval: reasons.length > 0 && ['draft', 'pending_approval', 'rejected'].includes(q.status),
    listTotalCents: Number(q.listTotalCents),
    subtotalCents: Number(q.subtotalCents),
    incentiveCents: Number(q.subtotalCents) - Number(q.totalCents),
    totalCents: Number(q.totalCents),
    discountPercent: Number(q.listTotalCents) > 0 ? Math.round((1 - Number(q.totalCents) / Number(q.listTotalCents)) * 10_000) / 100 : 0,
    decidedByName: r.decidedByName,
    decisionComment: q.decisionComment,
    decidedAt: q.decidedAt?.toISOString() ?? null,
    sentAt: q.sentAt?.toISOString() ?? null,
    sentTo: q.sentTo,
    acceptedAt: q.acceptedAt?.toISOString() ?? null,
    acceptedName: q.acceptedName,
    acceptedIp: q.acceptedIp,
    declinedAt: q.declinedAt?.toISOString() ?? null,
    declineReason: q.declineReason,
    outcome: q.outcome as TQuote['outcome'],
    createdByName: r.createdByName,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

export const toLineDto = (l: TQuoteLineRow) => ({
  position: l.position,
  kind: l.kind as TQuote['lines'][number]['kind'],
  planId: l.planId,
  description: l.description,
  quantity: l.quantity,
  unitPriceCents: Number(l.unitPriceCents),
  listPriceCents: l.listPriceCents === null ? null : Number(l.listPriceCents),
  discountPercent: Number(l.discountPercent),
  totalCents: Number(l.totalCents),
});

export const toQuoteDto = (r: TQuoteListRow, lines: TQuoteLineRow[]): TQuote => ({ ...toQuoteSummary(r), lines: lines.map(toLineDto) });

/** The quote as its template renders it: the customer's page and the PDF read the same. */
export function toDocument(quote: TQuote, template: TTemplateRow): TQuoteDocument {
  const lang = quote.language;
  const texts = {
    account: quote.accountName,
    contact: quote.contactName ?? quote.accountName,
    renewalDate: formatDay(quote.termStart, lang),
    validUntil: formatDay(quote.validUntil, lang),
  };
  return {
    reference: quote.reference,
    kind: quote.kind,
    language: lang,
    companyName: template.companyName,
    accentColor: template.accentColor,
    logoDataUrl: template.logoDataUrl,
    introText: fillText(template.introText, texts),
    termsText: fillText(template.termsText, texts),
    footerText: fillText(template.footerText, texts),
    accountName: quote.accountName,
    contactName: quote.contactName,
    currency: quote.currency,
    intervalMonths: quote.intervalMonths,
    termStart: quote.termStart,
    termEnd: quote.termEnd,
    validUntil: quote.validUntil,
    incentivePercent: quote.incentivePercent,
    incentiveUntil: quote.incentiveUntil,
    lines: quote.lines,
    subtotalCents: quote.subtotalCents,
    incentiveCents: quote.incentiveCents,
    totalCents: quote.totalCents,
    acceptedAt: quote.acceptedAt,
    acceptedName: quote.acceptedName,
  };
}

export function toPublicQuote(quote: TQuote, doc: TQuoteDocument, today: string): TPublicQuote {
  const status =
    quote.status === 'accepted' ? 'accepted' : quote.status === 'declined' ? 'declined' : quote.validUntil < today ? 'expired' : 'open';
  const { kind: _k, intervalMonths: _i, ...rest } = doc;
  return {
    ...rest,
    status,
    lines: quote.lines.map(({ planId: _p, listPriceCents: _l, position: _pos, ...l }) => l),
    declinedAt: quote.declinedAt,
  };
}
