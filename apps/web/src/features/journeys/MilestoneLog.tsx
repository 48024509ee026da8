import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconPlus, IconRotate } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/auth.tsx';
import { api, fieldErrors, notifyError, unwrap } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { journeyKeys } from './queryKeys.ts';
import type { LogEntry, LogKind } from './types.ts';

/** One of a milestone's two logs (customer challenges, or our issues): each entry with its owner and state, and a line to add one. */
export function MilestoneLog(props: { milestoneId: string; kind: LogKind; entries: LogEntry[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const users = useActiveUsers();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [ownerUserId, setOwner] = useState<string | null>(me.user.id);
  const [error, setError] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: journeyKeys.all });

  const add = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/journey-milestones/{id}/log', {
          params: { path: { id: props.milestoneId } },
          body: { kind: props.kind, body: body.trim(), ownerUserId: ownerUserId ?? undefined },
        }),
      ),
    onSuccess: () => {
      setBody('');
      setError(undefined);
      void refresh();
    },
    onError: (e) => {
      setError(fieldErrors(e).body);
      notifyError(e);
    },
  });
  const setState = useMutation({
    mutationFn: async (v: { id: string; state: LogEntry['state'] }) =>
      unwrap(await api.PATCH('/api/v1/journey-log-entries/{id}', { params: { path: { id: v.id } }, body: { state: v.state } })),
    onSuccess: () => void refresh(),
    onError: (e) => notifyError(e),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError(t('form.required'));
    add.mutate();
  };
  const title = t(`journey.logs.${props.kind}`);

  return (
    <Paper withBorder p="sm" data-testid={`journey-log-${props.kind}`}>
      <Text size="sm" fw={600} mb="xs">
        {title}
      </Text>
      <Stack gap={6}>
        {props.entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('journey.logs.none')}
          </Text>
        ) : null}
        {props.entries.map((e) => (
          <Group key={e.id} gap="xs" wrap="nowrap" justify="space-between" data-testid="journey-log-entry">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" td={e.state === 'resolved' ? 'line-through' : undefined}>
                {e.body}
              </Text>
              <Text size="xs" c="dimmed">
                {e.ownerName} · {formatDate(e.createdAt)}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <Badge size="sm" variant="light" color={e.state === 'open' ? 'orange' : 'teal'}>
                {t(`journey.logs.states.${e.state}`)}
              </Badge>
              {props.canWrite ? (
                <Tooltip label={t(e.state === 'open' ? 'journey.logs.resolve' : 'journey.logs.reopen')}>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t(e.state === 'open' ? 'journey.logs.resolve' : 'journey.logs.reopen')}
                    onClick={() => setState.mutate({ id: e.id, state: e.state === 'open' ? 'resolved' : 'open' })}
                  >
                    {e.state === 'open' ? <IconCheck size={16} /> : <IconRotate size={16} />}
                  </ActionIcon>
                </Tooltip>
              ) : null}
            </Group>
          </Group>
        ))}
        {props.canWrite ? (
          <form onSubmit={submit} noValidate>
            <Group gap="xs" align="flex-start" wrap="nowrap" mt={4}>
              <TextInput
                size="xs"
                style={{ flex: 1 }}
                placeholder={t(`journey.logs.placeholder.${props.kind}`)}
                aria-label={t(`journey.logs.placeholder.${props.kind}`)}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={error}
              />
              <Select
                size="xs"
                w={150}
                aria-label={t('journey.logs.owner')}
                data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                value={ownerUserId}
                onChange={setOwner}
                searchable
              />
              <Button size="xs" type="submit" leftSection={<IconPlus size={14} />} loading={add.isPending}>
                {t('journey.logs.add')}
              </Button>
            </Group>
          </form>
        ) : null}
      </Stack>
    </Paper>
  );
}
