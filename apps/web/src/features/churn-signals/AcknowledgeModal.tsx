import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { churnSignalKeys } from './queryKeys.ts';
import { describeSignal } from './signalText.ts';
import type { ChurnSignal } from './types.ts';

/** Marks a signal as seen, with what was done about it (the note is optional). */
export function AcknowledgeModal({ signal, onClose }: { signal: ChurnSignal | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (signal) {
      setNote(signal.acknowledgeNote ?? '');
      setError(undefined);
    }
  }, [signal]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/churn-signals/{id}/acknowledge', {
          params: { path: { id: signal?.id ?? '' } },
          body: { note: note.trim() || null },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: churnSignalKeys.all });
      notifySuccess(t('churnSignal.acknowledged'));
      onClose();
    },
    onError: (err) => {
      setError(fieldErrors(err).note);
      notifyError(err);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened={signal !== null} onClose={onClose} title={t('churnSignal.acknowledge')}>
      <form onSubmit={submit} noValidate data-testid="acknowledge-form">
        <Stack gap="sm">
          {signal ? (
            <Text size="sm">
              {signal.accountName}: {describeSignal(signal, t)}
            </Text>
          ) : null}
          <Textarea
            label={t('churnSignal.fields.acknowledgeNote')}
            description={t('churnSignal.acknowledgeHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={error}
            autosize
            minRows={3}
            data-autofocus
            name="note"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="acknowledge-save">
              {t('churnSignal.acknowledge')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
