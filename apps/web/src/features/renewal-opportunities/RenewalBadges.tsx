import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { formatMoney } from '../../lib/money.ts';
import type { Renewal, RenewalStage } from './types.ts';

export const STAGE_COLOR: Record<RenewalStage, string> = {
  upcoming: 'gray',
  contacted: 'blue',
  negotiating: 'indigo',
  quote_sent: 'violet',
  quote_accepted: 'teal',
  renewed: 'green',
  downgraded: 'orange',
  churned: 'red',
};

/** A badge keeps its whole label: a table cell grows instead of cutting it off. */
const NO_SHRINK = { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible', textOverflow: 'clip' } } as const;

export const money = (cents: number, currency: string) => formatMoney(cents / 100, currency, { whole: true });

export function StageBadge({ stage }: { stage: RenewalStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STAGE_COLOR[stage]} styles={NO_SHRINK}>
      {t(`renewalPipeline.stages.${stage}`)}
    </Badge>
  );
}

/** The renewal date; overdue ones in red with a badge, those due within 30 days in orange. */
export function DueCell({ renewal }: { renewal: Renewal }) {
  const { t } = useTranslation();
  const color = renewal.timing === 'overdue' ? 'red' : renewal.timing === 'due_soon' ? 'orange' : undefined;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={color} fw={color ? 600 : undefined}>
        {formatDate(renewal.dueOn)}
      </Text>
      {renewal.timing === 'overdue' ? (
        <Badge color="red" size="sm" variant="filled" styles={NO_SHRINK} data-testid="renewal-overdue">
          {t('renewalPipeline.timing.overdue')}
        </Badge>
      ) : renewal.timing === 'due_soon' ? (
        <Badge color="orange" size="sm" variant="light" styles={NO_SHRINK}>
          {t('renewalPipeline.daysLeft', { count: renewal.daysLeft })}
        </Badge>
      ) : null}
    </Group>
  );
}

export function RiskBadges({ renewal }: { renewal: Renewal }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {renewal.riskReasons.map((r) => (
        <Badge key={r} size="xs" color={r === 'health_yellow' ? 'yellow' : 'red'} variant="outline" styles={NO_SHRINK}>
          {t(`renewalPipeline.risks.${r}`, { defaultValue: r })}
        </Badge>
      ))}
    </Group>
  );
}
