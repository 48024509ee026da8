// The fitter studied in-process on the rows the product's evaluation sees (`services.health.evaluationRows`): the
// Telco Customer Churn table imported once through the product's importers (bench/lib/telco-import.ts), its rows
// dumped to a JSON file, then fitted and scored here (no database): the test split's and the training part's AUC,
// and a k-fold cross-validation on the training part only (what chooses the fitter's settings; never the test part).
//
//   BENCH_DATABASE_URL=postgres://… npm run bench:health-fit -- dump [rows.json]   # import and dump (minutes)
//   npm run bench:health-fit -- [rows.json]                                          # fit, score, cross-validate
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fitScorecard, rocAuc, scoreAccount } from '../apps/server/src/modules/health/index.ts';
import { TELCO_TEST_FIELD } from './lib/telco-churn.ts';

interface TDump {
  candidates: { key: string; kind: 'number' | 'choice' | 'yesno' }[];
  rows: { churned: boolean; test: boolean; train: boolean; values: Record<string, number | string | boolean> }[];
}

const [mode, fileArg] = process.argv[2] === 'dump' ? ['dump', process.argv[3]] : ['fit', process.argv[2]];
const FILE = fileArg ?? path.join(os.tmpdir(), 'c365-telco-rows.json');
const FOLDS = Number(process.env.FIT_FOLDS ?? 5);
// The fitter's settings to compare by cross-validation (unset: the fitter's defaults); FIT_CV_ONLY=1 skips the test part.
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const OPTIONS = {
  ...(process.env.FIT_GROUPS ? { groups: num(process.env.FIT_GROUPS) } : {}),
  ...(process.env.FIT_SMOOTHNESS ? { smoothness: num(process.env.FIT_SMOOTHNESS) } : {}),
  ...(process.env.FIT_PENALTIES ? { penalties: process.env.FIT_PENALTIES.split(',').map(Number) } : {}),
};
const CV_ONLY = process.env.FIT_CV_ONLY === '1';
const log = (s: string) => process.stderr.write(`${s}\n`);

async function dump() {
  const { importTelco } = await import('./lib/telco-import.ts');
  const { services, actor, close } = await importTelco({
    databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://c365:c365@127.0.0.1:5432/c365_bench',
    pglite: process.env.BENCH_HEALTH_TELCO_PGLITE === '1',
  });
  try {
    const out = await services.health.evaluationRows(actor, { outcome: 'churned', testField: TELCO_TEST_FIELD });
    fs.writeFileSync(FILE, JSON.stringify(out));
    log(`${out.rows.length} rows, ${out.candidates.length} candidates → ${FILE}`);
  } finally {
    await close();
  }
}

type TRow = TDump['rows'][number];
const fitRow = (r: TRow) => ({ churned: r.churned, value: (k: string) => r.values[k] });

/** Fits on `train`, returns the AUC on each of `parts` and the fitted measures. */
export function fitAndScore(d: TDump, train: TRow[], parts: TRow[][]) {
  const fit = fitScorecard(d.candidates, train.map(fitRow), OPTIONS);
  const aucs = parts.map((p) =>
    rocAuc(
      p.flatMap((r) => {
        const s = scoreAccount(fit.measures, (k) => r.values[k]).score;
        return s === null ? [] : [{ score: s, churned: r.churned }];
      }),
    ),
  );
  return { fit, aucs };
}

/** Folds of the training rows by position (row i → fold i mod k): deterministic, and each fold keeps the row order. */
export function crossValidate(d: TDump, rows: TRow[], k = FOLDS) {
  const aucs: number[] = [];
  for (let f = 0; f < k; f++) {
    const tr = rows.filter((_, i) => i % k !== f);
    const va = rows.filter((_, i) => i % k === f);
    aucs.push(fitAndScore(d, tr, [va]).aucs[0] ?? Number.NaN);
  }
  const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
  const sd = Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (aucs.length - 1));
  return { mean, sd, aucs };
}

async function main() {
  if (mode === 'dump') return dump();
  const d = JSON.parse(fs.readFileSync(FILE, 'utf8')) as TDump;
  const train = d.rows.filter((r) => r.train);
  const test = d.rows.filter((r) => r.test);
  const t0 = performance.now();
  const cv = crossValidate(d, train);
  const t1 = performance.now();
  const f4 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));
  const cvLine = `cross-validation on the training part (${FOLDS} folds, settings ${JSON.stringify(OPTIONS)}): ${f4(cv.mean)} ± ${f4(cv.sd)} [${cv.aucs.map(f4).join(', ')}] (${((t1 - t0) / 1000).toFixed(1)} s)`;
  if (CV_ONLY) return void process.stdout.write(`${cvLine}\n`);
  const { fit, aucs } = fitAndScore(d, train, [test, train]);
  log(`${train.length} training rows, ${test.length} test rows, ${d.candidates.length} candidates`);
  process.stdout.write(
    [
      cvLine,
      `the fitter's own choice on the whole training part: ${JSON.stringify(fit.crossValidation)}`,
      `fitted on the training part: test AUC ${f4(aucs[0])}, train AUC ${f4(aucs[1])}; ${fit.measures.length} inputs`,
      ...fit.measures.map((m) => `  ${String(m.weight).padStart(5)}  ${m.source}`),
      `dropped: ${fit.dropped.map((x) => `${x.key} (${x.why})`).join(', ') || '—'}`,
      '',
    ].join('\n'),
  );
}

await main();
process.exit(0);
