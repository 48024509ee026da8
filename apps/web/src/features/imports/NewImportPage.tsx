import { Anchor, Checkbox, Paper, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDropzone } from '../../components/FileDropzone.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { notifyError } from '../../lib/api.ts';
import {
  IMPORT_ENTITIES,
  type ImportEntity,
  type ImportOptions,
  importQuery,
  SUBSCRIPTION_FORMATS,
  SUPPORTED_SUBSCRIPTION_FORMATS,
  uploadImport,
} from './api.ts';
import { ImportSteps } from './ImportSteps.tsx';

// Browsers report CSV under several MIME types (and none at all on some systems), so the extension decides too.
const ACCEPT = {
  'text/csv': ['.csv'],
  'text/plain': ['.csv', '.txt', '.tsv'],
  'text/tab-separated-values': ['.tsv'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

/** Step 1 of the wizard: what is imported, and the file. The upload creates the import and moves on to mapping. */
export function NewImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<ImportEntity>('accounts');
  const [options, setOptions] = useState<ImportOptions>({ format: 'periods', createMissingAccounts: false });
  const [progress, setProgress] = useState(0);
  const [rejected, setRejected] = useState<string | null>(null);

  const upload = useMutation({
    mutationFn: (file: File) => uploadImport(file, entity, setProgress, options),
    onSuccess: async (created) => {
      queryClient.setQueryData(importQuery(created.id).queryKey, created);
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      await navigate({ to: '/imports/$importId', params: { importId: created.id } });
    },
    onError: (error) => {
      setProgress(0);
      notifyError(error, t('imports.upload.failed'));
    },
  });

  return (
    <>
      <PageHeader
        title={t('imports.wizard.newTitle')}
        subtitle={
          <Anchor component={Link} to="/imports" size="sm">
            {t('imports.wizard.backToList')}
          </Anchor>
        }
      />
      <ImportSteps active={0} />
      <Paper withBorder p="lg">
        <Stack gap="lg">
          <Stack gap={6}>
            <Text fw={500} size="sm" id="import-entity-label">
              {t('imports.upload.what')}
            </Text>
            <SegmentedControl
              aria-labelledby="import-entity-label"
              w="fit-content"
              data={IMPORT_ENTITIES.map((e) => ({ value: e, label: t(`imports.entities.${e}`) }))}
              value={entity}
              onChange={(v) => setEntity(v as ImportEntity)}
              disabled={upload.isPending}
            />
            <Text size="xs" c="dimmed">
              {t(`imports.upload.help.${entity}`)}
            </Text>
          </Stack>
          {entity === 'subscriptions' ? (
            <Stack gap={6}>
              <Text fw={500} size="sm" id="import-format-label">
                {t('imports.upload.format')}
              </Text>
              <SegmentedControl
                aria-labelledby="import-format-label"
                w="fit-content"
                data={SUBSCRIPTION_FORMATS.map((f) => ({
                  value: f,
                  label: t(`imports.formats.${f}`),
                  disabled: !SUPPORTED_SUBSCRIPTION_FORMATS.includes(f),
                }))}
                value={options.format}
                onChange={(v) => setOptions({ ...options, format: v as ImportOptions['format'] })}
                disabled={upload.isPending}
              />
              <Text size="xs" c="dimmed">
                {t(`imports.upload.formatHelp.${options.format}`)}
              </Text>
              <Checkbox
                mt="xs"
                label={t('imports.upload.createMissingAccounts')}
                description={t('imports.upload.createMissingAccountsHelp')}
                checked={options.createMissingAccounts}
                onChange={(e) => setOptions({ ...options, createMissingAccounts: e.currentTarget.checked })}
                disabled={upload.isPending}
                data-testid="create-missing-accounts"
              />
              {options.format === 'changes' ? (
                <Checkbox
                  label={t('imports.upload.createMissingReasons')}
                  description={t('imports.upload.createMissingReasonsHelp')}
                  checked={options.createMissingReasons ?? false}
                  onChange={(e) => setOptions({ ...options, createMissingReasons: e.currentTarget.checked })}
                  disabled={upload.isPending}
                  data-testid="create-missing-reasons"
                />
              ) : null}
            </Stack>
          ) : null}
          <FileDropzone
            onFile={(file) => {
              setRejected(null);
              upload.mutate(file);
            }}
            onRefused={(why) => setRejected(t(why === 'tooLarge' ? 'imports.upload.tooLarge' : 'imports.upload.wrongType'))}
            accept={ACCEPT}
            title={t('imports.upload.drop')}
            hint={t('imports.upload.formats')}
            loading={upload.isPending}
            size="lg"
            testId="import-dropzone"
          />
          {upload.isPending ? (
            <Stack gap={4}>
              <Text size="sm">{progress < 1 ? t('imports.upload.uploading') : t('imports.upload.reading')}</Text>
              <Progress value={progress * 100} animated={progress >= 1} />
            </Stack>
          ) : null}
          {rejected ? (
            <Text c="red" size="sm" role="alert">
              {rejected}
            </Text>
          ) : null}
        </Stack>
      </Paper>
    </>
  );
}
