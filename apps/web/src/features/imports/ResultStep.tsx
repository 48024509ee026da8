import { Alert, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type ImportDetail, importQuery } from './api.ts';
import { ImportErrorsTable } from './ImportErrorsTable.tsx';
import { StatCard } from './StatCard.tsx';

/** Step 4: the import runs in the background with a progress bar, then shows what was inserted, updated and skipped. */
export function ResultStep({ imp }: { imp: ImportDetail }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const n = new Intl.NumberFormat(i18n.language);
  const retry = useMutation({
    mutationFn: async () => {
      if (!imp.mode) throw new Error('no mode');
      return unwrap(await api.POST('/api/v1/imports/{id}/start', { params: { path: { id: imp.id } }, body: { mode: imp.mode } }));
    },
    onSuccess: (updated) => queryClient.setQueryData(importQuery(imp.id).queryKey, updated),
    onError: (error) => notifyError(error),
  });

  const counts = (
    <SimpleGrid cols={{ base: 1, sm: 3 + (imp.keptRows ? 1 : 0) + (imp.entity === 'subscriptions' ? 1 : 0) }}>
      <StatCard label={t('imports.result.inserted')} value={n.format(imp.insertedRows)} color="teal" testId="stat-inserted" />
      <StatCard label={t('imports.result.updated')} value={n.format(imp.updatedRows)} color="indigo" testId="stat-updated" />
      {imp.entity === 'subscriptions' ? (
        <StatCard label={t('imports.result.unchanged')} value={n.format(imp.unchangedRows)} testId="stat-unchanged" />
      ) : null}
      <StatCard
        label={t('imports.result.skipped')}
        value={n.format(imp.skippedRows)}
        color={imp.skippedRows ? 'orange' : undefined}
        testId="stat-skipped"
      />
      {imp.keptRows ? <StatCard label={t('imports.result.kept')} value={n.format(imp.keptRows)} color="orange" testId="stat-kept" /> : null}
    </SimpleGrid>
  );

  // The rows' problems: those skipped, and those an undone import kept because someone changed them.
  const errors =
    imp.errorRows + imp.keptRows > 0 ? (
      <Paper withBorder p="lg">
        <Title order={4} mb={4}>
          {t('imports.check.errorsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('imports.result.errorsHelp')}
        </Text>
        <ImportErrorsTable imp={imp} />
      </Paper>
    ) : null;

  if (imp.status === 'importing') {
    const fraction = imp.progress ?? (imp.totalRows > 0 ? imp.processedRows / imp.totalRows : 0);
    return (
      <Stack>
        <Paper withBorder p="lg">
          <Stack gap="xs" data-testid="import-progress">
            <Title order={4}>{t('imports.result.importing')}</Title>
            <Progress value={fraction * 100} size="lg" animated />
            <Text size="sm" c="dimmed">
              {t('imports.result.processedOf', {
                done: n.format(imp.processedRows),
                total: n.format(imp.totalRows),
                pct: Math.floor(fraction * 100),
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('imports.result.background')}
            </Text>
          </Stack>
        </Paper>
        {counts}
      </Stack>
    );
  }

  if (imp.status === 'failed') {
    return (
      <Stack>
        <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('imports.result.failedTitle')}>
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{imp.failureMessage ?? t('errors.unexpected')}</Text>
            <Text size="sm" data-testid="import-failed-outcome">
              {imp.mode !== 'all_or_nothing'
                ? t('imports.result.failedPartial')
                : imp.keptRows > 0
                  ? t('imports.result.failedKept', { count: imp.keptRows, formatted: n.format(imp.keptRows) })
                  : t('imports.result.failedNothing')}
            </Text>
            <Button
              size="xs"
              variant="white"
              color="red"
              leftSection={<IconRefresh size={14} />}
              loading={retry.isPending}
              onClick={() => retry.mutate()}
            >
              {t('imports.result.retry')}
            </Button>
          </Stack>
        </Alert>
        {counts}
        {errors}
      </Stack>
    );
  }

  return (
    <Stack>
      <Alert color="teal" icon={<IconCircleCheck size={16} />} title={t('imports.result.doneTitle')} data-testid="import-done">
        {t('imports.result.doneText', {
          count: imp.insertedRows + imp.updatedRows,
          formatted: n.format(imp.insertedRows + imp.updatedRows),
          at: imp.finishedAt ? formatDateTime(imp.finishedAt) : '',
        })}
      </Alert>
      {counts}
      {errors}
      <Group>
        {/* The list narrowed to the rows this import created or updated (it names the file, and can show all again). */}
        {imp.entity === 'subscriptions' ? null : imp.entity === 'accounts' ? (
          <Button
            renderRoot={(props) => <Link {...props} to="/accounts" search={{ importId: imp.id, sort: 'updatedAt', order: 'desc' }} />}
            data-testid="open-imported"
          >
            {t('imports.result.open.accounts')}
          </Button>
        ) : (
          <Button renderRoot={(props) => <Link {...props} to="/contacts" search={{ importId: imp.id }} />} data-testid="open-imported">
            {t('imports.result.open.contacts')}
          </Button>
        )}
        <Button component={Link} to="/imports/new" variant="default">
          {t('imports.result.another')}
        </Button>
      </Group>
    </Stack>
  );
}
