import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SignalKindBadge } from './SignalKindBadge.tsx';
import { describeSignal } from './signalText.ts';
import type { SignalKind } from './types.ts';

/** A churn signal's entry on the account timeline: its kind and what it says, in the reader's language. */
export function SignalEntryTitle({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const kind = data.signalKind as SignalKind;
  return (
    <Group gap={6} wrap="nowrap">
      <SignalKindBadge kind={kind} />
      <Text size="sm" fw={500}>
        {describeSignal({ kind, details: data, note: (data.note as string | null) ?? null }, t)}
      </Text>
    </Group>
  );
}
