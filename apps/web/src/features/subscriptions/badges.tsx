import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { kindColor } from './changeText.ts';
import type { ChangeKind, SubscriptionStatus } from './types.ts';

const STATUS_COLORS: Record<SubscriptionStatus, string> = {
  scheduled: 'gray',
  trial: 'violet',
  active: 'teal',
  cancelling: 'orange',
  ended: 'red',
};

export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="subscription-status">
      {t(`subscription.statuses.${status}`)}
    </Badge>
  );
}

export function ChangeKindBadge({ kind }: { kind: ChangeKind }) {
  const { t } = useTranslation();
  return (
    <Badge color={kindColor(kind)} variant="light" size="sm">
      {t(`subscription.kinds.${kind}`)}
    </Badge>
  );
}
