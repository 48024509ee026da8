import { IconSwords } from '@tabler/icons-react';
import { createRoute } from '@tanstack/react-router';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { optEnum } from '../../lib/search.ts';
import { AccountCompetitors } from './AccountCompetitors.tsx';
import { CompetitorPage } from './CompetitorPage.tsx';
import { CompetitorsPage } from './CompetitorsPage.tsx';
import da from './i18n/da.json';
import en from './i18n/en.json';
import nl from './i18n/nl.json';
import { competitorKeys } from './queryKeys.ts';

const parseCompetitorsSearch = (search: Record<string, unknown>): { tab?: 'prices' } => ({ tab: optEnum(search.tab, ['prices'] as const) });

/** The feature's pages: URL, search-param parser, permission. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/competitors',
    validateSearch: parseCompetitorsSearch,
    beforeLoad: requirePermission('competitor:read'),
    component: CompetitorsPage,
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/competitors/$competitorId',
    beforeLoad: requirePermission('competitor:read'),
    component: CompetitorPage,
  }),
];

/** Competitors: who else sells what we sell, their prices against ours, and which accounts use or evaluate them. */
export const competitorsFeature = defineFeature({
  name: 'competitors',
  routes,
  navigation: [{ group: 'catalogue', to: '/competitors', label: 'nav.competitors', icon: IconSwords, permission: 'competitor:read' }],
  queryKeys: competitorKeys,
  strings: { en, nl, da },
  accountTabs: [
    { key: 'competitors', label: 'competitor.tab', icon: IconSwords, component: AccountCompetitors, permission: 'competitor:read' },
  ],
});

export { competitorKeys } from './queryKeys.ts';
