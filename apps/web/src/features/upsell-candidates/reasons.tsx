import { Badge, Group, Tooltip } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format.ts';
import { formatPercent } from '../../lib/money.ts';
import type { UpsellCandidate, UpsellReason, UpsellReasonCode } from './types.ts';

const COLOR: Record<UpsellReasonCode, string> = {
  near_limit: 'yellow',
  at_limit: 'orange',
  over_limit: 'red',
  below_segment_tier: 'grape',
  growing_quantity: 'teal',
  cross_sell: 'blue',
};

/** One reason in a sentence, with its figures: "20 of 25 users on Professional (80%)". */
export function reasonText(t: TFunction, reason: UpsellReason, candidate: Pick<UpsellCandidate, 'segment'>): string {
  const segment = candidate.segment ? t(`account.segment.${candidate.segment}`) : t('upsellCandidate.noSegment');
  const values = {
    units: formatNumber(reason.units),
    max: formatNumber(reason.maxUnits),
    plan: reason.planName ?? '—',
    percent: formatPercent(reason.percent === null ? null : reason.percent / 100, 0),
    count: reason.increases ?? 0,
    segment,
  };
  return t(`upsellCandidate.reasonText.${reason.code}`, values);
}

/** The reasons as coloured badges, each explained in a tooltip. */
export function ReasonBadges({ candidate }: { candidate: Pick<UpsellCandidate, 'reasons' | 'segment'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {candidate.reasons.map((r) => (
        <Tooltip key={`${r.code}-${r.planId ?? ''}`} label={reasonText(t, r, candidate)} multiline maw={320} withArrow>
          <Badge
            color={COLOR[r.code]}
            variant="light"
            size="sm"
            styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}
            data-testid={`reason-${r.code}`}
          >
            {t(`upsellCandidate.reason.${r.code}`)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
