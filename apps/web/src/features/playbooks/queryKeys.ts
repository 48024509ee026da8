/** The playbooks feature's query keys: invalidating `all` refreshes every list of playbooks. */
export const playbookKeys = {
  all: ['playbooks'] as const,
  list: ['playbooks', 'list'] as const,
};
