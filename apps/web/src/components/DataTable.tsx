import {
  Box,
  Button,
  Center,
  Group,
  Pagination,
  Paper,
  Progress,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp, IconDownload } from '@tabler/icons-react';
import { type ColumnDef, flexRender, getCoreRowModel, type Row, useReactTable, type VisibilityState } from '@tanstack/react-table';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PAGE_SIZES } from '../lib/search.ts';
import { ColumnChooser, useColumnSettings } from './ColumnChooser.tsx';
import './DataTable.css';

export type SortOrder = 'asc' | 'desc';

const NONE: readonly string[] = [];

/** Column extras: width, alignment, `noWrap` for short values, `sticky` for the column that stays in view. */
export interface DataColumnMeta {
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  noWrap?: boolean;
  /** Stays at the left edge while a wide table scrolls sideways; also never hidden by the column chooser. */
  sticky?: boolean;
  /** The column's name in the column chooser when its header is not plain text. */
  label?: string;
}

export type DataColumn<T> = ColumnDef<T> & { meta?: DataColumnMeta };

export interface DataTableProps<T> {
  columns: DataColumn<T>[];
  data: T[] | undefined;
  total: number | undefined;
  getRowId: (row: T) => string;
  isLoading?: boolean;
  isFetching?: boolean;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  /** The server-side sort key; a column sorts when its `id` is a sort key and `enableSorting` is true. */
  sort?: string;
  order?: SortOrder;
  onSortChange?: (sort: string, order: SortOrder) => void;
  /** Filters and search, shown above the table. */
  toolbar?: ReactNode;
  /** Extra buttons beside "Export CSV". */
  actions?: ReactNode;
  /** The list's export endpoint with the same filters; the button is hidden without it. */
  exportUrl?: string;
  /** For lists held whole in the browser: builds and downloads the CSV itself (see lib/csv.ts). */
  onExport?: () => void;
  /**
   * Offers a column chooser (show/hide, compact rows), remembered in this browser under `storageKey`
   * (include the user id). Columns in `defaultHidden` start hidden.
   */
  columnSettings?: { storageKey: string; defaultHidden?: readonly string[] };
  onRowClick?: (row: T) => void;
  emptyMessage?: ReactNode;
  /** data-testid of the table, rows get `${testId}-row`. */
  testId?: string;
}

/** Room below the table for the pagination row and the page's bottom padding. */
const BELOW_TABLE = 64;

/**
 * The table's height so that it ends above the pagination at the bottom of the window: a wide list
 * then scrolls inside its frame, keeping the header and the sideways scrollbar on screen.
 */
function useFitToWindow(enabled: boolean) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [maxHeight, setMaxHeight] = useState<number>();
  const [windowHeight, setWindowHeight] = useState(() => window.innerHeight);
  useEffect(() => {
    if (!enabled) return;
    const onResize = () => setWindowHeight(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [enabled]);
  // After every render: the filters above may have wrapped onto another line (a language switch, a chosen value).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!enabled || !el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    setMaxHeight(Math.max(320, Math.round(windowHeight - top - BELOW_TABLE)));
  });
  return { scrollRef, maxHeight: enabled ? maxHeight : undefined };
}

function SortIcon({ active, order }: { active: boolean; order?: SortOrder }) {
  if (!active) return <IconArrowsSort size={13} opacity={0.35} />;
  return order === 'desc' ? <IconArrowDown size={13} /> : <IconArrowUp size={13} />;
}

