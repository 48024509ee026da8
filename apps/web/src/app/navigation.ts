import {
  IconAddressBook,
  IconApi,
  IconBuilding,
  IconBuildingStore,
  IconClipboardList,
  IconFileImport,
  IconForms,
  IconLayoutDashboard,
  IconMailForward,
  IconRun,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import type { Permission } from '../lib/types.ts';

export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  icon: ComponentType<{ size?: number | string; stroke?: number }>;
  /** shown only when the user has this permission */
  permission?: Permission;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** The left navigation, grouped by domain. A new capability adds its pages here and in router.tsx. */
export const NAVIGATION: NavGroup[] = [
  { label: 'nav.overview', items: [{ to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard }] },
  {
    label: 'nav.customers',
    items: [
      { to: '/accounts', label: 'nav.accounts', icon: IconBuildingStore, permission: 'account:read' },
      { to: '/contacts', label: 'nav.contacts', icon: IconAddressBook, permission: 'contact:read' },
      { to: '/imports', label: 'nav.imports', icon: IconFileImport, permission: 'import:run' },
    ],
  },
  {
    label: 'nav.administration',
    items: [
      { to: '/admin/users', label: 'nav.users', icon: IconUsers, permission: 'user:manage' },
      { to: '/admin/markets', label: 'nav.markets', icon: IconWorld, permission: 'market:manage' },
      { to: '/admin/custom-fields', label: 'nav.customFields', icon: IconForms, permission: 'custom_field:manage' },
      { to: '/admin/api-tokens', label: 'nav.apiTokens', icon: IconApi, permission: 'api_token:manage' },
      { to: '/admin/audit-log', label: 'nav.auditLog', icon: IconClipboardList, permission: 'audit:read' },
      { to: '/admin/outbox', label: 'nav.outbox', icon: IconMailForward, permission: 'outbox:read' },
      { to: '/admin/jobs', label: 'nav.jobs', icon: IconRun, permission: 'job:read' },
      { to: '/admin/organisation', label: 'nav.organisation', icon: IconBuilding, permission: 'organisation:manage' },
    ],
  },
];
