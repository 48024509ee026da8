import { Anchor, Badge, Button, Select, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { urlListControls, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { playbookKeys } from './queryKeys.ts';
import { type PlaybooksSearch, TRIGGERS } from './search.ts';
import type { Playbook, Trigger } from './types.ts';

const route = getRouteApi('/app/playbooks');

/** The organisation's playbooks: search, trigger, on or off, sort by header, paging, CSV export; a new one opens the editor. */
export function PlaybooksPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/playbooks' });
  const canWrite = useCan('playbook:write');
  const canExport = useCan('export:run');
  const me = useMe();
  const controls = urlListControls(
    search,
    (changes: Partial<PlaybooksSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }) }),
    { sort: 'name', order: 'asc', filters: {} },
  );
  const list = useServerList(controls, {
    queryKey: playbookKeys.list,
    toQuery: ({ q, filters, sort, order }) => ({ q, trigger: filters.trigger, enabled: filters.enabled, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/playbooks', { params: { query } })),
  });

  const columns = useMemo<DataColumn<Playbook>[]>(
    () => [
      {
        id: 'name',
        header: t('playbook.fields.name'),
        enableSorting: true,
        meta: { sticky: true },
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/playbooks/$playbookId" params={{ playbookId: row.original.id }} />}
            size="sm"
          >
            {row.original.name}
          </Anchor>
        ),
      },
      {
        id: 'trigger',
        header: t('playbook.fields.trigger'),
        enableSorting: true,
        cell: ({ row }) => t(`playbook.trigger.${row.original.trigger}`),
      },
      {
        id: 'enabled',
        header: t('playbook.fields.enabled'),
        cell: ({ row }) => (
          <Badge color={row.original.enabled ? 'teal' : 'gray'} variant="light">
            {t(row.original.enabled ? 'playbook.on' : 'playbook.off')}
          </Badge>
        ),
      },
      {
        id: 'actions',
        header: t('playbook.fields.actions'),
        cell: ({ row }) => row.original.actions.map((a) => t(`playbook.action.${a.type}`)).join(', '),
      },
      {
        id: 'runs',
        header: t('playbook.fields.runs'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.runs),
      },
      {
        id: 'lastFiredAt',
        header: t('playbook.fields.lastFiredAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Text size="sm" c="dimmed">
            {row.original.lastFiredAt ? formatDateTime(row.original.lastFiredAt) : t('playbook.never')}
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
        subtitle={t('playbook.subtitle')}
        actions={
          canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => navigate({ to: '/playbooks/$playbookId', params: { playbookId: 'new' } })}
              data-testid="new-playbook"
            >
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
          <>
            <Select
              w={240}
              placeholder={t('playbook.fields.trigger')}
              aria-label={t('playbook.fields.trigger')}
              clearable
              data={TRIGGERS.map((x) => ({ value: x, label: t(`playbook.trigger.${x}`) }))}
              value={list.filters.trigger ?? null}
              onChange={(v) => list.setFilters({ trigger: (v as Trigger) ?? undefined })}
            />
            <Select
              w={140}
              placeholder={t('playbook.fields.enabled')}
              aria-label={t('playbook.fields.enabled')}
              clearable
              data={[
                { value: 'true', label: t('playbook.on') },
                { value: 'false', label: t('playbook.off') },
              ]}
              value={list.filters.enabled ?? null}
              onChange={(v) => list.setFilters({ enabled: (v as 'true' | 'false') ?? undefined })}
            />
          </>
        }
        exportUrl={canExport ? buildUrl('/api/v1/playbooks/export.csv', list.query) : undefined}
        columnSettings={{ storageKey: `playbooks.${me.user.id}` }}
        emptyMessage={t('playbook.empty')}
      />
    </>
  );
}
