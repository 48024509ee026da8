import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../lib/api.ts';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const close = () => {
    setCurrent('');
    setNew('');
    setRepeat('');
    setErrors({});
    onClose();
  };

  const change = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/change-password', { body: { currentPassword, newPassword } })),
    onSuccess: () => {
      notifySuccess(t('password.changed'));
      close();
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (newPassword.length < 12) return setErrors({ newPassword: t('password.tooShort', { min: 12 }) });
    if (newPassword !== repeat) return setErrors({ repeat: t('password.mismatch') });
    change.mutate();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('userMenu.changePassword')}>
      <form onSubmit={submit}>
        <Stack>
          <PasswordInput
            label={t('password.current')}
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label={t('password.new')}
            description={t('password.rule', { min: 12 })}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            error={errors.newPassword}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label={t('password.repeat')}
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={errors.repeat}
            autoComplete="new-password"
            required
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('userMenu.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
