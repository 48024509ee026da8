import { Group, Paper, Progress, Skeleton, Stack, Table, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react';
import {
  type CellContext,
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type Row,
  useReactTable,
  type VisibilityState,
} from '@tanstack/react-table';
import { type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../lib/format.ts';
import { ColumnChooser, useColumnSettings } from './ColumnChooser.tsx';
import { type AnyList, ListEmpty, ListFooter, ListToolbar, type ListToolbarProps } from './list/ListParts.tsx';
import type { SortOrder } from './list/listState.ts';
import './DataTable.css';

export type { SortOrder };

const NONE: readonly string[] = [];

/** A column without its own `cell` prints its value; a number in the UI language's format (1,250 or 1.250). */
const defaultColumn = {
  cell: (ctx: CellContext<unknown, unknown>) => {
    const value = ctx.getValue();
    return typeof value === 'number' ? formatNumber(value) : (value as ReactNode);
  },
};

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

export interface DataTableProps<T> extends Omit<ListToolbarProps, 'list' | 'chooser'> {
  columns: DataColumn<T>[];
  /** The list's controls and current rows, from `useServerList` or `useLocalList` (components/list/listState.ts). */
  list: AnyList<T>;
  getRowId: (row: T) => string;
  /**
   * Offers a column chooser (show/hide, compact rows), remembered in this browser under `storageKey`
   * (include the user id). Columns in `defaultHidden` start hidden.
   */
  columnSettings?: { storageKey: string; defaultHidden?: readonly string[] };
  onRowClick?: (row: T) => void;
  /** Shown when the list is empty and nothing is filtered out; a filtered empty list says "nothing matches". */
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
 * Every list page's table: search box and filters, sorting by column header, column chooser, CSV export,
 * paging with page size and total, loading, empty and "nothing matches" states. The page builds its
 * `list` with `useListState`/`urlListControls` and `useServerList`/`useLocalList`.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, list } = props;
  const { rows: data, total = 0, sort, order } = list;
  const settings = useColumnSettings(props.columnSettings?.storageKey ?? '', props.columnSettings?.defaultHidden ?? NONE);
  const withChooser = !!props.columnSettings;
  const dense = withChooser && settings.dense;
  const columnOptions = useMemo(
    () =>
      columns.map((c) => {
        const meta = c.meta as DataColumnMeta | undefined;
        const label = meta?.label ?? (typeof c.header === 'string' ? c.header : (c.id ?? ''));
        // A column without a name (the row's action buttons) is always shown and not offered for hiding.
        return { id: c.id ?? '', label, required: !!meta?.sticky || !label };
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
    defaultColumn: defaultColumn as Partial<ColumnDef<T>>,
    getRowId: props.getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    state: { sorting: sort ? [{ id: sort, desc: order === 'desc' }] : [], columnVisibility },
  });
  const visibleColumnCount = table.getVisibleLeafColumns().length;
  const { scrollRef, maxHeight } = useFitToWindow(withChooser);

  const showSkeleton = list.isLoading && !data;

  const toggleSort = (columnId: string) => list.setSort(columnId, sort === columnId && order === 'asc' ? 'desc' : 'asc');

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
      <ListToolbar
        list={list}
        search={props.search}
        filters={props.filters}
        actions={props.actions}
        chooser={withChooser ? <ColumnChooser columns={columnOptions.filter((c) => c.label)} settings={settings} /> : null}
        exportUrl={props.exportUrl}
        onExport={props.onExport}
      />
      <Paper withBorder pos="relative" style={{ overflow: 'hidden' }}>
        {list.isFetching && !showSkeleton ? (
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
            className="c365-data-table"
            data-testid={props.testId}
          >
            <Table.Thead>
              {table.getHeaderGroups().map((group) => (
                <Table.Tr key={group.id}>
                  {group.headers.map((header) => {
                    const meta = header.column.columnDef.meta as DataColumnMeta | undefined;
                    // Sorting happens on the server, so a column needs no accessor to sort: `enableSorting: true` is enough
                    // (TanStack's getCanSort() would also demand an accessor and hide every header button).
                    const sortable = header.column.columnDef.enableSorting === true;
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
                    <ListEmpty list={list} message={props.emptyMessage} />
                  </Table.Td>
                </Table.Tr>
              ) : null}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <ListFooter list={list} />
    </Stack>
  );
}
