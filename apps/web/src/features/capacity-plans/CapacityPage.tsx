import { BarChart } from '@mantine/charts';
import { Badge, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, numberSeparators } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { formatMoney, formatPercent } from '../../lib/money.ts';
import { capacityKeys } from './queryKeys.ts';
import type { CapacityOverview, CapacitySettings } from './types.ts';

const TEAMS = ['customer_success', 'professional_services'] as const;
type Team = (typeof TEAMS)[number];

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

/** Admins: each person's team and hours per week. */
function PeoplePanel({ data, canManage }: { data: CapacityOverview; canManage: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const users = useActiveUsers();
  const [userId, setUserId] = useState<string | null>(null);
  const put = useMutation({
    mutationFn: async (v: { id: string; team: Team; hoursPerWeek: number }) =>
      unwrap(
        await api.PUT('/api/v1/capacity/people/{id}', {
          params: { path: { id: v.id } },
          body: { team: v.team, hoursPerWeek: v.hoursPerWeek },
        }),
      ),
    onSuccess: () => {
      setUserId(null);
      void queryClient.invalidateQueries({ queryKey: capacityKeys.all });
    },
    onError: (error) => notifyError(error),
  });
  const listed = new Set(data.people.map((p) => p.userId));
  return (
    <Paper withBorder p="md" data-testid="capacity-people">
      <Text fw={600} size="sm" mb="sm">
        {t('capacity.people.title')}
      </Text>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('capacity.people.name')}</Table.Th>
            <Table.Th>{t('capacity.people.team')}</Table.Th>
            <Table.Th ta="right">{t('capacity.people.hours')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.people.map((p) => (
            <Table.Tr key={p.userId}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>
                {canManage ? (
                  <Select
                    size="xs"
                    w={220}
                    data={TEAMS.map((team) => ({ value: team, label: t(`capacity.team.${team}`) }))}
                    value={p.team}
                    allowDeselect={false}
                    onChange={(team) => team && put.mutate({ id: p.userId, team: team as Team, hoursPerWeek: p.hoursPerWeek })}
                  />
                ) : (
                  t(`capacity.team.${p.team}`)
                )}
              </Table.Td>
              <Table.Td ta="right">
                {canManage ? (
                  <NumberInput
                    size="xs"
                    w={90}
                    ml="auto"
                    defaultValue={p.hoursPerWeek}
                    min={0}
                    max={80}
                    onBlur={(e) => {
                      const v = Number(e.currentTarget.value.replace(',', '.'));
                      if (Number.isFinite(v) && v !== p.hoursPerWeek) put.mutate({ id: p.userId, team: p.team, hoursPerWeek: v });
                    }}
                  />
                ) : (
                  p.hoursPerWeek
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canManage ? (
        <Group mt="sm" gap="xs">
          <Select
            w={260}
            placeholder={t('capacity.people.add')}
            searchable
            data={(users.data ?? []).filter((u) => !listed.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
            value={userId}
            onChange={setUserId}
          />
          <Button disabled={!userId} onClick={() => userId && put.mutate({ id: userId, team: 'customer_success', hoursPerWeek: 32 })}>
            {t('capacity.people.addButton')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}

/** Managers: the hours upcoming onboardings, renewals and upsells bring per team and week against the team's hours; CS spend against ACV. */
export function CapacityPage() {
  const { t } = useTranslation();
  const canManage = useCan('capacity:manage');
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
          <PeoplePanel data={data} canManage={canManage} />
          {canManage ? <SettingsPanel settings={data.settings} /> : null}
        </Stack>
      ) : null}
    </>
  );
}
