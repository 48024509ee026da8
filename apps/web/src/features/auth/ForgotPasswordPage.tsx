import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../lib/api.ts';
import { AuthFrame } from './AuthFrame.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');

  const request = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };

  return (
    <AuthFrame title={t('passwordReset.requestTitle')}>
      {request.isSuccess ? (
        <Stack>
          {/* The same answer whether or not the address exists, so the form cannot reveal who has an account. */}
          <Alert color="teal" data-testid="reset-requested">
            {t('passwordReset.requested')}
          </Alert>
          <Anchor component={Link} to="/login" size="sm">
            {t('passwordReset.backToLogin')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <Text size="sm" c="dimmed">
              {t('passwordReset.requestHelp')}
            </Text>
            {request.error ? (
              <Alert color="red">{request.error instanceof ApiError ? request.error.message : t('errors.network')}</Alert>
            ) : null}
            <TextInput
              label={t('login.email')}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoComplete="username"
              required
              autoFocus
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('passwordReset.send')}
            </Button>
            <Anchor component={Link} to="/login" size="sm" ta="center">
              {t('passwordReset.backToLogin')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
