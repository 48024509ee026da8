import { Anchor, Badge, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileImport } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDateTime } from '../../lib/format.ts';
import { useCustomFields, useMarkets } from '../../lib/lookups.ts';
import type { CustomField } from '../../lib/types.ts';
import { AuditDiff, useUserOptions } from '../admin/index.ts';

const PAGE_SIZE = 20;

// Bookkeeping a reader does not need: ids, names stored beside ids, and timestamps the entry already has.
const HIDDEN = new Set(['id', 'version', 'createdAt', 'updatedAt', 'ownerName', 'marketCode', 'marketName']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An audit snapshot in the reader's words: field labels in the UI language, owner and market by
 * name, enum values translated, each custom field as its own row.
 */
function useReadableSnapshot() {
  const { t } = useTranslation();
  const { users } = useUserOptions();
  const markets = useMarkets();
  const customFields = useCustomFields('account');
  return (snapshot: unknown): unknown => {
    if (!isRecord(snapshot)) return snapshot;
    const out: Record<string, unknown> = {};
    const value = (key: string, v: unknown): unknown => {
      if (v === null || v === undefined || typeof v !== 'string') return v;
      if (key === 'ownerUserId') return users.find((u) => u.id === v)?.name ?? v;
      if (key === 'marketId') return markets.data?.find((m) => m.id === v)?.name ?? v;
      if (key === 'segment' || key === 'edition') return t(`account.${key}.${v}`, { defaultValue: v });
      if (key === 'lifecycleStage') return t(`account.lifecycle.${v}`, { defaultValue: v });
      if (key === 'archivedAt') return formatDateTime(v);
      return v;
    };
    for (const [key, v] of Object.entries(snapshot)) {
      if (HIDDEN.has(key)) continue;
      if (key === 'custom' && isRecord(v)) {
        for (const [ck, cv] of Object.entries(v)) {
          const field: CustomField | undefined = customFields.data?.find((f) => f.key === ck);
          out[field?.label ?? ck] = field ? formatCustomValue(field.type, cv) : cv;
        }
        continue;
      }
      const label = key === 'ownerUserId' ? 'owner' : key === 'marketId' ? 'market' : key;
      out[t(`account.fields.${label}`, { defaultValue: key })] = value(key, v);
    }
    return out;
  };
}

/** What an "imported" audit entry says about its import: which file, which row, and the fields it changed. */
interface ImportedEntry {
  importId: string;
  fileName: string | null;
  row: number | null;
  /** The fields the row changed, with their new values; null on entries written before imports listed them. */
  changes: Record<string, unknown> | null;
}

/** The import behind an audit entry's `after`, or null when the entry is not an import's. */
function importedEntry(action: string, after: unknown): ImportedEntry | null {
  if (action !== 'imported' || !isRecord(after) || typeof after.importId !== 'string') return null;
  return {
    importId: after.importId,
    fileName: typeof after.fileName === 'string' ? after.fileName : null,
    row: typeof after.row === 'number' ? after.row : null,
    changes: isRecord(after.changes) ? after.changes : null,
  };
}

/** "From klanten.csv, row 4", linking to the import; older entries look the file name up when the reader may see imports. */
function ImportSource({ entry }: { entry: ImportedEntry }) {
  const { t } = useTranslation();
  const canImport = useCan('import:run');
  const lookup = useQuery({
    queryKey: ['imports', 'detail', entry.importId],
    queryFn: async () => unwrap(await api.GET('/api/v1/imports/{id}', { params: { path: { id: entry.importId } } })),
    enabled: !entry.fileName && canImport,
    retry: false,
  });
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

/** The server records the whole custom object when one value changes; show just what changed. */
function onlyChanges(before: unknown, after: unknown): { before: unknown; after: unknown } {
  if (!isRecord(before) || !isRecord(after)) return { before, after };
  const b = { ...before };
  const a = { ...after };
  for (const key of Object.keys(a)) {
    if (key in b && JSON.stringify(a[key]) === JSON.stringify(b[key])) {
      delete a[key];
      delete b[key];
    }
  }
  return { before: b, after: a };
}

/**
 * An import's entry shows the fields its row changed (before → after); the file it came from is named above
 * it. Older import entries listed only their bookkeeping (import id, row, result): nothing of that is shown.
 */
function importDiff(readable: (snapshot: unknown) => unknown, before: unknown, changes: Record<string, unknown> | null) {
  if (!changes) return { before: undefined, after: undefined };
  const after = readable(changes);
  const was = readable(before);
  if (!isRecord(after) || !isRecord(was)) return { before: was ?? undefined, after };
  return { before: Object.fromEntries(Object.keys(after).map((k) => [k, was[k]])), after };
}

/** Every recorded change to the account (who, when, before → after); needs audit:read. */
export function AccountHistory({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const readable = useReadableSnapshot();
  const canExport = useCan('export:run');
  const history = useInfiniteQuery({
    queryKey: ['audit', 'account', accountId],
    initialPageParam: 1,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/audit-log', {
          params: { query: { entityType: 'account', entityId: accountId, page: pageParam, pageSize: PAGE_SIZE, order: 'desc' } },
        }),
      ),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

  if (history.isLoading) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  const entries = history.data?.pages.flatMap((p) => p.items) ?? [];
  if (entries.length === 0) {
    return (
      <Paper withBorder p="xl">
        <Text c="dimmed" ta="center">
          {t('account.history.empty')}
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="sm" data-testid="account-history">
      {canExport ? (
        <Group justify="flex-end">
          <Button
            component="a"
            href={buildUrl('/api/v1/audit-log/export.csv', { entityType: 'account', entityId: accountId })}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
            data-testid="export-csv"
          >
            {t('table.exportCsv')}
          </Button>
        </Group>
      ) : null}
      {entries.map((entry) => {
        const imported = importedEntry(entry.action, entry.after);
        return (
          <Paper withBorder p="md" key={entry.id}>
            <Group justify="space-between" mb="xs">
              <Group gap="xs">
                <Badge variant="light" radius="sm">
                  {t(`account.history.action.${entry.action}`, { defaultValue: entry.action })}
                </Badge>
                <Text size="sm" fw={500}>
                  {entry.actorLabel}
                </Text>
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)}
              </Text>
            </Group>
            {imported ? <ImportSource entry={imported} /> : null}
            <AuditDiff
              {...(imported
                ? importDiff(readable, entry.before, imported.changes)
                : onlyChanges(readable(entry.before), readable(entry.after)))}
              names={entry.names}
            />
          </Paper>
        );
      })}
      {history.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" size="xs" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('timeline.more')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
