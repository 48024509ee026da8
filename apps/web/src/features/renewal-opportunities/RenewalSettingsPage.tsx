import { Button, Group, NumberInput, Paper, Skeleton, Stack, Switch, TagsInput, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { renewalKeys } from './queryKeys.ts';
import { RenewalEmailTemplates } from './RenewalEmailTemplates.tsx';

type Settings = NonNullable<Awaited<ReturnType<typeof loadSettings>>>;
const loadSettings = async () => unwrap(await api.GET('/api/v1/renewal-settings'));

/** Offsets as tags ("60", "30"): whole days from 1 to 730, each once, largest first. */
const toDays = (xs: string[]) =>
  [...new Set(xs.map((x) => Number.parseInt(x, 10)).filter((n) => Number.isInteger(n) && n >= 1 && n <= 730))].sort((a, b) => b - a);

/** The renewal settings of an admin: lead time, the owner's reminders, the customer e-mails and their templates. */
export function RenewalSettingsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: renewalKeys.settings, queryFn: loadSettings });
  const [draft, setDraft] = useState<Settings | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: async (s: Settings) =>
      unwrap(
        await api.PUT('/api/v1/renewal-settings', {
          body: {
            leadDays: s.leadDays,
            reminderOffsets: s.reminderOffsets,
            overdueReminder: s.overdueReminder,
            customerEmails: s.customerEmails,
            customerReminderOffsets: s.customerReminderOffsets,
          },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(renewalKeys.settings, data);
      notifySuccess(t('renewalSettings.saved'));
    },
    onError: (e) => notifyError(e),
  });
  const set = <K extends keyof Settings>(key: K, v: Settings[K]) => setDraft((d) => (d ? { ...d, [key]: v } : d));
  return (
    <>
      <PageHeader title={t('renewalSettings.title')} subtitle={t('renewalSettings.subtitle')} />
      <Stack gap="lg" maw={980}>
        {!draft ? (
          <Skeleton h={320} />
        ) : (
          <Paper withBorder p="lg">
            <Stack gap="md">
              <Title order={4}>{t('renewalSettings.pipeline')}</Title>
              <NumberInput
                label={t('renewalSettings.leadDays')}
                description={t('renewalSettings.leadDaysHint')}
                min={0}
                max={730}
                w={320}
                value={draft.leadDays}
                onChange={(v) => typeof v === 'number' && set('leadDays', v)}
                data-testid="renewal-lead-days"
              />
              <TagsInput
                label={t('renewalSettings.reminderOffsets')}
                description={t('renewalSettings.reminderOffsetsHint')}
                value={draft.reminderOffsets.map(String)}
                onChange={(xs) => set('reminderOffsets', toDays(xs))}
                maw={520}
              />
              <Switch
                label={t('renewalSettings.overdueReminder')}
                checked={draft.overdueReminder}
                onChange={(e) => set('overdueReminder', e.currentTarget.checked)}
              />
              <Title order={4} mt="sm">
                {t('renewalSettings.customer')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('renewalSettings.customerHint')}
              </Text>
              <Switch
                label={t('renewalSettings.customerEmails')}
                checked={draft.customerEmails}
                onChange={(e) => set('customerEmails', e.currentTarget.checked)}
                data-testid="renewal-customer-emails"
              />
              <TagsInput
                label={t('renewalSettings.customerReminderOffsets')}
                description={t('renewalSettings.customerReminderOffsetsHint')}
                value={draft.customerReminderOffsets.map(String)}
                onChange={(xs) => set('customerReminderOffsets', toDays(xs))}
                disabled={!draft.customerEmails}
                maw={520}
              />
              <Group justify="flex-end">
                <Button onClick={() => save.mutate(draft)} loading={save.isPending} data-testid="save-renewal-settings">
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        )}
        <RenewalEmailTemplates />
      </Stack>
    </>
  );
}
