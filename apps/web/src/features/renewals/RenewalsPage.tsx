import { Group, Progress, SegmentedControl, Select, Skeleton, Stack, Text } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RouteError } from '../../components/RouteError.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { SEGMENTS } from '../../lib/types.ts';
import { renewalKeys } from './queryKeys.ts';
import { RenewalCharts } from './RenewalCharts.tsx';
import { RenewalTable } from './RenewalTable.tsx';
import { RenewalTermsDrawer } from './RenewalTermsDrawer.tsx';
import { RENEWAL_GRANULARITIES, type RenewalsSearch, withDefaults } from './search.ts';
import type { RenewalGranularity, RenewalTermOutcome } from './types.ts';

const route = getRouteApi('/app/renewals');
const toMonth = (v: string | null) => (v ? v.slice(0, 7) : undefined);

/**
 * The renewal report (METRICS.md, "Renewal metrics"): per period the terms that came due and what followed them,
 * as charts (rates, ARR due against renewed) and a table whose counts open the terms behind them.
 */
export function RenewalsPage() {
  const { t } = useTranslation();
  const raw = route.useSearch();
  const search = useMemo(() => withDefaults(raw), [raw]);
  const navigate = useNavigate({ from: '/renewals' });
  const markets = useMarkets();
  const users = useActiveUsers();
  const [drill, setDrill] = useState<{ period: string; outcome: RenewalTermOutcome | undefined } | null>(null);
  const update = useCallback(
    (changes: Partial<RenewalsSearch>) => navigate({ search: (prev) => ({ ...prev, ...changes }), replace: true }),
    [navigate],
  );
  const filters = { owner: search.owner, segment: search.segment, market: search.market };
  const query = { ...filters, from: search.from, to: search.to, by: search.by };
  const report = useQuery({
    queryKey: renewalKeys.report(query),
    queryFn: async () => unwrap(await api.GET('/api/v1/renewals/report', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const data = report.data;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.renewalReport')}
        subtitle={data ? t('renewal.subtitle', { currency: data.currency, days: data.graceDays }) : undefined}
      />
      <Group gap="xs" align="flex-end" data-testid="renewal-filters">
        <MonthPickerInput
          label={t('renewal.filters.from')}
          value={`${search.from}-01`}
          onChange={(v) => update({ from: toMonth(v) })}
          valueFormat="MMM YYYY"
          w={130}
          maxDate={`${search.to}-01`}
        />
        <MonthPickerInput
          label={t('renewal.filters.to')}
          value={`${search.to}-01`}
          onChange={(v) => update({ to: toMonth(v) })}
          valueFormat="MMM YYYY"
          w={130}
          minDate={`${search.from}-01`}
        />
        <SegmentedControl
          aria-label={t('renewal.filters.by')}
          value={search.by}
          onChange={(v) => update({ by: v as RenewalGranularity })}
          data={RENEWAL_GRANULARITIES.map((g) => ({ value: g, label: t(`renewal.granularity.${g}`) }))}
        />
        <Select
          label={t('renewal.filters.owner')}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          value={search.owner ?? null}
          onChange={(v) => update({ owner: v ?? undefined })}
          clearable
          searchable
          w={170}
        />
        <Select
          label={t('renewal.filters.segment')}
          data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
          value={search.segment ?? null}
          onChange={(v) => update({ segment: v ?? undefined })}
          clearable
          w={150}
        />
        <Select
          label={t('renewal.filters.market')}
          data={(markets.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
          value={search.market ?? null}
          onChange={(v) => update({ market: v ?? undefined })}
          clearable
          searchable
          w={150}
        />
      </Group>
      {report.isFetching ? <Progress value={100} animated size={2} /> : null}
      {report.error ? <RouteError error={report.error} reset={() => void report.refetch()} /> : null}
      {data ? (
        <>
          <RenewalCharts report={data} />
          <RenewalTable report={data} onPick={(p, outcome) => setDrill({ period: p.period, outcome })} />
          <Text size="xs" c="dimmed">
            {t('renewal.explain', { days: data.graceDays })}
          </Text>
        </>
      ) : (
        <Skeleton h={520} />
      )}
      <RenewalTermsDrawer target={drill} filters={filters} currency={data?.currency ?? 'EUR'} onClose={() => setDrill(null)} />
    </Stack>
  );
}
