import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { FormFooter } from '../../components/FormFooter.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { supportRequestKeys } from './queryKeys.ts';
import { SUPPORT_PRIORITIES } from './search.ts';
import type { SupportPriority, SupportRequestInput } from './types.ts';

interface FormState {
  accountId: string | null;
  contactId: string | null;
  subject: string;
  body: string;
  priority: SupportPriority;
  assigneeUserId: string | null;
}

const empty = (accountId?: string): FormState => ({
  accountId: accountId ?? null,
  contactId: null,
  subject: '',
  body: '',
  priority: 'normal',
  assigneeUserId: null,
});

const toBody = (s: FormState): SupportRequestInput => ({
  accountId: s.accountId ?? '',
  contactId: s.contactId,
  subject: s.subject.trim(),
  body: s.body.trim(),
  priority: s.priority,
  assigneeUserId: s.assigneeUserId,
});

/** Logs a support request by hand (a call, a chat) for an account (`accountId` preselects one), optionally a contact. */
export function SupportRequestFormModal({ opened, onClose, accountId }: { opened: boolean; onClose: () => void; accountId?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const users = useActiveUsers();
  const [state, setState] = useState<FormState>(empty(accountId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const contacts = useQuery({
    queryKey: ['contacts', 'of-account', state.accountId],
    enabled: !!state.accountId,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/contacts', { params: { query: { accountId: state.accountId ?? '', pageSize: 200, sort: 'name' } } }))
        .items,
  });

  useEffect(() => {
    if (opened) {
      setState(empty(accountId));
      setErrors({});
    }
  }, [opened, accountId]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));

  const save = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/support/requests', { body: toBody(state) })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: supportRequestKeys.all });
      notifySuccess(t('support.created', { number: saved.number }));
      onClose();
      void navigate({ to: '/support/$requestId', params: { requestId: saved.id } });
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
    if (!state.subject.trim()) missing.subject = t('form.required');
    if (!state.body.trim()) missing.body = t('form.required');
    if (Object.keys(missing).length) return setErrors(missing);
    save.mutate();
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('support.new')} size="lg">
      <form onSubmit={submit} noValidate data-testid="support-form">
        <Stack gap="sm">
          <Group grow align="flex-start">
            <AccountSelect
              label={t('support.fields.account')}
              value={state.accountId}
              onChange={(id) => setState((s) => ({ ...s, accountId: id, contactId: null }))}
              error={errors.accountId}
              required
            />
            <Select
              label={t('support.fields.contact')}
              data={(contacts.data ?? []).map((c) => ({ value: c.id, label: `${c.firstName} ${c.lastName}`.trim() }))}
              value={state.contactId}
              onChange={(v) => set('contactId', v)}
              error={errors.contactId}
              disabled={!state.accountId}
              clearable
              searchable
            />
          </Group>
          <TextInput
            label={t('support.fields.subject')}
            value={state.subject}
            onChange={(e) => set('subject', e.currentTarget.value)}
            error={errors.subject}
            required
            data-autofocus
            name="subject"
          />
          <Textarea
            label={t('support.fields.question')}
            value={state.body}
            onChange={(e) => set('body', e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={4}
            required
            name="body"
          />
          <Group grow>
            <Select
              label={t('support.fields.priority')}
              data={SUPPORT_PRIORITIES.map((p) => ({ value: p, label: t(`support.priorities.${p}`) }))}
              value={state.priority}
              onChange={(v) => v && set('priority', v as SupportPriority)}
              error={errors.priority}
            />
            <Select
              label={t('support.fields.assignee')}
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={state.assigneeUserId}
              onChange={(v) => set('assigneeUserId', v)}
              error={errors.assigneeUserId}
              placeholder={t('support.nobody')}
              clearable
              searchable
            />
          </Group>
          <FormFooter>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="support-save">
              {t('support.add')}
            </Button>
          </FormFooter>
        </Stack>
      </form>
    </Modal>
  );
}
