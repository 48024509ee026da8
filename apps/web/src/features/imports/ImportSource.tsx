import { Anchor, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { importQuery } from './api.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What an "imported" audit entry says about its import: which file, which row, and the fields it changed. */
export interface ImportedEntry {
  importId: string;
  fileName: string | null;
  row: number | null;
  /** The fields the row changed, with their new values; null on entries written before imports listed them. */
  changes: Record<string, unknown> | null;
}

/** The import behind an audit entry's `after`, or null when the entry is not an import's. */
export function importedEntry(action: string, after: unknown): ImportedEntry | null {
  if (action !== 'imported' || !isRecord(after) || typeof after.importId !== 'string') return null;
  return {
    importId: after.importId,
    fileName: typeof after.fileName === 'string' ? after.fileName : null,
    row: typeof after.row === 'number' ? after.row : null,
    changes: isRecord(after.changes) ? after.changes : null,
  };
}

/** "From klanten.csv, row 4", linking to the import; older entries look the file name up when the reader may see imports. */
export function ImportSource({ entry }: { entry: ImportedEntry }) {
  const { t } = useTranslation();
  const canImport = useCan('import:run');
  const lookup = useQuery({ ...importQuery(entry.importId), enabled: !entry.fileName && canImport, retry: false });
  const fileName = entry.fileName ?? lookup.data?.fileName ?? null;
  const label = fileName
    ? t('imports.history.fromFile', { file: fileName, row: entry.row ?? '?' })
    : t('imports.history.fromImport', { row: entry.row ?? '?' });
  return (
    <Text size="sm" c="dimmed" mb="xs" data-testid="history-import-source">
      <IconFileImport size={14} style={{ verticalAlign: 'middle', marginRight: 4 }} />
      {canImport ? (
        <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/imports/$importId" params={{ importId: entry.importId }} />}>
          {label}
        </Anchor>
      ) : (
        label
      )}
    </Text>
  );
}
