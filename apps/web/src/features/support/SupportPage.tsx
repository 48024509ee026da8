import { Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { supportRequestKeys } from './queryKeys.ts';
import { SlaSettingsModal } from './SlaSettingsModal.tsx';
import { PriorityBadge, SlaCell, StatusBadge } from './SupportBadges.tsx';
import { SupportRequestFormModal } from './SupportRequestFormModal.tsx';
import { SUPPORT_PRIORITIES, SUPPORT_VIEWS, type SupportSearch } from './search.ts';
import type { SupportRequest } from './types.ts';

const route = getRouteApi('/app/support');
type Filters = Omit<SupportSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/** A request's account, or "Unmatched" for an e-mail from a sender nobody recognised yet. */
export function AccountCell({ request }: { request: SupportRequest }) {
  const { t } = useTranslation();
  if (!request.accountId)
    return (
      <Badge color="yellow" variant="light">
        {t('support.unmatched')}
      </Badge>
    );
  return (
    <Anchor renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: request.accountId ?? '' }} />} size="sm">
      {request.accountName}
    </Anchor>
  );
}

/**
 * The support inbox: what needs work (new, open, waiting on the customer) or any status; priority, assignee,
 * account, unmatched, past the SLA; search, sort (by the target running out first), paging, CSV. A request opens
 * on its own page with the conversation.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/support' });
  const canWrite = useCan('support_request:write');
  const canConfigure = useCan('support_request:configure');
  const canExport = useCan('export:run');
  const me = useMe();
  const users = useActiveUsers();
  const [createOpened, createModal] = useDisclosure();
  const [slaOpened, slaModal] = useDisclosure();
  const setSearch = useCallback((changes: Partial<SupportSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }), [navigate]);
  const controls = urlListControls(search, setSearch, { sort: 'due', order: 'asc', filters: {} as Filters });
  const list = useServerList(controls, {
    queryKey: supportRequestKeys.list,
    toQuery: ({ q, filters: { view, ...rest }, sort, order }) => ({
      q,
      ...rest,
      status: view === 'all' ? undefined : [view ?? 'active'],
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/support/requests', { params: { query } })),
  });
  const f = list.filters;

  const columns = useMemo<DataColumn<SupportRequest>[]>(
    () => [
      {
        id: 'subject',
        header: t('support.fields.subject'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Stack gap={0}>
            <Anchor
              renderRoot={(props) => <Link {...props} to="/support/$requestId" params={{ requestId: row.original.id }} />}
              size="sm"
              fw={row.original.status === 'new' ? 700 : 500}
              data-testid={`support-open-${row.original.number}`}
            >
              {row.original.subject}
            </Anchor>
            <Text size="xs" c="dimmed">
              {[
                `#${row.original.number}`,
                row.original.requesterName ?? row.original.contactName ?? row.original.requesterEmail,
                t('support.messages', { count: row.original.messageCount }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'status',
        header: t('support.fields.status'),
        enableSorting: true,
        meta: { noWrap: true, width: 200 },
        cell: ({ row }) => <StatusBadge status={row.original.status} />,
      },
      {
        id: 'priority',
        header: t('support.fields.priority'),
        enableSorting: true,
        meta: { noWrap: true, width: 110 },
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
        id: 'account',
        header: t('support.fields.account'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => <AccountCell request={row.original} />,
      },
      {
        id: 'assignee',
        header: t('support.fields.assignee'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) =>
          row.original.assigneeName ?? (
            <Text size="sm" c="dimmed">
              {t('support.nobody')}
            </Text>
          ),
      },
      {
        id: 'lastMessageAt',
        header: t('support.fields.lastMessageAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.lastMessageAt),
      },
    ],
    [t],
  );

  const assignees = [
    { value: 'me', label: t('support.assignees.me') },
    { value: 'none', label: t('support.assignees.none') },
    ...(users.data ?? []).filter((u) => u.id !== me.user.id).map((u) => ({ value: u.id, label: u.name })),
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.support')}
        subtitle={t('support.subtitle')}
        actions={
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconAdjustmentsHorizontal size={16} />}
              onClick={slaModal.open}
              data-testid="support-sla"
            >
              {t('support.slaSettings.button')}
            </Button>
            {canWrite ? (
              <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="new-support">
                {t('support.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <DataTable
        testId="support-table"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('support.searchPlaceholder') }}
        filters={
          <Group gap="xs" wrap="wrap">
            <SegmentedControl
              size="sm"
              value={f.view ?? 'active'}
              onChange={(v) => list.setFilters({ view: v === 'active' ? undefined : (v as Filters['view']) })}
              data={SUPPORT_VIEWS.map((s) => ({ value: s, label: t(`support.views.${s}`) }))}
              aria-label={t('support.fields.status')}
              data-testid="support-view"
            />
            <FilterMultiSelect
              label={t('support.fields.priority')}
              data={SUPPORT_PRIORITIES.map((p) => ({ value: p, label: t(`support.priorities.${p}`) }))}
              value={f.priority}
              width={140}
              onChange={(priority) => list.setFilters({ priority })}
              testId="filter-priority"
            />
            <Select
              w={180}
              placeholder={t('support.fields.assignee')}
              aria-label={t('support.fields.assignee')}
              data={assignees}
              value={f.assignee ?? null}
              onChange={(assignee) => list.setFilters({ assignee: assignee ?? undefined })}
              clearable
              searchable
            />
            <AccountSelect
              w={200}
              placeholder={t('support.fields.account')}
              aria-label={t('support.fields.account')}
              clearable
              value={f.accountId ?? null}
              onChange={(accountId) => list.setFilters({ accountId: accountId ?? undefined })}
            />
            <Checkbox
              label={t('support.filters.unmatched')}
              checked={f.unmatched === 'true'}
              onChange={(e) => list.setFilters({ unmatched: e.currentTarget.checked ? 'true' : undefined })}
            />
            <Checkbox
              label={t('support.filters.breached')}
              checked={f.breached === 'true'}
              onChange={(e) => list.setFilters({ breached: e.currentTarget.checked ? 'true' : undefined })}
              data-testid="filter-breached"
            />
          </Group>
        }
        exportUrl={canExport ? buildUrl('/api/v1/support/requests/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `support.${me.user.id}`, defaultHidden: ['lastMessageAt'] }}
        emptyMessage={t('support.empty')}
      />
      <SupportRequestFormModal opened={createOpened} onClose={createModal.close} accountId={f.accountId} />
      <SlaSettingsModal opened={slaOpened} onClose={slaModal.close} canEdit={canConfigure} />
    </Stack>
  );
}
