import { Anchor, Badge, Button, Card, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth.tsx';
import { AccountSelect } from '../../components/AccountSelect.tsx';
import { api, fieldErrors, notifyError, notifySuccess, unwrap } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useActiveUsers } from '../../lib/lookups.ts';
import { supportRequestKeys } from './queryKeys.ts';
import { PriorityBadge, SlaCell, StatusBadge } from './SupportBadges.tsx';
import { AccountCell } from './SupportPage.tsx';
import { SUPPORT_PRIORITIES, SUPPORT_STATUSES } from './search.ts';
import type { SupportMessage, SupportReply, SupportRequestDetail, SupportRequestUpdate, SupportStatus } from './types.ts';

const route = getRouteApi('/app/support/$requestId');

const BUBBLE: Record<SupportMessage['direction'], { bg: string; align: 'flex-start' | 'flex-end' }> = {
  inbound: { bg: 'var(--mantine-color-gray-0)', align: 'flex-start' },
  outbound: { bg: 'var(--mantine-color-blue-0)', align: 'flex-end' },
  note: { bg: 'var(--mantine-color-yellow-0)', align: 'flex-end' },
};

function Message({ message }: { message: SupportMessage }) {
  const { t } = useTranslation();
  const who =
    message.direction === 'inbound'
      ? (message.fromName ?? message.fromAddress ?? '')
      : (message.authorName ?? message.fromName ?? t('support.someone'));
  return (
    <Paper
      withBorder
      p="sm"
      maw="85%"
      style={{ alignSelf: BUBBLE[message.direction].align, background: BUBBLE[message.direction].bg }}
      data-testid={`support-message-${message.direction}`}
    >
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {who}
          {message.direction === 'inbound' && message.fromName && message.fromAddress ? (
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              &lt;{message.fromAddress}&gt;
            </Text>
          ) : null}
        </Text>
        <Group gap={6} wrap="nowrap">
          {message.direction === 'note' ? (
            <Badge size="xs" color="yellow" variant="light">
              {t('support.note')}
            </Badge>
          ) : null}
          {message.direction === 'outbound' && message.delivery ? (
            <Badge size="xs" variant="light" color={message.delivery === 'sent' ? 'teal' : message.delivery === 'failed' ? 'red' : 'gray'}>
              {t(`support.delivery.${message.delivery}`, { defaultValue: message.delivery })}
            </Badge>
          ) : null}
          <Text size="xs" c="dimmed">
            {formatDateTime(message.createdAt)}
          </Text>
        </Group>
      </Group>
      {message.direction === 'outbound' && message.toAddress ? (
        <Text size="xs" c="dimmed">
          {t('support.to', { address: message.toAddress })}
        </Text>
      ) : null}
      <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
        {message.body}
      </Text>
    </Paper>
  );
}

