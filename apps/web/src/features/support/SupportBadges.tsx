import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.ts';
import type { SupportPriority, SupportRequest, SupportStatus } from './types.ts';

const STATUS_COLOR: Record<SupportStatus, string> = { new: 'blue', open: 'orange', waiting: 'grape', solved: 'teal', closed: 'gray' };
const PRIORITY_COLOR: Record<SupportPriority, string> = { urgent: 'red', high: 'orange', normal: 'gray', low: 'blue' };

export function StatusBadge({ status }: { status: SupportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} style={{ flexShrink: 0 }} data-testid="support-status">
      {t(`support.statuses.${status}`)}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: SupportPriority }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={PRIORITY_COLOR[priority]} style={{ flexShrink: 0 }}>
      {t(`support.priorities.${priority}`)}
    </Badge>
  );
}

/** Minutes as "2 h 5 min", "3 d 4 h". */
export function useDuration() {
  const { t } = useTranslation();
  return (minutes: number) => {
    const m = Math.abs(minutes);
    if (m >= 48 * 60) return t('support.sla.days', { d: Math.floor(m / 1440), h: Math.floor((m % 1440) / 60) });
    if (m >= 60) return t('support.sla.hours', { h: Math.floor(m / 60), m: m % 60 });
    return t('support.sla.minutes', { m });
  };
}

/** The target still running: time left, or how far over it; "Breached" once over either target. */
export function SlaCell({ request }: { request: SupportRequest }) {
  const { t } = useTranslation();
  const duration = useDuration();
  const { sla } = request;
  const which = request.firstRespondedAt ? t('support.sla.resolution') : t('support.sla.firstResponse');
  return (
    <Group gap={6} wrap="nowrap">
      {sla.minutesLeft === null ? (
        <Text size="sm" c="dimmed">
          {sla.breached ? t('support.sla.metLate') : t('support.sla.met')}
        </Text>
      ) : (
        <Tooltip label={`${which}: ${formatDateTime(sla.nextDueAt)}`}>
          <Text
            size="sm"
            c={sla.minutesLeft < 0 ? 'red' : sla.minutesLeft < 60 ? 'orange' : undefined}
            fw={sla.minutesLeft < 0 ? 600 : undefined}
          >
            {sla.minutesLeft < 0
              ? t('support.sla.over', { time: duration(sla.minutesLeft) })
              : t('support.sla.left', { time: duration(sla.minutesLeft) })}
          </Text>
        </Tooltip>
      )}
      {/* Over the running target already reads "… over"; the badge tells of an earlier miss (answered late). */}
      {sla.breached && sla.minutesLeft !== null && sla.minutesLeft >= 0 ? (
        <Badge color="red" size="sm" variant="light">
          {t('support.sla.breached')}
        </Badge>
      ) : null}
    </Group>
  );
}
