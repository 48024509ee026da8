import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactRole } from './types.ts';

const ROLE_COLORS: Record<ContactRole, string> = {
  champion: 'teal',
  decision_maker: 'indigo',
  billing: 'yellow',
  technical: 'cyan',
  user: 'gray',
  executive_sponsor: 'grape',
};

/** The contact's roles as coloured badges; `nowrap` keeps them on one line (wide lists that scroll sideways). */
export function RoleBadges({ roles, nowrap }: { roles: ContactRole[]; nowrap?: boolean }) {
  const { t } = useTranslation();
  if (roles.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4} preventGrowOverflow={false} wrap={nowrap ? 'nowrap' : 'wrap'}>
      {roles.map((role) => (
        <Badge
          key={role}
          size="sm"
          variant="light"
          color={ROLE_COLORS[role]}
          radius="sm"
          tt="none"
          style={{ flexShrink: 0, minWidth: 'max-content' }}
        >
          {t(`contact.role.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}
