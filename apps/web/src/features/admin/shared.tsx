import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api.ts';
import type { User } from '../../lib/types.ts';
import { mailState } from './mailState.ts';

export { formatDate, formatDateTime } from '../../lib/format.ts';

/** Every active user of the organisation, for pickers (country manager, audit actor). */
export function useUserOptions(enabled = true) {
  const query = useQuery({
    queryKey: ['users', 'options'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/users', { params: { query: { pageSize: 200, includeDisabled: 'true' } } })).items,
  });
  const users: User[] = query.data ?? [];
  return { users, options: users.map((u) => ({ value: u.id, label: u.disabled ? `${u.name} (${u.email})` : u.name })) };
}

const STATUS_COLORS: Record<string, string> = {
  waiting: 'yellow',
  retrying: 'orange',
  no_smtp: 'gray',
  active: 'teal',
  sent: 'teal',
  done: 'teal',
  completed: 'teal',
  pending: 'yellow',
  queued: 'gray',
  running: 'blue',
  failed: 'red',
  revoked: 'gray',
  expired: 'orange',
  disabled: 'gray',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    // max-content: a narrow table column must not cut the label short ("In de wach…"). In sentence case, like
    // the role badges: the long states ("Niet verstuurd: geen SMTP-server") then leave room for the last column.
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} radius="sm" tt="none" style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}

/** An outbox e-mail's state, in the same words on the Outbox and the Jobs page (see mailState.ts). */
export function MailStateBadge({
  mail,
  smtpConfigured,
}: {
  mail: { status: string; attempts: number };
  smtpConfigured: boolean | undefined;
}) {
  const { t } = useTranslation();
  const state = mailState(mail, smtpConfigured);
  return <StatusBadge status={state} label={t(`admin.outbox.statuses.${state}`)} />;
}