/** The conversation, a reply (by e-mail) or an internal note, and the request's assignment, status and priority. */
export function SupportRequestPage() {
  const { t } = useTranslation();
  const { requestId } = route.useParams();
  const queryClient = useQueryClient();
  const canWrite = useCan('support_request:write');
  const users = useActiveUsers();
  const request = useQuery({
    queryKey: supportRequestKeys.one(requestId),
    queryFn: async () => unwrap(await api.GET('/api/v1/support/requests/{id}', { params: { path: { id: requestId } } })),
  });
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [body, setBody] = useState('');
  const [after, setAfter] = useState<SupportStatus | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const done = (saved: SupportRequestDetail) => {
    queryClient.setQueryData(supportRequestKeys.one(requestId), saved);
    void queryClient.invalidateQueries({ queryKey: supportRequestKeys.list });
  };
  const update = useMutation({
    mutationFn: async (change: SupportRequestUpdate) =>
      unwrap(await api.PATCH('/api/v1/support/requests/{id}', { params: { path: { id: requestId } }, body: change })),
    onSuccess: (saved) => {
      done(saved);
      notifySuccess(t('support.saved'));
    },
    onError: (error) => notifyError(error),
  });
  const send = useMutation({
    mutationFn: async (reply: SupportReply) =>
      unwrap(await api.POST('/api/v1/support/requests/{id}/messages', { params: { path: { id: requestId } }, body: reply })),
    onSuccess: (saved) => {
      done(saved);
      setBody('');
      setAfter(null);
      setErrors({});
      notifySuccess(kind === 'reply' ? t('support.replied') : t('support.noted'));
    },
    onError: (error) => {
      setErrors(fieldErrors(error));
      notifyError(error);
    },
  });

  const r = request.data;
  if (!r) return <Text c="dimmed">{request.isError ? t('support.notFound') : t('common.loading')}</Text>;
  const canReply = kind === 'note' || !!r.requesterEmail;
  return (
    <Stack gap="md">
      <Anchor renderRoot={(props) => <Link {...props} to="/support" />} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('support.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} data-testid="support-subject">
            <Text span c="dimmed" inherit>
              #{r.number}
            </Text>{' '}
            {r.subject}
          </Title>
          <Group gap="xs">
            <StatusBadge status={r.status} />
            <PriorityBadge priority={r.priority} />
            <Text size="sm" c="dimmed">
              {t(`support.channels.${r.channel}`)} · {formatDateTime(r.createdAt)}
            </Text>
          </Group>
        </Stack>
      </Group>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
          <Stack gap="sm">
            <Stack gap="sm" data-testid="support-conversation">
              {r.messages.map((m) => (
                <Message key={m.id} message={m} />
              ))}
            </Stack>
            {canWrite ? (
              <Paper withBorder p="sm">
                <Stack gap="xs">
                  <SegmentedControl
                    size="xs"
                    w={260}
                    value={kind}
                    onChange={(v) => setKind(v as 'reply' | 'note')}
                    data={[
                      { value: 'reply', label: t('support.replyKinds.reply') },
                      { value: 'note', label: t('support.replyKinds.note') },
                    ]}
                    data-testid="support-reply-kind"
                  />
                  {kind === 'reply' ? (
                    <Text size="xs" c="dimmed">
                      {r.requesterEmail ? t('support.replyTo', { address: r.requesterEmail }) : t('support.noAddress')}
                    </Text>
                  ) : null}
                  <Textarea
                    placeholder={kind === 'reply' ? t('support.replyPlaceholder') : t('support.notePlaceholder')}
                    aria-label={kind === 'reply' ? t('support.replyPlaceholder') : t('support.notePlaceholder')}
                    value={body}
                    onChange={(e) => setBody(e.currentTarget.value)}
                    error={errors.body}
                    autosize
                    minRows={4}
                    data-testid="support-reply-body"
                  />
                  <Group justify="flex-end" gap="xs">
                    <Select
                      w={280}
                      size="sm"
                      aria-label={t('support.statusAfter')}
                      placeholder={kind === 'reply' ? t('support.statusAfterReply') : t('support.statusAfter')}
                      data={SUPPORT_STATUSES.map((s) => ({ value: s, label: t('support.setTo', { status: t(`support.statuses.${s}`) }) }))}
                      value={after}
                      onChange={(v) => setAfter(v as SupportStatus | null)}
                      error={errors.status}
                      clearable
                    />
                    <Button
                      disabled={!body.trim() || !canReply}
                      loading={send.isPending}
                      onClick={() => send.mutate({ body: body.trim(), kind, status: after ?? undefined })}
                      data-testid="support-send"
                    >
                      {kind === 'reply' ? t('support.send') : t('support.addNote')}
                    </Button>
                  </Group>
                </Stack>
              </Paper>
            ) : null}
          </Stack>
        </Stack>
        <Stack gap="sm" w={340} style={{ flexShrink: 0 }}>
          <Stack gap="sm">
            <Card withBorder>
              <Stack gap="xs">
                <Select
                  label={t('support.fields.status')}
                  data={SUPPORT_STATUSES.map((s) => ({ value: s, label: t(`support.statuses.${s}`) }))}
                  value={r.status}
                  onChange={(v) => v && v !== r.status && update.mutate({ status: v as SupportStatus })}
                  disabled={!canWrite}
                  data-testid="support-status-select"
                />
                <Select
                  label={t('support.fields.priority')}
                  data={SUPPORT_PRIORITIES.map((p) => ({ value: p, label: t(`support.priorities.${p}`) }))}
                  value={r.priority}
                  onChange={(v) => v && v !== r.priority && update.mutate({ priority: v as SupportRequestDetail['priority'] })}
                  disabled={!canWrite}
                />
                <Select
                  label={t('support.fields.assignee')}
                  data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                  value={r.assigneeUserId}
                  placeholder={t('support.nobody')}
                  onChange={(v) => v !== r.assigneeUserId && update.mutate({ assigneeUserId: v })}
                  disabled={!canWrite}
                  clearable
                  searchable
                />
                {r.accountId || !canWrite ? (
                  <Stack gap={2}>
                    <Text size="sm" fw={500}>
                      {t('support.fields.account')}
                    </Text>
                    <AccountCell request={r} />
                  </Stack>
                ) : (
                  <AccountSelect
                    label={t('support.assignAccount')}
                    value={null}
                    onChange={(accountId) => accountId && update.mutate({ accountId })}
                    data-testid="support-assign-account"
                  />
                )}
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {t('support.fields.requester')}
                  </Text>
                  <Text size="sm">{r.contactName ?? r.requesterName ?? '—'}</Text>
                  {r.requesterEmail ? (
                    <Text size="xs" c="dimmed">
                      {r.requesterEmail}
                    </Text>
                  ) : null}
                </Stack>
              </Stack>
            </Card>
            <Card withBorder>
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  {t('support.fields.sla')}
                </Text>
                <SlaCell request={r} />
                <Text size="xs" c={r.sla.firstResponseBreached ? 'red' : 'dimmed'}>
                  {t('support.sla.firstResponse')}: {formatDateTime(r.sla.firstResponseDueAt)}
                  {r.firstRespondedAt ? ` · ${t('support.sla.answered', { date: formatDateTime(r.firstRespondedAt) })}` : ''}
                </Text>
                <Text size="xs" c={r.sla.resolutionBreached ? 'red' : 'dimmed'}>
                  {t('support.sla.resolution')}: {formatDateTime(r.sla.resolutionDueAt)}
                  {r.solvedAt ? ` · ${t('support.sla.solved', { date: formatDateTime(r.solvedAt) })}` : ''}
                </Text>
              </Stack>
            </Card>
          </Stack>
        </Stack>
      </Group>
    </Stack>
  );
}
