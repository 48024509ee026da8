import type { AnyRoute } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import type { Language, Me, Permission } from '../lib/types.ts';
import { ForbiddenError } from './auth.tsx';
import type { AppRoute, RootRoute } from './router.tsx';

/** The groups of the left navigation, in order; their labels are shared strings (`nav.<group>`). */
export const NAV_GROUPS = ['overview', 'customers', 'renewals', 'success', 'catalogue', 'administration'] as const;
export type NavGroupId = (typeof NAV_GROUPS)[number];

export interface NavItem {
  group: NavGroupId;
  to: string;
  /** i18n key of the label */
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** shown only when the user has this permission */
  permission?: Permission;
  /** place within its group, lowest first (default 100); equal ones keep the order of the features list */
  order?: number;
}

/**
 * A tab another feature adds to the account page (features/accounts renders every feature's `accountTabs`
 * after contacts and timeline and before details and history, in the order of the features list; the ones that do not fit the row's width are under "More"). `key` is the tab's value in the page's `?tab=` search
 * param; `label` an i18n key; the component gets the account's id.
 */
export interface AccountTabExtension {
  key: string;
  label: string;
  icon?: ComponentType<{ size?: number | string; stroke?: number }>;
  component: ComponentType<{ accountId: string }>;
  /** shown only when the user has this permission */
  permission?: Permission;
}

/**
 * A badge another feature shows beside the account's name on the account page (e.g. "Upsell candidate"): a
 * small component that renders nothing when it has nothing to say, and explains itself on click.
 */
export interface AccountBadgeExtension {
  key: string;
  component: ComponentType<{ accountId: string }>;
  /** shown only when the user has this permission */
  permission?: Permission;
}

/**
 * A figure a feature adds to the account page's header facts (owner, market, …): `label` an i18n key, the
 * component renders the value (a dash when there is none) and fetches what it needs itself.
 */
export interface AccountFactExtension {
  key: string;
  label: string;
  component: ComponentType<{ accountId: string }>;
  /** shown only when the user has this permission */
  permission?: Permission;
}

/** Something a feature shows in the header beside the user menu (the notifications bell). */
export interface HeaderExtension {
  key: string;
  component: ComponentType;
  /** shown only when the user has this permission */
  permission?: Permission;
}

/**
 * A feature's strings per UI language, merged into the shared ones at their root (see i18n/bundles.ts): a loader
 * per language (`() => import('./i18n/nl.json').then((m) => m.default)`), so a visit loads its own language only,
 * every feature's strings of it in one file (i18n/load.ts; the build puts each language in a chunk of its own).
 */
export type FeatureStrings = Record<Language, () => Promise<Record<string, unknown>>>;

/**
 * Everything the app needs to know about one feature folder (features/<name>/index.ts): its pages
 * (with URL, search-param parser and permission), its navigation entries, its query keys and its
 * strings. features/index.ts lists the features; the router, the navigation and i18n loop over it.
 */
export interface Feature {
  name: string;
  /** Pages inside the signed-in layout; their parent is the layout route. */
  routes?: (app: AppRoute) => readonly AnyRoute[];
  /** Pages reachable without a session (sign-in, password reset). */
  publicRoutes?: (root: RootRoute) => readonly AnyRoute[];
  navigation?: readonly NavItem[];
  /** The TanStack Query keys of the feature's data, for reading and invalidating. */
  queryKeys?: Record<string, unknown>;
  strings?: FeatureStrings;
  /** Tabs this feature adds to the account page (e.g. the account's competitors, its subscriptions). */
  accountTabs?: readonly AccountTabExtension[];
  /** Badges this feature shows beside the account's name on the account page. */
  accountBadges?: readonly AccountBadgeExtension[];
  /** Figures this feature adds to the account page's header facts (ARR, health, renewal). */
  accountFacts?: readonly AccountFactExtension[];
  /** What this feature shows in the header, beside the user menu. */
  headerItems?: readonly HeaderExtension[];
}

/** Keeps the feature's exact route types, so links and search params stay typed through the router. */
export function defineFeature<const F extends Feature>(feature: F): F {
  return feature;
}

/** beforeLoad for a page that needs a permission; the nav already hides it, this covers typed URLs. */
export function requirePermission(permission: Permission) {
  return ({ context }: { context: { me: Me } }) => {
    if (!context.me.permissions.includes(permission)) throw new ForbiddenError(permission);
  };
}
