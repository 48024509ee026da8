import type { TDemoContribution } from '../../platform/modules.ts';

/**
 * Renewal reporting has no records of its own: the demo's report is made of the subscriptions module's terms
 * (its demo subscriptions and their renewals, cancellations and auto-renewing terms).
 */
export const renewalsDemo: TDemoContribution = {};
