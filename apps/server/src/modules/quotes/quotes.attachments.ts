import type { Db } from '../../platform/db/database.ts';
import type { TMailAttachmentRef, TMailAttachmentRenderers } from '../../platform/mail/attachments.ts';
import { toDocument, toQuoteDto } from './quotes.dto.ts';
import { renderQuotePdf } from './quotes.pdf.ts';
import { findQuoteRow, findTemplate, linesOf } from './quotes.repository.ts';
import { QUOTE_WORDS } from './quotes.words.ts';

/** The kind of the quote's PDF among the outbox's attachments. */
export const QUOTE_PDF_ATTACHMENT = 'quote-pdf';

/** The quote's PDF as a sent e-mail names it: rendered by the worker when the mail goes out, not stored. */
export const quotePdfAttachment = (q: { id: string; reference: string; kind: 'renewal' | 'winback'; language: 'en' | 'nl' | 'da' }) =>
  ({
    kind: QUOTE_PDF_ATTACHMENT,
    ref: q.id,
    filename: `${q.kind === 'winback' ? QUOTE_WORDS[q.language].winback : QUOTE_WORDS[q.language].quote} ${q.reference}.pdf`,
  }) satisfies TMailAttachmentRef;

/** Renders a quote's PDF for the outbox, the same document the customer's link downloads; null when the quote is gone. */
export function quoteMailAttachments(db: Db): TMailAttachmentRenderers {
  return {
    async [QUOTE_PDF_ATTACHMENT](orgId, quoteId) {
      const row = await findQuoteRow(db, orgId, quoteId);
      if (!row) return null;
      const quote = toQuoteDto(row, await linesOf(db, orgId, quoteId));
      const template = await findTemplate(db, orgId, quote.templateId);
      if (!template) return null;
      return { content: await renderQuotePdf(toDocument(quote, template)), contentType: 'application/pdf' };
    },
  };
}
