import { BarChart, DonutChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAddressBook, IconAlertTriangle, IconBuildingStore, IconRefresh, IconUserStar } from '@tabler/icons-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { LIFECYCLE_STAGES, SEGMENTS } from '../../lib/types.ts';
import type { AccountQuery } from '../accounts/index.ts';
import { FigureCard } from './FigureCard.tsx';
import { MyDay } from './MyDay.tsx';
import { RevenueFigures } from './RevenueFigures.tsx';
import { TeamFigures } from './TeamFigures.tsx';

// The home page: the signed-in person's day (MyDay), a manager's team figures (TeamFigures), revenue, then the
// customer base in counts (each a list total, pageSize=1, from the accounts and contacts endpoints).

async function countAccounts(query: AccountQuery): Promise<number> {
  return unwrap(await api.GET('/api/v1/accounts', { params: { query: { ...query, page: 1, pageSize: 1 } } })).total;
}

function useAccountCount(key: string, query: AccountQuery, enabled = true) {
  return useQuery({ queryKey: ['dashboard', 'accounts', key, query], queryFn: () => countAccounts(query), enabled });
}

const SEGMENT_COLORS = ['indigo.6', 'cyan.5', 'teal.4'];

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canAccounts = useCan('account:read');
  const canContacts = useCan('contact:read');
  const canMetrics = useCan('metrics:read');

  const active = useAccountCount('active', {}, canAccounts);
  const mine = useAccountCount('mine', { ownerUserId: [me.user.id] }, canAccounts);
  const atRisk = useAccountCount('at-risk', { lifecycleStage: ['at_risk'] }, canAccounts);
  const contacts = useQuery({
    queryKey: ['dashboard', 'contacts'],
    enabled: canContacts,
    queryFn: async () => unwrap(await api.GET('/api/v1/contacts', { params: { query: { page: 1, pageSize: 1 } } })).total,
  });
  const byStage = useQueries({
    queries: LIFECYCLE_STAGES.map((stage) => ({
      queryKey: ['dashboard', 'accounts', 'stage', stage],
      queryFn: () => countAccounts({ lifecycleStage: [stage] }),
      enabled: canAccounts,
    })),
  });
  const bySegment = useQueries({
    queries: SEGMENTS.map((segment) => ({
      queryKey: ['dashboard', 'accounts', 'segment', segment],
      queryFn: () => countAccounts({ segment: [segment] }),
      enabled: canAccounts,
    })),
  });

  const stageData = LIFECYCLE_STAGES.map((stage, i) => ({ stage: t(`account.lifecycle.${stage}`), accounts: byStage[i]?.data ?? 0 }));
  const segmentData = SEGMENTS.map((segment, i) => ({
    name: t(`account.segment.${segment}`),
    value: bySegment[i]?.data ?? 0,
    color: SEGMENT_COLORS[i] ?? 'gray.5',
  }));
  const stagesLoaded = byStage.every((q) => q.data !== undefined);
  const segmentsLoaded = bySegment.every((q) => q.data !== undefined);
  const withoutSegment =
    active.data !== undefined && segmentsLoaded ? Math.max(0, active.data - segmentData.reduce((s, d) => s + d.value, 0)) : 0;
  if (withoutSegment > 0) segmentData.push({ name: t('dashboard.noSegment'), value: withoutSegment, color: 'gray.3' });

  return (
    <Stack gap="md">
      <PageHeader title={t('dashboard.welcome', { name: me.user.name.split(' ')[0] })} subtitle={t('dashboard.subtitle')} />
      <MyDay />
      <TeamFigures />
      {canMetrics ? <RevenueFigures /> : null}
      {canAccounts ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
            <FigureCard
              label={t('dashboard.activeAccounts')}
              value={active.data}
              icon={IconBuildingStore}
              color="indigo"
              link={{ to: '/accounts', search: {} }}
            />
            <FigureCard
              label={t('dashboard.myAccounts')}
              value={mine.data}
              icon={IconUserStar}
              color="teal"
              link={{ to: '/accounts', search: { ownerUserId: [me.user.id] } }}
            />
            <FigureCard
              label={t('dashboard.atRisk')}
              value={atRisk.data}
              icon={IconAlertTriangle}
              color="orange"
              link={{ to: '/accounts', search: { lifecycleStage: ['at_risk'] } }}
            />
            {canContacts ? (
              <FigureCard
                label={t('dashboard.contacts')}
                value={contacts.data}
                icon={IconAddressBook}
                color="cyan"
                link={{ to: '/contacts', search: {} }}
              />
            ) : (
              <FigureCard
                label={t('dashboard.inRenewal')}
                value={byStage[LIFECYCLE_STAGES.indexOf('renewal')]?.data}
                icon={IconRefresh}
                color="blue"
              />
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
            <Paper withBorder p="md" style={{ gridColumn: 'span 2' }}>
              <Title order={3} fz="md" mb="md">
                {t('dashboard.byLifecycle')}
              </Title>
              {stagesLoaded ? (
                <BarChart
                  h={260}
                  data={stageData}
                  dataKey="stage"
                  series={[{ name: 'accounts', label: t('dashboard.accounts'), color: 'indigo.5' }]}
                  barProps={{ radius: 3 }}
                  withBarValueLabel
                  tickLine="y"
                  gridAxis="y"
                  data-testid="chart-lifecycle"
                />
              ) : (
                <Skeleton h={260} />
              )}
              <Group gap="md" mt="xs">
                {LIFECYCLE_STAGES.map((stage, i) => (
                  <Text
                    key={stage}
                    size="xs"
                    c="dimmed"
                    renderRoot={(p) => <Link {...p} to="/accounts" search={{ lifecycleStage: [stage] }} />}
                    style={{ textDecoration: 'none' }}
                  >
                    {t(`account.lifecycle.${stage}`)}:{' '}
                    {byStage[i]?.data === undefined ? (
                      // While the count loads: a placeholder, not "—" (which would read as "none").
                      <Skeleton display="inline-block" h={10} w={18} radius="sm" data-testid="stage-count-loading" />
                    ) : (
                      formatNumber(byStage[i]?.data)
                    )}
                  </Text>
                ))}
              </Group>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} fz="md" mb="md">
                {t('dashboard.bySegment')}
              </Title>
              {segmentsLoaded ? (
                <Stack align="center" gap="sm">
                  <DonutChart
                    data={segmentData}
                    size={200}
                    thickness={28}
                    withTooltip
                    withLabelsLine={false}
                    chartLabel={formatNumber(active.data)}
                  />
                  <Stack gap={4} w="100%">
                    {segmentData.map((d) => (
                      <Group key={d.name} justify="space-between">
                        <Group gap={6}>
                          <div
                            style={{
                              width: 10,
                              height: 10,
                              borderRadius: 2,
                              background: `var(--mantine-color-${d.color.replace('.', '-')})`,
                            }}
                          />
                          <Text size="sm">{d.name}</Text>
                        </Group>
                        <Text size="sm" fw={500}>
                          {formatNumber(d.value)}
                        </Text>
                      </Group>
                    ))}
                  </Stack>
                </Stack>
              ) : (
                <Skeleton h={260} />
              )}
            </Paper>
          </SimpleGrid>
        </>
      ) : (
        <Paper withBorder p="xl">
          <Text c="dimmed">{t('dashboard.noAccess')}</Text>
        </Paper>
      )}
    </Stack>
  );
}
