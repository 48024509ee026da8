import { Button, Group, SegmentedControl, TagsInput, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterMultiSelect } from '../../components/FilterMultiSelect.tsx';
import { useActiveUsers, useMarkets } from '../../lib/lookups.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import { ACCOUNT_STATUSES, type AccountStatus, type AccountsSearch } from './search.ts';

const FILTER_WIDTH = 184;

function listOrUndefined<T>(values: T[]): T[] | undefined {
  return values.length ? values : undefined;
}

/** Search and filters of the accounts list; every change lands in the URL through `onChange`. */
export function AccountFilters({ search, onChange }: { search: AccountsSearch; onChange: (changes: Partial<AccountsSearch>) => void }) {
  const { t } = useTranslation();
  const markets = useMarkets();
  const users = useActiveUsers();
  const [q, setQ] = useState(search.q ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  // Typing waits for a pause before it filters; a URL change (back button, clear) resets the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text triggers a search
  useEffect(() => {
    if (debouncedQ.trim() !== (search.q ?? '')) onChange({ q: debouncedQ.trim() || undefined });
  }, [debouncedQ]);
  useEffect(() => setQ(search.q ?? ''), [search.q]);

  const hasFilters = !!(
    search.q ||
    search.marketId ||
    search.segment ||
    search.edition ||
    search.ownerUserId ||
    search.lifecycleStage ||
    search.tag ||
    (search.status && search.status !== 'active')
  );

  return (
    <Group gap="xs" align="flex-end">
      <TextInput
        w={240}
        leftSection={<IconSearch size={16} />}
        placeholder={t('account.searchPlaceholder')}
        aria-label={t('common.search')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        data-testid="accounts-search"
      />
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
      {hasFilters ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={() =>
            onChange({
              q: undefined,
              marketId: undefined,
              segment: undefined,
              edition: undefined,
              ownerUserId: undefined,
              lifecycleStage: undefined,
              tag: undefined,
              status: undefined,
            })
          }
        >
          {t('common.clearFilters')}
        </Button>
      ) : null}
    </Group>
  );
}
