import { ActionIcon, Button, NumberInput, Select, Table, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../lib/money.ts';
import type { QuoteLineInput } from './types.ts';

const KINDS = ['renewal', 'upsell', 'cross_sell', 'custom'] as const;

/** A quote's lines as editable rows: kind, description, quantity, unit price (major units), discount; the term's total per line. */
export function QuoteLinesEditor({
  lines,
  onChange,
  currency,
  periods,
  disabled,
}: {
  lines: QuoteLineInput[];
  onChange(lines: QuoteLineInput[]): void;
  currency: string;
  periods: number;
  disabled: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<QuoteLineInput>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <>
      <Table data-testid="quote-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>{t('quote.fields.lineKind')}</Table.Th>
            <Table.Th miw={220}>{t('quote.doc.description')}</Table.Th>
            <Table.Th w={90}>{t('quote.doc.quantity')}</Table.Th>
            <Table.Th w={140}>{t('quote.fields.unitPrice', { currency })}</Table.Th>
            <Table.Th w={100}>{t('quote.doc.discount')}</Table.Th>
            <Table.Th w={130} ta="right">
              {t('quote.doc.total')}
            </Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id until saved; their order is their identity
            <Table.Tr key={i} data-testid={`quote-line-${i}`}>
              <Table.Td>
                <Select
                  size="xs"
                  data={KINDS.map((k) => ({ value: k, label: t(`quote.lineKinds.${k}`) }))}
                  value={l.kind ?? 'custom'}
                  onChange={(v) => set(i, { kind: (v ?? 'custom') as QuoteLineInput['kind'] })}
                  disabled={disabled}
                  aria-label={t('quote.fields.lineKind')}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  size="xs"
                  value={l.description}
                  onChange={(e) => set(i, { description: e.currentTarget.value })}
                  disabled={disabled}
                  aria-label={t('quote.doc.description')}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  value={l.quantity}
                  min={1}
                  onChange={(v) => set(i, { quantity: Number(v || 1) })}
                  disabled={disabled}
                  aria-label={t('quote.doc.quantity')}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  value={l.unitPriceCents / 100}
                  min={0}
                  decimalScale={2}
                  thousandSeparator
                  onChange={(v) => set(i, { unitPriceCents: Math.round(Number(v || 0) * 100) })}
                  disabled={disabled}
                  aria-label={t('quote.fields.unitPrice', { currency })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  size="xs"
                  value={l.discountPercent ?? 0}
                  min={0}
                  max={100}
                  suffix="%"
                  onChange={(v) => set(i, { discountPercent: Number(v || 0) })}
                  disabled={disabled}
                  aria-label={t('quote.doc.discount')}
                />
              </Table.Td>
              <Table.Td ta="right">
                {formatMoney((l.unitPriceCents * l.quantity * periods * (1 - (l.discountPercent ?? 0) / 100)) / 100, currency)}
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(lines.filter((_, j) => j !== i))}
                  disabled={disabled || lines.length <= 1}
                  aria-label={t('common.delete')}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!disabled ? (
        <Button
          size="xs"
          variant="light"
          w="fit-content"
          onClick={() => onChange([...lines, { kind: 'custom', description: '', quantity: 1, unitPriceCents: 0, discountPercent: 0 }])}
          data-testid="quote-add-line"
        >
          {t('quote.addLine')}
        </Button>
      ) : null}
    </>
  );
}
