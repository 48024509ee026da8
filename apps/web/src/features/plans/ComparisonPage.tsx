import { Badge, Group, Paper, SegmentedControl, Select, Skeleton, Stack, Table, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconCheck, IconMinus, IconStarFilled } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { formatMoney } from './format.ts';
import { planKeys } from './queryKeys.ts';
import { type Comparison, INTERVALS } from './types.ts';
import { useProducts } from './usePlanData.ts';

const route = getRouteApi('/app/plan-comparison');
const CURRENCIES = ['EUR', 'USD', 'GBP', 'DKK'];

type Cell = Comparison['groups'][number]['features'][number]['cells'][number];

function FeatureCell({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  if (!cell.included)
    return (
      <ThemeIcon variant="transparent" color="gray" aria-label={t('plan.comparison.notIncluded')}>
        <IconMinus size={16} />
      </ThemeIcon>
    );
  const text = cell.note ?? (cell.limitValue !== null ? t('plan.comparison.upTo', { value: formatNumber(cell.limitValue) }) : null);
  return (
    <Group gap={4} justify="center" wrap="nowrap">
      {text ? (
        <Text size="sm">{text}</Text>
      ) : (
        <ThemeIcon variant="light" color="teal" radius="xl" size="sm" aria-label={t('plan.comparison.included')}>
          <IconCheck size={14} />
        </ThemeIcon>
      )}
      {cell.isKey ? (
        <Tooltip label={t('plan.comparison.keyFeature')}>
          <IconStarFilled size={12} color="var(--mantine-color-yellow-6)" aria-label={t('plan.comparison.keyFeature')} />
        </Tooltip>
      ) : null}
    </Group>
  );
}

/** Plans side by side: the price for a chosen currency and interval, and what each plan offers, feature group by group. */
/** "3 users included, up to 5" — what a plan gives and allows, for the comparison's header. */
function unitsText(t: TFunction, included: number | null, max: number | null): string {
  if (included !== null && max !== null)
    return t('plan.comparison.unitsIncludedUpTo', { included: formatNumber(included), max: formatNumber(max) });
  if (max !== null) return t('plan.comparison.unitsUpTo', { max: formatNumber(max) });
  return t('plan.comparison.unitsIncluded', { count: included ?? 0, included: formatNumber(included) });
}

export function ComparisonPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/plan-comparison' });
  const currency = search.currency ?? 'EUR';
  const interval = search.interval ?? 12;
  const products = useProducts();
  const query = { currency, interval, productId: search.productId };
  const comparison = useQuery({
    queryKey: [...planKeys.comparison, query],
    queryFn: async () => unwrap(await api.GET('/api/v1/plans/comparison', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const update = (change: Partial<typeof search>) => navigate({ search: (prev) => ({ ...prev, ...change }), replace: true });
  const c = comparison.data;
  const currencies = [...new Set([currency, ...CURRENCIES])];

  return (
    <>
      <PageHeader title={t('plan.comparison.title')} subtitle={t('plan.comparison.subtitle')} />
      <Group mb="md" gap="sm" align="flex-end">
        <Select
          w={240}
          label={t('plan.fields.product')}
          placeholder={t('plan.comparison.allEditions')}
          clearable
          data={(products.data ?? []).filter((p) => !p.archivedAt).map((p) => ({ value: p.id, label: p.name }))}
          value={search.productId?.[0] ?? null}
          onChange={(v) => update({ productId: v ? [v] : undefined })}
        />
        <Select
          w={120}
          label={t('plan.fields.currency')}
          allowDeselect={false}
          data={currencies}
          value={currency}
          onChange={(v) => v && update({ currency: v })}
          data-testid="comparison-currency"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('plan.fields.interval')}
          </Text>
          <SegmentedControl
            value={String(interval)}
            onChange={(v) => update({ interval: Number(v) as (typeof INTERVALS)[number] })}
            data={INTERVALS.map((m) => ({ value: String(m), label: t('plan.interval.short', { count: m }) }))}
            data-testid="comparison-interval"
          />
        </Stack>
      </Group>
      {comparison.error ? (
        <RouteError error={comparison.error} reset={() => void comparison.refetch()} />
      ) : !c ? (
        <Skeleton h={400} />
      ) : !c.plans.length ? (
        <Paper withBorder p="xl">
          <Text c="dimmed">{t('plan.comparison.empty')}</Text>
        </Paper>
      ) : (
        <Paper withBorder style={{ overflowX: 'auto' }}>
          <Table
            verticalSpacing="sm"
            horizontalSpacing="md"
            data-testid="comparison-table"
            style={{ tableLayout: 'fixed', minWidth: 220 + c.plans.length * 180 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={260} />
                {c.plans.map((p) => (
                  <Table.Th key={p.id} ta="center" style={{ verticalAlign: 'top' }} data-testid="comparison-plan">
                    <Stack gap={4} align="center">
                      <Text fw={700} size="lg">
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.productName}
                      </Text>
                      <Text fw={700} size="xl" data-testid="comparison-price">
                        {p.isFree ? t('plan.free') : formatMoney(p.price, c.currency)}
                      </Text>
                      {!p.isFree && p.price !== null ? (
                        <Text size="xs" c="dimmed">
                          {t('plan.interval.per', { count: c.intervalMonths })}
                          {c.intervalMonths > 1
                            ? ` · ${t('plan.comparison.perMonth', { amount: formatMoney(p.monthlyPrice, c.currency) })}`
                            : ''}
                        </Text>
                      ) : p.price === null ? (
                        <Text size="xs" c="dimmed">
                          {t('plan.comparison.noPrice')}
                        </Text>
                      ) : null}
                      {p.includedUnits !== null || p.maxUnits !== null ? (
                        <Text size="xs" fw={500} data-testid="comparison-units">
                          {unitsText(t, p.includedUnits, p.maxUnits)}
                        </Text>
                      ) : null}
                      {p.trialDays ? (
                        <Badge size="sm" variant="light">
                          {t('plan.comparison.trial', { count: p.trialDays })}
                        </Badge>
                      ) : null}
                      {p.description ? (
                        <Text size="xs" c="dimmed" fw={400} lineClamp={3}>
                          {p.description}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.groups.map((g) => (
                <Fragment key={g.name ?? ''}>
                  <Table.Tr bg="var(--mantine-color-default-hover)">
                    <Table.Td colSpan={c.plans.length + 1}>
                      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                        {g.name ?? t('plan.features.other')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                  {g.features.map((f) => (
                    <Table.Tr key={f.id} data-testid="comparison-feature">
                      <Table.Td>
                        <Text size="sm">{f.name}</Text>
                        {f.description ? (
                          <Text size="xs" c="dimmed">
                            {f.description}
                          </Text>
                        ) : null}
                      </Table.Td>
                      {f.cells.map((cell) => (
                        <Table.Td key={cell.planId} ta="center">
                          <FeatureCell cell={cell} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Group gap={6} mt="sm">
        <IconStarFilled size={12} color="var(--mantine-color-yellow-6)" />
        <Text size="xs" c="dimmed">
          {t('plan.comparison.keyLegend')}
        </Text>
      </Group>
    </>
  );
}
