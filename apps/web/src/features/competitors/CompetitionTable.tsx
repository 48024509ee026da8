import { Badge, Group, Paper, SegmentedControl, Select, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../plans/index.ts';
import { competitorKeys } from './queryKeys.ts';

/** Their price against ours, as a badge: red when they are cheaper, green when we are. */
export function DifferenceBadge({ difference }: { difference: number | null }) {
  const { t, i18n } = useTranslation();
  if (difference === null) return <Text c="dimmed">—</Text>;
  const pct = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(
    difference,
  );
  const color = difference < -0.02 ? 'red' : difference > 0.02 ? 'teal' : 'gray';
  return (
    <Tooltip label={difference < 0 ? t('competitor.cheaper') : difference > 0 ? t('competitor.dearer') : t('competitor.same')}>
      <Badge color={color} variant="light">
        {pct}
      </Badge>
    </Tooltip>
  );
}

/** Each of our plans with its list price, and beside it every competitor plan compared with it. */
export function CompetitionTable() {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState('EUR');
  const [interval, setInterval] = useState(12);
  const query = { currency, interval };
  const data = useQuery({
    queryKey: [...competitorKeys.comparison, query],
    queryFn: async () => unwrap(await api.GET('/api/v1/competitors/comparison', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const c = data.data;
  return (
    <>
      <Group justify="space-between" mb="md">
        <Text size="sm" c="dimmed">
          {t('competitor.pricesHelp')}
        </Text>
        <PricePickers
          currency={currency}
          interval={interval}
          onChange={(cur, months) => {
            setCurrency(cur);
            setInterval(months);
          }}
        />
      </Group>
      {!c ? (
        <Skeleton h={300} />
      ) : !c.rows.length ? (
        <Paper withBorder p="xl">
          <Text c="dimmed">{t('competitor.noComparison')}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table verticalSpacing="sm" data-testid="competition-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('competitor.ourPlan')}</Table.Th>
                <Table.Th>{t('competitor.theirPlan')}</Table.Th>
                <Table.Th ta="right">{t('competitor.price', { interval: t('plan.interval.per', { count: c.intervalMonths }) })}</Table.Th>
                <Table.Th ta="right">{t('competitor.againstOurs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.rows.map((r) => (
                <Fragment key={r.planId}>
                  <Table.Tr bg="var(--mantine-color-default-hover)">
                    <Table.Td>
                      <Text fw={700} size="sm">
                        {r.planName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {t('competitor.ours')}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text fw={700} size="sm">
                        {formatMoney(r.ourPrice, c.currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td />
                  </Table.Tr>
                  {r.competitors.map((x) => (
                    <Table.Tr key={x.competitorPlanId}>
                      <Table.Td />
                      <Table.Td>
                        <Text
                          size="sm"
                          c="blue"
                          span
                          renderRoot={(props) => (
                            <Link {...props} to="/competitors/$competitorId" params={{ competitorId: x.competitorId }} />
                          )}
                        >
                          {x.competitorName}
                        </Text>{' '}
                        <Text size="sm" span>
                          {x.competitorPlanName}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" span>
                          {formatMoney(x.price, c.currency)}
                        </Text>
                        {x.estimated ? (
                          <Tooltip label={t('competitor.estimated')}>
                            <Text size="xs" c="dimmed" span>
                              {' '}
                              ≈
                            </Text>
                          </Tooltip>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">
                        <DifferenceBadge difference={x.difference} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </>
  );
}

/** The currency and interval pickers the price comparisons share. */
export function PricePickers(props: { currency: string; interval: number; onChange: (currency: string, interval: number) => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Select
        w={110}
        aria-label={t('plan.fields.currency')}
        allowDeselect={false}
        data={['EUR', 'USD', 'GBP', 'DKK']}
        value={props.currency}
        onChange={(v) => v && props.onChange(v, props.interval)}
      />
      <SegmentedControl
        value={String(props.interval)}
        onChange={(v) => props.onChange(props.currency, Number(v))}
        data={[1, 12, 36].map((m) => ({ value: String(m), label: t('plan.interval.short', { count: m }) }))}
      />
    </Group>
  );
}
