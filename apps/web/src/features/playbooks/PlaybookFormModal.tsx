import { Button, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { playbookKeys } from './queryKeys.ts';
import type { PlaybookInput } from './types.ts';

interface FormState {
  accountId: string | null;
  title: string;
  notes: string;
}

const toBody = (s: FormState): PlaybookInput => ({ title: s.title.trim(), notes: s.notes.trim() || null });

/** Adds a playbook to an account (`accountId` preselects one). Server field errors show on the inputs. */
export function PlaybookFormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>({ accountId: accountId ?? null, title: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (opened) {
      setState({ accountId: accountId ?? null, title: '', notes: '' });
      setErrors({});
    }
  }, [opened, accountId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/accounts/{id}/playbooks', { params: { path: { id: state.accountId ?? '' } }, body: toBody(state) })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: playbookKeys.all });
      notifySuccess(t('playbook.created', { title: saved.title }));
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
    if (!state.title.trim()) missing.title = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('playbook.new')}>
      <form onSubmit={submit} noValidate data-testid="playbooks-form">
        <Stack gap="sm">
          <AccountSelect
            label={t('playbook.fields.account')}
            value={state.accountId}
            onChange={(id) => set('accountId', id)}
            error={errors.accountId}
            required
          />
          <TextInput
            label={t('playbook.fields.title')}
            value={state.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            required
            data-autofocus
            name="title"
          />
          <Textarea
            label={t('playbook.fields.notes')}
            value={state.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={errors.notes}
            autosize
            minRows={3}
            name="notes"
          />
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="playbooks-save">
              {t('playbook.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
