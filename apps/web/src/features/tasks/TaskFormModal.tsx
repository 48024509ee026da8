import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { taskKeys } from './queryKeys.ts';
import { TASK_PRIORITIES } from './search.ts';
import type { TaskInput } from './types.ts';

interface FormState {
  accountId: string | null;
  title: string;
  notes: string;
  ownerUserId: string | null;
  dueOn: string | null;
  priority: TaskInput['priority'];
}

const toBody = (s: FormState): TaskInput => ({
  title: s.title.trim(),
  notes: s.notes.trim() || null,
  ownerUserId: s.ownerUserId ?? undefined,
  dueOn: s.dueOn,
  priority: s.priority,
});

/** Adds a task to an account (`accountId` preselects one). Server field errors show on the inputs. */
export function TaskFormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const users = useActiveUsers();
  const empty = (): FormState => ({
    accountId: accountId ?? null,
    title: '',
    notes: '',
    ownerUserId: me.user.id,
    dueOn: null,
    priority: 'normal',
  });
  const [state, setState] = useState<FormState>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});

  // biome-ignore lint/correctness/useExhaustiveDependencies: a fresh form each time it opens
  useEffect(() => {
    if (opened) {
      setState(empty());
      setErrors({});
    }
  }, [opened, accountId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/v1/accounts/{id}/tasks', { params: { path: { id: state.accountId ?? '' } }, body: toBody(state) })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      notifySuccess(t('task.created', { title: saved.title }));
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
    <Modal opened={opened} onClose={onClose} title={t('task.new')} size="lg">
      <form onSubmit={submit} noValidate data-testid="tasks-form">
        <Stack gap="sm">
          <AccountSelect
            label={t('task.fields.account')}
            value={state.accountId}
            onChange={(id) => set('accountId', id)}
            error={errors.accountId}
            required
          />
          <TextInput
            label={t('task.fields.title')}
            value={state.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
            required
            data-autofocus
            name="title"
          />
          <Group grow>
            <Select
              label={t('task.fields.owner')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={state.ownerUserId}
              onChange={(v) => set('ownerUserId', v)}
              error={errors.ownerUserId}
              searchable
            />
            <DateField
              label={t('task.fields.dueOn')}
              value={state.dueOn}
              onChange={(v) => set('dueOn', v ? dayjs(v).format('YYYY-MM-DD') : null)}
              error={errors.dueOn}
              clearable
            />
            <Select
              label={t('task.fields.priority')}
              data={TASK_PRIORITIES.map((p) => ({ value: p, label: t(`task.priorities.${p}`) }))}
              value={state.priority}
              onChange={(v) => v && set('priority', v as FormState['priority'])}
            />
          </Group>
          <Textarea
            label={t('task.fields.notes')}
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
            <Button type="submit" loading={save.isPending} data-testid="tasks-save">
              {t('task.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
