import { Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { formatPercent } from '../../lib/money.ts';

/** A percentage the API gives as 0–100, in the UI language; a dash when there is none. */
export const pct = (v: number | null | undefined, digits = 0) => formatPercent(v === null || v === undefined ? null : v / 100, digits);

/** A trend in percent with its sign and colour (green up, red down). */
export function Trend({ value }: { value: number | null }): ReactElement {
  if (value === null) return <Text span>—</Text>;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return (
    <Text span c={value > 0 ? 'teal' : value < 0 ? 'red' : undefined}>
      {sign}
      {pct(Math.abs(value))}
    </Text>
  );
}
