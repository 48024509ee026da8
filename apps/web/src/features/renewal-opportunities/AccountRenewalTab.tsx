import { Anchor, Card, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.ts';
import { RenewalQuotes } from '../quotes/index.ts';
import { accountRenewalsQuery } from './queryKeys.ts';
import { DueCell, money, RiskBadges, StageBadge } from './RenewalBadges.tsx';

/**
 * The account page's Renewal tab: its renewals, newest renewal date first, each with its stage, figures and risks, and
 * its quotes with "Create quote" (and, at risk of churn, "Make a win-back offer") as in the pipeline's drawer.
 */
export function AccountRenewalTab({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const data = useQuery(accountRenewalsQuery(accountId));
  if (!data.data) return <Loader size="sm" />;
  if (!data.data.items.length) return <Text c="dimmed">{t('renewalPipeline.accountEmpty')}</Text>;
  return (
    <Stack gap="sm" data-testid="account-renewals">
      {data.data.items.map((r) => (
        <Card key={r.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm">
              <StageBadge stage={r.stage} />
              <DueCell renewal={r} />
              <Text size="sm" c="dimmed">
                {r.subscriptionReference}
              </Text>
            </Group>
            <Anchor renderRoot={(p) => <Link {...p} to="/renewal-opportunities" search={{ renewal: r.id }} />} size="sm">
              {t('renewalPipeline.openInPipeline')}
            </Anchor>
          </Group>
          <Group gap="xl" mt="xs">
            <Text size="sm">
              {t('renewalPipeline.fields.target')}: {money(r.targetCents, r.currency)}
            </Text>
            <Text size="sm">
              {t('renewalPipeline.fields.forecastShort')}: {money(r.forecastCents, r.currency)}
            </Text>
            <Text size="sm">
              {t('renewalPipeline.fields.category')}: {t(`renewalPipeline.categories.${r.category}`)}
            </Text>
            <Text size="sm">
              {t('renewalPipeline.fields.owner')}: {r.ownerName ?? t('renewalPipeline.noOwner')}
            </Text>
            {r.likelihood !== null ? (
              <Text size="sm">
                {t('renewalPipeline.fields.likelihood')}: {r.likelihood}
              </Text>
            ) : null}
          </Group>
          {r.riskReasons.length ? <RiskBadges renewal={r} /> : null}
          {r.closedAt ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t('renewalPipeline.closedOn', { date: formatDate(r.closedAt), reason: r.closeReason ?? '' })}
            </Text>
          ) : null}
          <Divider my="xs" />
          <RenewalQuotes renewal={r} />
        </Card>
      ))}
    </Stack>
  );
}
