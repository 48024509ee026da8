import { IconMailFast } from '@tabler/icons-react';
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { lazy } from 'react';
import { defineFeature, requirePermission } from '../../app/feature.ts';
import type { AppRoute } from '../../app/router.tsx';
import { nurtureKeys } from './queryKeys.ts';

/** The feature's pages: the programmes, one programme's editor ('new' for a new one), and its page with figures and contacts. */
const routes = (app: AppRoute) => [
  createRoute({
    getParentRoute: () => app,
    path: '/nurture',
    beforeLoad: requirePermission('nurture:read'),
    component: lazyRouteComponent(() => import('./NurturePage.tsx'), 'NurturePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/nurture/$programmeId',
    beforeLoad: requirePermission('nurture:read'),
    component: lazyRouteComponent(() => import('./NurtureProgrammePage.tsx'), 'NurtureProgrammePage'),
  }),
  createRoute({
    getParentRoute: () => app,
    path: '/nurture/$programmeId/edit',
    beforeLoad: requirePermission('nurture:write'),
    component: lazyRouteComponent(() => import('./NurtureEditorPage.tsx'), 'NurtureEditorPage'),
  }),
];

/** Nurture programmes: e-mail sequences to the contacts of a segment, each contact's progress, unsubscribes. */
export const nurtureFeature = defineFeature({
  name: 'nurture',
  routes,
  navigation: [{ group: 'success', order: 70, to: '/nurture', label: 'nav.nurture', icon: IconMailFast, permission: 'nurture:read' }],
  queryKeys: nurtureKeys,
  strings: {
    en: () => import('./i18n/en.json').then((m) => m.default),
    nl: () => import('./i18n/nl.json').then((m) => m.default),
    da: () => import('./i18n/da.json').then((m) => m.default),
  },
});

export { nurtureKeys } from './queryKeys.ts';
// What other features may use: a contact's nurture standing (the contact page).
export const ContactNurture = lazy(() => import('./ContactNurture.tsx').then((m) => ({ default: m.ContactNurture })));
