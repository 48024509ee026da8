import { AreaChart, BarChart, LineChart } from '@mantine/charts';
import { Badge, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { AccountFeaturesTable } from './AccountFeaturesTable.tsx';
import { pct, Trend } from './figures.tsx';
import { adoptionKeys } from './queryKeys.ts';
import type { AccountAdoption, AdoptionSummary } from './types.ts';

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: ReactElement | string;
  hint?: ReactElement | string | null;
  testId?: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function Flags({ s }: { s: AdoptionSummary }): ReactElement {
  const { t } = useTranslation();
  if (!s.flags.length)
    return (
      <Badge color="teal" variant="light" data-testid="adoption-flags">
        {t('adoption.flag.none')}
      </Badge>
    );
  return (
    <Group gap="xs" data-testid="adoption-flags">
      {s.flags.map((f) => (
        <Tooltip
          key={f}
          multiline
          w={280}
          label={s.reasons
            .filter((r) =>
              f === 'low_activity' ? r === 'no_recent_usage' || r === 'usage_drop' : r === 'narrow_breadth' || r === 'unused_licences',
            )
            .map((r) => t(`adoption.reason.${r}`))
            .join(' · ')}
        >
          <Badge color={f === 'low_activity' ? 'orange' : 'red'} variant="light" leftSection={<IconAlertTriangle size={12} />}>
            {t(`adoption.flag.${f}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** The account page's Adoption tab: who uses the product and how much, which key features, licences, flags; per day and per feature. */
export function AccountAdoptionTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const adoption = useQuery({
    queryKey: adoptionKeys.ofAccount(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/adoption', { params: { path: { id: accountId } } })),
  });
  const a = adoption.data;
  if (!a) return <Skeleton h={300} />;
  const s = a.summary;
  return (
    <Stack gap="md" data-testid="account-adoption">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={4}>{t('adoption.title')}</Title>
          <Flags s={s} />
        </Group>
        <Text size="sm" c="dimmed">
          {s.planName ? t('adoption.onPlan', { plan: s.planName }) : t('adoption.noPlan')}
        </Text>
      </Group>
      {!s.hasUsage ? (
        <Paper withBorder p="md">
          <Text c="dimmed">{t('adoption.noUsage')}</Text>
        </Paper>
      ) : null}
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }}>
        <Stat label={t('adoption.activeUsers7d')} value={formatNumber(s.activeUsers7d)} testId="stat-users-7d" />
        <Stat
          label={t('adoption.activeUsers30d')}
          value={formatNumber(s.activeUsers30d)}
          hint={<Trend value={s.activeUsersTrendPercent} />}
          testId="stat-users-30d"
        />
        <Stat
          label={t('adoption.usageTrend')}
          value={<Trend value={s.usageTrendPercent} />}
          hint={t('adoption.eventsVs', { current: formatNumber(s.events30d), previous: formatNumber(s.eventsPrev30d) })}
          testId="stat-trend"
        />
        <Stat
          label={t('adoption.breadth')}
          value={pct(s.featureBreadthPercent)}
          hint={s.keyFeatures ? t('adoption.breadthOf', { used: s.keyFeaturesUsed, total: s.keyFeatures }) : t('adoption.noKeyFeatures')}
          testId="stat-breadth"
        />
        <Stat
          label={t('adoption.licences')}
          value={s.licences === null ? '—' : `${formatNumber(s.activeUsers30d)} / ${formatNumber(s.licences)}`}
          hint={s.licences === null ? t('adoption.noLicences') : t('adoption.licencesUsed', { percent: pct(s.licencesUsedPercent) })}
          testId="stat-licences"
        />
        <Stat
          label={t('adoption.lastSeen')}
          value={s.lastSeenOn ? formatDate(s.lastSeenOn) : t('adoption.never')}
          hint={
            s.daysSinceLastSeen === null
              ? null
              : s.daysSinceLastSeen === 0
                ? t('adoption.today')
                : t('adoption.daysAgo', { count: s.daysSinceLastSeen })
          }
          testId="stat-last-seen"
        />
      </SimpleGrid>
      <DailyCharts a={a} />
      <FeatureTable a={a} />
    </Stack>
  );
}

function DailyCharts({ a }: { a: AccountAdoption }): ReactElement {
  const { t } = useTranslation();
  const data = useMemo(() => a.days.map((d) => ({ day: formatDate(d.day), users: d.users, events: d.events })), [a.days]);
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('adoption.usersPerDay')}
        </Title>
        <AreaChart
          h={200}
          data={data}
          dataKey="day"
          series={[{ name: 'users', label: t('adoption.users'), color: 'blue.6' }]}
          valueFormatter={(v) => formatNumber(v)}
          curveType="linear"
          withDots={false}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('adoption.eventsPerDay')}
        </Title>
        <BarChart
          h={200}
          data={data}
          dataKey="day"
          series={[{ name: 'events', label: t('adoption.events'), color: 'teal.6' }]}
          valueFormatter={(v) => formatNumber(v)}
        />
      </Paper>
    </SimpleGrid>
  );
}

function FeatureTable({ a }: { a: AccountAdoption }): ReactElement {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const feature = chosen ?? a.features[0]?.event ?? null;
  const series = useMemo(() => {
    const byDay = new Map(a.featureDays.filter((d) => d.event === feature).map((d) => [d.day, d]));
    return a.days.map((d) => ({ day: formatDate(d.day), events: byDay.get(d.day)?.events ?? 0, users: byDay.get(d.day)?.users ?? 0 }));
  }, [a, feature]);
  return (
    <Stack gap="md">
      <Paper withBorder p="md">
        <Title order={5} mb="sm">
          {t('adoption.features')}
        </Title>
        <AccountFeaturesTable a={a} onChoose={setChosen} />
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>{t('adoption.featureOverTime')}</Title>
          <Select
            size="xs"
            w={220}
            aria-label={t('adoption.feature')}
            data={a.features.map((f) => f.event)}
            value={feature}
            onChange={setChosen}
            allowDeselect={false}
            data-testid="feature-select"
          />
        </Group>
        <LineChart
          h={240}
          data={series}
          dataKey="day"
          series={[
            { name: 'events', label: t('adoption.events'), color: 'teal.6' },
            { name: 'users', label: t('adoption.users'), color: 'blue.6', yAxisId: 'right' },
          ]}
          withRightYAxis
          withLegend
          valueFormatter={(v) => formatNumber(v)}
          curveType="linear"
          withDots={false}
        />
      </Paper>
    </Stack>
  );
}