/**
 * A server-paged list: sorting by column header, pagination with page size, total count, CSV export
 * and loading/empty states. The page owns the state (usually in the URL) and fetches the rows.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const { columns, data, total = 0, page, pageSize, sort, order = 'asc', onSortChange } = props;
  const settings = useColumnSettings(props.columnSettings?.storageKey ?? '', props.columnSettings?.defaultHidden ?? NONE);
  const withChooser = !!props.columnSettings;
  const dense = withChooser && settings.dense;
  const columnOptions = useMemo(
    () =>
      columns.map((c) => {
        const meta = c.meta as DataColumnMeta | undefined;
        return { id: c.id ?? '', label: meta?.label ?? (typeof c.header === 'string' ? c.header : (c.id ?? '')), required: !!meta?.sticky };
      }),
    [columns],
  );
  const columnVisibility = useMemo<VisibilityState>(
    () => (withChooser ? Object.fromEntries(columnOptions.map((c) => [c.id, c.required || settings.isVisible(c.id)])) : {}),
    [withChooser, columnOptions, settings.isVisible],
  );

  const table = useReactTable<T>({
    data: data ?? [],
    columns,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: { sorting: sort ? [{ id: sort, desc: order === 'desc' }] : [], columnVisibility },
  });
  const visibleColumnCount = table.getVisibleLeafColumns().length;
  const { scrollRef, maxHeight } = useFitToWindow(withChooser);

  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const numberFormat = new Intl.NumberFormat(i18n.language);
  const showSkeleton = props.isLoading && !data;

  const toggleSort = (columnId: string) => {
    if (!onSortChange) return;
    onSortChange(columnId, sort === columnId && order === 'asc' ? 'desc' : 'asc');
  };

  const renderRow = (row: Row<T>) => (
    <Table.Tr
      key={row.id}
      data-testid={props.testId ? `${props.testId}-row` : undefined}
      onClick={props.onRowClick ? () => props.onRowClick?.(row.original) : undefined}
      style={props.onRowClick ? { cursor: 'pointer' } : undefined}
    >
      {row.getVisibleCells().map((cell) => {
        const meta = cell.column.columnDef.meta as DataColumnMeta | undefined;
        return (
          <Table.Td
            key={cell.id}
            ta={meta?.align}
            className={meta?.sticky ? 'c365-sticky-col' : undefined}
            style={meta?.noWrap || meta?.sticky ? { whiteSpace: 'nowrap' } : undefined}
          >
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </Table.Td>
        );
      })}
    </Table.Tr>
  );

  return (
    <Stack gap="sm">
      {props.toolbar || props.exportUrl || props.onExport || props.actions || withChooser ? (
        <Group justify="space-between" align="flex-end" gap="sm" wrap="nowrap">
          <Box style={{ flex: 1, minWidth: 0 }}>{props.toolbar}</Box>
          <Group gap="xs" wrap="nowrap">
            {props.actions}
            {withChooser ? <ColumnChooser columns={columnOptions} settings={settings} /> : null}
            {props.onExport ? (
              <Button variant="default" leftSection={<IconDownload size={16} />} onClick={props.onExport} data-testid="export-csv">
                {t('table.exportCsv')}
              </Button>
            ) : null}
            {props.exportUrl ? (
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
            ) : null}
          </Group>
        </Group>
      ) : null}
      <Paper withBorder pos="relative" style={{ overflow: 'hidden' }}>
        {props.isFetching && !showSkeleton ? (
          <Progress value={100} animated size={2} pos="absolute" top={0} left={0} right={0} radius={0} />
        ) : null}
        {/* A wide list scrolls inside its frame, so the sideways scrollbar and the header stay on screen. */}
        <Table.ScrollContainer ref={scrollRef} minWidth={720} type="native" maxHeight={maxHeight}>
          <Table
            striped
            highlightOnHover={!!props.onRowClick}
            stickyHeader
            verticalSpacing={dense ? 4 : undefined}
            fz={dense ? 'sm' : undefined}
            data-dense={dense || undefined}
            data-testid={props.testId}
          >
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta as DataColumnMeta | undefined;
                    // Sorting happens on the server, so a column needs no accessor to sort: `enableSorting: true` is enough
                    // (TanStack's getCanSort() would also demand an accessor and hide every header button).
                    const sortable = header.column.columnDef.enableSorting === true && !!onSortChange;
                    const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                    const active = sort === header.column.id;
                    return (
                      <Table.Th
                        key={header.id}
                        w={meta?.width}
                        ta={meta?.align}
                        className={meta?.sticky ? 'c365-sticky-col' : undefined}
                        style={{ whiteSpace: 'nowrap' }}
                        aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
                      >
                        {sortable ? (
                          <UnstyledButton
                            onClick={() => toggleSort(header.column.id)}
                            fw={600}
                            fz="sm"
                            data-testid={`sort-${header.column.id}`}
                          >
                            <Group gap={4} wrap="nowrap">
                              {label}
                              <SortIcon active={active} order={order} />
                            </Group>
                          </UnstyledButton>
                        ) : (
                          label
                        )}
                      </Table.Th>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {showSkeleton
                ? Array.from({ length: 8 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
                    <Table.Tr key={i}>
                      {table.getVisibleLeafColumns().map((_c, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
                        <Table.Td key={j}>
                          <Skeleton h={14} my={3} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))
                : table.getRowModel().rows.map(renderRow)}
              {!showSkeleton && data && data.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={visibleColumnCount}>
                    <Center py="xl">
                      <Text c="dimmed" data-testid="table-empty">
                        {props.emptyMessage ?? t('table.empty')}
                      </Text>
                    </Center>
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
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
          {props.onPageSizeChange ? (
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t('table.pageSize')}
              </Text>
              <Select
                size="xs"
                w={80}
                data={PAGE_SIZES.map(String)}
                value={String(pageSize)}
                allowDeselect={false}
                onChange={(v) => v && props.onPageSizeChange?.(Number(v))}
                aria-label={t('table.pageSize')}
              />
            </Group>
          ) : null}
          <Pagination
            size="sm"
            total={pageCount}
            value={Math.min(page, pageCount)}
            onChange={props.onPageChange}
            withEdges={pageCount > 5}
          />
        </Group>
      </Group>
    </Stack>
  );
}
