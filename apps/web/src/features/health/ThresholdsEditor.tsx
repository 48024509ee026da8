import { ActionIcon, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeasureDef, Thresholds } from './types.ts';

const num = (v: number | string) => (typeof v === 'number' ? v : Number(v) || 0);

/** How a measure's value maps to 0–100 points: breakpoints (interpolated between), points per option, or yes/no. */
export function ThresholdsEditor({
  value,
  def,
  onChange,
}: {
  value: Thresholds;
  def: MeasureDef | undefined;
  onChange: (t: Thresholds) => void;
}): ReactElement {
  const { t } = useTranslation();
  if (value.kind === 'number') {
    const bps = value.breakpoints;
    const set = (i: number, patch: Partial<{ from: number; points: number }>) =>
      onChange({ kind: 'number', breakpoints: bps.map((b, j) => (j === i ? { ...b, ...patch } : b)) });
    return (
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('health.editor.breakpointsHelp')}
        </Text>
        {bps.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a breakpoint has no identity but its place (its value is being edited)
          <Group key={i} gap="xs" wrap="nowrap">
            <NumberInput
              size="xs"
              w={110}
              aria-label={t('health.editor.from')}
              placeholder={t('health.editor.from')}
              value={b.from}
              onChange={(v) => set(i, { from: num(v) })}
            />
            <Text size="xs">→</Text>
            <NumberInput
              size="xs"
              w={90}
              min={0}
              max={100}
              aria-label={t('health.points')}
              value={b.points}
              onChange={(v) => set(i, { points: num(v) })}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('health.editor.removeBreakpoint')}
              disabled={bps.length < 2}
              onClick={() => onChange({ kind: 'number', breakpoints: bps.filter((_, j) => j !== i) })}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange({ kind: 'number', breakpoints: [...bps, { from: (bps[bps.length - 1]?.from ?? 0) + 1, points: 100 }] })}
          w="fit-content"
        >
          {t('health.editor.addBreakpoint')}
        </Button>
      </Stack>
    );
  }
  if (value.kind === 'yesno')
    return (
      <Group gap="xs">
        <NumberInput
          size="xs"
          w={110}
          min={0}
          max={100}
          label={t('health.yes')}
          value={value.yes}
          onChange={(v) => onChange({ ...value, yes: num(v) })}
        />
        <NumberInput
          size="xs"
          w={110}
          min={0}
          max={100}
          label={t('health.no')}
          value={value.no}
          onChange={(v) => onChange({ ...value, no: num(v) })}
        />
      </Group>
    );
  const options = def?.options?.length ? def.options : value.options.map((o) => o.option);
  const pointsOf = (o: string) => value.options.find((x) => x.option === o)?.points ?? 50;
  return (
    <Group gap="xs">
      {options.map((o) => (
        <NumberInput
          key={o}
          size="xs"
          w={130}
          min={0}
          max={100}
          label={o}
          value={pointsOf(o)}
          onChange={(v) => onChange({ ...value, options: options.map((x) => ({ option: x, points: x === o ? num(v) : pointsOf(x) })) })}
        />
      ))}
    </Group>
  );
}
