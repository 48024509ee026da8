import type { Contact } from '../../lib/types.ts';

/** "First Last", as lists and pages show a contact. */
export function contactName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return `${c.firstName} ${c.lastName}`.trim();
}
