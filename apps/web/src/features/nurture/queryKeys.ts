/** The nurture feature's query keys: invalidating `all` refreshes the list, a programme, its contacts and a contact's standing. */
export const nurtureKeys = {
  all: ['nurture'] as const,
  list: ['nurture', 'list'] as const,
  programme: (id: string) => ['nurture', 'programme', id] as const,
  contacts: (id: string) => ['nurture', 'contacts', id] as const,
  settings: ['nurture', 'settings'] as const,
  contact: (contactId: string) => ['nurture', 'contact', contactId] as const,
};
