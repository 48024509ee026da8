import { MultiSelect, Text } from '@mantine/core';

/**
 * A list filter that picks several values but stays one line high: instead of a pill per value it
 * shows the one chosen value, or the filter's name with a count, so the filter bar never reflows.
 */
export function FilterMultiSelect<V extends string>(props: {
  label: string;
  data: { value: V; label: string }[];
  value: V[] | undefined;
  onChange: (value: V[] | undefined) => void;
  width?: number;
  searchable?: boolean;
  testId?: string;
}) {
  const value = props.value ?? [];
  const first = value[0];
  const summary = value.length === 1 ? (props.data.find((d) => d.value === first)?.label ?? first) : `${props.label} (${value.length})`;
  return (
    <MultiSelect
      w={props.width ?? 184}
      placeholder={value.length ? undefined : props.label}
      aria-label={props.label}
      data={props.data}
      value={value}
      onChange={(v) => props.onChange(v.length ? (v as V[]) : undefined)}
      renderPill={({ value: pillValue }) =>
        pillValue === first ? (
          <Text size="sm" truncate="end" maw="100%" pr={4}>
            {summary}
          </Text>
        ) : null
      }
      // The typing field shrinks away once something is chosen, so the summary gets the room.
      styles={{
        pillsList: { flexWrap: 'nowrap', overflow: 'hidden' },
        inputField: value.length ? { minWidth: 0, flex: '0 0 4px' } : undefined,
      }}
      searchable={props.searchable}
      // No clear button: it would reserve room the summary needs; the list has "Clear filters".
      data-testid={props.testId}
    />
  );
}
