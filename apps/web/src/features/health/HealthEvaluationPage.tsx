import { BarChart } from '@mantine/charts';
import { Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { healthKeys } from './queryKeys.ts';
import { type Evaluation, measureLabel } from './types.ts';

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(Math.round(v * 1000) / 10)} %`);
const auc = (v: number | null) => (v === null ? '—' : formatNumber(Math.round(v * 1000) / 1000));

/** "Does the score predict churn?": AUC, lift by decile and the confusion at the band boundaries; suggested weights saved as a new version. */
export function HealthEvaluationPage(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string | null>('churned');
  const [split, setSplit] = useState<'share' | 'field' | 'none'>('share');
  const [testField, setTestField] = useState<string | null>(null);
  const [share, setShare] = useState<number | string>(0.2);
  const [seed, setSeed] = useState<number | string>(1);
  const [fit, setFit] = useState(true);
  const measures = useQuery({ queryKey: healthKeys.measures, queryFn: async () => unwrap(await api.GET('/api/v1/health/measures')).items });
  const yesNoFields = (measures.data ?? []).filter((m) => m.key.startsWith('custom.') && m.kind !== 'number');
  const fieldOptions = yesNoFields.map((m) => ({ value: m.key.slice('custom.'.length), label: measureLabel(m.label, m.key) }));
  const body = (save: boolean) => ({
    outcome: outcome ?? 'churned',
    ...(split === 'field' && testField ? { testField } : {}),
    ...(split === 'share' ? { testShare: Number(share), seed: Number(seed) } : {}),
    ...(fit ? { fit: true } : {}),
    ...(save ? { save: true } : {}),
  });
  const run = useMutation({
    mutationFn: async (save: boolean) => unwrap(await api.POST('/api/v1/health/evaluate', { body: body(save) })),
    onSuccess: async (e) => {
      if (e.saved) {
        notifySuccess(t('health.eval.saved', { version: e.saved.version }));
        await queryClient.invalidateQueries({ queryKey: healthKeys.all });
      }
    },
    onError: (error) => notifyError(error),
  });
  const e = run.data;
  return (
    <Stack>
      <PageHeader title={t('health.eval.title')} subtitle={t('health.eval.subtitle')} />
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('health.eval.outcome')}
            data={[{ value: 'churned', label: t('health.eval.churned') }, ...fieldOptions]}
            value={outcome}
            onChange={setOutcome}
            w={260}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('health.eval.split')}
            </Text>
            <SegmentedControl
              value={split}
              onChange={(v) => setSplit(v as typeof split)}
              data={[
                { value: 'share', label: t('health.eval.splitShare') },
                { value: 'field', label: t('health.eval.splitField') },
                { value: 'none', label: t('health.eval.splitNone') },
              ]}
            />
          </Stack>
          {split === 'share' ? (
            <>
              <NumberInput
                label={t('health.eval.share')}
                min={0.05}
                max={0.95}
                step={0.05}
                decimalScale={2}
                value={share}
                onChange={setShare}
                w={120}
              />
              <NumberInput label={t('health.eval.seed')} value={seed} onChange={setSeed} w={100} allowDecimal={false} />
            </>
          ) : null}
          {split === 'field' ? (
            <Select label={t('health.eval.testField')} data={fieldOptions} value={testField} onChange={setTestField} w={220} />
          ) : null}
          <Switch label={t('health.eval.fit')} checked={fit} onChange={(ev) => setFit(ev.currentTarget.checked)} mb={8} />
          <Button onClick={() => run.mutate(false)} loading={run.isPending} data-testid="run-evaluation">
            {t('health.eval.run')}
          </Button>
        </Group>
      </Paper>
      {e ? <Results e={e} onSave={() => run.mutate(true)} saving={run.isPending} /> : null}
    </Stack>
  );
}

function Results({ e, onSave, saving }: { e: Evaluation; onSave: () => void; saving: boolean }): ReactElement {
  const { t } = useTranslation();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat
          label={t('health.eval.testAuc')}
          value={auc(e.test.auc)}
          hint={t('health.eval.part', { n: formatNumber(e.test.n), churned: formatNumber(e.test.positives) })}
        />
        <Stat
          label={t('health.eval.trainAuc')}
          value={auc(e.train.auc)}
          hint={t('health.eval.part', { n: formatNumber(e.train.n), churned: formatNumber(e.train.positives) })}
        />
        <Stat
          label={t('health.eval.unfittedAuc')}
          value={e.unfitted ? auc(e.unfitted.test.auc) : auc(e.test.auc)}
          hint={t('health.eval.aucHelp')}
        />
      </SimpleGrid>
      <Stack>
        <Paper withBorder p="md">
          <Title order={5}>{t('health.eval.lift')}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('health.eval.liftHelp')}
          </Text>
          <BarChart
            h={240}
            data={e.test.lift.map((d) => ({ decile: String(d.decile), churnRate: Math.round(d.churnRate * 1000) / 10 }))}
            dataKey="decile"
            series={[{ name: 'churnRate', label: t('health.eval.churnRate'), color: 'red.6' }]}
            valueFormatter={(v) => `${formatNumber(v)} %`}
            xAxisLabel={t('health.eval.decile')}
          />
        </Paper>
        <Paper withBorder p="md">
          <Title order={5} mb="sm">
            {t('health.eval.confusion')}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('health.eval.flagged')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.tp')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.fp')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.fn')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.tn')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.precision')}</Table.Th>
                <Table.Th ta="right">{t('health.eval.recall')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.test.confusion.map((c) => (
                <Table.Tr key={c.boundary}>
                  <Table.Td>{t(`health.eval.atOrBelow.${c.boundary}`, { max: c.maxScore })}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.truePositives)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.falsePositives)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.falseNegatives)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.trueNegatives)}</Table.Td>
                  <Table.Td ta="right">{pct(c.precision)}</Table.Td>
                  <Table.Td ta="right">{pct(c.recall)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={5}>{e.fitted ? t('health.eval.suggested') : t('health.eval.current')}</Title>
          {e.fitted ? (
            <Button size="xs" onClick={onSave} loading={saving} disabled={!!e.saved} data-testid="save-fitted">
              {t('health.eval.save')}
            </Button>
          ) : null}
        </Group>
        {e.fitted ? (
          <Text size="sm" c="dimmed" mb="sm">
            {t('health.eval.fitHelp')}
            {e.crossValidation
              ? ` ${t('health.eval.crossValidation', { folds: e.crossValidation.folds, auc: auc(e.crossValidation.auc) })}`
              : ''}
          </Text>
        ) : null}
        <BarChart
          h={Math.max(120, e.inputs.length * 28)}
          data={[...e.inputs].sort((a, b) => b.weight - a.weight).map((i) => ({ input: i.label, weight: i.weight }))}
          dataKey="input"
          orientation="vertical"
          yAxisProps={{ width: 260 }}
          series={[{ name: 'weight', label: t('health.weight'), color: 'blue.6' }]}
          valueFormatter={(v) => formatNumber(v)}
        />
      </Paper>
    </Stack>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint: string }): ReactElement {
  return (
    <Paper withBorder p="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid="eval-stat">
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}
