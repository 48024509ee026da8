/** The playbooks feature's query keys: invalidating `all` refreshes every list of playbooks, each playbook and its run log. */
export const playbookKeys = {
  all: ['playbooks'] as const,
  list: ['playbooks', 'list'] as const,
  one: (id: string) => ['playbooks', 'one', id] as const,
  runs: (id: string) => ['playbooks', 'runs', id] as const,
};
