import { Anchor, Badge, Drawer, Group, Loader, Pagination, SegmentedControl, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatMoney, formatPeriod } from '../../lib/money.ts';
import { ChangeKindBadge, describeChange, mrrText } from '../subscriptions/index.ts';
import { revenueKeys } from './queryKeys.ts';
import { type MetricFilters, MOVEMENT_COLORS, MOVEMENTS, type Movement, type MovementRow, type PeriodMetrics } from './types.ts';

const PAGE_SIZE = 25;

/** The subscription changes of one account within the period: what made its movement. */
function AccountChanges({ accountId, from, to }: { accountId: string; from: string; to: string }) {
  const { t } = useTranslation();
  const changes = useQuery({
    queryKey: revenueKeys.accountChanges({ accountId, from, to }),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/subscription-changes', { params: { query: { accountId, from, to, pageSize: 100 } } })).items,
  });
  if (changes.isLoading) return <Loader size="xs" />;
  if (!changes.data?.length)
    return (
      <Text size="xs" c="dimmed">
        {t('revenue.drill.noChanges')}
      </Text>
    );
  return (
    <Stack gap={4} data-testid="drill-changes">
      {changes.data.map((c) => (
        <Group key={c.id} gap="xs" wrap="nowrap" align="baseline">
          <Text size="xs" c="dimmed" w={90} style={{ flexShrink: 0 }}>
            {formatDate(c.effectiveDate)}
          </Text>
          <ChangeKindBadge kind={c.kind} />
          <Text size="xs">{describeChange(c, t)}</Text>
          {mrrText(c, t) ? (
            <Text size="xs" c="dimmed">
              {mrrText(c, t)}
            </Text>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}

function MovementRowView({ row, currency, period }: { row: MovementRow; currency: string; period: PeriodMetrics }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Table.Tr data-testid="drill-row">
        <Table.Td>
          <Group gap={6} wrap="nowrap">
            <UnstyledButton onClick={() => setOpen((o) => !o)} aria-label={t('revenue.drill.showChanges')} data-testid="drill-expand">
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            </UnstyledButton>
            <Anchor
              size="sm"
              renderRoot={(props) => (
                <Link {...props} to="/accounts/$accountId" params={{ accountId: row.accountId }} search={{ tab: 'subscriptions' }} />
              )}
            >
              {row.accountName}
            </Anchor>
          </Group>
        </Table.Td>
        <Table.Td>
          <Badge color={MOVEMENT_COLORS[row.type].split('.')[0]} variant="light" size="sm">
            {t(`revenue.movements.${row.type}`)}
          </Badge>
        </Table.Td>
        <Table.Td ta="right">{formatMoney(row.mrrBefore, currency)}</Table.Td>
        <Table.Td ta="right">{formatMoney(row.mrrAfter, currency)}</Table.Td>
        <Table.Td ta="right" c={row.amount >= 0 ? 'teal' : 'red'}>
          {formatMoney(row.amount, currency)}
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={5} pl={32}>
            <AccountChanges accountId={row.accountId} from={period.from} to={period.to} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

/**
 * The accounts behind one period's movement (GET /metrics/movements), biggest first; each opens the
 * subscription changes that made it and links to its account.
 */
export function DrillDown({
  target,
  filters,
  currency,
  onClose,
}: {
  target: { period: PeriodMetrics; type: Movement } | null;
  filters: MetricFilters;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<Movement | null>(null);
  const [page, setPage] = useState(1);
  const current = type ?? target?.type ?? 'new';
  const query = target ? { ...filters, from: target.period.from, to: target.period.to, type: current, page, pageSize: PAGE_SIZE } : null;
  const rows = useQuery({
    queryKey: revenueKeys.movements(query ?? {}),
    enabled: !!query,
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/v1/metrics/movements', { params: { query: query ?? { from: '', to: '' } } })),
  });
  const close = () => {
    setType(null);
    setPage(1);
    onClose();
  };
  const total = rows.data?.total ?? 0;
  return (
    <Drawer
      opened={!!target}
      onClose={close}
      position="right"
      size="xl"
      title={target ? t('revenue.drill.title', { period: formatPeriod(target.period.period) }) : ''}
      data-testid="drill-down"
    >
      <Stack gap="sm">
        <SegmentedControl
          value={current}
          onChange={(v) => {
            setType(v as Movement);
            setPage(1);
          }}
          data={MOVEMENTS.map((m) => ({ value: m, label: t(`revenue.movements.${m}`) }))}
        />
        <Text size="sm" c="dimmed">
          {target
            ? t('revenue.drill.range', { from: formatDate(target.period.from), to: formatDate(target.period.to), count: total })
            : null}
        </Text>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('revenue.drill.account')}</Table.Th>
              <Table.Th>{t('revenue.drill.type')}</Table.Th>
              <Table.Th ta="right">{t('revenue.drill.before')}</Table.Th>
              <Table.Th ta="right">{t('revenue.drill.after')}</Table.Th>
              <Table.Th ta="right">{t('revenue.drill.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {target &&
              rows.data?.items.map((r) => <MovementRowView key={r.accountId} row={r} currency={currency} period={target.period} />)}
            {rows.isLoading ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Loader size="sm" />
                </Table.Td>
              </Table.Tr>
            ) : null}
            {!rows.isLoading && !rows.data?.items.length ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    {t('revenue.drill.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
        {total > PAGE_SIZE ? <Pagination total={Math.ceil(total / PAGE_SIZE)} value={page} onChange={setPage} size="sm" /> : null}
      </Stack>
    </Drawer>
  );
}
