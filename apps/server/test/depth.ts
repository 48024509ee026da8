/**
 * How deep the slow tests go. `npm test` runs them on a fixed, seeded sample (the same properties, fewer
 * inputs or rounds); `npm run test:deep` sets TEST_DEPTH=deep and they run in full. TEST_SAMPLE_SEED picks
 * another sample, to look at other inputs without the whole run (the seed is printed in the test's name).
 */
import fc from 'fast-check';

export const isDeep = process.env.TEST_DEPTH === 'deep';
export const SAMPLE_SEED = Number(process.env.TEST_SAMPLE_SEED || 3650);

/** Deep: every item. Otherwise `size` of them, chosen by the seed, in their original order. */
export function sampleUnlessDeep<T>(items: readonly T[], size: number): T[] {
  if (isDeep || size >= items.length) return [...items];
  const [indices = []] = fc.sample(fc.uniqueArray(fc.nat({ max: items.length - 1 }), { minLength: size, maxLength: size }), {
    seed: SAMPLE_SEED,
    numRuns: 1,
  });
  return indices.sort((a, b) => a - b).map((i) => items[i] as T);
}

/** Words for a test's name: "all 502" when deep, "a sample of 80 of 502 (seed 3650)" otherwise. */
export function depthLabel(total: number, size: number): string {
  return isDeep || size >= total ? `all ${total}` : `a sample of ${size} of ${total} (seed ${SAMPLE_SEED})`;
}
