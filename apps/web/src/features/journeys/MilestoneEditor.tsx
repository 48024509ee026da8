import {
  ActionIcon,
  Grid,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../lib/types.ts';
import { EFFORTS } from './search.ts';
import type { MilestoneInput } from './types.ts';

/** One milestone of a template in the editor: name, due week and weeks it runs, effort, role, success criteria, checklist. */
export function MilestoneEditor(props: {
  index: number;
  value: MilestoneInput;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (next: MilestoneInput) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  count: number;
}) {
  const { t } = useTranslation();
  const { value: m, index: i, errors } = props;
  const err = (field: string) => errors[`milestones.${i}.${field}`];
  const set = <K extends keyof MilestoneInput>(key: K, v: MilestoneInput[K]) => props.onChange({ ...m, [key]: v });
  const from = Math.max(1, m.week - (m.durationWeeks ?? 1) + 1);

  return (
    <Paper withBorder p="sm" data-testid={`milestone-editor-${i}`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {t('journey.editor.milestoneN', { n: i + 1 })} ·{' '}
          {from === m.week ? t('journey.editor.week', { week: m.week }) : t('journey.editor.weeks', { from, to: m.week })}
        </Text>
        {props.readOnly ? null : (
          <Group gap={4}>
            <Tooltip label={t('journey.editor.up')}>
              <ActionIcon variant="subtle" aria-label={t('journey.editor.up')} disabled={i === 0} onClick={() => props.onMove(-1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('journey.editor.down')}>
              <ActionIcon
                variant="subtle"
                aria-label={t('journey.editor.down')}
                disabled={i === props.count - 1}
                onClick={() => props.onMove(1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('journey.editor.remove')}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('journey.editor.remove')}
                disabled={props.count === 1}
                onClick={props.onRemove}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, sm: 6, lg: 3 }}>
          <TextInput
            label={t('journey.editor.name')}
            value={m.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={err('name')}
            readOnly={props.readOnly}
            required
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, lg: 2 }}>
          <NumberInput
            label={t('journey.editor.dueWeek')}
            value={m.week}
            min={1}
            max={104}
            onChange={(v) => set('week', Number(v) || 1)}
            error={err('week')}
            readOnly={props.readOnly}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3, lg: 2 }}>
          <NumberInput
            label={t('journey.editor.durationWeeks')}
            value={m.durationWeeks ?? 1}
            min={1}
            max={104}
            onChange={(v) => set('durationWeeks', Number(v) || 1)}
            error={err('durationWeeks')}
            readOnly={props.readOnly}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 4, lg: 2 }}>
          <Select
            label={t('journey.fields.effort')}
            data={EFFORTS.map((e) => ({ value: e, label: t(`journey.efforts.${e}`) }))}
            value={m.effort}
            onChange={(v) => v && set('effort', v as MilestoneInput['effort'])}
            allowDeselect={false}
            readOnly={props.readOnly}
            error={err('effort')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 8, lg: 3 }}>
          <Select
            label={t('journey.fields.responsibleRole')}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={m.responsibleRole ?? null}
            onChange={(v) => set('responsibleRole', (v as MilestoneInput['responsibleRole']) ?? null)}
            clearable
            readOnly={props.readOnly}
            error={err('responsibleRole')}
          />
        </Grid.Col>
      </Grid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mt="sm">
        <TagsInput
          label={t('journey.fields.checklist')}
          description={t('journey.editor.checklistHelp')}
          value={m.checklist}
          onChange={(v) => set('checklist', v)}
          error={err('checklist')}
          readOnly={props.readOnly}
          data-testid={`milestone-checklist-${i}`}
        />
        <Textarea
          label={t('journey.fields.successCriteria')}
          value={m.successCriteria ?? ''}
          onChange={(e) => set('successCriteria', e.currentTarget.value || null)}
          error={err('successCriteria')}
          autosize
          minRows={2}
          readOnly={props.readOnly}
        />
      </SimpleGrid>
    </Paper>
  );
}
