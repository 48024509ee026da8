import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { renewalKeys } from './queryKeys.ts';
import { CLOSED_STAGES } from './search.ts';
import type { Renewal, RenewalStage, RenewalUpdate } from './types.ts';

/** Saves a change of a renewal and refreshes every view of renewals (board, list, calendar, account tab). */
export function useUpdateRenewal(onSaved?: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, body }: { id: string; body: RenewalUpdate }) =>
      unwrap(await api.PATCH('/api/v1/renewal-opportunities/{id}', { params: { path: { id } }, body })),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: renewalKeys.all });
      notifySuccess(t('renewalPipeline.moved', { account: r.accountName, stage: t(`renewalPipeline.stages.${r.stage}`) }));
      onSaved?.();
    },
    onError: (error) => notifyError(error),
  });
}

/**
 * Moving a renewal to a stage: an open stage at once; a closing one (renewed, downgraded, churned) asks why first
 * (required for churned). Returns `move` and the modal to render.
 */
export function useMoveRenewal() {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ renewal: Renewal; stage: RenewalStage } | null>(null);
  const [reason, setReason] = useState('');
  const update = useUpdateRenewal(() => setPending(null));
  const move = (renewal: Renewal, stage: RenewalStage) => {
    if (stage === renewal.stage) return;
    if (CLOSED_STAGES.includes(stage)) {
      setReason('');
      setPending({ renewal, stage });
    } else update.mutate({ id: renewal.id, body: { stage } });
  };
  const errors = fieldErrors(update.error);
  const modal = (
    <Modal opened={!!pending} onClose={() => setPending(null)} title={pending ? t(`renewalPipeline.close.title.${pending.stage}`) : ''}>
      {pending ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ id: pending.renewal.id, body: { stage: pending.stage, closeReason: reason.trim() || null } });
          }}
        >
          <Stack>
            <Text size="sm">{t('renewalPipeline.close.text', { account: pending.renewal.accountName })}</Text>
            <Textarea
              label={t('renewalPipeline.fields.closeReason')}
              required={pending.stage === 'churned'}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.closeReason}
              autosize
              minRows={2}
              data-testid="renewal-close-reason"
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending} data-testid="renewal-close-save">
                {t('renewalPipeline.close.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
  return { move, modal, isPending: update.isPending };
}
