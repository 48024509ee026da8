import { Button, Center, Group, Pagination, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconFilterOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '../../lib/search.ts';
import type { List } from './listState.ts';
import { SearchInput } from './SearchInput.tsx';

/** Any list, whatever its filters and sort keys: what the table's frame reads and calls. */
export type AnyList<T> = List<T, unknown, string>;

export interface ListToolbarProps {
  list: AnyList<unknown>;
  /** The search box, bound to the list's words. */
  search?: { placeholder: string; testId?: string; width?: number };
  /** The page's own filters, after the search box. */
  filters?: ReactNode;
  /** Buttons before "Columns" and "Export CSV". */
  actions?: ReactNode;
  chooser?: ReactNode;
  /** The list's export endpoint with the same filters, or a function that builds the CSV in the browser. */
  exportUrl?: string;
  onExport?: () => void;
}

/** Above every list: search, filters, "Clear filters" when something narrows it, then columns and export. */
export function ListToolbar(props: ListToolbarProps) {
  const { t } = useTranslation();
  const { list } = props;
  const exportButton = props.onExport ? (
    <Button variant="default" leftSection={<IconDownload size={16} />} onClick={props.onExport} data-testid="export-csv">
      {t('table.exportCsv')}
    </Button>
  ) : props.exportUrl ? (
    <Button
      component="a"
      href={props.exportUrl}
      download
      variant="default"
      leftSection={<IconDownload size={16} />}
      data-testid="export-csv"
    >
      {t('table.exportCsv')}
    </Button>
  ) : null;
  if (!props.search && !props.filters && !props.actions && !props.chooser && !exportButton) return null;
  // One row that wraps: the search and filters first, the list's buttons at the right end of the last line.
  return (
    <Group gap="xs" align="flex-end" data-testid="list-toolbar">
      {props.search ? (
        <SearchInput
          value={list.q}
          onChange={list.setSearch}
          placeholder={props.search.placeholder}
          width={props.search.width}
          testId={props.search.testId}
        />
      ) : null}
      {props.filters}
      {list.isFiltered ? (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} />}
          onClick={list.clearFilters}
          data-testid="clear-filters"
        >
          {t('common.clearFilters')}
        </Button>
      ) : null}
      <Group gap="xs" wrap="nowrap" ml="auto">
        {props.actions}
        {props.chooser}
        {exportButton}
      </Group>
    </Group>
  );
}

/** The one row of an empty list: "nothing yet" (the page's words), or "nothing matches" with a way back. */
export function ListEmpty({ list, message }: { list: AnyList<unknown>; message?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      {list.isFiltered ? (
        <Stack gap="xs" align="center">
          <Text c="dimmed" data-testid="table-no-matches">
            {t('table.noMatches')}
          </Text>
          <Button size="xs" variant="light" leftSection={<IconFilterOff size={14} />} onClick={list.clearFilters}>
            {t('common.clearFilters')}
          </Button>
        </Stack>
      ) : (
        <Text c="dimmed" data-testid="table-empty">
          {message ?? t('table.empty')}
        </Text>
      )}
    </Center>
  );
}

/** Below every list: "1–50 of 312", page size and pages. */
export function ListFooter({ list }: { list: AnyList<unknown> }) {
  const { t, i18n } = useTranslation();
  const total = list.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / list.pageSize));
  const from = total === 0 ? 0 : (list.page - 1) * list.pageSize + 1;
  const to = Math.min(total, list.page * list.pageSize);
  const numberFormat = new Intl.NumberFormat(i18n.language);
  return (
    <Group justify="space-between" gap="sm">
      <Text size="sm" c="dimmed" data-testid="table-total">
        {t('table.range', {
          from: numberFormat.format(from),
          to: numberFormat.format(to),
          total: numberFormat.format(total),
          count: total,
        })}
      </Text>
      <Group gap="sm">
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c="dimmed">
            {t('table.pageSize')}
          </Text>
          <Select
            size="xs"
            w={80}
            data={PAGE_SIZES.map(String)}
            value={String(list.pageSize)}
            allowDeselect={false}
            onChange={(v) => v && list.setPageSize(Number(v))}
            aria-label={t('table.pageSize')}
          />
        </Group>
        <Pagination size="sm" total={pageCount} value={Math.min(list.page, pageCount)} onChange={list.setPage} withEdges={pageCount > 5} />
      </Group>
    </Group>
  );
}
