import { Anchor, Badge, Paper, Select, Title } from '@mantine/core';
import { DatePickerInput, type DatesRangeValue } from '@mantine/dates';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { playbookKeys } from './queryKeys.ts';
import type { PlaybookRun } from './types.ts';

type WebhookStatus = 'pending' | 'delivered' | 'failed';
const WEBHOOK_STATUSES: WebhookStatus[] = ['pending', 'delivered', 'failed'];
type RunFilters = { webhookStatus?: WebhookStatus; firedFrom?: string; firedTo?: string };

/**
 * A playbook's run log, newest first: which account, for what cause, what it did, the webhook's delivery. Searches
 * the account's name, filters by the webhook's delivery and the days it fired in, sorts by date or account, pages,
 * and exports the same rows as CSV.
 */
export function RunLog({ playbookId }: { playbookId: string }) {
  const { t } = useTranslation();
  const canExport = useCan('export:run');
  const controls = useListState<RunFilters, 'firedAt' | 'account'>({ sort: 'firedAt', order: 'desc', filters: {}, pageSize: 25 });
  const list = useServerList(controls, {
    queryKey: playbookKeys.runs(playbookId),
    toQuery: ({ q, filters, sort, order }) => ({
      q,
      webhookStatus: filters.webhookStatus,
      firedFrom: filters.firedFrom,
      firedTo: filters.firedTo,
      sort,
      order,
    }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/playbooks/{id}/runs', { params: { path: { id: playbookId }, query } })),
  });
  const columns = useMemo<DataColumn<PlaybookRun>[]>(
    () => [
      {
        id: 'firedAt',
        header: t('playbook.runs.firedAt'),
        enableSorting: true,
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.firedAt),
      },
      {
        id: 'account',
        header: t('playbook.runs.account'),
        enableSorting: true,
        cell: ({ row }) => (
          <Anchor
            renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: row.original.accountId }} />}
            size="sm"
          >
            {row.original.accountName}
          </Anchor>
        ),
      },
      { id: 'cause', header: t('playbook.runs.cause'), cell: ({ row }) => t(`playbook.trigger.${row.original.trigger}`) },
      {
        id: 'outcome',
        header: t('playbook.runs.outcome'),
        cell: ({ row }) =>
          Object.entries(row.original.outcome)
            .map(([k, n]) => t(`playbook.outcome.${k}`, { count: n }))
            .join(', ') || t('playbook.runs.nothing'),
      },
      {
        id: 'webhook',
        header: t('playbook.runs.webhook'),
        cell: ({ row }) =>
          row.original.webhookStatus ? (
            <Badge
              variant="light"
              color={row.original.webhookStatus === 'delivered' ? 'teal' : row.original.webhookStatus === 'failed' ? 'red' : 'gray'}
            >
              {t(`playbook.webhookStatus.${row.original.webhookStatus}`)}
            </Badge>
          ) : (
            t('common.empty')
          ),
      },
    ],
    [t],
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('playbook.runs.title')}
      </Title>
      <DataTable
        testId="playbook-runs"
        columns={columns}
        list={list}
        getRowId={(r) => r.id}
        search={{ placeholder: t('playbook.runs.searchPlaceholder'), width: 220 }}
        filters={
          <>
            <Select
              w={170}
              placeholder={t('playbook.runs.webhook')}
              aria-label={t('playbook.runs.webhook')}
              clearable
              data={WEBHOOK_STATUSES.map((x) => ({ value: x, label: t(`playbook.webhookStatus.${x}`) }))}
              value={list.filters.webhookStatus ?? null}
              onChange={(v) => list.setFilters({ webhookStatus: (v as WebhookStatus) ?? undefined })}
            />
            <DatePickerInput
              w={250}
              type="range"
              aria-label={t('playbook.runs.period')}
              placeholder={t('playbook.runs.anyTime')}
              clearable
              allowSingleDateInRange
              value={[list.filters.firedFrom ?? null, list.filters.firedTo ?? null]}
              onChange={([from, to]: DatesRangeValue<string>) =>
                list.setFilters({ firedFrom: from ?? undefined, firedTo: to ?? undefined })
              }
              valueFormat="ll"
            />
          </>
        }
        exportUrl={canExport ? buildUrl('/api/v1/playbooks/{id}/runs/export.csv', list.query).replace('{id}', playbookId) : undefined}
        emptyMessage={t('playbook.runs.empty')}
      />
    </Paper>
  );
}
