import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, fieldErrors, unwrap } from '../../lib/api.ts';
import { AuthFrame } from './AuthFrame.tsx';

const route = getRouteApi('/reset-password');
const MIN_LENGTH = 12;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<Record<string, string>>({});

  const confirm = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/password-reset/confirm', { body: { token: token ?? '', password } })),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < MIN_LENGTH) return setLocalError({ password: t('password.tooShort', { min: MIN_LENGTH }) });
    if (password !== repeat) return setLocalError({ repeat: t('password.mismatch') });
    setLocalError({});
    confirm.mutate();
  };

  if (!token) {
    return (
      <AuthFrame title={t('passwordReset.confirmTitle')}>
        <Stack>
          <Alert color="red">{t('passwordReset.missingToken')}</Alert>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('passwordReset.requestAgain')}
          </Anchor>
        </Stack>
      </AuthFrame>
    );
  }

  const serverErrors = fieldErrors(confirm.error);
  return (
    <AuthFrame title={t('passwordReset.confirmTitle')}>
      {confirm.isSuccess ? (
        <Stack>
          <Alert color="teal" data-testid="reset-done">
            {t('passwordReset.done')}
          </Alert>
          <Button component={Link} to="/login" fullWidth>
            {t('login.submit')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            {confirm.error ? (
              <Alert color="red">
                {confirm.error instanceof ApiError &&
                (confirm.error.status === 400 || confirm.error.status === 404) &&
                !serverErrors.password
                  ? t('passwordReset.invalidToken')
                  : confirm.error instanceof ApiError
                    ? confirm.error.message
                    : t('errors.network')}
              </Alert>
            ) : null}
            <PasswordInput
              label={t('password.new')}
              description={t('password.rule', { min: MIN_LENGTH })}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={localError.password ?? serverErrors.password}
              autoComplete="new-password"
              required
              autoFocus
            />
            <PasswordInput
              label={t('password.repeat')}
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={localError.repeat}
              autoComplete="new-password"
              required
            />
            <Button type="submit" loading={confirm.isPending} fullWidth>
              {t('passwordReset.save')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
              {t('passwordReset.requestAgain')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
