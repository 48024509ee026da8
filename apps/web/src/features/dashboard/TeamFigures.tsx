import { BarChart } from '@mantine/charts';
import { Anchor, Group, Paper, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatPercent } from '../../lib/money.ts';
import { FigureCard } from './FigureCard.tsx';

/** This year's renewal rate (by count and net value) over the terms that fell due from January to this month. */
function RenewalRate() {
  const { t } = useTranslation();
  const from = dayjs().format('YYYY-01');
  const to = dayjs().format('YYYY-MM');
  const report = useQuery({
    queryKey: ['dashboard', 'team', 'renewals', from, to],
    queryFn: async () => unwrap(await api.GET('/api/v1/renewals/report', { params: { query: { from, to, by: 'year' } } })),
  });
  const year = report.data?.periods[0];
  return (
    <FigureCard
      testId="team-renewal-rate"
      label={t('dashboard.team.renewalRate', { year: dayjs().year() })}
      value={report.data ? formatPercent(year?.renewalRateCount ?? null, 0) : undefined}
      link={{ to: '/renewals', search: { from, to } }}
    >
      {year ? (
        <Text size="xs" c="dimmed">
          {t('dashboard.team.renewalRateHint', { renewed: year.renewed, due: year.due, net: formatPercent(year.renewalRateValueNet, 0) })}
        </Text>
      ) : null}
    </FigureCard>
  );
}

/** The unhealthy share of scored customers against the organisation's target. */
function UnhealthyShare() {
  const { t } = useTranslation();
  const portfolio = useQuery({
    queryKey: ['dashboard', 'team', 'portfolio'],
    queryFn: async () => unwrap(await api.GET('/api/v1/health/portfolio', { params: { query: { by: 'month', periods: 2 } } })),
  });
  const pct = portfolio.data?.current.unhealthyPct ?? null;
  const target = portfolio.data?.targetPct;
  const over = pct !== null && target !== undefined && pct > target;
  return (
    <FigureCard
      testId="team-unhealthy"
      label={t('dashboard.team.unhealthy')}
      value={portfolio.data ? formatPercent(pct === null ? null : pct / 100, 0) : undefined}
      link={{ to: '/health/portfolio' }}
    >
      {target !== undefined ? (
        <Stack gap={4} mt={4}>
          <Progress value={Math.min(100, pct ?? 0)} color={over ? 'red' : 'teal'} size="sm" />
          <Text size="xs" c={over ? 'red' : 'dimmed'}>
            {t('dashboard.team.target', { target: formatPercent(target / 100, 0) })}
          </Text>
        </Stack>
      ) : null}
    </FigureCard>
  );
}

/** Open and overdue tasks per person, the busiest first. */
function Workload() {
  const { t } = useTranslation();
  const workload = useQuery({
    queryKey: ['dashboard', 'team', 'workload'],
    queryFn: async () => unwrap(await api.GET('/api/v1/tasks/workload')),
  });
  const data = (workload.data?.items ?? [])
    .filter((w) => w.open > 0)
    .sort((a, b) => b.open - a.open)
    .slice(0, 8)
    .map((w) => ({ name: w.name, open: w.open - w.overdue, overdue: w.overdue }));
  return (
    <Paper withBorder p="md" data-testid="team-workload" style={{ gridColumn: 'span 2' }}>
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          {t('dashboard.team.workload')}
        </Title>
        <Anchor size="sm" renderRoot={(p) => <Link {...p} to="/tasks" search={{ view: 'team' }} />}>
          {t('dashboard.day.seeAll')}
        </Anchor>
      </Group>
      {workload.data ? (
        data.length ? (
          <BarChart
            h={Math.max(140, data.length * 40 + 50)}
            data={data}
            dataKey="name"
            orientation="vertical"
            type="stacked"
            yAxisProps={{ width: 130, interval: 0 }}
            withLegend
            series={[
              { name: 'overdue', label: t('dashboard.team.overdue'), color: 'red.6' },
              { name: 'open', label: t('dashboard.team.open'), color: 'indigo.4' },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('dashboard.team.noWorkload')}
          </Text>
        )
      ) : (
        <Skeleton h={120} />
      )}
    </Paper>
  );
}

/** What a manager watches: the renewal rate, the unhealthy share against the target, and the team's workload. */
export function TeamFigures() {
  const { t } = useTranslation();
  const canManage = useCan('task:manage');
  const canRenewals = useCan('renewal:read');
  const canHealth = useCan('health:read');
  if (!canManage) return null;
  return (
    <Stack gap="xs" data-testid="team-figures">
      <Title order={2} fz="lg">
        {t('dashboard.team.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md" style={{ alignItems: 'start' }}>
        {canRenewals ? <RenewalRate /> : null}
        {canHealth ? <UnhealthyShare /> : null}
        <Workload />
      </SimpleGrid>
    </Stack>
  );
}
