import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { MonthPickerInput } from '@mantine/dates';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { EDITIONS, SEGMENTS } from '../../lib/types.ts';
import { usePlanOptions } from '../subscriptions/index.ts';
import type { RevenueSearch } from './search.ts';
import { GRANULARITIES, GROUP_BYS, type Granularity, type GroupBy } from './types.ts';

const toMonth = (v: string | null) => (v ? v.slice(0, 7) : undefined);

/**
 * Period (from/to months, granularity), segment filters and "group by" of the revenue dashboard. Memoised: it
 * re-renders when the URL or its lists change, not when the figures arrive.
 */
export const RevenueFilters = memo(function RevenueFilters({
  search,
  onChange,
}: {
  search: RevenueSearch & { from: string; to: string; by: Granularity };
  onChange: (changes: Partial<RevenueSearch>) => void;
}) {
  const { t } = useTranslation();
  const markets = useMarkets();
  const users = useActiveUsers();
  const plans = usePlanOptions();
  return (
    <Group gap="xs" align="flex-end" data-testid="revenue-filters">
      <MonthPickerInput
        label={t('revenue.filters.from')}
        value={`${search.from}-01`}
        onChange={(v) => onChange({ from: toMonth(v) })}
        valueFormat="MMM YYYY"
        w={130}
        maxDate={`${search.to}-01`}
        data-testid="from-month"
      />
      <MonthPickerInput
        label={t('revenue.filters.to')}
        value={`${search.to}-01`}
        onChange={(v) => onChange({ to: toMonth(v) })}
        valueFormat="MMM YYYY"
        w={130}
        minDate={`${search.from}-01`}
        data-testid="to-month"
      />
      <SegmentedControl
        aria-label={t('revenue.filters.by')}
        value={search.by}
        onChange={(v) => onChange({ by: v as Granularity })}
        data={GRANULARITIES.map((g) => ({ value: g, label: t(`revenue.granularity.${g}`) }))}
      />
      <Select
        label={t('revenue.filters.market')}
        data={(markets.data ?? []).map((m) => ({ value: m.code, label: m.name }))}
        value={search.market ?? null}
        onChange={(v) => onChange({ market: v ?? undefined })}
        clearable
        searchable
        w={140}
      />
      <Select
        label={t('revenue.filters.edition')}
        data={EDITIONS.map((e) => ({ value: e, label: t(`account.edition.${e}`) }))}
        value={search.edition ?? null}
        onChange={(v) => onChange({ edition: v ?? undefined })}
        clearable
        w={140}
      />
      <Select
        label={t('revenue.filters.segment')}
        data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
        value={search.segment ?? null}
        onChange={(v) => onChange({ segment: v ?? undefined })}
        clearable
        w={140}
      />
      <Select
        label={t('revenue.filters.owner')}
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={search.owner ?? null}
        onChange={(v) => onChange({ owner: v ?? undefined })}
        clearable
        searchable
        w={160}
      />
      {plans.data?.length ? (
        <Select
          label={t('revenue.filters.plan')}
          data={plans.data.filter((p) => p.code).map((p) => ({ value: p.code as string, label: p.name }))}
          value={search.plan ?? null}
          onChange={(v) => onChange({ plan: v ?? undefined })}
          clearable
          searchable
          w={170}
        />
      ) : (
        <TextInput
          label={t('revenue.filters.plan')}
          placeholder={t('revenue.filters.planPlaceholder')}
          defaultValue={search.plan ?? ''}
          onBlur={(e) => onChange({ plan: e.currentTarget.value.trim() || undefined })}
          w={110}
        />
      )}
      <TextInput
        label={t('revenue.filters.tag')}
        defaultValue={search.tag ?? ''}
        // Only a changed tag changes the URL (leaving the field unchanged must not re-render and scroll the page).
        onBlur={(e) => {
          const tag = e.currentTarget.value.trim() || undefined;
          if (tag !== search.tag) onChange({ tag });
        }}
        w={110}
      />
      <Select
        label={t('revenue.filters.groupBy')}
        placeholder={t('revenue.filters.noGrouping')}
        data={GROUP_BYS.map((g) => ({ value: g, label: t(`revenue.groupBy.${g}`) }))}
        value={search.groupBy ?? null}
        onChange={(v) => onChange({ groupBy: (v as GroupBy | null) ?? undefined })}
        clearable
        w={150}
      />
    </Group>
  );
});
