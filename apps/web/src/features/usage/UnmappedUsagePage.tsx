import { Anchor, Badge, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { IconEye, IconEyeOff, IconLink } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { valuesOf } from '../../lib/enums.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { MapUsageKeyModal } from './MapUsageKeyModal.tsx';
import { usageKeys } from './queryKeys.ts';
import type { UsageKey, UsageKeySort, UsageKeyStatus } from './types.ts';

const STATUSES = valuesOf<UsageKeyStatus>({ unmapped: true, mapped: true, ignored: true, all: true });

/**
 * Administration → Unmapped usage: the account keys (a groupId or trait value, or a user with no account key
 * at all) that matched no account's external id, with their events and when they were last seen. Map one to
 * an account (its stored events and the rollups follow) or ignore it.
 */
export function UnmappedUsagePage(): ReactElement {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState<UsageKey | null>(null);
  const controls = useListState<{ status?: UsageKeyStatus }, UsageKeySort>({ sort: 'lastSeenAt', order: 'desc', filters: {} });
  const list = useServerList(controls, {
    queryKey: usageKeys.keys,
    toQuery: ({ q, filters, sort, order }) => ({ q, status: filters.status ?? 'unmapped', sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/usage/keys', { params: { query } })),
  });

  const ignore = useMutation({
    mutationFn: async ({ key, ignored }: { key: UsageKey; ignored: boolean }) =>
      unwrap(
        await api.POST('/api/v1/usage/sources/{id}/keys/ignore', {
          params: { path: { id: key.sourceId } },
          body: { kind: key.kind, key: key.key, ignored },
        }),
      ),
    onSuccess: async (_r, { ignored }) => {
      await queryClient.invalidateQueries({ queryKey: usageKeys.keys });
      notifySuccess(t(ignored ? 'usage.keys.ignoredDone' : 'usage.keys.unignoredDone'));
    },
    onError: (error) => notifyError(error),
  });

  const columns = useMemo<DataColumn<UsageKey>[]>(
    () => [
      {
        id: 'key',
        header: t('usage.keys.key'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" ff="monospace">
              {row.original.key}
            </Text>
            <Badge variant="light" color={row.original.kind === 'group' ? 'blue' : 'grape'} size="sm">
              {t(`usage.keys.kinds.${row.original.kind}`)}
            </Badge>
          </Group>
        ),
      },
      { id: 'source', header: t('usage.keys.source'), meta: { noWrap: true }, cell: ({ row }) => row.original.sourceName },
      {
        id: 'events',
        header: t('usage.keys.events'),
        enableSorting: true,
        meta: { align: 'right' },
        cell: ({ row }) => formatNumber(row.original.events),
      },
      {
        id: 'firstSeenAt',
        header: t('usage.keys.firstSeen'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.firstSeenAt),
      },
      {
        id: 'lastSeenAt',
        header: t('usage.keys.lastSeen'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.lastSeenAt),
      },
      {
        id: 'account',
        header: t('usage.keys.account'),
        meta: { noWrap: true },
        cell: ({ row }) =>
          row.original.accountId ? (
            <Anchor
              renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId as string }} />}
              size="sm"
            >
              {row.original.accountName}
            </Anchor>
          ) : row.original.ignoredAt ? (
            <Text size="sm" c="dimmed">
              {t('usage.keys.ignored')}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('usage.keys.noAccount')}
            </Text>
          ),
      },
      {
        id: 'actions',
        header: '',
        meta: { align: 'right', noWrap: true },
        cell: ({ row }) => (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button size="xs" variant="light" leftSection={<IconLink size={14} />} onClick={() => setMapping(row.original)}>
              {t(row.original.accountId ? 'usage.keys.remap' : 'usage.keys.map')}
            </Button>
            {row.original.accountId ? null : (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={row.original.ignoredAt ? <IconEye size={14} /> : <IconEyeOff size={14} />}
                onClick={() => ignore.mutate({ key: row.original, ignored: !row.original.ignoredAt })}
              >
                {t(row.original.ignoredAt ? 'usage.keys.unignore' : 'usage.keys.ignore')}
              </Button>
            )}
          </Group>
        ),
      },
    ],
    [t, ignore],
  );

  return (
    <>
      <PageHeader title={t('nav.usageUnmapped')} subtitle={t('usage.keys.subtitle')} />
      <DataTable
        testId="usage-keys-table"
        columns={columns}
        list={list}
        getRowId={(k) => `${k.sourceId}|${k.kind}|${k.key}`}
        search={{ placeholder: t('usage.keys.searchPlaceholder') }}
        filters={
          <SegmentedControl
            aria-label={t('usage.keys.status')}
            data={STATUSES.map((st) => ({ value: st, label: t(`usage.keys.statuses.${st}`) }))}
            value={list.filters.status ?? 'unmapped'}
            onChange={(v) => list.setFilters({ status: v === 'unmapped' ? undefined : (v as UsageKeyStatus) })}
          />
        }
        exportUrl={buildUrl('/api/v1/usage/keys/export.csv', list.query)}
        columnSettings={{ storageKey: `usage-keys.${me.user.id}` }}
        emptyMessage={t('usage.keys.empty')}
      />
      <MapUsageKeyModal usageKey={mapping} onClose={() => setMapping(null)} />
    </>
  );
}
