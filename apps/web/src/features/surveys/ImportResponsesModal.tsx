import { Button, Code, FileButton, Group, Modal, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { uploadForm } from '../../lib/upload.ts';
import { surveyKeys } from './queryKeys.ts';
import type { ImportResult } from './types.ts';

/** Answers from a CSV file: the columns it reads, the upload, then what was recorded and each refused row. */
export function ImportResponsesModal({
  opened,
  onClose,
  surveyId,
}: {
  opened: boolean;
  onClose: () => void;
  surveyId: string;
}): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return uploadForm<ImportResult>(`/api/v1/surveys/${surveyId}/responses/import`, form, () => {});
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: surveyKeys.all }),
    onError: (error) => notifyError(error),
  });
  const close = () => {
    run.reset();
    onClose();
  };
  const result = run.data;
  return (
    <Modal opened={opened} onClose={close} title={t('survey.import.title')} size="lg">
      {result ? (
        <Stack data-testid="survey-import-result">
          <SimpleGrid cols={4}>
            {(
              [
                ['received', result.received],
                ['recorded', result.recorded],
                ['duplicates', result.duplicates],
                ['refused', result.rejectedCount],
              ] as const
            ).map(([key, value]) => (
              <Stack key={key} gap={0}>
                <Text size="xs" c="dimmed">
                  {t(`survey.import.${key}`)}
                </Text>
                <Text fw={600} size="lg" c={key === 'refused' && value ? 'red' : undefined}>
                  {formatNumber(value)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {result.rejected.length ? (
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('survey.import.row')}</Table.Th>
                  <Table.Th>{t('survey.import.column')}</Table.Th>
                  <Table.Th>{t('survey.import.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.rejected.map((r) => (
                  <Table.Tr key={`${r.row}-${r.field}`}>
                    <Table.Td>{formatNumber(r.row)}</Table.Td>
                    <Table.Td>{r.field}</Table.Td>
                    <Table.Td>{r.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('survey.import.help')}</Text>
          <Code block>
            {'response_id,contact_email,account,score,comment,answered_at\nr-1,ann@acme.example,,9,Great support,2026-11-02 09:30'}
          </Code>
          <Group justify="flex-end">
            <FileButton onChange={(file) => file && run.mutate(file)} accept=".csv,text/csv">
              {(props) => (
                <Button {...props} leftSection={<IconUpload size={16} />} loading={run.isPending} data-testid="survey-import-file">
                  {t('survey.import.choose')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
