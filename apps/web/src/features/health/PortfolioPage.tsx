import { LineChart } from '@mantine/charts';
import { Badge, Grid, Group, Paper, SegmentedControl, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { formatDecimal, formatPeriod } from '../../lib/money.ts';
import { PortfolioBreakdown } from './PortfolioBreakdown.tsx';
import { LowActivityList, PoorHealthList } from './PortfolioLists.tsx';
import { pct } from './portfolioFormat.ts';
import { healthKeys } from './queryKeys.ts';
import type { Portfolio } from './types.ts';

/**
 * Portfolio health: the unhealthy share of the scored customers now against the organisation's target, its trend by
 * month or week, the share by CSM, segment and market, and the poor-health and low-activity accounts to act on.
 */
export function PortfolioPage(): ReactElement {
  const { t } = useTranslation();
  const [by, setBy] = useState<'month' | 'week'>('month');
  const portfolio = useQuery({
    queryKey: healthKeys.portfolio(by),
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/health/portfolio', { params: { query: { by, periods: by === 'month' ? 12 : 16 } } })),
  });
  const p = portfolio.data;
  return (
    <Stack>
      <PageHeader title={t('health.portfolio.title')} subtitle={t('health.portfolio.subtitle')} />
      <Grid>
        <Grid.Col span={{ base: 12, lg: 4 }}>{p ? <ShareFigure p={p} /> : <Skeleton h={300} />}</Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder p="md" h="100%" data-testid="portfolio-trend">
            <Group justify="space-between" mb="sm">
              <Text fw={600} size="sm">
                {t('health.portfolio.trend')}
              </Text>
              <SegmentedControl
                size="xs"
                value={by}
                onChange={(v) => setBy(v as 'month' | 'week')}
                data={[
                  { value: 'month', label: t('health.portfolio.byMonth') },
                  { value: 'week', label: t('health.portfolio.byWeek') },
                ]}
              />
            </Group>
            {p ? <TrendChart p={p} by={by} /> : <Skeleton h={240} />}
          </Paper>
        </Grid.Col>
      </Grid>
      {p ? <PortfolioBreakdown p={p} /> : null}
      <Tabs defaultValue="poor" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="poor" data-testid="tab-poor-health">
            {t('health.portfolio.poorHealth', { count: p?.current.unhealthy ?? 0 })}
          </Tabs.Tab>
          <Tabs.Tab value="low" data-testid="tab-low-activity">
            {t('health.portfolio.lowActivityTab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="poor" pt="sm">
          <PoorHealthList />
        </Tabs.Panel>
        <Tabs.Panel value="low" pt="sm">
          <LowActivityList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The big figure: the unhealthy share now, the target, how far off, and what it counts. */
function ShareFigure({ p }: { p: Portfolio }): ReactElement {
  const { t } = useTranslation();
  const share = p.current.unhealthyPct;
  const over = share === null ? null : Math.round((share - p.targetPct) * 10) / 10;
  return (
    <Paper withBorder p="md" h="100%" data-testid="portfolio-figure">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('health.portfolio.unhealthyNow')}
        </Text>
        <Title order={1} fz={56} c={over !== null && over > 0 ? 'red.7' : 'teal.7'} data-testid="unhealthy-share">
          {pct(share)}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray" size="lg">
            {t('health.portfolio.target', { target: pct(p.targetPct) })}
          </Badge>
          {over !== null ? (
            <Badge variant="light" color={over > 0 ? 'red' : 'teal'} size="lg">
              {over > 0 ? t('health.portfolio.aboveTarget', { points: formatDecimal(over, 1) }) : t('health.portfolio.atTarget')}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">
          {share === null
            ? t('health.portfolio.noneScored')
            : t('health.portfolio.ofScored', { unhealthy: p.current.unhealthy, scored: p.current.scored })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('health.portfolio.definition')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** The share per period with the target as a line: is it coming down to the target? */
function TrendChart({ p, by }: { p: Portfolio; by: 'month' | 'week' }): ReactElement {
  const { t } = useTranslation();
  const data = useMemo(
    () =>
      p.trend.map((x) => ({
        period: by === 'month' ? formatPeriod(x.period) : formatDate(x.period),
        share: x.unhealthyPct,
      })),
    [p, by],
  );
  // Quarters of 100 % as ticks, up to the first above the highest point or the target.
  const top = Math.min(100, Math.ceil((Math.max(p.targetPct, ...p.trend.map((x) => x.unhealthyPct ?? 0)) + 5) / 25) * 25);
  const ticks = [0, 25, 50, 75, 100].filter((v) => v <= top);
  return (
    <LineChart
      h={240}
      data={data}
      dataKey="period"
      series={[{ name: 'share', label: t('health.portfolio.share'), color: 'red.6' }]}
      referenceLines={[{ y: p.targetPct, label: t('health.portfolio.target', { target: pct(p.targetPct) }), color: 'teal.7' }]}
      yAxisProps={{ domain: [0, top], ticks }}
      valueFormatter={(v) => pct(v)}
      connectNulls={false}
      curveType="linear"
      xAxisProps={{ interval: data.length <= 12 ? 0 : Math.ceil(data.length / 8) - 1 }}
    />
  );
}
