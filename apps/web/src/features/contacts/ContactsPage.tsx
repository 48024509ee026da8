import { Anchor, Group, Select, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { defaultHiddenColumns } from '../../components/ColumnChooser.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDate } from '../../lib/format.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import { CONTACT_LANGUAGES, CONTACT_ROLES, type Contact } from '../../lib/types.ts';
import { contactName } from '../accounts/AccountContacts.tsx';
import { RoleBadges } from './RoleBadges.tsx';
import type { ContactsSearch } from './search.ts';

const route = getRouteApi('/app/contacts');
const DEFAULT_PAGE_SIZE = 50;
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
  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? DEFAULT_PAGE_SIZE;
  const filterQuery = { q: search.q, role: search.role, language: search.language, sort: search.sort, order: search.order };

  const update = (changes: Partial<ContactsSearch>, keepPage = false) =>
    navigate({ search: (prev) => ({ ...prev, ...changes, ...(keepPage ? {} : { page: undefined }) }) });

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text triggers a search
  useEffect(() => {
    if (debouncedQ.trim() !== (search.q ?? '')) update({ q: debouncedQ.trim() || undefined });
  }, [debouncedQ]);
  useEffect(() => setQ(search.q ?? ''), [search.q]);

  const list = useQuery({
    queryKey: ['contacts', 'list', filterQuery, page, pageSize],
    queryFn: async () => unwrap(await api.GET('/api/v1/contacts', { params: { query: { ...filterQuery, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<DataColumn<Contact>[]>(
    () => [
      {
        id: 'name',
        header: t('contact.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Text size="sm" fw={500}>
            {contactName(row.original)}
          </Text>
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
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      {
        id: 'jobTitle',
        header: t('contact.fields.jobTitle'),
        enableSorting: false,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.jobTitle ?? '—',
      },
      {
        id: 'email',
        header: t('contact.fields.email'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) =>
          row.original.email ? (
            <Anchor href={`mailto:${row.original.email}`} size="sm">
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
        cell: ({ row }) => <RoleBadges roles={row.original.roles} nowrap />,
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
      <DataTable
        testId="contacts-table"
        columns={columns}
        data={list.data?.items}
        total={list.data?.total}
        getRowId={(c) => c.id}
        isLoading={list.isLoading}
        isFetching={list.isFetching}
        page={page}
        pageSize={pageSize}
        onPageChange={(p) => update({ page: p }, true)}
        onPageSizeChange={(size) => update({ pageSize: size === DEFAULT_PAGE_SIZE ? undefined : size })}
        sort={search.sort ?? 'name'}
        order={search.order ?? 'asc'}
        onSortChange={(sort, order) => update({ sort: sort as ContactsSearch['sort'], order })}
        toolbar={
          <Group gap="xs" align="flex-end">
            <TextInput
              w={260}
              leftSection={<IconSearch size={16} />}
              placeholder={t('contact.searchPlaceholder')}
              aria-label={t('common.search')}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              data-testid="contacts-search"
            />
            <FilterMultiSelect
              width={220}
              label={t('contact.fields.roles')}
              data={CONTACT_ROLES.map((r) => ({ value: r, label: t(`contact.role.${r}`) }))}
              value={search.role}
              onChange={(role) => update({ role })}
              testId="filter-role"
            />
            <Select
              w={180}
              placeholder={t('contact.fields.language')}
              aria-label={t('contact.fields.language')}
              clearable
              data={CONTACT_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
              value={search.language ?? null}
              onChange={(v) => update({ language: (v ?? undefined) as ContactsSearch['language'] })}
              data-testid="filter-language"
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/contacts/export.csv', filterQuery) : undefined}
        columnSettings={{ storageKey: `contacts.${me.user.id}`, defaultHidden }}
        emptyMessage={t('contact.emptyList')}
      />
    </>
  );
}
