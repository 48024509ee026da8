import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDateTime, formatNumber, numberSeparators } from '../../lib/format.ts';
import { SEGMENTS } from '../../lib/types.ts';
import { TargetForm, UsageSignalSettingsForm } from './PortfolioSettings.tsx';
import { healthKeys } from './queryKeys.ts';
import { ThresholdsEditor } from './ThresholdsEditor.tsx';
import { measureLabel, type Scorecard, type ScorecardMeasure } from './types.ts';

/** Administration → Health scorecards: build and edit the scorecards (saving makes a new version) and the bands. */
export function HealthScorecardsPage(): ReactElement {
  const { t } = useTranslation();
  const cards = useQuery({
    queryKey: healthKeys.scorecards,
    queryFn: async () => unwrap(await api.GET('/api/v1/health/scorecards')).items,
  });
  const [selected, setSelected] = useState<string | null>(null);
  const card = cards.data?.find((c) => c.id === selected) ?? cards.data?.[0];
  const queryClient = useQueryClient();
  const canEdit = useCan('health:configure');
  const fallback = cards.data?.find((c) => c.segment === null);
  const freeSegments = SEGMENTS.filter((s) => !cards.data?.some((c) => c.segment === s));
  const create = useMutation({
    mutationFn: async (segment: string) =>
      unwrap(
        await api.POST('/api/v1/health/scorecards', {
          body: { name: t(`account.segment.${segment}`), segment, measures: fallback?.measures ?? [] },
        }),
      ),
    onSuccess: async (made) => {
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
      setSelected(made.id);
    },
    onError: (error) => notifyError(error),
  });
  return (
    <Stack>
      <PageHeader
        title={t('health.editor.title')}
        subtitle={t('health.editor.subtitle')}
        actions={
          <Button component={Link} to="/health/evaluate" variant="light">
            {t('health.eval.title')}
          </Button>
        }
      />
      <Group>
        <Select
          label={t('health.editor.scorecard')}
          data={(cards.data ?? []).map((c) => ({
            value: c.id,
            label: c.segment ? `${c.name} (${t(`account.segment.${c.segment}`, { defaultValue: c.segment })})` : c.name,
          }))}
          value={card?.id ?? null}
          onChange={setSelected}
          w={320}
          allowDeselect={false}
        />
        {canEdit && freeSegments.length ? (
          <Select
            label={t('health.editor.newForSegment')}
            placeholder={t('health.editor.chooseSegment')}
            data={freeSegments.map((s) => ({ value: s, label: t(`account.segment.${s}`) }))}
            value={null}
            onChange={(s) => s && create.mutate(s)}
            disabled={!fallback || create.isPending}
            w={260}
          />
        ) : null}
      </Group>
      {card ? <ScorecardForm key={`${card.id}-${card.version}`} card={card} /> : <Skeleton h={300} />}
      {card && card.segment === null ? (
        <Text size="sm" c="dimmed">
          {t('health.editor.defaultHelp')}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <BandsForm />
        {card ? <Versions id={card.id} /> : null}
        <TargetForm />
        <UsageSignalSettingsForm />
      </SimpleGrid>
    </Stack>
  );
}

function ScorecardForm({ card }: { card: Scorecard }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canEdit = useCan('health:configure');
  const [name, setName] = useState(card.name);
  const [measures, setMeasures] = useState<ScorecardMeasure[]>(card.measures);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const defs = useQuery({ queryKey: healthKeys.measures, queryFn: async () => unwrap(await api.GET('/api/v1/health/measures')).items });
  const defOf = (key: string) => defs.data?.find((d) => d.key === key);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/health/scorecards/{id}', {
          params: { path: { id: card.id } },
          body: { name, segment: card.segment, measures },
        }),
      ),
    onSuccess: async (saved) => {
      setErrors({});
      notifySuccess(t('health.editor.saved', { version: saved.version }));
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const unused = (defs.data ?? []).filter((d) => !measures.some((m) => m.source === d.key));
  const setAt = (i: number, m: ScorecardMeasure) => setMeasures(measures.map((x, j) => (j === i ? m : x)));
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-end" mb="md">
        <TextInput
          label={t('health.editor.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          w={320}
        />
        <Text size="sm" c="dimmed">
          {t('health.editor.version', { version: card.version, date: formatDateTime(card.createdAt) })}
        </Text>
      </Group>
      <Table verticalSpacing="sm" data-testid="scorecard-measures">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={280}>{t('health.measure')}</Table.Th>
            <Table.Th w={110}>{t('health.weight')}</Table.Th>
            <Table.Th>{t('health.editor.thresholds')}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {measures.map((m, i) => (
            <Table.Tr key={m.source}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {measureLabel(defOf(m.source)?.label, m.source)}
                </Text>
                {errors[`measures.${i}.source`] ? (
                  <Text size="xs" c="red">
                    {errors[`measures.${i}.source`]}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <NumberInput
                  {...numberSeparators()}
                  size="xs"
                  min={0}
                  max={1000}
                  value={m.weight}
                  onChange={(v) => setAt(i, { ...m, weight: Number(v) || 0 })}
                  aria-label={t('health.weight')}
                />
              </Table.Td>
              <Table.Td>
                <ThresholdsEditor value={m.thresholds} def={defOf(m.source)} onChange={(thresholds) => setAt(i, { ...m, thresholds })} />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('health.editor.removeMeasure')}
                  onClick={() => setMeasures(measures.filter((_, j) => j !== i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt="md">
        <Select
          placeholder={t('health.editor.addMeasure')}
          leftSection={<IconPlus size={14} />}
          data={unused.map((d) => ({ value: d.key, label: measureLabel(d.label, d.key) }))}
          value={null}
          onChange={(key) => {
            const d = defOf(key ?? '');
            if (d) setMeasures([...measures, { source: d.key, weight: 1, thresholds: d.defaultThresholds }]);
          }}
          searchable
          w={320}
        />
        {canEdit ? (
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!measures.length} data-testid="save-scorecard">
            {t('health.editor.save')}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}

function BandsForm(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: healthKeys.settings, queryFn: async () => unwrap(await api.GET('/api/v1/health/settings')) });
  const [redMax, setRedMax] = useState<number | string>(50);
  const [yellowMax, setYellowMax] = useState<number | string>(75);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (settings.data) {
      setRedMax(settings.data.redMax);
      setYellowMax(settings.data.yellowMax);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PUT('/api/v1/health/settings', { body: { redMax: Number(redMax), yellowMax: Number(yellowMax) } })),
    onSuccess: async () => {
      setErrors({});
      notifySuccess(t('health.editor.bandsSaved'));
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('health.editor.bands')}
      </Title>
      <Group align="flex-end">
        <NumberInput label={t('health.editor.redMax')} min={0} max={99} value={redMax} onChange={setRedMax} error={errors.redMax} w={140} />
        <NumberInput
          label={t('health.editor.yellowMax')}
          min={1}
          max={99}
          value={yellowMax}
          onChange={setYellowMax}
          error={errors.yellowMax}
          w={140}
        />
        <Button variant="light" onClick={() => save.mutate()} loading={save.isPending}>
          {t('health.editor.saveBands')}
        </Button>
      </Group>
      <Group gap="xs" mt="sm">
        <Badge color="red">{`0–${formatNumber(Number(redMax))}`}</Badge>
        <Badge color="yellow">{`${formatNumber(Number(redMax) + 1)}–${formatNumber(Number(yellowMax))}`}</Badge>
        <Badge color="teal">{`${formatNumber(Number(yellowMax) + 1)}–100`}</Badge>
      </Group>
    </Paper>
  );
}

function Versions({ id }: { id: string }): ReactElement {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: healthKeys.scorecard(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/health/scorecards/{id}', { params: { path: { id } } })),
  });
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="xs">
        {t('health.editor.versions')}
      </Title>
      <Table>
        <Table.Tbody>
          {(detail.data?.versions ?? []).map((v) => (
            <Table.Tr key={v.version}>
              <Table.Td>{t('health.versionMarker', { version: v.version })}</Table.Td>
              <Table.Td>{formatDateTime(v.createdAt)}</Table.Td>
              <Table.Td>
                {v.fit
                  ? t('health.editor.fitted', {
                      auc: formatNumber(Math.round((v.fit.test.auc ?? 0) * 1000) / 1000),
                      n: formatNumber(v.fit.train.n),
                    })
                  : t('health.editor.manual')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
