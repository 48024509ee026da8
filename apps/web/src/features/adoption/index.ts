import { IconChartDots3, IconStars } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { adoptionKeys } from './queryKeys.ts';

// The account page's Adoption tab, loaded when an account page opens it.
const AccountAdoptionTab = lazy(() => import('./AccountAdoptionTab.tsx').then((m) => ({ default: m.AccountAdoptionTab })));

/** The feature's pages: URL and permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/adoption',
    beforeLoad: requirePermission('usage:read'),
    component: lazyRouteComponent(() => import('./FeatureAdoptionPage.tsx'), 'FeatureAdoptionPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/usage/key-features',
    beforeLoad: requirePermission('usage:manage'),
    component: lazyRouteComponent(() => import('./KeyFeaturesPage.tsx'), 'KeyFeaturesPage'),
  }),
];

/** Adoption: the account page's Adoption tab, feature adoption across accounts, key features and thresholds (admins). */
export const adoptionFeature = defineFeature({
  name: 'adoption',
  routes,
  navigation: [
    { group: 'success', order: 40, to: '/adoption', label: 'nav.adoption', icon: IconChartDots3, permission: 'usage:read' },
    {
      group: 'administration',
      to: '/usage/key-features',
      label: 'nav.adoptionKeyFeatures',
      icon: IconStars,
      permission: 'usage:manage',
    },
  ],
  accountTabs: [{ key: 'adoption', label: 'adoption.tab', icon: IconChartDots3, component: AccountAdoptionTab, permission: 'usage:read' }],
  queryKeys: adoptionKeys,
  // Loaded for the UI language only, with every other feature's (one file per language: i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { adoptionKeys } from './queryKeys.ts';
