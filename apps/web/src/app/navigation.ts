import { FEATURES } from '../features/index.ts';
import { NAV_GROUPS, type NavItem } from './feature.ts';

export type { NavItem };

export interface NavGroup {
  /** i18n key of the group's heading */
  label: string;
  items: NavItem[];
}

/** The left navigation: each feature's entries under their group, by `order`, then in the order of the features list. */
export const NAVIGATION: NavGroup[] = NAV_GROUPS.map((group) => ({
  label: `nav.${group}`,
  items: FEATURES.flatMap((feature): readonly NavItem[] => ('navigation' in feature ? feature.navigation : []))
    .filter((item) => item.group === group)
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100)),
}));
