import { ActionIcon, Button, Group, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { INTERVALS } from './types.ts';

export interface PriceRow {
  currency: string;
  intervalMonths: number;
  amount: number | '';
}

/** Rows of list prices (currency, billing interval, amount) with add and remove; errors keyed `prices.<i>.<field>`. */
export function PriceRows({
  rows,
  onChange,
  errors,
}: {
  rows: PriceRow[];
  onChange: (rows: PriceRow[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const setRow = (i: number, change: Partial<PriceRow>) => onChange(rows.map((p, j) => (j === i ? { ...p, ...change } : p)));
  return (
    <Stack gap="xs">
      {rows.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="price-row">
          <TextInput
            w={90}
            aria-label={t('plan.fields.currency')}
            maxLength={3}
            value={p.currency}
            onChange={(e) => setRow(i, { currency: e.currentTarget.value.toUpperCase() })}
            error={errors[`prices.${i}.currency`]}
          />
          <Select
            w={180}
            aria-label={t('plan.fields.interval')}
            allowDeselect={false}
            data={INTERVALS.map((m) => ({ value: String(m), label: t('plan.interval.every', { count: m }) }))}
            value={String(p.intervalMonths)}
            onChange={(v) => v && setRow(i, { intervalMonths: Number(v) })}
            error={errors[`prices.${i}.intervalMonths`]}
          />
          <NumberInput
            flex={1}
            aria-label={t('plan.fields.amount')}
            min={0}
            decimalScale={2}
            thousandSeparator=" "
            value={p.amount}
            onChange={(v) => setRow(i, { amount: typeof v === 'number' ? v : '' })}
            error={errors[`prices.${i}.amount`]}
            data-testid="price-amount"
          />
          <ActionIcon
            variant="subtle"
            color="red"
            mt={6}
            aria-label={t('plan.removePrice')}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...rows, { currency: rows.at(-1)?.currency ?? 'EUR', intervalMonths: 12, amount: '' }])}
          data-testid="add-price"
        >
          {t('plan.addPrice')}
        </Button>
      </div>
    </Stack>
  );
}

/** The rows as the API takes them (an empty amount is 0). */
export const toPrices = (rows: PriceRow[]) =>
  rows.map((p) => ({
    currency: p.currency.trim().toUpperCase(),
    intervalMonths: p.intervalMonths,
    amount: p.amount === '' ? 0 : p.amount,
  }));
