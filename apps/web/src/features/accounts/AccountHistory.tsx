import { Badge, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { api, buildUrl, unwrap } from '../../lib/api.ts';
import { formatCustomValue, formatDateTime } from '../../lib/format.ts';
import { useCustomFields, useMarkets } from '../../lib/lookups.ts';
import type { CustomField } from '../../lib/types.ts';
import { AuditDiff } from '../admin/AuditDiff.tsx';
import { useUserOptions } from '../admin/shared.tsx';
import { ImportSource, importedEntry } from '../imports/ImportSource.tsx';

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
