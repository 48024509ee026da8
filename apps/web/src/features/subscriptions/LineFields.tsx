import { ActionIcon, Group, NumberInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.tsx';
import { numberSeparators } from '../../lib/format.ts';
import { usePlanOptions } from './lookups.ts';
import { DISCOUNT_KINDS, type DiscountKind, type LineInput } from './types.ts';

/** A line as the form holds it: every field may still be empty. */
export interface LineDraft {
  planId: string | null;
  description: string;
  quantity: number | '';
  unitPrice: number | '';
  discountPercent: number | '';
  discountKind: DiscountKind;
  discountUntil: string | null;
}

export const emptyLine = (): LineDraft => ({
  planId: null,
  description: '',
  quantity: 1,
  unitPrice: '',
  discountPercent: '',
  discountKind: 'lasting',
  discountUntil: null,
});

/** The line as the API takes it; a plan without a price takes the plan's list price. */
export function toLineInput(d: LineDraft): LineInput {
  return {
    planId: d.planId,
    description: d.description.trim() || null,
    quantity: d.quantity === '' ? 1 : d.quantity,
    unitPrice: d.unitPrice === '' ? undefined : d.unitPrice,
    discount:
      d.discountPercent === '' || d.discountPercent === 0
        ? null
        : { percent: d.discountPercent, kind: d.discountKind, until: d.discountKind === 'until' ? d.discountUntil : null },
  };
}

/** A line needs a plan, or a description and a price. */
export const isLineComplete = (d: LineDraft) => !!d.planId || (!!d.description.trim() && d.unitPrice !== '');

/** One subscription line: plan (when the catalogue has plans) or free text, quantity, unit price, discount. */
export function LineFields({
  value,
  onChange,
  onRemove,
  currency,
  index,
}: {
  value: LineDraft;
  onChange: (v: LineDraft) => void;
  onRemove?: () => void;
  currency: string;
  index: number;
}) {
  const { t } = useTranslation();
  const plans = usePlanOptions();
  const set = <K extends keyof LineDraft>(key: K, v: LineDraft[K]) => onChange({ ...value, [key]: v });
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap" data-testid={`line-${index}`}>
      <SimpleGrid cols={{ base: 2, sm: value.discountKind === 'until' && value.discountPercent ? 7 : 6 }} spacing="xs" style={{ flex: 1 }}>
        {plans.data?.length ? (
          <Select
            label={t('subscription.fields.plan')}
            data={plans.data.map((p) => ({ value: p.id, label: p.name }))}
            value={value.planId}
            onChange={(v) => set('planId', v)}
            clearable
            searchable
          />
        ) : null}
        <TextInput
          label={t('subscription.fields.description')}
          value={value.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          style={{ gridColumn: plans.data?.length ? undefined : 'span 2' }}
          data-testid="line-description"
        />
        <NumberInput
          label={t('subscription.fields.quantity')}
          min={0.01}
          value={value.quantity}
          onChange={(v) => set('quantity', typeof v === 'number' ? v : '')}
          data-testid="line-quantity"
        />
        <NumberInput
          {...numberSeparators()}
          label={t('subscription.fields.unitPriceIn', { currency })}
          min={0}
          decimalScale={2}
          value={value.unitPrice}
          onChange={(v) => set('unitPrice', typeof v === 'number' ? v : '')}
          data-testid="line-unit-price"
        />
        <NumberInput
          label={t('subscription.fields.discountPercent')}
          min={0}
          max={100}
          suffix=" %"
          value={value.discountPercent}
          onChange={(v) => set('discountPercent', typeof v === 'number' ? v : '')}
        />
        <Select
          label={t('subscription.fields.discountKind')}
          data={DISCOUNT_KINDS.map((k) => ({ value: k, label: t(`subscription.discountKinds.${k}`) }))}
          value={value.discountKind}
          onChange={(v) => v && set('discountKind', v as DiscountKind)}
          allowDeselect={false}
          disabled={!value.discountPercent}
        />
        {value.discountKind === 'until' && value.discountPercent ? (
          <DateField label={t('subscription.fields.discountUntil')} value={value.discountUntil} onChange={(v) => set('discountUntil', v)} />
        ) : null}
      </SimpleGrid>
      {onRemove ? (
        <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t('subscription.removeLineRow')} mb={4}>
          <IconTrash size={16} />
        </ActionIcon>
      ) : null}
    </Group>
  );
}
