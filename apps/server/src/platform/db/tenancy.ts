import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Tenancy: every query on a tenant table names the organisation. The test suites check each statement the
 * app runs (test/tenancy-check.ts); the few that must look across organisations by design — sign-in by
 * e-mail, a session or API token found by its secret's hash, a reset link by its token — run inside
 * `acrossOrganisations(reason, …)`, so each exception is written where it happens, with its reason.
 */
const crossOrg = new AsyncLocalStorage<string>();

export function acrossOrganisations<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  return crossOrg.run(reason, fn);
}

/** The reason a statement may look across organisations, when it runs inside acrossOrganisations. */
export const crossOrganisationReason = (): string | undefined => crossOrg.getStore();
