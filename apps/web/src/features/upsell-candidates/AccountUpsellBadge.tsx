import { Anchor, Badge, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconTrendingUp } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatMoney } from '../../lib/money.ts';
import { upsellCandidateKeys } from './queryKeys.ts';
import { reasonText } from './reasons.tsx';

/** On the account page, beside its name: "Upsell candidate", and on click why, the next plan and what it adds. */
export function AccountUpsellBadge({ accountId }: { accountId: string }): ReactElement | null {
  const { t } = useTranslation();
  const upsell = useQuery({
    queryKey: upsellCandidateKeys.ofAccount(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/upsell', { params: { path: { id: accountId } } })),
  });
  const c = upsell.data?.candidate;
  if (!c) return null;
  return (
    <Popover width={360} position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={t('upsellCandidate.badge')}>
          <Badge
            color="teal"
            variant="light"
            leftSection={<IconTrendingUp size={12} />}
            style={{ cursor: 'pointer' }}
            data-testid="upsell-badge"
          >
            {t('upsellCandidate.badge')}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown data-testid="upsell-why">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t('upsellCandidate.why')}
          </Text>
          <Stack gap={4} component="ul" m={0} pl="md">
            {c.reasons.map((r) => (
              <Text key={`${r.code}-${r.planId ?? ''}`} size="sm" component="li">
                {reasonText(t, r, c)}
              </Text>
            ))}
          </Stack>
          {c.planName && c.nextPlanName ? (
            <Text size="sm">
              {t('upsellCandidate.nextStep', { plan: c.planName, next: c.nextPlanName })}
              {c.mrrDifference !== null && c.currency
                ? ` ${t('upsellCandidate.adds', { amount: formatMoney(c.mrrDifference, c.currency) })}`
                : ''}
            </Text>
          ) : null}
          <Anchor component={Link} to="/upsell-candidates" size="sm">
            {t('upsellCandidate.allCandidates')}
          </Anchor>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
