import { Alert, Button, Group, Paper, Progress, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconCircleCheck, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { type ImportDetail, type ImportMode, importQuery } from './api.ts';
import { ImportErrorsTable } from './ImportErrorsTable.tsx';
import { StatCard } from './StatCard.tsx';

/** Step 3: the server checks every row; then the totals, every row's errors, and the choice of how to import. */
export function CheckStep({ imp, onRemap }: { imp: ImportDetail; onRemap: () => void }) {
  const { t, i18n } = useTranslation();
  const n = new Intl.NumberFormat(i18n.language);

  if (imp.status === 'validating') {
    const pct = imp.totalRows > 0 ? (imp.processedRows / imp.totalRows) * 100 : 0;
    return (
      <Paper withBorder p="lg">
        <Stack gap="xs" data-testid="validation-progress">
          <Title order={4}>{t('imports.check.checking')}</Title>
          <Progress value={imp.totalRows > 0 ? pct : 100} animated size="lg" />
          <Text size="sm" c="dimmed">
            {imp.totalRows > 0
              ? t('imports.check.checkedOf', { done: n.format(imp.processedRows), total: n.format(imp.totalRows) })
              : t('imports.check.counting')}
          </Text>
        </Stack>
      </Paper>
    );
  }
  if (imp.status === 'failed') {
    return (
      <Alert color="red" icon={<IconAlertTriangle size={16} />} title={t('imports.check.failedTitle')}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{imp.failureMessage ?? t('errors.unexpected')}</Text>
          <Button size="xs" variant="default" onClick={onRemap} leftSection={<IconArrowLeft size={14} />}>
            {t('imports.check.backToMapping')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return <CheckResults imp={imp} onRemap={onRemap} />;
}

function CheckResults({ imp, onRemap }: { imp: ImportDetail; onRemap: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const n = new Intl.NumberFormat(i18n.language);
  const hasErrors = imp.errorRows > 0;
  // With errors all_or_nothing cannot run: the choice that can (skip the invalid rows) comes preselected.
  const [mode, setMode] = useState<ImportMode>(hasErrors ? 'skip_invalid' : 'all_or_nothing');
  const start = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/imports/{id}/start', { params: { path: { id: imp.id } }, body: { mode } })),
    onSuccess: (updated) => queryClient.setQueryData(importQuery(imp.id).queryKey, updated),
    onError: (error) => notifyError(error),
  });

  const blocked = mode === 'all_or_nothing' && hasErrors;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <StatCard label={t('imports.check.totalRows')} value={n.format(imp.totalRows)} testId="stat-total" />
        <StatCard label={t('imports.check.validRows')} value={n.format(imp.validRows)} color="teal" testId="stat-valid" />
        <StatCard
          label={t('imports.check.errorRows')}
          value={n.format(imp.errorRows)}
          color={hasErrors ? 'red' : undefined}
          testId="stat-errors"
        />
      </SimpleGrid>

      {hasErrors ? (
        <Paper withBorder p="lg">
          <Title order={4} mb={4}>
            {t('imports.check.errorsTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('imports.check.errorsHelp', { count: imp.errorRows })}
          </Text>
          <ImportErrorsTable imp={imp} />
        </Paper>
      ) : (
        <Alert color="teal" icon={<IconCircleCheck size={16} />} data-testid="no-errors">
          {t('imports.check.allValid', { count: imp.totalRows })}
        </Alert>
      )}

      <Paper withBorder p="lg">
        <Radio.Group label={<Title order={4}>{t('imports.check.howTitle')}</Title>} value={mode} onChange={(v) => setMode(v as ImportMode)}>
          <Stack gap="sm" mt="sm">
            <Radio
              value="all_or_nothing"
              label={t('imports.check.modes.all_or_nothing')}
              description={
                hasErrors
                  ? t('imports.check.modes.all_or_nothingBlocked')
                  : t(
                      imp.entity === 'subscriptions'
                        ? 'imports.check.modes.all_or_nothingHelpChunks'
                        : 'imports.check.modes.all_or_nothingHelp',
                    )
              }
            />
            <Radio
              value="skip_invalid"
              label={t('imports.check.modes.skip_invalid')}
              description={t('imports.check.modes.skip_invalidHelp', { valid: n.format(imp.validRows), skipped: n.format(imp.errorRows) })}
            />
          </Stack>
        </Radio.Group>
        <Text size="xs" c="dimmed" mt="md">
          {t(`imports.check.matching.${imp.entity}`)}
        </Text>
        <Group justify="space-between" mt="md">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onRemap}>
            {t('imports.check.backToMapping')}
          </Button>
          <Group gap="xs">
            {blocked ? (
              <Button variant="light" component={Link} to="/imports/new">
                {t('imports.check.uploadCorrected')}
              </Button>
            ) : null}
            <Button
              leftSection={<IconPlayerPlay size={16} />}
              disabled={blocked || imp.validRows === 0}
              loading={start.isPending}
              onClick={() => start.mutate()}
            >
              {t('imports.check.start', {
                count: mode === 'skip_invalid' ? imp.validRows : imp.totalRows,
                formatted: n.format(mode === 'skip_invalid' ? imp.validRows : imp.totalRows),
              })}
            </Button>
          </Group>
        </Group>
      </Paper>
    </Stack>
  );
}
