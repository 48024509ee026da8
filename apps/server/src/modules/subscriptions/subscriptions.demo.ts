import type { TDemoContribution } from '../../platform/modules.ts';
export const subscriptionsDemo: TDemoContribution = { async activity() {} };
