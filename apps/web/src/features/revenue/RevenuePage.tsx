import { Alert, Anchor, Group, Progress, Skeleton, Stack } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { AfterPaint } from '../../components/AfterPaint.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { buildUrl } from '../../lib/api.ts';
import { ChurnReasons } from './ChurnReasons.tsx';
import { DrillDown } from './DrillDown.tsx';
import { FiguresTable } from './FiguresTable.tsx';
import type { FigureKey } from './figures.ts';
import { KpiCards } from './KpiCards.tsx';
import { seriesQuery } from './queries.ts';
import { ChartsGrid } from './RevenueCharts.tsx';
import { RevenueFilters } from './RevenueFilters.tsx';
import { filtersOf, type RevenueSearch, withDefaults } from './search.ts';
import type { Movement, PeriodMetrics } from './types.ts';

const route = getRouteApi('/app/revenue');

/**
 * The revenue dashboard: key figures against the previous period, MRR trend, movements, rates, and
 * every figure per period; each movement opens the accounts and subscription changes behind it.
 */
export function RevenuePage() {
  const { t } = useTranslation();
  const raw = route.useSearch();
  // Stable while the URL is: the filters (eight inputs) then skip re-rendering when the figures arrive.
  const search = useMemo(() => withDefaults(raw), [raw]);
  const navigate = useNavigate({ from: '/revenue' });
  const canConfigure = useCan('metrics:configure');
  const [drill, setDrill] = useState<{ period: PeriodMetrics; type: Movement } | null>(null);
  const [highlight, setHighlight] = useState<FigureKey | null>(null);
  const filters = filtersOf(search);
  const series = useQuery({ ...seriesQuery(raw), placeholderData: keepPreviousData });
  const update = useCallback(
    (changes: Partial<RevenueSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }), replace: true }),
    [navigate],
  );
  const pick = useCallback((period: PeriodMetrics, type: Movement) => setDrill({ period, type }), []);
  const data = series.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.revenue')}
        subtitle={t('revenue.subtitle', { currency: data?.currency ?? '…' })}
        actions={
          canConfigure ? (
            <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/revenue-settings" />}>
              <Group gap={4}>
                <IconSettings size={16} />
                {t('revenue.settings.title')}
              </Group>
            </Anchor>
          ) : null
        }
      />
      <RevenueFilters search={search} onChange={update} />
      {series.isFetching ? <Progress value={100} animated size={2} /> : null}
      {series.error ? <RouteError error={series.error} reset={() => void series.refetch()} /> : null}
      {data?.missingRates.length ? (
        <Alert color="yellow" data-testid="missing-rates">
          {t('revenue.missingRates', { currencies: data.missingRates.join(', ') })}
        </Alert>
      ) : null}
      <KpiCards
        periods={data?.periods ?? []}
        currency={data?.currency ?? 'EUR'}
        loading={series.isLoading}
        onPick={(key) => {
          setHighlight(key);
          document.querySelector(`[data-testid="figure-${key}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
        }}
      />
      {data ? (
        <>
          <ChartsGrid series={data} onPick={pick} />
          {/* Below the fold: rendered once the figures above are painted. */}
          <AfterPaint height={300}>
            <ChurnReasons from={search.from} to={search.to} />
            <FiguresTable
              series={data}
              highlight={highlight}
              onPick={pick}
              exportUrl={buildUrl('/api/v1/metrics/mrr.csv', { ...filters, from: search.from, to: search.to, by: search.by })}
            />
          </AfterPaint>
        </>
      ) : (
        <Skeleton h={520} />
      )}
      <DrillDown target={drill} filters={filters} currency={data?.currency ?? 'EUR'} onClose={() => setDrill(null)} />
    </Stack>
  );
}
