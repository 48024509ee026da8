import { Button, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { formatDecimal, formatMoney } from '../../lib/money.ts';
import { ChangeKindBadge, SubscriptionStatusBadge } from './badges.tsx';
import { ChangeModal } from './ChangeModal.tsx';
import { describeChange, kindColor, mrrText } from './changeText.ts';
import type { ChangeOp, SubscriptionDetail } from './types.ts';

/** The changes a subscription in this status can take, in the order of the menu. */
function opsFor(status: SubscriptionDetail['status']): ChangeOp[] {
  if (status === 'ended') return ['reactivate'];
  const lineOps: ChangeOp[] = [
    'change_plan',
    'add_line',
    'quantity',
    'price',
    'discount',
    'remove_discount',
    'remove_line',
    'terms',
    'renew',
  ];
  return status === 'cancelling' ? [...lineOps, 'withdraw_cancel', 'end'] : [...lineOps, 'cancel', 'end'];
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

/** One subscription: its terms and MRR, its current lines, and its history as a timeline. */
export function SubscriptionCard({ subscription: s, canWrite }: { subscription: SubscriptionDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const [op, setOp] = useState<ChangeOp | null>(null);
  const money = (v: number) => formatMoney(v, s.currency);
  const changes = [...s.changes].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.createdAt.localeCompare(a.createdAt));
  return (
    <Paper withBorder p="md" data-testid="subscription-card">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={4}>{s.reference}</Title>
            <SubscriptionStatusBadge status={s.status} />
            {s.status === 'cancelling' && s.endsOn ? (
              <Text size="sm" c="orange">
                {t('subscription.endsOn', { date: formatDate(s.endsOn) })}
              </Text>
            ) : null}
          </Group>
          {canWrite ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" size="xs" rightSection={<IconChevronDown size={14} />} data-testid="record-change">
                  {t('subscription.recordChange')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {opsFor(s.status).map((o) => (
                  <Menu.Item key={o} onClick={() => setOp(o)} data-testid={`op-${o}`}>
                    {t(`subscription.ops.${o}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        <SimpleGrid cols={{ base: 2, md: 6 }} spacing="md">
          <Fact
            label={t('subscription.fields.term')}
            value={`${formatDate(s.termStart)} – ${s.termEnd ? formatDate(s.termEnd) : t('subscription.openEnded')}`}
          />
          <Fact label={t('subscription.fields.interval')} value={t(`subscription.intervals.${s.intervalMonths}`)} />
          <Fact label={t('subscription.fields.currency')} value={s.currency} />
          <Fact label={t('subscription.fields.mrr')} value={money(s.mrr)} />
          <Fact label={t('subscription.fields.arr')} value={money(s.arr)} />
          <Fact label={t('subscription.fields.autoRenew')} value={s.autoRenew ? t('common.yes') : t('common.no')} />
        </SimpleGrid>
        <Table withTableBorder striped data-testid="subscription-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('subscription.fields.plan')}</Table.Th>
              <Table.Th ta="right">{t('subscription.fields.quantity')}</Table.Th>
              <Table.Th ta="right">{t('subscription.fields.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('subscription.fields.discount')}</Table.Th>
              <Table.Th ta="right">{t('subscription.fields.lineMrr')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.lines.map((l) => (
              <Table.Tr key={l.lineKey}>
                <Table.Td>
                  {l.planName ?? l.description}
                  {l.planName && l.description && l.description !== l.planName ? (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {l.description}
                    </Text>
                  ) : null}
                  {l.trial ? (
                    <Text span size="xs" c="violet" ml={6}>
                      {t('subscription.trial')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{formatDecimal(l.quantity)}</Table.Td>
                <Table.Td ta="right">{money(l.unitPrice)}</Table.Td>
                <Table.Td ta="right">{l.discountPercent ? `${formatDecimal(l.discountPercent)} %` : '—'}</Table.Td>
                <Table.Td ta="right">{money(l.mrr)}</Table.Td>
              </Table.Tr>
            ))}
            {s.lines.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    {t('subscription.noLines')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
        <div>
          <Text fw={600} size="sm" mb="xs">
            {t('subscription.history')}
          </Text>
          <Timeline bulletSize={14} lineWidth={2} data-testid="subscription-history">
            {changes.map((c) => (
              <Timeline.Item key={c.id} color={kindColor(c.kind)} data-testid="subscription-change">
                <Group gap="xs" wrap="nowrap" align="baseline">
                  <Text size="xs" c="dimmed" w={100} style={{ flexShrink: 0 }}>
                    {formatDate(c.effectiveDate)}
                  </Text>
                  <ChangeKindBadge kind={c.kind} />
                  <Text size="sm">{describeChange(c, t)}</Text>
                  {mrrText(c, t) ? (
                    <Text size="sm" c="dimmed">
                      {mrrText(c, t)}
                    </Text>
                  ) : null}
                </Group>
                {c.comment || c.actorName ? (
                  <Text size="xs" c="dimmed" ml={108}>
                    {[c.comment, c.actorName ? t('subscription.by', { name: c.actorName }) : null].filter(Boolean).join(' · ')}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </div>
      </Stack>
      <ChangeModal op={op} subscription={s} onClose={() => setOp(null)} />
    </Paper>
  );
}
