import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { usePlanOptions } from '../subscriptions/index.ts';
import { adoptionKeys } from './queryKeys.ts';
import type { AdoptionSettings, KeyFeatureInput } from './types.ts';

const ALL_PLANS = '*';

/** Admins: which event names are key features (per plan or for every plan), and the thresholds of the adoption flags. */
export function KeyFeaturesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('nav.adoptionKeyFeatures')} subtitle={t('adoption.keyFeaturesSubtitle')} />
      <Stack gap="md">
        <KeyFeaturesEditor />
        <ThresholdsForm />
      </Stack>
    </>
  );
}

function KeyFeaturesEditor() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const plans = usePlanOptions();
  const keyFeatures = useQuery({
    queryKey: adoptionKeys.keyFeatures,
    queryFn: async () => unwrap(await api.GET('/api/v1/usage/key-features')),
  });
  const [items, setItems] = useState<KeyFeatureInput[]>([]);
  const [event, setEvent] = useState('');
  const [plan, setPlan] = useState<string>(ALL_PLANS);
  useEffect(() => {
    if (keyFeatures.data) setItems(keyFeatures.data.items.map((i) => ({ event: i.event, planId: i.planId })));
  }, [keyFeatures.data]);
  const save = useMutation({
    mutationFn: async (next: KeyFeatureInput[]) => unwrap(await api.PUT('/api/v1/usage/key-features', { body: { items: next } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adoptionKeys.all });
      notifySuccess(t('adoption.keyFeaturesSaved'));
    },
    onError: (error) => notifyError(error),
  });
  const planName = (id: string | null) => (id ? (plans.data?.find((p) => p.id === id)?.name ?? '—') : t('adoption.allPlans'));
  const seen = keyFeatures.data?.seen ?? [];
  const add = () => {
    const name = event.trim();
    if (!name) return;
    setItems([...items, { event: name, planId: plan === ALL_PLANS ? null : plan }]);
    setEvent('');
  };
  return (
    <Paper withBorder p="md">
      <Title order={5}>{t('adoption.keyFeatures')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('adoption.keyFeaturesHelp')}
      </Text>
      <Table striped data-testid="key-features">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('adoption.feature')}</Table.Th>
            <Table.Th>{t('adoption.plan')}</Table.Th>
            <Table.Th>{t('adoption.lastSeen')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  {t('adoption.noKeyFeatures')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {items.map((item, i) => {
            const s = seen.find((x) => x.event === item.event);
            return (
              <Table.Tr key={`${item.planId ?? ALL_PLANS}:${item.event}`}>
                <Table.Td>{item.event}</Table.Td>
                <Table.Td>{planName(item.planId)}</Table.Td>
                <Table.Td c={s ? undefined : 'dimmed'}>
                  {s
                    ? `${formatDate(s.lastSeenOn)} · ${t('adoption.eventsCount', { count: s.events, n: formatNumber(s.events) })}`
                    : t('adoption.notSeen')}
                </Table.Td>
                <Table.Td ta="right">
                  <Tooltip label={t('common.delete')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('common.delete')}
                      onClick={() => setItems(items.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group mt="md" align="flex-end">
        <Autocomplete
          label={t('adoption.feature')}
          placeholder={t('adoption.featurePlaceholder')}
          data={seen.map((s) => s.event)}
          value={event}
          onChange={setEvent}
          w={280}
          data-testid="key-feature-event"
        />
        <Select
          label={t('adoption.plan')}
          data={[{ value: ALL_PLANS, label: t('adoption.allPlans') }, ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          value={plan}
          onChange={(v) => setPlan(v ?? ALL_PLANS)}
          allowDeselect={false}
          w={240}
        />
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={add} disabled={!event.trim()}>
          {t('adoption.addKeyFeature')}
        </Button>
        <Button onClick={() => save.mutate(items)} loading={save.isPending} data-testid="save-key-features">
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}

function ThresholdsForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: adoptionKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/v1/usage/adoption/settings')),
  });
  const [form, setForm] = useState<AdoptionSettings | null>(null);
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async (body: AdoptionSettings) => unwrap(await api.PUT('/api/v1/usage/adoption/settings', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: adoptionKeys.all });
      notifySuccess(t('adoption.thresholdsSaved'));
    },
    onError: (error) => notifyError(error),
  });
  const errors = save.error ? fieldErrors(save.error) : {};
  if (!form) return null;
  const field = (key: keyof AdoptionSettings, min: number, max: number, suffix: string) => (
    <NumberInput
      label={t(`adoption.settings.${key}`)}
      description={t(`adoption.settings.${key}Help`)}
      value={form[key]}
      min={min}
      max={max}
      suffix={suffix}
      allowDecimal={false}
      error={errors[key]}
      onChange={(v) => setForm({ ...form, [key]: typeof v === 'number' ? v : 0 })}
    />
  );
  return (
    <Paper withBorder p="md">
      <Title order={5} mb="sm">
        {t('adoption.thresholds')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {field('lowActivityDays', 1, 365, ` ${t('adoption.days')}`)}
        {field('lowActivityDropPercent', 1, 100, ' %')}
        {field('poorBreadthPercent', 0, 100, ' %')}
        {field('poorLicencePercent', 0, 100, ' %')}
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button onClick={() => save.mutate(form)} loading={save.isPending} data-testid="save-thresholds">
          {t('common.save')}
        </Button>
      </Group>
    </Paper>
  );
}
