import { Button, Group, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { upsellCandidateKeys } from './queryKeys.ts';

/** For those who tune the candidates: the limit threshold, and recomputing now instead of tonight. */
export function UpsellSettingsButton() {
  const { t } = useTranslation();
  const canConfigure = useCan('upsell_candidate:configure');
  const queryClient = useQueryClient();
  const [opened, modal] = useDisclosure();
  const settings = useQuery({
    queryKey: upsellCandidateKeys.settings,
    enabled: canConfigure,
    queryFn: async () => unwrap(await api.GET('/api/v1/upsell-candidates/settings')),
  });
  const [threshold, setThreshold] = useState<number | string>(80);
  useEffect(() => {
    if (settings.data) setThreshold(settings.data.limitThresholdPercent);
  }, [settings.data]);

  const recompute = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/upsell-candidates/recompute')),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: upsellCandidateKeys.all });
      notifySuccess(t('upsellCandidate.settings.recomputed', { count: r.candidates }));
    },
    onError: (error) => notifyError(error),
  });
  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.PUT('/api/v1/upsell-candidates/settings', { body: { limitThresholdPercent: Number(threshold) } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: upsellCandidateKeys.settings });
      modal.close();
      recompute.mutate();
    },
    onError: (error) => notifyError(error),
  });
  if (!canConfigure) return null;
  const errors = fieldErrors(save.error);

  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="default" leftSection={<IconRefresh size={16} />} loading={recompute.isPending} onClick={() => recompute.mutate()}>
        {t('upsellCandidate.settings.recompute')}
      </Button>
      <Button variant="default" leftSection={<IconAdjustments size={16} />} onClick={modal.open} data-testid="upsell-settings">
        {t('upsellCandidate.settings.title')}
      </Button>
      <Modal opened={opened} onClose={modal.close} title={t('upsellCandidate.settings.title')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack>
            <NumberInput
              label={t('upsellCandidate.settings.threshold')}
              description={t('upsellCandidate.settings.thresholdHelp')}
              min={1}
              max={100}
              allowDecimal={false}
              suffix=" %"
              value={threshold}
              onChange={setThreshold}
              error={errors.limitThresholdPercent}
            />
            <Text size="xs" c="dimmed">
              {t('upsellCandidate.settings.rules')}
            </Text>
            <FormFooter>
              <Button variant="default" onClick={modal.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </FormFooter>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
