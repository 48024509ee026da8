import {
  ActionIcon,
  Anchor,
  Button,
  Center,
  Chip,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDownload, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { SearchInput } from '../../components/list/SearchInput.tsx';
import { api, buildUrl, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { SignalEntryTitle } from '../churn-signals/index.ts';
import { RenewalEntryTitle } from '../renewal-opportunities/index.ts';
import { InteractionFormModal } from './InteractionFormModal.tsx';
import { KIND_COLORS, KIND_ICONS } from './interactionKinds.tsx';
import { accountKeys } from './queryKeys.ts';
import { SubscriptionEntryTitle } from './SubscriptionEntryTitle.tsx';
import type { TimelineSearch } from './search.ts';
import { type Interaction, TIMELINE_KINDS, type TimelineKind } from './types.ts';

const PAGE_SIZE = 25;

function InteractionMeta({ item }: { item: Interaction }) {
  const { t } = useTranslation();
  const parts = [
    t(`timeline.kind.${item.kind}`),
    item.direction ? t(`timeline.direction.${item.direction}`) : null,
    item.contactName ? t('timeline.with', { name: item.contactName }) : null,
    item.durationMinutes ? t('timeline.minutes', { count: item.durationMinutes }) : null,
    item.authorName ? t('timeline.by', { name: item.authorName }) : null,
  ].filter(Boolean);
  return (
    <Text size="xs" c="dimmed">
      {parts.join(' · ')} ·{' '}
      <time dateTime={item.occurredAt}>
        {formatRelative(item.occurredAt)} ({formatDateTime(item.occurredAt)})
      </time>
    </Text>
  );
}

/**
 * The account's interactions, newest first (or oldest first), with kind filter, search, "Show more"
 * paging, CSV export and "Log interaction". The filters live in the page's URL.
 */
export function AccountTimeline({
  accountId,
  search,
  onSearchChange,
}: {
  accountId: string;
  search: TimelineSearch;
  onSearchChange: (changes: Partial<TimelineSearch>) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canWrite = useCan('interaction:write');
  const canExport = useCan('export:run');
  const [formOpened, formModal] = useDisclosure();
  const [deleting, setDeleting] = useState<Interaction | null>(null);
  const kinds = search.kind;
  const filters = { kind: kinds, q: search.q, order: search.order ?? 'desc' };
  const timeline = useInfiniteQuery({
    queryKey: [...accountKeys.timeline(accountId), filters],
    initialPageParam: 1,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET('/api/v1/accounts/{id}/timeline', {
          params: { path: { id: accountId }, query: { ...filters, page: pageParam, pageSize: PAGE_SIZE } },
        }),
      ),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });

  const remove = useMutation({
    mutationFn: async (item: Interaction) => unwrap(await api.DELETE('/api/v1/interactions/{id}', { params: { path: { id: item.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: accountKeys.timeline(accountId) });
      notifySuccess(t('timeline.deleted'));
      setDeleting(null);
    },
    onError: (error) => notifyError(error),
  });

  const items = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  const total = timeline.data?.pages[0]?.total ?? 0;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <SearchInput
            placeholder={t('timeline.searchPlaceholder')}
            value={search.q ?? ''}
            onChange={(q) => onSearchChange({ q: q || undefined })}
            testId="timeline-search"
          />
          <SegmentedControl
            aria-label={t('timeline.order')}
            data={[
              { value: 'desc', label: t('timeline.newestFirst') },
              { value: 'asc', label: t('timeline.oldestFirst') },
            ]}
            value={filters.order}
            onChange={(v) => onSearchChange({ order: v === 'asc' ? 'asc' : undefined })}
          />
        </Group>
        <Group gap="xs">
          {canExport ? (
            <Button
              component="a"
              href={buildUrl('/api/v1/accounts/{id}/timeline/export.csv', filters).replace('{id}', accountId)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="export-csv"
            >
              {t('table.exportCsv')}
            </Button>
          ) : null}
          {canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={formModal.open} data-testid="log-interaction">
              {t('timeline.log')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Chip.Group multiple value={kinds ?? []} onChange={(v) => onSearchChange({ kind: v.length ? (v as TimelineKind[]) : undefined })}>
        <Group gap={6}>
          {TIMELINE_KINDS.map((k) => (
            <Chip key={k} value={k} size="xs" color={KIND_COLORS[k]} variant="light">
              {t(`timeline.kind.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Paper withBorder p="lg">
        {timeline.isLoading ? (
          <Center py="xl">
            <Loader size="sm" />
          </Center>
        ) : items.length === 0 ? (
          <Center py="xl">
            <Text c="dimmed" data-testid="timeline-empty">
              {kinds || search.q ? t('timeline.emptyFiltered') : t('timeline.empty')}
            </Text>
          </Center>
        ) : (
          <Stack gap="md">
            <Timeline bulletSize={28} lineWidth={2} data-testid="timeline">
              {items.map((item) => {
                const Icon = KIND_ICONS[item.kind];
                return (
                  <Timeline.Item
                    key={item.id}
                    bullet={
                      <ThemeIcon size={28} radius="xl" variant="light" color={KIND_COLORS[item.kind]}>
                        <Icon size={15} />
                      </ThemeIcon>
                    }
                    title={
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text fw={600} size="sm">
                          {item.kind === 'subscription' && item.data ? (
                            <SubscriptionEntryTitle data={item.data} />
                          ) : item.kind === 'churn_signal' && item.data ? (
                            <SignalEntryTitle data={item.data} />
                          ) : item.kind === 'renewal' && item.data ? (
                            <RenewalEntryTitle data={item.data} />
                          ) : item.kind === 'support_request' && typeof item.data?.requestId === 'string' ? (
                            <Anchor
                              inherit
                              renderRoot={(props) => (
                                <Link {...props} to="/support/$requestId" params={{ requestId: String(item.data?.requestId) }} />
                              )}
                            >
                              {item.subject}
                            </Anchor>
                          ) : (
                            item.subject
                          )}
                        </Text>
                        {canWrite && item.source === 'manual' ? (
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            onClick={() => setDeleting(item)}
                            aria-label={t('common.delete')}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        ) : null}
                      </Group>
                    }
                    data-testid="timeline-item"
                  >
                    <InteractionMeta item={item} />
                    {item.body ? (
                      <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }} lineClamp={8}>
                        {item.body}
                      </Text>
                    ) : null}
                  </Timeline.Item>
                );
              })}
            </Timeline>
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {t('timeline.showing', { shown: items.length, total })}
              </Text>
              {timeline.hasNextPage ? (
                <Button variant="default" size="xs" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                  {t('timeline.more')}
                </Button>
              ) : null}
            </Group>
          </Stack>
        )}
      </Paper>
      <InteractionFormModal opened={formOpened} onClose={formModal.close} accountId={accountId} />
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('timeline.deleteTitle')}
        message={t('timeline.deleteConfirm', { subject: deleting?.subject ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
      />
    </Stack>
  );
}
