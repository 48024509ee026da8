import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The buttons of a form in a modal. They stay at the bottom of the window while a long form (an account
 * with custom fields) scrolls, so Save is never below the fold of a 1440×900 screen.
 */
export function FormFooter({ children }: { children: ReactNode }) {
  return (
    <Group
      justify="flex-end"
      gap="sm"
      pos="sticky"
      bottom={0}
      py="sm"
      mt="xs"
      bg="var(--mantine-color-body)"
      style={{ zIndex: 2, borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid="form-footer"
    >
      {children}
    </Group>
  );
}
