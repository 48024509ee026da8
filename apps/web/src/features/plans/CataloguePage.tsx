import { Button, Tabs } from '@mantine/core';
import { IconLayoutColumns, IconListCheck, IconPackage, IconTags } from '@tabler/icons-react';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FeaturesTab } from './FeaturesTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { ProductsTab } from './ProductsTab.tsx';
import type { CatalogueTab } from './search.ts';

const route = getRouteApi('/app/plans');

/** The catalogue: plans with their prices, the products they belong to, and the features plans list. */
export function CataloguePage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/plans' });
  const tab: CatalogueTab = search.tab ?? 'plans';
  return (
    <>
      <PageHeader
        title={t('plan.catalogue.title')}
        subtitle={t('plan.catalogue.subtitle')}
        actions={
          <Button component={Link} to="/plan-comparison" variant="default" leftSection={<IconLayoutColumns size={16} />}>
            {t('plan.comparison.open')}
          </Button>
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => v && navigate({ search: { tab: v === 'plans' ? undefined : (v as CatalogueTab) }, replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="plans" leftSection={<IconTags size={16} />} data-testid="tab-plans">
            {t('plan.tabs.plans')}
          </Tabs.Tab>
          <Tabs.Tab value="products" leftSection={<IconPackage size={16} />} data-testid="tab-products">
            {t('plan.tabs.products')}
          </Tabs.Tab>
          <Tabs.Tab value="features" leftSection={<IconListCheck size={16} />} data-testid="tab-features">
            {t('plan.tabs.features')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plans">
          <PlansTab />
        </Tabs.Panel>
        <Tabs.Panel value="products">
          <ProductsTab />
        </Tabs.Panel>
        <Tabs.Panel value="features">
          <FeaturesTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
