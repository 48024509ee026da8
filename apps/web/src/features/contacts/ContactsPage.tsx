import { Anchor, Badge, Group, Select, Text } from '@mantine/core';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { defaultHiddenColumns } from '../../components/ColumnChooser.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDate } from '../../lib/format.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import type { Contact } from '../../lib/types.ts';
import { ImportFilterNotice } from '../imports/index.ts';
import { contactName } from './contactName.ts';
import { contactKeys } from './queryKeys.ts';
import { RoleBadges } from './RoleBadges.tsx';
import type { ContactsSearch } from './search.ts';
import { CONTACT_LANGUAGES, CONTACT_ROLES } from './types.ts';

const route = getRouteApi('/app/contacts');
const OPTIONAL_COLUMNS = ['externalId', 'updatedAt'];

/** Contacts across all accounts the user may see, with search, role and language filters, columns to choose and CSV export. */
export function ContactsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/contacts' });
  const canExport = useCan('export:run');
  const me = useMe();
  const customFields = useCustomFields('contact');
  const fields = customFields.data;
  const defaultHidden = useMemo(() => defaultHiddenColumns(OPTIONAL_COLUMNS, fields), [fields]);
  const controls = urlListControls(
    search,
    (changes: Partial<ContactsSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'name', order: 'asc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: contactKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      role: filters.role,
      language: filters.language,
      importId: filters.importId,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/contacts', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Contact>[]>(
    () => [
      {
        id: 'name',
        header: t('contact.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Group gap={6} wrap="nowrap">
            <Anchor
              renderRoot={(props) => <Link {...props} to="/contacts/$contactId" params={{ contactId: row.original.id }} />}
              fw={500}
              size="sm"
              onClick={(e) => e.stopPropagation()}
            >
              {contactName(row.original)}
            </Anchor>
            {row.original.leftOn ? (
              <Badge size="xs" color="gray" variant="light" title={formatDate(row.original.leftOn)}>
                {t('contact.left')}
              </Badge>
            ) : null}
          </Group>
        ),
      },
      {
        id: 'account',
        header: t('contact.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
            size="sm"
            onClick={(e) => e.stopPropagation()}
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'jobTitle',
        header: t('contact.fields.jobTitle'),
        enableSorting: false,
        cell: ({ row }) => row.original.jobTitle ?? '—',
      },
      {
        id: 'email',
        header: t('contact.fields.email'),
        enableSorting: true,
        meta: { noWrap: true },
        // Long addresses end in "…" (the whole address on hover), so the roles still fit a 1440-pixel screen.
        cell: ({ row }) =>
          row.original.email ? (
            <Anchor href={`mailto:${row.original.email}`} size="sm" title={row.original.email} display="block" maw={230} truncate="end">
              {row.original.email}
            </Anchor>
          ) : (
            '—'
          ),
      },
      {
        id: 'phone',
        header: t('contact.fields.phone'),
        enableSorting: false,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.phone ?? '—',
      },
      {
        id: 'roles',
        header: t('contact.fields.roles'),
        enableSorting: false,
        meta: { width: 150 },
        cell: ({ row }) => <RoleBadges roles={row.original.roles} />,
      },
      {
        id: 'language',
        header: t('contact.fields.language'),
        enableSorting: false,
        meta: { noWrap: true },
        cell: ({ row }) => (row.original.language ? t(`languages.${row.original.language}`) : '—'),
      },
      {
        id: 'externalId',
        header: t('contact.fields.externalId'),
        meta: { noWrap: true },
        cell: ({ row }) => row.original.externalId ?? '—',
      },
      ...(fields ?? []).map<DataColumn<Contact>>((field) => ({
        id: `custom:${field.key}`,
        header: field.label,
        meta: { align: field.type === 'number' ? 'right' : undefined, noWrap: field.type !== 'text' },
        cell: ({ row }) => formatCustomValue(field.type, row.original.custom[field.key]),
      })),
      {
        id: 'createdAt',
        header: t('contact.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
      {
        id: 'updatedAt',
        header: t('contact.fields.updatedAt'),
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.updatedAt)}
          </Text>
        ),
      },
    ],
    [t, fields],
  );

  return (
    <>
      <PageHeader title={t('nav.contacts')} />
      {list.filters.importId ? (
        <ImportFilterNotice importId={list.filters.importId} onClear={() => list.setFilters({ importId: undefined })} />
      ) : null}
      <DataTable
        testId="contacts-table"
        columns={columns}
        list={list}
        getRowId={(c) => c.id}
        onRowClick={(c) => navigate({ to: '/contacts/$contactId', params: { contactId: c.id } })}
        search={{ placeholder: t('contact.searchPlaceholder'), testId: 'contacts-search' }}
        filters={
          <>
            <FilterMultiSelect
              width={220}
              label={t('contact.fields.roles')}
              data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contact.role.${r}`) }))}
              value={list.filters.role}
              onChange={(role) => list.setFilters({ role })}
              testId="filter-role"
            />
            <Select
              w={180}
              placeholder={t('contact.fields.language')}
              aria-label={t('contact.fields.language')}
              clearable
              data={CONTACT_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={list.filters.language ?? null}
              onChange={(v) => list.setFilters({ language: (v ?? undefined) as ContactsSearch['language'] })}
              data-testid="filter-language"
            />
          </>
        }
        exportUrl={canExport ? buildUrl('/api/v1/contacts/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `contacts.${me.user.id}`, defaultHidden }}
        emptyMessage={t('contact.emptyList')}
      />
    </>
  );
}
