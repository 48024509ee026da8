// The quotes feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Quote = ResponseOf<'/api/v1/quotes/{id}', 'get'>;
export type QuoteSummary = ResponseOf<'/api/v1/quotes', 'get'>['items'][number];
export type QuoteLine = Quote['lines'][number];
export type QuoteStatus = Quote['status'];
export type QuoteKind = Quote['kind'];
export type QuoteSort = NonNullable<QueryOf<'/api/v1/quotes', 'get'>['sort']>;
export type QuoteUpdate = BodyOf<'/api/v1/quotes/{id}', 'patch'>;
export type QuoteLineInput = NonNullable<QuoteUpdate['lines']>[number];
export type QuoteTemplate = ResponseOf<'/api/v1/quote-templates', 'get'>['items'][number];
export type QuoteTemplateInput = BodyOf<'/api/v1/quote-templates', 'post'>;
export type QuoteSettings = ResponseOf<'/api/v1/quote-settings', 'get'>;
export type PublicQuote = ResponseOf<'/api/v1/public/quotes/{token}', 'get'>;
