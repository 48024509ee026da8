import { FEATURES } from '../features/index.ts';
import type { AccountBadgeExtension, AccountFactExtension, AccountTabExtension, Feature, HeaderExtension } from './feature.ts';

/**
 * The tabs features add to the account page, in the order of the features list. A function, read while the
 * page renders: the features list imports the accounts feature, whose page asks for these.
 */
export function accountTabExtensions(): readonly AccountTabExtension[] {
  return FEATURES.flatMap((feature: Feature) => feature.accountTabs ?? []);
}

/** The badges features show beside the account's name, in the order of the features list. */
export function accountBadgeExtensions(): readonly AccountBadgeExtension[] {
  return FEATURES.flatMap((feature: Feature) => feature.accountBadges ?? []);
}

/** The figures features add to the account page's header facts, in the order of the features list. */
export function accountFactExtensions(): readonly AccountFactExtension[] {
  return FEATURES.flatMap((feature: Feature) => feature.accountFacts ?? []);
}

/** What features show in the header beside the user menu, in the order of the features list. */
export function headerExtensions(): readonly HeaderExtension[] {
  return FEATURES.flatMap((feature: Feature) => feature.headerItems ?? []);
}
