import { SegmentedControl, TagsInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import { ACCOUNT_STATUSES, type AccountStatus, type AccountsSearch } from './search.ts';

const FILTER_WIDTH = 184;

function listOrUndefined<T>(values: T[]): T[] | undefined {
  return values.length ? values : undefined;
}

type Filters = Omit<AccountsSearch, 'q' | 'page' | 'pageSize' | 'sort' | 'order'>;

/** The accounts list's own filters (the search box and "Clear filters" are the list's); changes land in the URL. */
export function AccountFilters({ filters: search, onChange }: { filters: Filters; onChange: (changes: Partial<Filters>) => void }) {
  const { t } = useTranslation();
  const markets = useMarkets();
  const users = useActiveUsers();

  return (
    <>
      <FilterMultiSelect
        label={t('account.fields.market')}
        data={(markets.data ?? []).map((m) => ({ value: m.id, label: m.name }))}
        value={search.marketId}
        onChange={(v) => onChange({ marketId: v })}
        testId="filter-marketId"
      />
      <FilterMultiSelect
        label={t('account.fields.segment')}
        data={SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
        value={search.segment}
        onChange={(v) => onChange({ segment: v })}
        testId="filter-segment"
      />
      <FilterMultiSelect
        label={t('account.fields.edition')}
        data={EDITIONS.map((s) => ({ value: s, label: t(`account.edition.${s}`) }))}
        value={search.edition}
        onChange={(v) => onChange({ edition: v })}
        testId="filter-edition"
      />
      <FilterMultiSelect
        label={t('account.fields.owner')}
        data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        value={search.ownerUserId}
        onChange={(v) => onChange({ ownerUserId: v })}
        searchable
        testId="filter-ownerUserId"
      />
      <FilterMultiSelect
        label={t('account.fields.lifecycleStage')}
        data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`account.lifecycle.${s}`) }))}
        value={search.lifecycleStage}
        onChange={(v) => onChange({ lifecycleStage: v })}
        testId="filter-lifecycleStage"
      />
      <TagsInput
        w={FILTER_WIDTH}
        placeholder={t('account.fields.tags')}
        aria-label={t('account.fields.tags')}
        value={search.tag ?? []}
        onChange={(v) => onChange({ tag: listOrUndefined(v) })}
        styles={{ pillsList: { flexWrap: 'nowrap', overflow: 'hidden' } }}
        clearable
      />
      <SegmentedControl
        size="sm"
        value={search.status ?? 'active'}
        onChange={(v) => onChange({ status: v === 'active' ? undefined : (v as AccountStatus) })}
        data={ACCOUNT_STATUSES.map((s) => ({ value: s, label: t(`account.status.${s}`) }))}
        aria-label={t('account.statusFilter')}
      />
    </>
  );
}
