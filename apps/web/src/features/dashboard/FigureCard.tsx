import { Group, Paper, Skeleton, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { Link, type LinkProps } from '@tanstack/react-router';
import type { ComponentType, ReactNode } from 'react';
import { formatNumber } from '../../lib/format.ts';

/**
 * One figure of the home page: a label, the value (a placeholder while it loads; a number is formatted in the UI
 * language), what is under it, an optional icon, and where a click leads.
 */
export function FigureCard(props: {
  label: string;
  value: string | number | undefined;
  icon?: ComponentType<{ size?: number | string }>;
  color?: string;
  link?: LinkProps;
  testId?: string;
  children?: ReactNode;
}) {
  const body = (
    <Paper withBorder p="md" h="100%" data-testid={props.link ? undefined : props.testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {props.label}
          </Text>
          {props.value === undefined ? (
            <Skeleton h={30} w={80} mt={6} />
          ) : (
            <Text fz={26} fw={700} lh={1.3} data-testid="stat-value">
              {typeof props.value === 'number' ? formatNumber(props.value) : props.value}
            </Text>
          )}
          {props.children}
        </div>
        {props.icon ? (
          <ThemeIcon variant="light" color={props.color} size={38} radius="md">
            <props.icon size={20} />
          </ThemeIcon>
        ) : null}
      </Group>
    </Paper>
  );
  if (!props.link) return body;
  const link = props.link;
  return (
    <UnstyledButton renderRoot={(p) => <Link {...p} {...link} />} style={{ display: 'block' }} data-testid={props.testId}>
      {body}
    </UnstyledButton>
  );
}
