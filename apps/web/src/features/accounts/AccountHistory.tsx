import { Badge, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { AuditDiff } from '../admin/AuditDiff.tsx';

const PAGE_SIZE = 20;

/** Every recorded change to the account (who, when, before → after); needs audit:read. */
export function AccountHistory({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
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
      {entries.map((entry) => (
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
          <AuditDiff before={entry.before} after={entry.after} />
        </Paper>
      ))}
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
