import { ActionIcon, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useActiveUsers, useCustomFields, useMarkets } from '../../lib/lookups.ts';
import { EDITIONS, LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import type { Condition } from './types.ts';

type Op = Condition['op'];
const CHOICE_OPS: Op[] = ['eq', 'neq', 'empty', 'not_empty'];
const NUMBER_OPS: Op[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const TEXT_OPS: Op[] = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'empty', 'not_empty'];

/** The operators a field offers: a choice compares equal or not, ARR as a number, a custom field every way. */
export const opsOf = (field: string): Op[] => (field === 'arr' ? NUMBER_OPS : field.startsWith('custom:') ? TEXT_OPS : CHOICE_OPS);

/** One "if" line: field, operator and value, each a select where the field has a list of values (names, never ids). */
export function ConditionRow(props: { value: Condition; index: number; error?: string; onChange(c: Condition): void; onRemove(): void }) {
  const { t } = useTranslation();
  const markets = useMarkets();
  const users = useActiveUsers();
  const custom = useCustomFields('account');
  const c = props.value;
  const fields = [
    ...['segment', 'edition', 'market', 'lifecycleStage', 'owner', 'tag', 'arr', 'health'].map((f) => ({
      value: f,
      label: t(`playbook.field.${f}`),
    })),
    ...(custom.data ?? []).map((f) => ({ value: `custom:${f.key}`, label: f.label })),
  ];
  const choices: Record<string, { value: string; label: string }[]> = {
    segment: SEGMENTS.map((s) => ({ value: s, label: t(`account.segment.${s}`) })),
    edition: EDITIONS.map((s) => ({ value: s, label: t(`account.edition.${s}`) })),
    lifecycleStage: LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`account.lifecycle.${s}`) })),
    health: ['green', 'yellow', 'red'].map((s) => ({ value: s, label: t(`health.band.${s}`) })),
    market: (markets.data ?? []).map((m) => ({ value: m.id, label: m.name })),
    owner: (users.data ?? []).map((u) => ({ value: u.id, label: u.name })),
  };
  const options = choices[c.field];
  const needsValue = c.op !== 'empty' && c.op !== 'not_empty';
  const label = `${t('playbook.if')} ${props.index + 1}`;
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" data-testid={`condition-${props.index}`}>
      <Select
        w={200}
        aria-label={`${label}: ${t('playbook.conditionField')}`}
        data={fields}
        value={c.field}
        allowDeselect={false}
        onChange={(field) => field && props.onChange({ field, op: opsOf(field)[0] ?? 'eq', value: null })}
      />
      <Select
        w={170}
        aria-label={`${label}: ${t('playbook.conditionOp')}`}
        data={opsOf(c.field).map((op) => ({ value: op, label: t(`playbook.op.${op}`) }))}
        value={c.op}
        allowDeselect={false}
        onChange={(op) => op && props.onChange({ ...c, op: op as Op })}
      />
      {needsValue &&
        (options ? (
          <Select
            w={220}
            aria-label={`${label}: ${t('playbook.conditionValue')}`}
            data={options}
            searchable
            value={typeof c.value === 'string' ? c.value : null}
            onChange={(v) => props.onChange({ ...c, value: v })}
            error={props.error}
          />
        ) : c.field === 'arr' ? (
          <NumberInput
            w={220}
            aria-label={`${label}: ${t('playbook.conditionValue')}`}
            min={0}
            thousandSeparator=" "
            value={typeof c.value === 'number' ? c.value : ''}
            onChange={(v) => props.onChange({ ...c, value: typeof v === 'number' ? v : null })}
            error={props.error}
          />
        ) : (
          <TextInput
            w={220}
            aria-label={`${label}: ${t('playbook.conditionValue')}`}
            value={c.value == null ? '' : String(c.value)}
            onChange={(e) => props.onChange({ ...c, value: e.currentTarget.value })}
            error={props.error}
          />
        ))}
      <ActionIcon variant="subtle" color="red" mt={4} aria-label={t('playbook.removeCondition')} onClick={props.onRemove}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}
