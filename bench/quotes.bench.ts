/**
 * Rendering quote PDFs: 1,000 quotes (12 lines each, Dutch, a logo-less template) one after the other through the same
 * renderer the public link uses. Prints the time per PDF and the heap and RSS every 100, to show memory stays flat.
 * `npm run bench:quotes` (results in docs/benchmarks.md).
 */
import { renderQuotePdf, type TQuoteDocument } from '../apps/server/src/modules/quotes/index.ts';

const N = Number(process.env.QUOTES ?? 1000);
const doc = (i: number): TQuoteDocument => ({
  reference: `Q-${String(i).padStart(4, '0')}`,
  kind: 'renewal',
  language: (['en', 'nl', 'da'] as const)[i % 3] ?? 'en',
  companyName: 'Customer365 Demo',
  accentColor: '#1c7ed6',
  logoDataUrl: null,
  introText: `Beste klant ${i},\n\nHieronder ons voorstel voor de verlenging.`,
  termsText: 'Prijzen gelden per factuurperiode en zijn exclusief btw. '.repeat(8),
  footerText: 'Vragen? Beantwoord de e-mail waarmee deze offerte kwam.',
  accountName: `Bakkerij Jansen ${i} B.V.`,
  contactName: 'Anneke de Vries',
  currency: 'EUR',
  intervalMonths: 12,
  termStart: '2027-04-01',
  termEnd: '2028-03-31',
  validUntil: '2027-03-01',
  incentivePercent: 5,
  incentiveUntil: '2027-02-15',
  lines: Array.from({ length: 12 }, (_, k) => ({
    kind: k === 0 ? ('renewal' as const) : k % 3 === 0 ? ('cross_sell' as const) : ('upsell' as const),
    description: `Line ${k + 1} of quote ${i}`,
    quantity: 1 + k,
    unitPriceCents: 10_000 + k * 1_234,
    discountPercent: k % 4 === 0 ? 5 : 0,
    totalCents: (1 + k) * (10_000 + k * 1_234),
  })),
  subtotalCents: 1_000_000 + i,
  incentiveCents: 50_000,
  totalCents: 950_000 + i,
  acceptedAt: null,
  acceptedName: null,
});

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
await renderQuotePdf(doc(0)); // warm up: fonts read and parsed once
const start = performance.now();
let bytes = 0;
const samples: number[] = [];
for (let i = 1; i <= N; i++) {
  bytes += (await renderQuotePdf(doc(i))).length;
  if (i % 100 === 0) {
    globalThis.gc?.();
    const m = process.memoryUsage();
    samples.push(m.heapUsed);
    console.log(`${i} PDFs: ${((performance.now() - start) / i).toFixed(1)} ms each, heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`);
  }
}
const ms = performance.now() - start;
console.log(
  `${N} quote PDFs in ${(ms / 1000).toFixed(1)} s (${(ms / N).toFixed(1)} ms each, ${(bytes / N / 1024).toFixed(0)} KB each); heap after 100: ${mb(samples[0] ?? 0)}, after ${N}: ${mb(samples.at(-1) ?? 0)}`,
);
