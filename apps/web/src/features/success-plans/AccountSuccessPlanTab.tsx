import { LineChart } from '@mantine/charts';
import { ActionIcon, Badge, Button, Group, Menu, NumberInput, Paper, Progress, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPencil, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber, numberSeparators } from '../../lib/format.ts';
import { formatPercent } from '../../lib/money.ts';
import { ObjectiveFormModal } from './ObjectiveFormModal.tsx';
import { successPlanKeys } from './queryKeys.ts';
import { STATUS_COLORS } from './search.ts';
import type { Objective, SuccessPlan } from './types.ts';
import { ValueDeliveredPanel } from './ValueDeliveredPanel.tsx';

const LANGUAGES = ['en', 'nl', 'da'] as const;
const CHART_COLORS = ['blue.6', 'teal.6', 'orange.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'indigo.6'];

/** % achieved of an objective after each measurement, per day: one line per objective. */
function progressSeries(plan: SuccessPlan) {
  const days = [...new Set(plan.objectives.flatMap((o) => o.progress.map((p) => p.measuredOn)))].sort();
  const percent = (o: Objective, value: number) =>
    o.target === o.baseline ? (value >= o.target ? 100 : 0) : Math.round(((value - o.baseline) / (o.target - o.baseline)) * 100);
  return days.map((day) => {
    const row: Record<string, string | number | null> = { day: formatDate(day) };
    for (const o of plan.objectives) {
      const upTo = o.progress.filter((p) => p.measuredOn <= day);
      const last = upTo[upTo.length - 1];
      row[o.id] = last ? percent(o, last.value) : null;
    }
    return row;
  });
}

/**
 * The account page's Success plan tab: the customer's objectives with their progress bars (a measurement recorded
 * in place, or read from the linked usage or custom field), a chart of progress over time, the value delivered with
 * its total for the renewal conversation, and the one-page Customer ROI PDF to share.
 */
export function AccountSuccessPlanTab({ accountId }: { accountId: string }): ReactElement {
  const { t } = useTranslation();
  const canWrite = useCan('success_plan:write');
  const queryClient = useQueryClient();
  const [formOpened, formModal] = useDisclosure();
  const [editing, setEditing] = useState<Objective | null>(null);
  const [values, setValues] = useState<Record<string, number | string>>({});
  const query = useQuery({
    queryKey: successPlanKeys.account(accountId),
    queryFn: async () => unwrap(await api.GET('/api/v1/accounts/{id}/success-plan', { params: { path: { id: accountId } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: successPlanKeys.all });
  const record = useMutation({
    mutationFn: async ({ id, value }: { id: string; value: number }) =>
      unwrap(await api.POST('/api/v1/success-objectives/{id}/progress', { params: { path: { id } }, body: { value } })),
    onSuccess: (_, { id }) => {
      setValues((v) => ({ ...v, [id]: '' }));
      void refresh();
    },
    onError: (error) => notifyError(error),
  });
  const measure = useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/api/v1/success-objectives/{id}/measure', { params: { path: { id } } })),
    onSuccess: () => void refresh(),
    onError: (error) => notifyError(error),
  });
  const remove = useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/success-objectives/{id}', { params: { path: { id } } })),
    onSuccess: () => void refresh(),
    onError: (error) => notifyError(error),
  });
  const plan = query.data;
  if (!plan) return <Skeleton h={240} />;
  const series = progressSeries(plan);
  const pdfUrl = (language: string) => `/api/v1/accounts/${accountId}/success-plan.pdf?language=${language}`;

  return (
    <Stack gap="md" data-testid="success-plan-tab">
      <Group justify="space-between">
        <Text fw={600}>{t('successPlan.objectives')}</Text>
        <Group gap="xs">
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" leftSection={<IconDownload size={16} />} data-testid="success-plan-pdf">
                {t('successPlan.pdf')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {LANGUAGES.map((l) => (
                <Menu.Item key={l} component="a" href={pdfUrl(l)} download data-testid={`success-plan-pdf-${l}`}>
                  {t(`successPlan.pdfLanguage.${l}`)}
                  {l === plan.language ? ` (${t('successPlan.accountLanguage')})` : ''}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          {canWrite ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => {
                setEditing(null);
                formModal.open();
              }}
              data-testid="objective-new"
            >
              {t('successPlan.objective.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {plan.objectives.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('successPlan.noObjectives')}
        </Text>
      ) : null}
      {plan.objectives.map((o) => (
        <Paper key={o.id} withBorder p="md" data-testid="objective-card">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ flex: 1 }}>
              <Group gap="xs">
                <Text fw={600}>{o.title}</Text>
                <Badge color={STATUS_COLORS[o.status]} variant="light">
                  {t(`successPlan.status.${o.status}`)}
                </Badge>
                <Badge color="gray" variant="outline">
                  {t(`successPlan.metric.${o.metric}`)}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {t('successPlan.objective.line', {
                  baseline: formatNumber(o.baseline),
                  target: formatNumber(o.target),
                  current: formatNumber(o.current),
                  unit: o.unit,
                })}
                {o.dueOn ? ` · ${t('successPlan.objective.due', { date: formatDate(o.dueOn) })}` : ''}
                {o.ownerName ? ` · ${o.ownerName}` : ''}
              </Text>
              <Group gap="sm" mt={6} wrap="nowrap">
                <Progress
                  value={Math.max(0, Math.min(100, o.percentAchieved))}
                  color={o.percentAchieved >= 100 ? 'teal' : o.status === 'at_risk' ? 'orange' : 'blue'}
                  size="lg"
                  style={{ flex: 1 }}
                  aria-label={t('successPlan.fields.percentAchieved')}
                />
                <Text fw={600} size="sm" w={56} ta="right" data-testid="objective-percent">
                  {formatPercent(o.percentAchieved / 100, 0)}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {o.lastMeasuredOn
                  ? t('successPlan.objective.lastMeasured', { date: formatDate(o.lastMeasuredOn), n: o.progress.length })
                  : t('successPlan.objective.notMeasured')}
                {o.source !== 'manual' ? ` · ${t(`successPlan.source.${o.source}`)}: ${o.sourceKey}` : ''}
              </Text>
            </Stack>
            {canWrite ? (
              <Stack gap={6} align="flex-end">
                <Group gap={6} wrap="nowrap">
                  <NumberInput
                    w={120}
                    size="xs"
                    placeholder={o.unit}
                    aria-label={t('successPlan.objective.measured', { title: o.title })}
                    value={values[o.id] ?? ''}
                    onChange={(v) => setValues((s) => ({ ...s, [o.id]: v }))}
                    data-testid="progress-value"
                    {...numberSeparators()}
                  />
                  <Button
                    size="xs"
                    disabled={values[o.id] === undefined || values[o.id] === ''}
                    loading={record.isPending && record.variables?.id === o.id}
                    onClick={() => record.mutate({ id: o.id, value: Number(values[o.id]) })}
                    data-testid="progress-record"
                  >
                    {t('successPlan.objective.record')}
                  </Button>
                </Group>
                <Group gap={4}>
                  {o.source !== 'manual' ? (
                    <Tooltip label={t('successPlan.objective.measure')}>
                      <ActionIcon variant="subtle" onClick={() => measure.mutate(o.id)} aria-label={t('successPlan.objective.measure')}>
                        <IconRefresh size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('common.edit')}
                    onClick={() => {
                      setEditing(o);
                      formModal.open();
                    }}
                  >
                    <IconPencil size={16} />
                  </ActionIcon>
                  <ActionIcon variant="subtle" color="red" aria-label={t('common.delete')} onClick={() => remove.mutate(o.id)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Stack>
            ) : null}
          </Group>
        </Paper>
      ))}
      {series.length > 1 ? (
        <Paper withBorder p="md" data-testid="success-plan-chart">
          <Text fw={600} size="sm" mb="sm">
            {t('successPlan.chart')}
          </Text>
          <LineChart
            h={220}
            data={series}
            dataKey="day"
            withLegend
            connectNulls
            unit=" %"
            referenceLines={[{ y: 100, label: t('successPlan.target'), color: 'teal.6' }]}
            series={plan.objectives.map((o, i) => ({
              name: o.id,
              label: o.title,
              color: CHART_COLORS[i % CHART_COLORS.length] ?? 'blue.6',
            }))}
          />
        </Paper>
      ) : null}
      <ValueDeliveredPanel plan={plan} canWrite={canWrite} />
      <ObjectiveFormModal opened={formOpened} onClose={formModal.close} accountId={accountId} objective={editing} />
    </Stack>
  );
}
