import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, buildUrl, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, numberSeparators } from '../../lib/format.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { PeoplePanel } from './PeoplePanel.tsx';
import { capacityKeys } from './queryKeys.ts';
import type { CapacityOverview, CapacitySettings } from './types.ts';

import { TEAMS, type Team } from './types.ts';

/** One team's weeks: milestones, renewals and upsells stacked, the team's hours as a line; over-capacity weeks in red. */
function TeamChart({ data, team }: { data: CapacityOverview; team: Team }) {
  const { t } = useTranslation();
  const rows = data.weeks.map((w) => ({
    week: formatDate(w.weekStart),
    milestones: w.demand[team].milestones,
    renewals: w.demand[team].renewals,
    upsells: w.demand[team].upsells,
    over: w.over[team] ? Math.round((w.demand[team].total - w.capacity[team]) * 10) / 10 : 0,
  }));
  const capacity = data.weeks[0]?.capacity[team] ?? 0;
  const overWeeks = data.weeks.filter((w) => w.over[team]).length;
  return (
    <Paper withBorder p="md" data-testid={`capacity-chart-${team}`}>
      <Group justify="space-between" mb="sm">
        <Text fw={600} size="sm">
          {t(`capacity.team.${team}`)}
        </Text>
        {overWeeks ? (
          <Badge color="red" variant="light">
            {t('capacity.overWeeks', { count: overWeeks })}
          </Badge>
        ) : (
          <Badge color="teal" variant="light">
            {t('capacity.withinCapacity')}
          </Badge>
        )}
      </Group>
      <BarChart
        h={260}
        data={rows}
        dataKey="week"
        type="stacked"
        withLegend
        unit=" h"
        referenceLines={[{ y: capacity, label: t('capacity.capacityLine', { hours: capacity }), color: 'red.6' }]}
        series={[
          { name: 'milestones', label: t('capacity.source.milestones'), color: 'blue.6' },
          { name: 'renewals', label: t('capacity.source.renewals'), color: 'violet.5' },
          { name: 'upsells', label: t('capacity.source.upsells'), color: 'teal.5' },
        ]}
      />
      <Group gap={6} mt="xs">
        {data.weeks.map((w) => (
          <Badge key={w.weekStart} size="xs" color={w.over[team] ? 'red' : 'gray'} variant={w.over[team] ? 'filled' : 'light'}>
            {formatDate(w.weekStart)}: {w.demand[team].total}/{w.capacity[team]} h
          </Badge>
        ))}
      </Group>
    </Paper>
  );
}

/** Admins: the hours per effort, renewal and upsell, the CS spend percentage and the team cost per month. */
function SettingsPanel({ settings }: { settings: CapacitySettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Record<string, number | string | null>>({});
  const keys = [
    'lowEffortHours',
    'mediumEffortHours',
    'highEffortHours',
    'renewalHours',
    'upsellCsHours',
    'upsellPsHours',
    'csSpendPercent',
    'teamCostPerMonth',
  ] as const;
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/v1/capacity/settings', {
          body: Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v === '' || v === null ? null : Number(v)])),
        }),
      ),
    onSuccess: () => {
      setDraft({});
      void queryClient.invalidateQueries({ queryKey: capacityKeys.all });
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Paper withBorder p="md" data-testid="capacity-settings">
      <Text fw={600} size="sm" mb="sm">
        {t('capacity.settings.title')}
      </Text>
      <SimpleGrid cols={4}>
        {keys.map((k) => (
          <NumberInput
            key={k}
            label={t(`capacity.settings.${k}`, { currency: settings.currency })}
            value={draft[k] ?? settings[k] ?? ''}
            onChange={(v) => setDraft((d) => ({ ...d, [k]: v }))}
            min={0}
            {...numberSeparators()}
          />
        ))}
      </SimpleGrid>
      <Group justify="flex-end" mt="sm">
        <Button disabled={!Object.keys(draft).length} loading={save.isPending} onClick={() => save.mutate()}>
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

/** Managers: the hours upcoming onboardings, renewals and upsells bring per team and week against the team's hours; CS spend against ACV. */
export function CapacityPage() {
  const { t } = useTranslation();
  const canManage = useCan('capacity:manage');
  const canExport = useCan('export:run');
  const query = useQuery({ queryKey: capacityKeys.overview, queryFn: async () => unwrap(await api.GET('/api/v1/capacity')) });
  const data = query.data;
  const spend = data?.csSpend;
  return (
    <>
      <PageHeader title={t('nav.capacity')} />
      {data && spend ? (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 4 }} data-testid="cs-spend">
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed">
                {t('capacity.spend.acv')}
              </Text>
              <Text fw={700} size="xl">
                {formatMoney(spend.acv, spend.currency, { whole: true })}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed">
                {t('capacity.spend.budget', { percent: formatPercent(spend.percent / 100, 1) })}
              </Text>
              <Text fw={700} size="xl">
                {formatMoney(spend.budgetPerMonth, spend.currency, { whole: true })}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed">
                {t('capacity.spend.actual')}
              </Text>
              <Text fw={700} size="xl" c={spend.actualPerMonth !== null && spend.actualPerMonth > spend.budgetPerMonth ? 'red' : undefined}>
                {spend.actualPerMonth === null ? t('common.empty') : formatMoney(spend.actualPerMonth, spend.currency, { whole: true })}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="xs" c="dimmed">
                {t('capacity.spend.actualPercent')}
              </Text>
              <Text fw={700} size="xl" c={spend.actualPercent !== null && spend.actualPercent > spend.percent ? 'red' : 'teal'}>
                {spend.actualPercent === null ? t('common.empty') : formatPercent(spend.actualPercent / 100, 1)}
              </Text>
            </Paper>
          </SimpleGrid>
          <BarChart
            h={120}
            data={[{ name: t('capacity.spend.perMonth'), budget: spend.budgetPerMonth, actual: spend.actualPerMonth ?? 0 }]}
            dataKey="name"
            orientation="vertical"
            yAxisProps={{ width: 110 }}
            valueFormatter={(v) => formatMoney(v, spend.currency, { whole: true })}
            series={[
              { name: 'budget', label: t('capacity.spend.budgetShort'), color: 'teal.5' },
              {
                name: 'actual',
                label: t('capacity.spend.actual'),
                color: spend.actualPerMonth !== null && spend.actualPerMonth > spend.budgetPerMonth ? 'red.6' : 'blue.6',
              },
            ]}
            withLegend
          />
          {TEAMS.map((team) => (
            <TeamChart key={team} data={data} team={team} />
          ))}
          {canExport ? (
            <Group justify="flex-end">
              <Button
                component="a"
                variant="default"
                leftSection={<IconDownload size={16} />}
                href={buildUrl('/api/v1/capacity/weeks/export.csv', {})}
                data-testid="capacity-weeks-export"
              >
                {t('capacity.exportWeeks')}
              </Button>
            </Group>
          ) : null}
          <PeoplePanel data={data} canManage={canManage} />
          {canManage ? <SettingsPanel settings={data.settings} /> : null}
        </Stack>
      ) : null}
    </>
  );
}
