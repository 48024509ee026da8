import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { Dropzone, type DropzoneProps } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { MAX_UPLOAD_BYTES } from '../lib/upload.ts';

/** Why a dropped file was refused before upload: larger than the server takes, or not a type it reads. */
export type FileRefusal = 'tooLarge' | 'wrongType';

export interface FileDropzoneProps {
  /** The one file dropped or picked. */
  onFile: (file: File) => void;
  onRefused: (why: FileRefusal) => void;
  /** MIME types and their extensions (browsers report CSV under several types, so the extension decides too). */
  accept: DropzoneProps['accept'];
  title: string;
  hint: string;
  loading?: boolean;
  disabled?: boolean;
  /** The wizard's big target or a dialog's smaller one. */
  size?: 'md' | 'lg';
  testId: string;
}

/**
 * The drop target for a spreadsheet file, shared by the import wizard and the CSV upload dialogs: an icon for
 * idle, accept and reject, the title and a hint, and the server's size limit checked before anything is sent.
 */
export function FileDropzone({ size = 'md', ...props }: FileDropzoneProps) {
  const big = size === 'lg';
  const icon = { size: big ? 56 : 48, glyph: big ? 30 : 26 };
  return (
    <Dropzone
      onDrop={(files) => {
        const file = files[0];
        if (file) props.onFile(file);
      }}
      onReject={(rejections) => props.onRefused(rejections[0]?.errors[0]?.code === 'file-too-large' ? 'tooLarge' : 'wrongType')}
      accept={props.accept}
      maxSize={MAX_UPLOAD_BYTES}
      multiple={false}
      loading={props.loading}
      disabled={props.disabled}
      data-testid={props.testId}
    >
      <Group justify="center" gap="xl" mih={big ? 180 : 140} style={{ pointerEvents: 'none' }}>
        <Dropzone.Accept>
          <ThemeIcon size={icon.size} variant="light" radius="xl">
            <IconUpload size={icon.glyph} />
          </ThemeIcon>
        </Dropzone.Accept>
        <Dropzone.Reject>
          <ThemeIcon size={icon.size} variant="light" color="red" radius="xl">
            <IconX size={icon.glyph} />
          </ThemeIcon>
        </Dropzone.Reject>
        <Dropzone.Idle>
          <ThemeIcon size={icon.size} variant="light" color="gray" radius="xl">
            <IconFileSpreadsheet size={icon.glyph} />
          </ThemeIcon>
        </Dropzone.Idle>
        <Stack gap={big ? 4 : 2}>
          <Text size={big ? 'lg' : undefined}>{props.title}</Text>
          <Text size="sm" c="dimmed">
            {props.hint}
          </Text>
        </Stack>
      </Group>
    </Dropzone>
  );
}
