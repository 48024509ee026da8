import { IconMoodSmile } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { surveyKeys } from './queryKeys.ts';
import { parseResponsesSearch, parseSurveysSearch } from './search.ts';

const AccountSurveyFact = lazy(() => import('./AccountSurveyFact.tsx').then((m) => ({ default: m.AccountSurveyFact })));
const AccountSurveysTab = lazy(() => import('./AccountSurveysTab.tsx').then((m) => ({ default: m.AccountSurveysTab })));

/** The feature's pages: URL, search-param parser, permission. Each page's code loads when it is first visited. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/surveys',
    validateSearch: parseSurveysSearch,
    beforeLoad: requirePermission('survey:read'),
    component: lazyRouteComponent(() => import('./SurveysPage.tsx'), 'SurveysPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/surveys/responses',
    validateSearch: parseResponsesSearch,
    beforeLoad: requirePermission('survey:read'),
    component: lazyRouteComponent(() => import('./ResponsesPage.tsx'), 'ResponsesPage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/surveys/$surveyId',
    beforeLoad: requirePermission('survey:read'),
    component: lazyRouteComponent(() => import('./SurveyPage.tsx'), 'SurveyPage'),
  }),
];

/** Surveys: NPS and CSAT surveys with their figures, every answer, one survey's trend, and the account page's Surveys tab. */
export const surveysFeature = defineFeature({
  name: 'surveys',
  routes,
  navigation: [{ group: 'success', order: 40, to: '/surveys', label: 'nav.surveys', icon: IconMoodSmile, permission: 'survey:read' }],
  accountTabs: [{ key: 'surveys', label: 'survey.tab', icon: IconMoodSmile, component: AccountSurveysTab, permission: 'survey:read' }],
  accountFacts: [{ key: 'survey', label: 'survey.factLatest', component: AccountSurveyFact, permission: 'survey:read' }],
  queryKeys: surveyKeys,
  // Loaded for the UI language only, with every other feature's (i18n/load.ts).
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { surveyKeys } from './queryKeys.ts';
