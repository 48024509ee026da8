import { Button, Group, Modal, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { supportRequestKeys } from './queryKeys.ts';
import { SUPPORT_PRIORITIES } from './search.ts';
import type { SupportSettings } from './types.ts';

type Targets = SupportSettings['targets'];

/** The SLA targets per priority, in hours (stored in minutes), and the organisation's inbound address. */
export function SlaSettingsModal({ opened, onClose, canEdit }: { opened: boolean; onClose: () => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: supportRequestKeys.settings,
    enabled: opened,
    queryFn: async () => unwrap(await api.GET('/api/v1/support/settings')),
  });
  const [targets, setTargets] = useState<Targets | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (opened && settings.data) setTargets(settings.data.targets);
    setErrors({});
  }, [opened, settings.data]);
  const save = useMutation({
    mutationFn: async () => unwrap(await api.PUT('/api/v1/support/settings', { body: { targets: targets as Targets } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: supportRequestKeys.all });
      notifySuccess(t('support.slaSettings.saved'));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });
  const hours = (m: number) => Math.round((m / 60) * 100) / 100;
  const field = (p: keyof Targets, k: 'firstResponseMinutes' | 'resolutionMinutes') =>
    targets ? (
      <NumberInput
        size="xs"
        w={110}
        min={0.1}
        step={1}
        decimalScale={2}
        suffix=" h"
        aria-label={`${t(`support.priorities.${p}`)} ${t(`support.slaSettings.${k}`)}`}
        value={hours(targets[p][k])}
        error={errors[`targets.${p}.${k}`]}
        disabled={!canEdit}
        onChange={(v) => setTargets({ ...targets, [p]: { ...targets[p], [k]: Math.max(1, Math.round(Number(v || 0) * 60)) } })}
      />
    ) : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('support.slaSettings.title')} size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('support.slaSettings.intro')}
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support.fields.priority')}</Table.Th>
              <Table.Th>{t('support.slaSettings.firstResponseMinutes')}</Table.Th>
              <Table.Th>{t('support.slaSettings.resolutionMinutes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SUPPORT_PRIORITIES.map((p) => (
              <Table.Tr key={p}>
                <Table.Td>{t(`support.priorities.${p}`)}</Table.Td>
                <Table.Td>{field(p, 'firstResponseMinutes')}</Table.Td>
                <Table.Td>{field(p, 'resolutionMinutes')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm">
          {settings.data?.inboundAddress
            ? t('support.slaSettings.inbound', { address: settings.data.inboundAddress })
            : t('support.slaSettings.noInbound')}
        </Text>
        <FormFooter>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {canEdit ? t('common.cancel') : t('common.close')}
            </Button>
            {canEdit ? (
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!targets}>
                {t('common.save')}
              </Button>
            ) : null}
          </Group>
        </FormFooter>
      </Stack>
    </Modal>
  );
}
