import { Alert, Button, Code, Group, Modal, Progress, SimpleGrid, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { uploadForm } from '../../lib/upload.ts';
import { usageKeys } from './queryKeys.ts';
import type { UsageCsvResult } from './types.ts';

const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
const ACCEPT = { 'text/csv': ['.csv'], 'text/plain': ['.csv', '.txt', '.tsv'], 'application/vnd.ms-excel': ['.csv'] };

function upload(file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadForm<UsageCsvResult>('/api/v1/usage/events/import', form, onProgress);
}

/** Back-fill usage from a CSV file: the columns it reads, the upload with its progress, then what was stored and each refused row. */
export function ImportUsageCsvModal({ opened, onClose }: { opened: boolean; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState(0);
  const [rejectedFile, setRejectedFile] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => upload(file, setProgress),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usageKeys.all });
    },
    onError: (error) => {
      setProgress(0);
      notifyError(error, t('usage.csv.failed'));
    },
  });
  const close = () => {
    run.reset();
    setProgress(0);
    setRejectedFile(null);
    onClose();
  };
  const result = run.data;
  const n = (v: number) => formatNumber(v);
  return (
    <Modal opened={opened} onClose={close} title={t('usage.csv.title')} size="lg">
      {result ? (
        <Stack data-testid="usage-csv-result">
          <SimpleGrid cols={4}>
            {(
              [
                ['received', result.received],
                ['stored', result.stored],
                ['duplicates', result.duplicates],
                ['refused', result.rejectedCount],
              ] as const
            ).map(([key, value]) => (
              <Stack key={key} gap={0}>
                <Text size="xs" c="dimmed">
                  {t(`usage.csv.${key}`)}
                </Text>
                <Text fw={600} size="lg" c={key === 'refused' && value ? 'red' : undefined}>
                  {n(value)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {result.rejected.length ? (
            <>
              <Text size="sm">{t('usage.csv.refusedRows', { shown: n(result.rejected.length), total: n(result.rejectedCount) })}</Text>
              <Table striped withTableBorder data-testid="usage-csv-refused">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('usage.csv.row')}</Table.Th>
                    <Table.Th>{t('usage.csv.column')}</Table.Th>
                    <Table.Th>{t('usage.csv.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.rejected.map((r) => (
                    <Table.Tr key={`${r.row}-${r.field}`}>
                      <Table.Td>{n(r.row)}</Table.Td>
                      <Table.Td>{r.field}</Table.Td>
                      <Table.Td>{r.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => run.reset()}>
              {t('usage.csv.another')}
            </Button>
            <Button onClick={close}>{t('usage.create.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('usage.csv.help')}</Text>
          <Code block>
            {
              'timestamp,event,account_external_id,user_id,message_id,plan\n2026-11-02 09:30,Report exported,ACME-1,ann@acme.example,evt-1,pro'
            }
          </Code>
          <Text size="xs" c="dimmed">
            {t('usage.csv.columns')}
          </Text>
          {rejectedFile ? (
            <Alert color="red" variant="light">
              {rejectedFile}
            </Alert>
          ) : null}
          <Dropzone
            onDrop={(files) => {
              setRejectedFile(null);
              const file = files[0];
              if (file) run.mutate(file);
            }}
            onReject={(rejections) =>
              setRejectedFile(rejections[0]?.errors[0]?.code === 'file-too-large' ? t('usage.csv.tooLarge') : t('usage.csv.wrongType'))
            }
            accept={ACCEPT}
            maxSize={MAX_UPLOAD_BYTES}
            multiple={false}
            loading={run.isPending && progress >= 1}
            disabled={run.isPending}
            data-testid="usage-csv-dropzone"
          >
            <Group justify="center" gap="xl" mih={140} style={{ pointerEvents: 'none' }}>
              <Dropzone.Accept>
                <ThemeIcon size={48} variant="light" radius="xl">
                  <IconUpload size={26} />
                </ThemeIcon>
              </Dropzone.Accept>
              <Dropzone.Reject>
                <ThemeIcon size={48} variant="light" color="red" radius="xl">
                  <IconX size={26} />
                </ThemeIcon>
              </Dropzone.Reject>
              <Dropzone.Idle>
                <ThemeIcon size={48} variant="light" color="gray" radius="xl">
                  <IconFileSpreadsheet size={26} />
                </ThemeIcon>
              </Dropzone.Idle>
              <Stack gap={2}>
                <Text>{t('usage.csv.drop')}</Text>
                <Text size="sm" c="dimmed">
                  {t('usage.csv.limit')}
                </Text>
              </Stack>
            </Group>
          </Dropzone>
          {run.isPending ? (
            <Stack gap={4}>
              <Progress value={progress * 100} animated={progress >= 1} />
              <Text size="xs" c="dimmed">
                {progress < 1 ? t('usage.csv.uploading', { percent: Math.round(progress * 100) }) : t('usage.csv.storing')}
              </Text>
            </Stack>
          ) : null}
        </Stack>
      )}
    </Modal>
  );
}
