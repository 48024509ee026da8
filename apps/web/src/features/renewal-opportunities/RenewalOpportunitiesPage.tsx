import { Anchor, Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { renewalOpportunityKeys } from './queryKeys.ts';
import { RenewalOpportunityFormModal } from './RenewalOpportunityFormModal.tsx';
import type { RenewalOpportunitiesSearch } from './search.ts';
import type { RenewalOpportunity } from './types.ts';

const route = getRouteApi('/app/renewal-opportunities');

/** The organisation's renewal opportunities: search, one account, sort by header, paging, columns to choose, CSV export, and adding one. */
export function RenewalOpportunitiesPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/renewal-opportunities' });
  const canWrite = useCan('renewal_opportunity:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const [createOpened, createModal] = useDisclosure();
  const controls = urlListControls(
    search,
    (changes: Partial<RenewalOpportunitiesSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'createdAt', order: 'desc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: renewalOpportunityKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, accountId: filters.accountId, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/renewal-opportunities', { params: { query } })),
  });

  const columns = useMemo<DataColumn<RenewalOpportunity>[]>(
    () => [
      {
        id: 'title',
        header: t('renewalOpportunity.fields.title'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => row.original.title,
      },
      {
        id: 'account',
        header: t('renewalOpportunity.fields.account'),
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
      { id: 'notes', header: t('renewalOpportunity.fields.notes'), cell: ({ row }) => row.original.notes ?? t('common.empty') },
      {
        id: 'createdAt',
        header: t('renewalOpportunity.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {formatDate(row.original.createdAt)}
          </Text>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={t('nav.renewalOpportunities')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-renewal-opportunities">
              {t('renewalOpportunity.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="renewal-opportunities-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('renewalOpportunity.searchPlaceholder') }}
        filters={
          <AccountSelect
            w={260}
            placeholder={t('renewalOpportunity.fields.account')}
            aria-label={t('renewalOpportunity.fields.account')}
            clearable
            value={list.filters.accountId ?? null}
            onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/renewal-opportunities/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `renewal-opportunities.${me.user.id}` }}
        emptyMessage={t('renewalOpportunity.empty')}
      />
      <RenewalOpportunityFormModal opened={createOpened} onClose={createModal.close} accountId={list.filters.accountId} />
    </>
  );
}
