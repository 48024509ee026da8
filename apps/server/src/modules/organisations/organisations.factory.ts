import type { Session, TestApp } from '../../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import type { TMarket, TMarketInput } from './organisations.schemas.ts';

/** Where this test file's codes start: random, so files differ, then one step per call. */
let nextCode = Number.parseInt(newId().slice(-4), 16) % 676;

/**
 * Two letters no other market made by this test file has (a market's code is unique per organisation).
 * Consecutive, not random: two random codes for one organisation collide once in 676 runs.
 */
export function uniqueCountryCode(): string {
  const n = nextCode;
  nextCode = (nextCode + 1) % 676;
  return String.fromCharCode(65 + Math.floor(n / 26), 65 + (n % 26));
}

/** A valid market of the session's organisation, made through the API. */
export async function makeMarket(
  t: TestApp,
  session: Session | { headers: Record<string, string> },
  overrides: Partial<TMarketInput> = {},
) {
  const payload: TMarketInput = { code: uniqueCountryCode(), name: 'Test market', language: 'en', currency: 'EUR', ...overrides };
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/markets', headers: session.headers, payload });
  if (res.statusCode !== 201) throw new Error(`creating a market failed: ${res.body}`);
  return res.json() as TMarket;
}
