import { Alert, Code, Group, Loader, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { type DataColumn, DataTable } from '../../components/DataTable.tsx';
import { useListState, useServerList } from '../../components/list/listState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { valuesOf } from '../../lib/enums.ts';
import type { QueryOf, ResponseOf } from '../../lib/types.ts';
import { useSmtpConfigured } from './mailState.ts';
import { formatDateTime, MailStateBadge } from './shared.tsx';

type OutboxEmail = ResponseOf<'/api/v1/outbox', 'get'>['items'][number];
type OutboxStatus = OutboxEmail['status'];
const STATUSES = valuesOf<OutboxStatus>({ pending: true, sent: true, failed: true });
type OutboxSort = NonNullable<QueryOf<'/api/v1/outbox', 'get'>['sort']>;

/** Administration → Outbox: every e-mail the system wrote, delivered or waiting; readable here when no SMTP server is set. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const canExport = useCan('export:run');
  const controls = useListState<{ status?: OutboxStatus }, OutboxSort>({ sort: 'createdAt', order: 'desc', filters: {} });
  // The list and its CSV export share filters and order.
  const list = useServerList(controls, {
    queryKey: ['outbox'],
    toQuery: ({ q, filters, sort, order }) => ({ q, status: filters.status, sort, order }),
    fetch: async (query) => unwrap(await api.GET('/api/v1/outbox', { params: { query } })),
    refetchInterval: 15_000,
  });
  const smtpConfigured = useSmtpConfigured();

  const columns = useMemo<DataColumn<OutboxEmail>[]>(
    () => [
      {
        id: 'createdAt',
        header: t('admin.outbox.created'),
        enableSorting: true,
        cell: ({ row }) => formatDateTime(row.original.createdAt),
        meta: { noWrap: true, width: 180 },
      },
      {
        id: 'to',
        header: t('admin.outbox.to'),
        accessorKey: 'to',
        enableSorting: true,
        // A long address ends in "…" (whole on hover): the last column stays in view in Dutch and Danish at 1440 pixels.
        cell: ({ row }) => (
          <Text size="sm" maw={240} truncate="end" title={row.original.to}>
            {row.original.to}
          </Text>
        ),
      },
      { id: 'subject', header: t('admin.outbox.subject'), accessorKey: 'subject', enableSorting: true },
      { id: 'template', header: t('admin.outbox.template'), cell: ({ row }) => <Code fz="xs">{row.original.template}</Code> },
      {
        id: 'status',
        header: t('admin.outbox.status'),
        enableSorting: true,
        cell: ({ row }) => <MailStateBadge mail={row.original} smtpConfigured={smtpConfigured} />,
      },
      {
        id: 'attempts',
        header: t('admin.outbox.attempts'),
        accessorKey: 'attempts',
        enableSorting: true,
        meta: { align: 'right', width: 90 },
      },
      {
        id: 'sentAt',
        header: t('admin.outbox.sent'),
        enableSorting: true,
        cell: ({ row }) => formatDateTime(row.original.sentAt),
        meta: { noWrap: true },
      },
    ],
    [t, smtpConfigured],
  );

  return (
    <>
      <PageHeader title={t('admin.nav.outbox')} subtitle={t('admin.outbox.subtitle')} />
      {smtpConfigured === false ? (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />} mb="md">
          {t('admin.outbox.noSmtp')}
        </Alert>
      ) : null}
      <DataTable
        testId="outbox-table"
        columns={columns}
        list={list}
        getRowId={(m) => m.id}
        exportUrl={canExport ? buildUrl('/api/v1/outbox/export.csv', list.query) : undefined}
        onRowClick={(m) => setOpenId(m.id)}
        emptyMessage={t('admin.outbox.empty')}
        search={{ placeholder: t('admin.outbox.searchPlaceholder'), testId: 'outbox-search' }}
        filters={
          <SegmentedControl
            aria-label={t('admin.outbox.status')}
            data={[
              { value: 'all', label: t('common.all') },
              ...STATUSES.map((s) => ({ value: s, label: t(`admin.outbox.statuses.${s}`) })),
            ]}
            value={list.filters.status ?? 'all'}
            onChange={(v) => list.setFilters({ status: v === 'all' ? undefined : (v as OutboxStatus) })}
          />
        }
      />
      <OutboxEmailModal id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function OutboxEmailModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const smtpConfigured = useSmtpConfigured();
  const query = useQuery({
    queryKey: ['outbox', 'email', id],
    enabled: id !== null,
    queryFn: async () => unwrap(await api.GET('/api/v1/outbox/{id}', { params: { path: { id: id ?? '' } } })),
  });
  const mail = query.data;
  return (
    <Modal opened={id !== null} onClose={onClose} size="xl" title={mail?.subject ?? t('common.loading')}>
      {!mail ? (
        <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <Group gap="lg">
            <Text size="sm">
              <Text span c="dimmed">
                {t('admin.outbox.to')}:
              </Text>{' '}
              {mail.to}
            </Text>
            <MailStateBadge mail={mail} smtpConfigured={smtpConfigured} />
            <Text size="sm" c="dimmed">
              {formatDateTime(mail.createdAt)}
            </Text>
          </Group>
          {mail.attachments.length ? (
            <Text size="sm" data-testid="outbox-attachments">
              <Text span c="dimmed">
                {t('admin.outbox.attachments')}:
              </Text>{' '}
              {mail.attachments.join(', ')}
            </Text>
          ) : null}
          {mail.lastError ? (
            <Alert color="red" title={t('admin.outbox.lastError')}>
              {mail.lastError}
            </Alert>
          ) : null}
          <Code block data-testid="outbox-text" style={{ whiteSpace: 'pre-wrap', maxHeight: '60vh', overflow: 'auto' }}>
            {mail.text}
          </Code>
        </Stack>
      )}
    </Modal>
  );
}
