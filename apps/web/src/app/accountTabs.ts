import { FEATURES } from '../features/index.ts';
import type { AccountTabContribution } from './feature.ts';

export type { AccountTabContribution };

/**
 * The tabs features add to the account page, in the order of the features list. Read when the page
 * draws (not at import time): the accounts feature is itself in that list.
 */
export function accountTabContributions(): readonly AccountTabContribution[] {
  return FEATURES.flatMap((feature): readonly AccountTabContribution[] => ('accountTabs' in feature ? feature.accountTabs : []));
}
