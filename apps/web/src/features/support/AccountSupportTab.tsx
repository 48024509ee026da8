import { Anchor, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { supportRequestKeys } from './queryKeys.ts';
import { PriorityBadge, SlaCell, StatusBadge } from './SupportBadges.tsx';
import { SupportRequestFormModal } from './SupportRequestFormModal.tsx';
import type { SupportRequest, SupportSort } from './types.ts';

const VIEWS = ['active', 'all'] as const;
type View = (typeof VIEWS)[number];

/** The account page's Support tab: the account's requests (what needs work, or all), sorted, searched, paged, CSV; log one. */
export function AccountSupportTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const canWrite = useCan('support_request:write');
  const canExport = useCan('export:run');
  const [createOpened, createModal] = useDisclosure();
  const controls = useListState<{ view: View }, SupportSort>({
    sort: 'createdAt',
    order: 'desc',
    filters: { view: 'active' },
    pageSize: 25,
  });
  const list = useServerList(controls, {
    queryKey: [...supportRequestKeys.list, 'account', accountId],
    toQuery: ({ q, filters, sort, order }) => ({ q, accountId, status: filters.view === 'all' ? undefined : ['active'], sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/support/requests', { params: { query } })),
  });
  const columns = useMemo<DataColumn<SupportRequest>[]>(
    () => [
      {
        id: 'subject',
        header: t('support.fields.subject'),
        enableSorting: true,
        cell: ({ row }) => (
          <Anchor renderRoot={(props) => <Link {...props} to="/support/$requestId" params={{ requestId: row.original.id }} />} size="sm">
            #{row.original.number} {row.original.subject}
          </Anchor>
        ),
      },
      {
        id: 'status',
        header: t('support.fields.status'),
        enableSorting: true,
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: 'priority',
        header: t('support.fields.priority'),
        enableSorting: true,
        cell: ({ row }) => <PriorityBadge priority={row.original.priority} />,
      },
      {
        id: 'due',
        header: t('support.fields.sla'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => <SlaCell request={row.original} />,
      },
      {
        id: 'assignee',
        header: t('support.fields.assignee'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => row.original.assigneeName ?? t('support.nobody'),
      },
      {
        id: 'createdAt',
        header: t('support.fields.createdAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.createdAt),
      },
    ],
    [t],
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('support.account.intro')}{' '}
          <Anchor renderRoot={(props) => <Link {...props} to="/support" search={{ accountId, view: 'all' }} />} size="sm">
            {t('support.account.inInbox')}
          </Anchor>
        </Text>
        {canWrite ? (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={createModal.open} data-testid="account-add-support">
            {t('support.new')}
          </Button>
        ) : null}
      </Group>
      <DataTable
        testId="account-support-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('support.searchPlaceholder') }}
        filters={
          <SegmentedControl
            size="sm"
            value={list.filters.view}
            onChange={(v) => list.setFilters({ view: v as View })}
            data={VIEWS.map((s) => ({ value: s, label: t(`support.views.${s}`) }))}
            aria-label={t('support.fields.status')}
          />
        }
        exportUrl={canExport ? buildUrl('/api/v1/support/requests/export.csv', list.query) : undefined}
        emptyMessage={t('support.account.empty')}
      />
      <SupportRequestFormModal opened={createOpened} onClose={createModal.close} accountId={accountId} />
    </Stack>
  );
}
