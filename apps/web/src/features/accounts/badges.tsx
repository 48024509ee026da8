import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LifecycleStage } from '../../lib/types.ts';

const LIFECYCLE_COLORS: Record<LifecycleStage, string> = {
  trial: 'grape',
  onboarding: 'blue',
  adoption: 'teal',
  renewal: 'indigo',
  at_risk: 'orange',
  churned: 'gray',
};

export function LifecycleBadge({ stage }: { stage: LifecycleStage }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={LIFECYCLE_COLORS[stage]} radius="sm" tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
      {t(`account.lifecycle.${stage}`)}
    </Badge>
  );
}

/** Tags as small badges; beyond `max`, a "+n" count. */
export function TagList({ tags, max }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return <Text c="dimmed">—</Text>;
  const shown = max ? tags.slice(0, max) : tags;
  return (
    <Group gap={4} wrap={max ? 'nowrap' : 'wrap'} preventGrowOverflow={false}>
      {shown.map((tag) => (
        <Badge key={tag} variant="outline" color="gray" radius="sm" size="sm" tt="none" style={{ flexShrink: 0, minWidth: 'max-content' }}>
          {tag}
        </Badge>
      ))}
      {max && tags.length > max ? (
        <Text size="xs" c="dimmed">
          +{tags.length - max}
        </Text>
      ) : null}
    </Group>
  );
}
