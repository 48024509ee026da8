import { Badge } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteStatus } from './types.ts';

const COLORS: Record<QuoteStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  approved: 'teal',
  rejected: 'red',
  sent: 'blue',
  accepted: 'green',
  declined: 'orange',
};

export function StatusBadge({ status }: { status: QuoteStatus }): ReactElement {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" style={{ flexShrink: 0 }} data-testid={`quote-status-${status}`}>
      {t(`quote.statuses.${status}`)}
    </Badge>
  );
}
