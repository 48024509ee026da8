import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { meQuery } from '../../app/auth.tsx';
import { ApiError, api, unwrap } from '../../lib/api.ts';
import { AuthFrame } from './AuthFrame.tsx';

const route = getRouteApi('/login');

/** Only same-site paths, so a crafted ?redirect= cannot send the user elsewhere after sign-in. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export function LoginPage() {
  const { t, i18n } = useTranslation();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/auth/login', { body: { email: email.trim(), password } })),
    onSuccess: async (me) => {
      queryClient.setQueryData(meQuery.queryKey, me);
      await i18n.changeLanguage(me.user.language);
      await navigate({ href: safeRedirect(redirect), replace: true });
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };

  const error = login.error;
  const message =
    error instanceof ApiError
      ? error.status === 401
        ? t('login.invalid')
        : error.status === 429
          ? t('login.throttled')
          : error.message
      : error
        ? t('errors.network')
        : null;

  return (
    <AuthFrame title={t('login.title')}>
      <form onSubmit={submit}>
        <Stack>
          {message ? (
            <Alert color="red" data-testid="login-error">
              {message}
            </Alert>
          ) : null}
          <TextInput
            label={t('login.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            autoComplete="username"
            required
            autoFocus
            name="email"
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            name="password"
          />
          <Button type="submit" loading={login.isPending} fullWidth data-testid="login-submit">
            {t('login.submit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('login.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
