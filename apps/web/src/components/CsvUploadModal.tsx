import { Alert, Button, Code, Group, Modal, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { uploadForm } from '../lib/upload.ts';
import { FileDropzone } from './FileDropzone.tsx';

const ACCEPT = { 'text/csv': ['.csv'], 'text/plain': ['.csv', '.txt', '.tsv'], 'application/vnd.ms-excel': ['.csv'] };

/** What a CSV upload answers: its counts (read by `counts`) and each refused row with the column and reason. */
export interface CsvUploadResult {
  rejected: { row: number; field: string; message: string }[];
  rejectedCount: number;
}

export interface CsvUploadModalProps<R extends CsvUploadResult> {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** What one row is, shown above the example. */
  help: string;
  /** A header row and a row or two, as the file should look. */
  example: string;
  /** The required and optional columns, under the example. */
  columns?: string;
  /** The endpoint the file is posted to, as multipart form field `file`. */
  url: string;
  /** The figures shown after the upload, label and value; a label flagged `refused` turns red when not zero. */
  counts: (result: R) => { label: string; value: number; refused?: boolean }[];
  /** Invalidated after a successful upload, so lists show what it added. */
  queryKey: QueryKey;
  /** Shown while the server reads the file after the upload finished. */
  processing: string;
  /** Prefix of the test ids: `<testId>-dropzone`, `-result`, `-refused`. */
  testId: string;
}

/**
 * Upload of one CSV file: the columns it reads, a drop zone with the upload's progress, then what the server
 * did with it and each refused row (row, column, reason). Shared by every feature that imports rows from a CSV
 * file in one request (usage events, survey answers).
 */
export function CsvUploadModal<R extends CsvUploadResult>(props: CsvUploadModalProps<R>): ReactElement {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState(0);
  const [rejectedFile, setRejectedFile] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return uploadForm<R>(props.url, form, setProgress);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: props.queryKey }),
    onError: (error) => {
      setProgress(0);
      notifyError(error, t('csvUpload.failed'));
    },
  });
  const close = () => {
    run.reset();
    setProgress(0);
    setRejectedFile(null);
    props.onClose();
  };
  const result = run.data;
  return (
    <Modal opened={props.opened} onClose={close} title={props.title} size="lg">
      {result ? (
        <Stack data-testid={`${props.testId}-result`}>
          <SimpleGrid cols={4}>
            {props.counts(result).map(({ label, value, refused }) => (
              <Stack key={label} gap={0}>
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fw={600} size="lg" c={refused && value ? 'red' : undefined}>
                  {formatNumber(value)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          {result.rejected.length ? <RefusedRows result={result} testId={`${props.testId}-refused`} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => run.reset()}>
              {t('csvUpload.another')}
            </Button>
            <Button onClick={close}>{t('csvUpload.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{props.help}</Text>
          <Code block>{props.example}</Code>
          {props.columns ? (
            <Text size="xs" c="dimmed">
              {props.columns}
            </Text>
          ) : null}
          {rejectedFile ? (
            <Alert color="red" variant="light">
              {rejectedFile}
            </Alert>
          ) : null}
          <FileDropzone
            onFile={(file) => {
              setRejectedFile(null);
              run.mutate(file);
            }}
            onRefused={(why) => setRejectedFile(t(why === 'tooLarge' ? 'csvUpload.tooLarge' : 'csvUpload.wrongType'))}
            accept={ACCEPT}
            title={t('csvUpload.drop')}
            hint={t('csvUpload.limit')}
            loading={run.isPending && progress >= 1}
            disabled={run.isPending}
            testId={`${props.testId}-dropzone`}
          />
          {run.isPending ? (
            <Stack gap={4}>
              <Progress value={progress * 100} animated={progress >= 1} />
              <Text size="xs" c="dimmed">
                {progress < 1 ? t('csvUpload.uploading', { percent: Math.round(progress * 100) }) : props.processing}
              </Text>
            </Stack>
          ) : null}
        </Stack>
      )}
    </Modal>
  );
}

function RefusedRows({ result, testId }: { result: CsvUploadResult; testId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm">
        {t('csvUpload.refusedRows', { shown: formatNumber(result.rejected.length), total: formatNumber(result.rejectedCount) })}
      </Text>
      <Table striped withTableBorder data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('csvUpload.row')}</Table.Th>
            <Table.Th>{t('csvUpload.column')}</Table.Th>
            <Table.Th>{t('csvUpload.reason')}</Table.Th>
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
    </>
  );
}
