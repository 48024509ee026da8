import { Alert, Button, Stack } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ForbiddenError } from '../app/auth.tsx';
import { ApiError } from '../lib/api.ts';

/** What a page shows when it cannot load: no permission, not found, or another error. */
export function RouteError({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  const forbidden = error instanceof ForbiddenError || (error instanceof ApiError && error.status === 403);
  const notFound = error instanceof ApiError && error.status === 404;
  const title = forbidden ? t('errors.forbiddenTitle') : notFound ? t('errors.notFoundTitle') : t('errors.title');
  const message = forbidden
    ? t('errors.forbidden')
    : notFound
      ? t('errors.notFound')
      : error instanceof ApiError
        ? error.message
        : t('errors.unexpected');
  return (
    <Stack maw={560} mt="xl">
      <Alert color={forbidden ? 'yellow' : 'red'} title={title} icon={forbidden ? <IconLock /> : <IconAlertTriangle />}>
        {message}
      </Alert>
      <div>
        <Button component={Link} to="/" variant="default">
          {t('errors.backHome')}
        </Button>
      </div>
    </Stack>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={560} mt="xl">
      <Alert color="gray" title={t('errors.notFoundTitle')}>
        {t('errors.pageNotFound')}
      </Alert>
      <div>
        <Button component={Link} to="/" variant="default">
          {t('errors.backHome')}
        </Button>
      </div>
    </Stack>
  );
}
