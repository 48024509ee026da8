import { Anchor, Badge, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { api, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { playbookKeys } from './queryKeys.ts';
import type { DryRunResult, PlaybookRun } from './types.ts';

const accountLink = (id: string, name: string) => (
  <Anchor renderRoot={(props) => <Link {...props} to="/accounts/$accountId" params={{ accountId: id }} />} size="sm">
    {name}
  </Anchor>
);

/** The accounts a dry run found, by name with their owner; nothing was changed. */
export function DryRunResults({ result }: { result: DryRunResult }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="dry-run-results">
      <Title order={4}>{t('playbook.dryRun.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('playbook.dryRun.summary', { count: result.total, shown: result.accounts.length })}
      </Text>
      {result.accounts.length > 0 && (
        <ScrollArea.Autosize mah={360}>
          <Table striped stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('playbook.dryRun.account')}</Table.Th>
                <Table.Th>{t('playbook.dryRun.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.accounts.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{accountLink(a.id, a.name)}</Table.Td>
                  <Table.Td>{a.ownerName ?? t('account.noOwner')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Paper>
  );
}

/** A playbook's run log, newest first: which account, for what cause, what it did, the webhook's delivery. */
export function RunLog({ playbookId }: { playbookId: string }) {
  const { t } = useTranslation();
  const controls = useListState<Record<string, never>, 'firedAt'>({ sort: 'firedAt', order: 'desc', filters: {}, pageSize: 25 });
  const list = useServerList(controls, {
    queryKey: playbookKeys.runs(playbookId),
    toQuery: () => ({}),
    fetch: async (query) =>
      unwrap(
        await api.GET('/api/v1/playbooks/{id}/runs', {
          params: { path: { id: playbookId }, query: { page: query.page, pageSize: query.pageSize } },
        }),
      ),
  });
  const columns = useMemo<DataColumn<PlaybookRun>[]>(
    () => [
      {
        id: 'firedAt',
        header: t('playbook.runs.firedAt'),
        meta: { noWrap: true },
        cell: ({ row }) => formatDateTime(row.original.firedAt),
      },
      {
        id: 'account',
        header: t('playbook.runs.account'),
        cell: ({ row }) => accountLink(row.original.accountId, row.original.accountName),
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
      <DataTable testId="playbook-runs" columns={columns} list={list} getRowId={(r) => r.id} emptyMessage={t('playbook.runs.empty')} />
    </Paper>
  );
}
