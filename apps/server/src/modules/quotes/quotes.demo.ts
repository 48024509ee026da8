import type { TDemoContribution } from '../../platform/modules.ts';

/** The demo's quotes: filled in after the renewal pipeline (one waiting for approval, one sent, one accepted). */
export const quotesDemo: TDemoContribution = {};
