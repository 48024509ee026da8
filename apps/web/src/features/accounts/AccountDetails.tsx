import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailRows } from '../../components/DetailRows.tsx';
import { formatCustomValue, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useCustomFields } from '../../lib/lookups.ts';
import type { Account } from '../../lib/types.ts';
import { LifecycleBadge, TagList } from './badges.tsx';
import { WebsiteLink } from './WebsiteLink.tsx';

/** Every field of the account, including the organisation's custom fields. */
export function AccountDetails({ account: a }: { account: Account }) {
  const { t } = useTranslation();
  const customFields = useCustomFields('account');
  const dash = '—';

  const main: [string, ReactNode][] = [
    [t('account.fields.name'), a.name],
    [t('account.fields.domain'), a.domain ?? dash],
    [t('account.fields.website'), a.website ? <WebsiteLink key="website" website={a.website} /> : dash],
    [t('account.fields.externalId'), a.externalId ?? dash],
    [t('account.fields.market'), a.marketName ? `${a.marketName} (${a.marketCode})` : dash],
    [t('account.fields.owner'), a.ownerName ?? dash],
  ];
  const classification: [string, ReactNode][] = [
    [t('account.fields.segment'), a.segment ? t(`account.segment.${a.segment}`) : dash],
    [t('account.fields.edition'), a.edition ? t(`account.edition.${a.edition}`) : dash],
    [t('account.fields.lifecycleStage'), <LifecycleBadge key="stage" stage={a.lifecycleStage} />],
    [t('account.fields.employees'), formatNumber(a.employees)],
    [t('account.fields.tags'), <TagList key="tags" tags={a.tags} />],
    [t('account.fields.createdAt'), formatDateTime(a.createdAt)],
    [t('account.fields.updatedAt'), formatDateTime(a.updatedAt)],
    ...(a.archivedAt ? ([[t('account.fields.archivedAt'), formatDateTime(a.archivedAt)]] as [string, ReactNode][]) : []),
  ];
  const custom: [string, ReactNode][] = (customFields.data ?? []).map((f) => [f.label, formatCustomValue(f.type, a.custom[f.key])]);

  return (
    <Stack gap="md" data-testid="account-details">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <DetailRows rows={main} />
        </Paper>
        <Paper withBorder p="md">
          <DetailRows rows={classification} />
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Title order={4} fz="sm" mb="xs">
            {t('account.customFields')}
          </Title>
          {custom.length ? (
            <DetailRows rows={custom} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('account.noCustomFields')}
            </Text>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={4} fz="sm" mb="xs">
            {t('account.fields.notes')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={a.notes ? undefined : 'dimmed'}>
            {a.notes || t('account.noNotes')}
          </Text>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
