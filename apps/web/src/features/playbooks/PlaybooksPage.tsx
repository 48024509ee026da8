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
import { PlaybookFormModal } from './PlaybookFormModal.tsx';
import { playbookKeys } from './queryKeys.ts';
import type { PlaybooksSearch } from './search.ts';
import type { Playbook } from './types.ts';

const route = getRouteApi('/app/playbooks');

/** The organisation's playbooks: search, one account, sort by header, paging, columns to choose, CSV export, and adding one. */
export function PlaybooksPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/playbooks' });
  const canWrite = useCan('playbook:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const [createOpened, createModal] = useDisclosure();
  const controls = urlListControls(
    search,
    (changes: Partial<PlaybooksSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'createdAt', order: 'desc', filters: {} },
  );
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: playbookKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, accountId: filters.accountId, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/playbooks', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Playbook>[]>(
    () => [
      {
        id: 'title',
        header: t('playbook.fields.title'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => row.original.title,
      },
      {
        id: 'account',
        header: t('playbook.fields.account'),
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
      { id: 'notes', header: t('playbook.fields.notes'), cell: ({ row }) => row.original.notes ?? t('common.empty') },
      {
        id: 'createdAt',
        header: t('playbook.fields.createdAt'),
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
        title={t('nav.playbooks')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-playbooks">
              {t('playbook.new')}
            </Button>
          ) : null
        }
      />
      <DataTable
        testId="playbooks-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('playbook.searchPlaceholder') }}
        filters={
          <AccountSelect
            w={260}
            placeholder={t('playbook.fields.account')}
            aria-label={t('playbook.fields.account')}
            clearable
            value={list.filters.accountId ?? null}
            onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/playbooks/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `playbooks.${me.user.id}` }}
        emptyMessage={t('playbook.empty')}
      />
      <PlaybookFormModal opened={createOpened} onClose={createModal.close} accountId={list.filters.accountId} />
    </>
  );
}
