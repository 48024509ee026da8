import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SignalKind } from './types.ts';

const COLORS: Record<SignalKind, string> = {
  downgrade: 'orange',
  cancel_request: 'red',
  champion_left: 'grape',
  usage_drop: 'yellow',
  no_login: 'yellow',
  health_red: 'red',
  detractor: 'pink',
  manual: 'blue',
};

/** A signal's kind as a coloured badge, in the UI language. */
export function SignalKindBadge({ kind }: { kind: SignalKind }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[kind]}
      variant="light"
      size="sm"
      // The whole label, never cut: the table column takes its width from it.
      styles={{ root: { maxWidth: 'none', overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } }}
    >
      {t(`churnSignal.kinds.${kind}`)}
    </Badge>
  );
}
