import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { type Language, ROLES, type Role, UI_LANGUAGES, type User } from '../../lib/types.ts';

interface FormState {
  name: string;
  email: string;
  role: Role;
  ownAccountsOnly: boolean;
  language: Language;
  disabled: boolean;
  password: string;
}

const empty: FormState = { name: '', email: '', role: 'csm', ownAccountsOnly: false, language: 'en', disabled: false, password: '' };

/** Invite a new user (`user` = 'new') or change an existing user's role, scope, language or access. */
export function UserFormModal({ user, onClose }: { user: User | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isNew = user === 'new';
  const [form, setForm] = useState<FormState>(empty);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  useEffect(() => {
    if (user === 'new') setForm(empty);
    else if (user) setForm({ ...empty, ...user, password: '' });
  }, [user]);

  const save = useMutation({
    mutationFn: async () => {
      if (isNew) {
        const { password, disabled: _disabled, ...rest } = form;
        return unwrap(await api.POST('/api/v1/users', { body: { ...rest, password: password || undefined } }));
      }
      if (!user) throw new Error('no user');
      const { name, role, ownAccountsOnly, language, disabled } = form;
      return unwrap(
        await api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { name, role, ownAccountsOnly, language, disabled },
        }),
      );
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      notifySuccess(isNew ? t('admin.users.created', { name: saved.name }) : t('common.saved'));
      onClose();
    },
    onError: (error) => notifyError(error),
  });
  const errors = fieldErrors(save.error);

  return (
    <Modal opened={user !== null} onClose={onClose} title={isNew ? t('admin.users.invite') : t('admin.users.edit')} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('admin.users.name')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label={t('admin.users.email')}
            type="email"
            required
            disabled={!isNew}
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
          <Select
            label={t('admin.users.role')}
            required
            allowDeselect={false}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={form.role}
            onChange={(v) => v && set('role', v as Role)}
            error={errors.role}
          />
          <Switch
            label={t('admin.users.ownAccountsOnly')}
            description={t('admin.users.ownAccountsOnlyHelp')}
            checked={form.ownAccountsOnly}
            onChange={(e) => set('ownAccountsOnly', e.currentTarget.checked)}
          />
          <Select
            label={t('admin.users.language')}
            allowDeselect={false}
            data={UI_LANGUAGES.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            value={form.language}
            onChange={(v) => v && set('language', v as Language)}
          />
          {isNew ? (
            <>
              <PasswordInput
                label={t('admin.users.initialPassword')}
                description={t('admin.users.initialPasswordHelp')}
                value={form.password}
                onChange={(e) => set('password', e.currentTarget.value)}
                error={errors.password}
                autoComplete="new-password"
              />
              {form.password === '' ? (
                <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />}>
                  {t('admin.users.invitationNote')}
                </Alert>
              ) : null}
            </>
          ) : (
            <Switch
              color="red"
              label={t('admin.users.disableAccess')}
              description={t('admin.users.disableAccessHelp')}
              checked={form.disabled}
              onChange={(e) => set('disabled', e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {isNew ? (form.password ? t('admin.users.createUser') : t('admin.users.sendInvite')) : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
