import { Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { healthKeys } from './queryKeys.ts';

/** Administration → Health: the unhealthy-share target the portfolio measures against. */
export function TargetForm(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: healthKeys.settings, queryFn: async () => unwrap(await api.GET('/api/v1/health/settings')) });
  const [target, setTarget] = useState<number | string>(25);
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (settings.data) setTarget(settings.data.unhealthyTargetPct);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () => {
      const s = settings.data;
      return unwrap(
        await api.PUT('/api/v1/health/settings', {
          body: { redMax: s?.redMax ?? 50, yellowMax: s?.yellowMax ?? 75, unhealthyTargetPct: Number(target) },
        }),
      );
    },
    onSuccess: async () => {
      setError(undefined);
      notifySuccess(t('health.portfolio.settings.saved'));
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
    onError: (e) => {
      setError(fieldErrors(e).unhealthyTargetPct);
      notifyError(e);
    },
  });
  return (
    <Paper withBorder p="md" data-testid="target-form">
      <Title order={5} mb="xs">
        {t('health.portfolio.settings.title')}
      </Title>
      <Group align="flex-end">
        <NumberInput
          label={t('health.portfolio.settings.target')}
          min={0}
          max={100}
          value={target}
          onChange={setTarget}
          error={error}
          w={220}
          suffix=" %"
        />
        <Button variant="light" onClick={() => save.mutate()} loading={save.isPending} disabled={!settings.data}>
          {t('health.portfolio.settings.save')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('health.portfolio.settings.targetHelp')}
      </Text>
    </Paper>
  );
}

/** Administration → Health: the thresholds of the usage churn signals (and the portfolio's low-activity list). */
export function UsageSignalSettingsForm(): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canEdit = useCan('churn_signal:configure');
  const settings = useQuery({
    queryKey: ['churn-signals', 'settings'],
    queryFn: async () => unwrap(await api.GET('/api/v1/churn-signals/settings')),
  });
  const [dropPct, setDropPct] = useState<number | string>(50);
  const [windowDays, setWindowDays] = useState<'14' | '30'>('30');
  const [noLoginDays, setNoLoginDays] = useState<number | string>(30);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!settings.data) return;
    setDropPct(settings.data.usageDropPct);
    setWindowDays(settings.data.usageWindowDays === 14 ? '14' : '30');
    setNoLoginDays(settings.data.noLoginDays);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PUT('/api/v1/churn-signals/settings', {
          body: { usageDropPct: Number(dropPct), usageWindowDays: windowDays === '14' ? 14 : 30, noLoginDays: Number(noLoginDays) },
        }),
      ),
    onSuccess: async () => {
      setErrors({});
      notifySuccess(t('health.portfolio.signalSettings.saved'));
      await queryClient.invalidateQueries({ queryKey: ['churn-signals'] });
      await queryClient.invalidateQueries({ queryKey: healthKeys.all });
    },
    onError: (e) => {
      setErrors(fieldErrors(e));
      notifyError(e);
    },
  });
  return (
    <Paper withBorder p="md" data-testid="usage-signal-settings">
      <Title order={5} mb="xs">
        {t('health.portfolio.signalSettings.title')}
      </Title>
      <Stack gap="sm">
        <Group align="flex-end">
          <NumberInput
            label={t('health.portfolio.signalSettings.usageDropPct')}
            min={10}
            max={95}
            value={dropPct}
            onChange={setDropPct}
            error={errors.usageDropPct}
            w={240}
            suffix=" %"
            disabled={!canEdit}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('health.portfolio.signalSettings.usageWindowDays')}
            </Text>
            <SegmentedControl
              value={windowDays}
              onChange={(v) => setWindowDays(v as '14' | '30')}
              data={[
                { value: '14', label: t('health.portfolio.signalSettings.days14') },
                { value: '30', label: t('health.portfolio.signalSettings.days30') },
              ]}
              disabled={!canEdit}
            />
          </Stack>
        </Group>
        <Group align="flex-end">
          <NumberInput
            label={t('health.portfolio.signalSettings.noLoginDays')}
            min={7}
            max={365}
            value={noLoginDays}
            onChange={setNoLoginDays}
            error={errors.noLoginDays}
            w={240}
            disabled={!canEdit}
          />
          {canEdit ? (
            <Button variant="light" onClick={() => save.mutate()} loading={save.isPending} disabled={!settings.data}>
              {t('health.portfolio.signalSettings.save')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {t('health.portfolio.signalSettings.help')}
        </Text>
      </Stack>
    </Paper>
  );
}
