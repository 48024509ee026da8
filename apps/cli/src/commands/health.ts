// `customer365 health evaluate`: does the health score predict churn? AUC, lift and a fitted scorecard, through the REST API.
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { usageError } from '../errors.ts';

export interface THealthEvaluateOptions extends ApiOptions {
  outcome: string;
  testField?: string;
  testShare?: string;
  seed?: string;
  scorecard?: string;
  fit?: boolean;
  save?: boolean;
  json?: boolean;
}

const fmt = (v: number | null | undefined) => (typeof v === 'number' ? v.toFixed(4) : '—');

export async function runHealthEvaluate(opts: THealthEvaluateOptions) {
  if (opts.testField && opts.testShare !== undefined) throw usageError('give --test-field or --test-share, not both');
  if (opts.save && !opts.fit) throw usageError('--save needs --fit');
  const share = opts.testShare === undefined ? undefined : Number(opts.testShare);
  if (share !== undefined && !(share > 0 && share < 1))
    throw usageError(`--test-share: "${opts.testShare}" is not a share between 0 and 1 (e.g. 0.2)`);
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw usageError(`--seed: "${opts.seed}" is not a whole number`);
  const api = connectApi(opts);
  const e = expectOk(
    'Evaluating the health score',
    await api.client.POST('/api/v1/health/evaluate', {
      body: {
        outcome: opts.outcome,
        ...(opts.testField ? { testField: opts.testField } : {}),
        ...(share !== undefined ? { testShare: share, seed: seed ?? 1 } : {}),
        ...(opts.scorecard ? { scorecardId: opts.scorecard } : {}),
        ...(opts.fit ? { fit: true } : {}),
        ...(opts.save ? { save: true } : {}),
      },
    }),
  );
  if (opts.json) {
    // The contract: test, train and inputs first, in this shape; the rest follows.
    const { test, train, inputs, ...rest } = e;
    const out = {
      test: { n: test.n, positives: test.positives, auc: test.auc, lift: test.lift, confusion: test.confusion },
      train: { n: train.n, positives: train.positives, auc: train.auc },
      inputs: inputs.map((i) => ({ name: i.name, weight: i.weight, label: i.label, thresholds: i.thresholds })),
      ...rest,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  const lines = [
    `Outcome "${e.outcome}"${e.fitted ? ', fitted scorecard' : ''}`,
    `test:  n=${e.test.n} churned=${e.test.positives} AUC=${fmt(e.test.auc)}${e.unfitted ? ` (before fitting ${fmt(e.unfitted.test.auc)})` : ''}`,
    `train: n=${e.train.n} churned=${e.train.positives} AUC=${fmt(e.train.auc)}`,
    ...(e.crossValidation
      ? [`cross-validation on the training part: ${e.crossValidation.folds} folds, held-out AUC=${fmt(e.crossValidation.auc)}`]
      : []),
    'inputs (weight):',
    ...[...e.inputs].sort((a, b) => b.weight - a.weight).map((i) => `  ${String(i.weight).padStart(6)}  ${i.label} (${i.name})`),
  ];
  if (e.saved) lines.push(`Saved as version ${e.saved.version} of "${e.saved.name}".`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
