// Every table, re-exported from the module that owns it. drizzle-kit reads this file.

export * from '../modules/accounts/accounts.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/contacts/contacts.table.ts';
export * from '../modules/custom-fields/custom-fields.table.ts';
export * from '../modules/identity/identity.table.ts';
export * from '../modules/imports/imports.table.ts';
export * from '../modules/organisations/markets.table.ts';
export * from '../modules/organisations/organisations.table.ts';
export * from '../modules/timeline/timeline.table.ts';
export * from '../platform/jobs/jobs.table.ts';
export * from '../platform/mail/outbox.table.ts';
