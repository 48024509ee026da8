import { renderPdf, type TPdfContent } from '../../platform/pdf.ts';

// biome-ignore lint/suspicious/noExplicitAny: pdfmake's document tree is loosely typed
type Content = any;
type TDocumentDefinitions = { content: TPdfContent[]; [key: string]: unknown };

import { formatDay, formatMoney } from './quotes.money.ts';
import { QUOTE_WORDS } from './quotes.words.ts';

/** Everything a quote's PDF shows (the public view, plus what only the document names). */
export interface TQuoteDocument {
  reference: string;
  kind: 'renewal' | 'winback';
  language: 'en' | 'nl' | 'da';
  companyName: string;
  accentColor: string;
  logoDataUrl: string | null;
  introText: string;
  termsText: string;
  footerText: string;
  accountName: string;
  contactName: string | null;
  currency: string;
  intervalMonths: number;
  termStart: string;
  termEnd: string;
  validUntil: string;
  incentivePercent: number;
  incentiveUntil: string | null;
  lines: {
    kind: 'renewal' | 'upsell' | 'cross_sell' | 'custom';
    description: string;
    quantity: number;
    unitPriceCents: number;
    discountPercent: number;
    totalCents: number;
  }[];
  subtotalCents: number;
  incentiveCents: number;
  totalCents: number;
  acceptedAt: string | null;
  acceptedName: string | null;
}

export function quoteDocument(q: TQuoteDocument): TDocumentDefinitions {
  const w = QUOTE_WORDS[q.language];
  const money = (c: number) => formatMoney(c, q.currency, q.language);
  const day = (d: string) => formatDay(d, q.language);
  const pct = (n: number) => new Intl.NumberFormat(q.language === 'en' ? 'en-GB' : q.language === 'nl' ? 'nl-NL' : 'da-DK').format(n);
  const header: Content[] = [
    {
      columns: [
        q.logoDataUrl ? { image: q.logoDataUrl, fit: [140, 50], width: 150 } : { text: q.companyName, style: 'company', width: '*' },
        {
          width: 'auto',
          stack: [
            { text: `${q.kind === 'winback' ? w.winback : w.quote} ${q.reference}`, style: 'title', alignment: 'right' },
            { text: `${w.validUntil}: ${day(q.validUntil)}`, alignment: 'right' },
          ],
        },
      ],
    },
    { canvas: [{ type: 'line', x1: 0, y1: 6, x2: 515, y2: 6, lineWidth: 2, lineColor: q.accentColor }], margin: [0, 0, 0, 12] },
    { text: [{ text: `${w.for}: `, bold: true }, q.accountName] },
    ...(q.contactName ? [{ text: [{ text: `${w.attention}: `, bold: true }, q.contactName] }] : []),
    { text: [{ text: `${w.term}: `, bold: true }, `${day(q.termStart)} – ${day(q.termEnd)}`], margin: [0, 0, 0, 12] },
    { text: q.introText, margin: [0, 0, 0, 12] },
  ];
  const body = [
    [w.description, w.quantity, `${w.unitPrice} (${w.perInterval(q.intervalMonths)})`, w.discount, w.total].map((t) => ({
      text: t,
      style: 'th',
      fillColor: q.accentColor,
    })),
    ...q.lines.map((l) => [
      { text: [l.description, w.kinds[l.kind] ? { text: `\n${w.kinds[l.kind]}`, style: 'small' } : ''] },
      { text: String(l.quantity), alignment: 'right' },
      { text: money(l.unitPriceCents), alignment: 'right' },
      { text: l.discountPercent ? `${pct(l.discountPercent)}%` : '', alignment: 'right' },
      { text: money(l.totalCents), alignment: 'right' },
    ]),
  ];
  const totals: Content[] = [
    {
      columns: [
        { text: w.subtotal, width: '*', alignment: 'right' },
        { text: money(q.subtotalCents), width: 110, alignment: 'right' },
      ],
    },
    ...(q.incentiveCents > 0 && q.incentiveUntil
      ? [
          {
            columns: [
              { text: w.incentive(pct(q.incentivePercent), day(q.incentiveUntil)), width: '*', alignment: 'right' as const },
              { text: `− ${money(q.incentiveCents)}`, width: 110, alignment: 'right' as const },
            ],
          },
        ]
      : []),
    {
      columns: [
        { text: w.grandTotal, width: '*', alignment: 'right', bold: true },
        { text: money(q.totalCents), width: 110, alignment: 'right', bold: true },
      ],
      margin: [0, 4, 0, 0],
    },
    { text: w.taxNote, style: 'small', alignment: 'right', margin: [0, 2, 0, 16] },
  ];
  return {
    info: { title: `${w.quote} ${q.reference}`, author: q.companyName, creationDate: new Date(0) },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 60],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      company: { fontSize: 18, bold: true, color: q.accentColor },
      title: { fontSize: 16, bold: true },
      th: { bold: true, color: '#ffffff' },
      small: { fontSize: 8, color: '#666666' },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      columns: [
        { text: q.footerText, style: 'small' },
        { text: `${page} / ${pages}`, style: 'small', alignment: 'right' },
      ],
      margin: [40, 20, 40, 0],
    }),
    content: [
      ...header,
      { table: { headerRows: 1, widths: ['*', 35, 95, 50, 85], body }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] },
      ...totals,
      { text: w.terms, style: 'h2' },
      { text: q.termsText },
      ...(q.acceptedAt && q.acceptedName
        ? [{ text: w.acceptedBy(q.acceptedName, day(q.acceptedAt.slice(0, 10))), bold: true, margin: [0, 16, 0, 0] } as Content]
        : []),
    ],
  };
}

/** The quote as a PDF (A4). */
export async function renderQuotePdf(q: TQuoteDocument): Promise<Buffer> {
  return renderPdf(quoteDocument(q));
}
