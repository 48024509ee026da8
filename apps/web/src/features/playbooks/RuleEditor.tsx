import { Alert, Button, Group, Menu, NumberInput, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ActionEditor, blankAction } from './ActionEditor.tsx';
import { ConditionRow } from './ConditionRow.tsx';
import { TRIGGERS } from './search.ts';
import type { Action, Condition, PlaybookInput, Trigger } from './types.ts';

/** The rule as the editor holds it: every part present. */
export type Rule = Required<Pick<PlaybookInput, 'trigger' | 'triggerParams' | 'conditions' | 'actions'>>;

const PARAM: Partial<Record<Trigger, 'days' | 'threshold'>> = {
  renewal_days_out: 'days',
  low_activity: 'days',
  support_requests_above: 'threshold',
};
const ACTION_TYPES: Action['type'][] = ['task', 'email', 'journey', 'set_field', 'webhook'];

/** When / if / then, with selects and inputs (never JSON); `errors` are the server's field errors. */
export function RuleEditor({ rule, errors, onChange }: { rule: Rule; errors: Record<string, string>; onChange(r: Rule): void }) {
  const { t } = useTranslation();
  const param = PARAM[rule.trigger];
  const setCondition = (i: number, c: Condition | null) =>
    onChange({ ...rule, conditions: c ? rule.conditions.map((x, j) => (j === i ? c : x)) : rule.conditions.filter((_, j) => j !== i) });
  const setAction = (i: number, a: Action | null) =>
    onChange({ ...rule, actions: a ? rule.actions.map((x, j) => (j === i ? a : x)) : rule.actions.filter((_, j) => j !== i) });
  return (
    <Stack gap="md">
      <Paper withBorder p="md" data-testid="rule-when">
        <Title order={4} mb="xs">
          {t('playbook.when')}
        </Title>
        <Group align="flex-start">
          <Select
            label={t('playbook.fields.trigger')}
            w={320}
            allowDeselect={false}
            data={TRIGGERS.map((x) => ({ value: x, label: t(`playbook.trigger.${x}`) }))}
            value={rule.trigger}
            onChange={(v) => v && onChange({ ...rule, trigger: v as Trigger, triggerParams: {} })}
            error={errors.trigger}
          />
          {param && (
            <NumberInput
              label={t(`playbook.param.${param}`)}
              w={200}
              min={param === 'days' ? 1 : 0}
              value={rule.triggerParams[param] ?? ''}
              onChange={(v) => onChange({ ...rule, triggerParams: { [param]: typeof v === 'number' ? v : undefined } })}
              error={errors[`triggerParams.${param}`]}
            />
          )}
        </Group>
        <Text size="sm" c="dimmed" mt="xs">
          {t(`playbook.triggerHelp.${rule.trigger}`)}
        </Text>
        {rule.trigger === 'detractor' && (
          <Alert color="yellow" mt="xs" data-testid="needs-surveys">
            {t('playbook.needsSurveys')}
          </Alert>
        )}
      </Paper>

      <Paper withBorder p="md" data-testid="rule-if">
        <Title order={4} mb="xs">
          {t('playbook.ifTitle')}
        </Title>
        <Stack gap="xs">
          {rule.conditions.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('playbook.noConditions')}
            </Text>
          )}
          {rule.conditions.map((c, i) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity of their own
              key={i}
              index={i}
              value={c}
              error={errors[`conditions.${i}.value`] ?? errors[`conditions.${i}.field`]}
              onChange={(x) => setCondition(i, x)}
              onRemove={() => setCondition(i, null)}
            />
          ))}
          <Group>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => onChange({ ...rule, conditions: [...rule.conditions, { field: 'segment', op: 'eq', value: null }] })}
              data-testid="add-condition"
            >
              {t('playbook.addCondition')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p="md" data-testid="rule-then">
        <Title order={4} mb="xs">
          {t('playbook.then')}
        </Title>
        <Stack gap="sm">
          {errors.actions && (
            <Text size="sm" c="red">
              {errors.actions}
            </Text>
          )}
          {rule.actions.map((a, i) => (
            <ActionEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: actions have no identity of their own
              key={i}
              index={i}
              value={a}
              errors={errors}
              onChange={(x) => setAction(i, x)}
              onRemove={() => setAction(i, null)}
            />
          ))}
          <Menu position="bottom-start">
            <Menu.Target>
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} w="fit-content" data-testid="add-action">
                {t('playbook.addAction')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {ACTION_TYPES.map((type) => (
                <Menu.Item key={type} onClick={() => onChange({ ...rule, actions: [...rule.actions, blankAction(type)] })}>
                  {t(`playbook.action.${type}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Stack>
      </Paper>
    </Stack>
  );
}
