import { Paper, Text } from '@mantine/core';

export function StatCard({ label, value, color, testId }: { label: string; value: string; color?: string; testId?: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={600} c={color}>
        {value}
      </Text>
    </Paper>
  );
}
