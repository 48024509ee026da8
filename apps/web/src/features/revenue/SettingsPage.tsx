import { Tabs } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { CancelReasons } from './CancelReasons.tsx';
import { Conventions } from './Conventions.tsx';
import { CostsEditor } from './CostsEditor.tsx';
import type { SettingsTab } from './index.ts';
import { revenueKeys } from './queryKeys.ts';
import { RatesEditor } from './RatesEditor.tsx';

const route = getRouteApi('/app/revenue-settings');

/** Revenue settings for admins and VPs: metric conventions, exchange rates, cost of service, cancellation reasons. */
export function SettingsPage() {
  const { t } = useTranslation();
  const { tab = 'conventions' } = route.useSearch();
  const navigate = useNavigate({ from: '/revenue-settings' });
  const canEditReasons = useCan('cancel_reason:write');
  const settings = useQuery({ queryKey: revenueKeys.settings, queryFn: async () => unwrap(await api.GET('/api/v1/metrics/settings')) });
  const reporting = settings.data?.reportingCurrency ?? '…';
  return (
    <>
      <PageHeader title={t('revenue.settings.title')} subtitle={t('revenue.settings.subtitle')} />
      <Tabs value={tab} onChange={(v) => v && navigate({ search: { tab: v as SettingsTab }, replace: true })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="conventions">{t('revenue.settings.conventions')}</Tabs.Tab>
          <Tabs.Tab value="rates">{t('revenue.settings.rates')}</Tabs.Tab>
          <Tabs.Tab value="costs">{t('revenue.settings.costs')}</Tabs.Tab>
          <Tabs.Tab value="reasons">{t('revenue.settings.reasons')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="conventions">
          <Conventions />
        </Tabs.Panel>
        <Tabs.Panel value="rates">
          <RatesEditor reportingCurrency={reporting} />
        </Tabs.Panel>
        <Tabs.Panel value="costs">
          <CostsEditor reportingCurrency={reporting} />
        </Tabs.Panel>
        <Tabs.Panel value="reasons">
          <CancelReasons canEdit={canEditReasons} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
