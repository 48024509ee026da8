import { Alert, Anchor, Button, Center, Group, Loader, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, notifyError, unwrap } from '../../lib/api.ts';
import { type ImportDetail, importQuery } from './api.ts';
import { CheckStep } from './CheckStep.tsx';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';
import { ImportSteps } from './ImportSteps.tsx';
import { MappingStep } from './MappingStep.tsx';
import { ResultStep } from './ResultStep.tsx';

function stepOf(imp: ImportDetail, remapping: boolean): number {
  if (imp.status === 'uploaded' || remapping) return 1;
  if (imp.status === 'validating' || imp.status === 'validated') return 2;
  if (imp.status === 'failed' && imp.mode === null) return 2;
  return 3;
}

/**
 * Steps 2–4 of the import wizard for one import. The step follows the import's status on the server,
 * so the page can be reloaded or reopened from the list at any point.
 */
export function ImportWizardPage() {
  const { t } = useTranslation();
  const { importId = '' } = useParams({ strict: false });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const query = useQuery(importQuery(importId));
  const [remapping, setRemapping] = useState(false);
  const status = query.data?.status;

  // Other pages show what the import changes: refresh them when it moves on.
  useEffect(() => {
    if (!status) return;
    void queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
    if (status === 'completed' || status === 'failed') {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    }
  }, [status, queryClient]);

  const discard = useMutation({
    mutationFn: async () => unwrap(await api.DELETE('/api/v1/imports/{id}', { params: { path: { id: importId } } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: importQuery(importId).queryKey });
      await queryClient.invalidateQueries({ queryKey: ['imports', 'list'] });
      await navigate({ to: '/imports' });
    },
    onError: (error) => notifyError(error),
  });

  if (query.isLoading) {
    return (
      <Center mih={240}>
        <Loader />
      </Center>
    );
  }
  if (query.error || !query.data) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {query.error?.message ?? t('errors.unexpected')}
      </Alert>
    );
  }
  const imp = query.data;
  const step = stepOf(imp, remapping);
  const discardable = ['uploaded', 'validating', 'validated'].includes(imp.status) || (imp.status === 'failed' && imp.mode === null);

  return (
    <>
      <PageHeader
        title={
          <Group gap="sm">
            <span>{t(`imports.wizard.title.${imp.entity}`)}</span>
            <ImportStatusBadge status={imp.status} />
          </Group>
        }
        subtitle={
          <>
            <Text span size="sm" c="dimmed">
              {imp.fileName}
            </Text>
            {imp.options ? (
              <Text span size="sm" c="dimmed" data-testid="import-options">
                {' · '}
                {t(`imports.formats.${imp.options.format}`)}
                {imp.options.createMissingAccounts ? ` · ${t('imports.upload.createMissingAccounts')}` : ''}
                {imp.options.createMissingReasons ? ` · ${t('imports.upload.createMissingReasons')}` : ''}
              </Text>
            ) : null}
            {' · '}
            <Anchor component={Link} to="/imports" size="sm">
              {t('imports.wizard.backToList')}
            </Anchor>
          </>
        }
        actions={
          discardable ? (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              loading={discard.isPending}
              onClick={() => discard.mutate()}
            >
              {t('imports.wizard.discard')}
            </Button>
          ) : null
        }
      />
      <ImportSteps active={step} completed={imp.status === 'completed'} />
      {step === 1 ? (
        <MappingStep imp={imp} onSaved={() => setRemapping(false)} onCancel={remapping ? () => setRemapping(false) : undefined} />
      ) : step === 2 ? (
        <CheckStep imp={imp} onRemap={() => setRemapping(true)} />
      ) : (
        <ResultStep imp={imp} />
      )}
    </>
  );
}
