import { renderPdf, type TPdfContent } from '../../platform/pdf.ts';
import type { PDF_LANGUAGES, TSuccessPlan } from './success-plans.schemas.ts';

type TLanguage = (typeof PDF_LANGUAGES)[number];

const LOCALES: Record<TLanguage, string> = { en: 'en-GB', nl: 'nl-NL', da: 'da-DK' };
/** The page's words; a status and a metric by their codes. */
const WORDS = {
  en: {
    title: 'Customer ROI',
    prepared: 'Prepared on {date}',
    valueDelivered: 'Value delivered',
    objectives: 'Objectives',
    achievedOf: '{n} of {total} objectives achieved',
    objective: 'Objective',
    baseline: 'Baseline',
    target: 'Target',
    current: 'Now',
    achieved: 'Achieved',
    due: 'Due',
    status: 'Status',
    what: 'What',
    date: 'Date',
    amount: 'Amount',
    total: 'Total',
    more: '… and {n} more',
    none: 'No objectives yet.',
    noValue: 'No value recorded yet.',
    statuses: { on_track: 'On track', at_risk: 'At risk', achieved: 'Achieved', missed: 'Missed', dropped: 'Dropped' },
  },
  nl: {
    title: 'Klant-ROI',
    prepared: 'Opgesteld op {date}',
    valueDelivered: 'Geleverde waarde',
    objectives: 'Doelen',
    achievedOf: '{n} van {total} doelen behaald',
    objective: 'Doel',
    baseline: 'Startwaarde',
    target: 'Doelwaarde',
    current: 'Nu',
    achieved: 'Behaald',
    due: 'Uiterlijk',
    status: 'Status',
    what: 'Wat',
    date: 'Datum',
    amount: 'Bedrag',
    total: 'Totaal',
    more: '… en nog {n}',
    none: 'Nog geen doelen.',
    noValue: 'Nog geen waarde vastgelegd.',
    statuses: { on_track: 'Op koers', at_risk: 'In gevaar', achieved: 'Behaald', missed: 'Gemist', dropped: 'Vervallen' },
  },
  da: {
    title: 'Kunde-ROI',
    prepared: 'Udarbejdet {date}',
    valueDelivered: 'Leveret værdi',
    objectives: 'Mål',
    achievedOf: '{n} af {total} mål nået',
    objective: 'Mål',
    baseline: 'Udgangspunkt',
    target: 'Mål',
    current: 'Nu',
    achieved: 'Opnået',
    due: 'Frist',
    status: 'Status',
    what: 'Hvad',
    date: 'Dato',
    amount: 'Beløb',
    total: 'I alt',
    more: '… og {n} mere',
    none: 'Ingen mål endnu.',
    noValue: 'Ingen værdi registreret endnu.',
    statuses: { on_track: 'På sporet', at_risk: 'I fare', achieved: 'Nået', missed: 'Ikke nået', dropped: 'Droppet' },
  },
} as const;

const MAX_OBJECTIVES = 10;
const MAX_VALUES = 8;
const fill = (s: string, v: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k] ?? ''));

/** The bar of an objective's % achieved, drawn (0–100 %, full beyond). */
function bar(percent: number): TPdfContent {
  const width = 60;
  const done = Math.max(0, Math.min(100, percent)) * (width / 100);
  const color = percent >= 100 ? '#2f9e44' : percent >= 50 ? '#1c7ed6' : '#f08c00';
  return {
    canvas: [
      { type: 'rect', x: 0, y: 2, w: width, h: 6, r: 2, color: '#e9ecef' },
      ...(done > 0 ? [{ type: 'rect' as const, x: 0, y: 2, w: done, h: 6, r: 2, color }] : []),
    ],
  };
}

/** The one-page "Customer ROI" document of an account's success plan, for sharing with the customer. */
export async function renderSuccessPlanPdf(plan: TSuccessPlan, language: TLanguage, today: string): Promise<Buffer> {
  const w = WORDS[language];
  const locale = LOCALES[language];
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const money = (amount: number, currency: string) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  const day = (d: string | null) =>
    d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)) : '–';
  const achieved = plan.objectives.filter((o) => o.status === 'achieved').length;
  const head = (labels: string[]) => labels.map((text) => ({ text, style: 'th' }));

  const objectiveRows = plan.objectives
    .slice(0, MAX_OBJECTIVES)
    .map((o) => [
      { text: o.title, bold: true },
      `${num.format(o.baseline)} ${o.unit}`,
      `${num.format(o.target)} ${o.unit}`,
      `${num.format(o.current)} ${o.unit}`,
      { stack: [{ text: `${o.percentAchieved} %` }, bar(o.percentAchieved)] },
      day(o.dueOn),
      w.statuses[o.status],
    ]);
  const valueRows = plan.valueItems
    .slice(0, MAX_VALUES)
    .map((v) => [day(v.deliveredOn), v.description, { text: money(v.amount, v.currency), alignment: 'right' as const }]);
  const totals = plan.valueTotals.map((t) => money(t.amount, t.currency)).join(' + ') || money(0, plan.currency);

  return renderPdf({
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 40],
    info: { title: `${w.title} – ${plan.accountName}` },
    defaultStyle: { font: 'Roboto', fontSize: 9, color: '#212529' },
    styles: {
      h1: { fontSize: 20, bold: true, color: '#1c7ed6' },
      h2: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      th: { bold: true, fillColor: '#f1f3f5' },
      muted: { color: '#868e96' },
    },
    content: [
      { text: w.title, style: 'h1' },
      { text: plan.accountName, fontSize: 14, bold: true, margin: [0, 2, 0, 0] },
      { text: fill(w.prepared, { date: day(today) }), style: 'muted', margin: [0, 2, 0, 10] },
      {
        columns: [
          {
            stack: [
              { text: w.valueDelivered, style: 'muted' },
              { text: totals, fontSize: 18, bold: true },
            ],
          },
          {
            stack: [
              { text: w.objectives, style: 'muted' },
              { text: fill(w.achievedOf, { n: achieved, total: plan.objectives.length }), fontSize: 12, bold: true, margin: [0, 4, 0, 0] },
            ],
          },
        ],
      },
      { text: w.objectives, style: 'h2' },
      plan.objectives.length
        ? {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto', 'auto', 66, 'auto', 'auto'],
              body: [head([w.objective, w.baseline, w.target, w.current, w.achieved, w.due, w.status]), ...objectiveRows],
            },
            layout: 'lightHorizontalLines',
          }
        : { text: w.none, style: 'muted' },
      ...(plan.objectives.length > MAX_OBJECTIVES
        ? [{ text: fill(w.more, { n: plan.objectives.length - MAX_OBJECTIVES }), style: 'muted' }]
        : []),
      { text: w.valueDelivered, style: 'h2' },
      plan.valueItems.length
        ? {
            table: {
              headerRows: 1,
              widths: ['auto', '*', 'auto'],
              body: [
                head([w.date, w.what, w.amount]),
                ...valueRows,
                [{ text: w.total, bold: true, colSpan: 2 }, '', { text: totals, bold: true, alignment: 'right' }],
              ],
            },
            layout: 'lightHorizontalLines',
          }
        : { text: w.noValue, style: 'muted' },
      ...(plan.valueItems.length > MAX_VALUES ? [{ text: fill(w.more, { n: plan.valueItems.length - MAX_VALUES }), style: 'muted' }] : []),
    ],
  });
}
