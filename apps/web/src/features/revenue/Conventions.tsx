import { Button, Group, NumberInput, Paper, Radio, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { revenueKeys } from './queryKeys.ts';
import type { MetricSettings, SettingsPatch } from './types.ts';

type Choice = 'discounts' | 'freeCustomers' | 'churnRecognised' | 'joinAndChurn';
const CHOICES: Record<Choice, readonly [string, string]> = {
  discounts: ['deduct', 'ignore'],
  freeCustomers: ['lead', 'active'],
  churnRecognised: ['period_end', 'request'],
  joinAndChurn: ['exclude', 'include'],
};

/** A convention: the question, then its default (METRICS.md's wording) and its alternative. */
function ChoiceSetting({ name, value, onChange }: { name: Choice; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const [def, alt] = CHOICES[name];
  return (
    <Radio.Group label={t(`revenue.conventions.${name}.question`)} value={value} onChange={onChange} data-testid={`convention-${name}`}>
      <Stack gap={6} mt={6}>
        <Radio value={def} label={`${t(`revenue.conventions.${name}.${def}`)} (${t('revenue.conventions.default')})`} />
        <Radio value={alt} label={t(`revenue.conventions.${name}.${alt}`)} />
      </Stack>
    </Radio.Group>
  );
}

/** The organisation's metric conventions (METRICS.md), each with its default; saving recomputes every figure. */
export function Conventions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: revenueKeys.settings,
    queryFn: async () => unwrap(await api.GET('/api/v1/metrics/settings')),
  });
  const [draft, setDraft] = useState<MetricSettings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async (body: SettingsPatch) => unwrap(await api.PATCH('/api/v1/metrics/settings', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: revenueKeys.all });
      notifySuccess(t('revenue.settings.saved'));
    },
    onError: (e) => notifyError(e),
  });
  if (!draft) return <Skeleton h={400} />;
  const set = <K extends keyof MetricSettings>(key: K, v: MetricSettings[K]) => setDraft((d) => (d ? { ...d, [key]: v } : d));
  const { reportingCurrency: _, ...patch } = draft;
  return (
    <Paper withBorder p="lg" maw={820}>
      <Stack gap="lg">
        <TextInput
          label={t('revenue.conventions.reportingCurrency')}
          description={t('revenue.conventions.reportingCurrencyHint')}
          value={draft.reportingCurrency}
          readOnly
          w={260}
        />
        <Text size="sm" c="dimmed">
          {t('revenue.conventions.nonMonthly')}
        </Text>
        {(Object.keys(CHOICES) as Choice[]).map((name) => (
          <ChoiceSetting key={name} name={name} value={draft[name]} onChange={(v) => set(name, v as never)} />
        ))}
        <Radio.Group
          label={t('revenue.conventions.reactivation.question')}
          value={draft.reactivationWindowDays === null ? 'any' : 'window'}
          onChange={(v) => set('reactivationWindowDays', v === 'any' ? null : (draft.reactivationWindowDays ?? 90))}
        >
          <Stack gap={6} mt={6}>
            <Radio value="any" label={`${t('revenue.conventions.reactivation.any')} (${t('revenue.conventions.default')})`} />
            <Group gap="xs">
              <Radio value="window" label={t('revenue.conventions.reactivation.window')} />
              <NumberInput
                w={100}
                min={1}
                max={3650}
                disabled={draft.reactivationWindowDays === null}
                value={draft.reactivationWindowDays ?? 90}
                onChange={(v) => typeof v === 'number' && set('reactivationWindowDays', v)}
                aria-label={t('revenue.conventions.reactivation.days')}
              />
              <Text size="sm">{t('revenue.conventions.reactivation.days')}</Text>
            </Group>
          </Stack>
        </Radio.Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('revenue.conventions.renewalGraceDays')}
            description={t('revenue.conventions.renewalGraceDaysHint')}
            min={0}
            max={365}
            value={draft.renewalGraceDays}
            onChange={(v) => typeof v === 'number' && set('renewalGraceDays', v)}
          />
          <NumberInput
            label={t('revenue.conventions.ltvChurnMonths')}
            description={t('revenue.conventions.ltvChurnMonthsHint')}
            min={1}
            max={24}
            value={draft.ltvChurnMonths}
            onChange={(v) => typeof v === 'number' && set('ltvChurnMonths', v)}
          />
        </Group>
        <Group justify="flex-end">
          <Button onClick={() => save.mutate(patch)} loading={save.isPending} data-testid="save-conventions">
            {t('common.save')}
          </Button>
        </Group>
        {save.isPending ? (
          <Text size="xs" c="dimmed">
            {t('revenue.settings.recomputing')}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
