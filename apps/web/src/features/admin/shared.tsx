import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api.ts';
import type { User } from '../../lib/types.ts';

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
    // max-content: a narrow table column must not cut the label short ("IN DE WACH…").
    <Badge variant="light" color={STATUS_COLORS[status] ?? 'gray'} radius="sm" style={{ minWidth: 'max-content' }}>
      {label}
    </Badge>
  );
}
