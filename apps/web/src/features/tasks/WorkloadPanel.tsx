import { BarChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { taskKeys } from './queryKeys.ts';

/** Managers: each person's open tasks split into late and coming, and what they finished this week. */
export function WorkloadPanel() {
  const { t } = useTranslation();
  const load = useQuery({ queryKey: taskKeys.workload, queryFn: async () => unwrap(await api.GET('/api/v1/tasks/workload')).items });
  const data = (load.data ?? [])
    .filter((p) => p.open + p.doneLast7Days > 0)
    .map((p) => ({
      name: p.name,
      overdue: p.overdue,
      dueThisWeek: p.dueThisWeek,
      other: p.open - p.overdue - p.dueThisWeek,
      done: p.doneLast7Days,
    }));
  return (
    <Paper withBorder p="md" data-testid="task-workload">
      <Text fw={600} size="sm" mb="sm">
        {t('task.workload.title')}
      </Text>
      {data.length ? (
        <BarChart
          h={Math.max(120, data.length * 34 + 50)}
          data={data}
          dataKey="name"
          orientation="vertical"
          type="stacked"
          withLegend
          yAxisProps={{ width: 130 }}
          series={[
            { name: 'overdue', label: t('task.workload.overdue'), color: 'red.6' },
            { name: 'dueThisWeek', label: t('task.workload.dueThisWeek'), color: 'orange.5' },
            { name: 'other', label: t('task.workload.later'), color: 'blue.5' },
            { name: 'done', label: t('task.workload.done'), color: 'teal.5' },
          ]}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('task.workload.empty')}
        </Text>
      )}
    </Paper>
  );
}
