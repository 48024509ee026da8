import { Button, Modal, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { churnSignalKeys } from './queryKeys.ts';
import type { ChurnSignalInput } from './types.ts';

interface FormState {
  accountId: string | null;
  note: string;
}

const toBody = (s: FormState): ChurnSignalInput => ({ note: s.note.trim() });

/**
 * A CSM raises a churn signal by hand: what worries them about an account, in words (`accountId` preselects one).
 * Playbooks see it like the signals the product raises. Server field errors show on the inputs.
 */
export function ChurnSignalFormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>({ accountId: accountId ?? null, note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState({ accountId: accountId ?? null, note: '' });
      setErrors({});
    }
  }, [opened, accountId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/accounts/{id}/churn-signals', { params: { path: { id: state.accountId ?? '' } }, body: toBody(state) }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: churnSignalKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      notifySuccess(t('churnSignal.created'));
      onClose();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!state.accountId) missing.accountId = t('form.required');
    if (!state.note.trim()) missing.note = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('churnSignal.new')}>
      <form onSubmit={submit} noValidate data-testid="churn-signals-form">
        <Stack gap="sm">
          <AccountSelect
            label={t('churnSignal.fields.account')}
            value={state.accountId}
            onChange={(id) => set('accountId', id)}
            error={errors.accountId}
            required
          />
          <Textarea
            label={t('churnSignal.fields.note')}
            description={t('churnSignal.noteHint')}
            value={state.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            error={errors.note}
            required
            autosize
            minRows={3}
            data-autofocus
            name="note"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="churn-signals-save">
              {t('churnSignal.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
