// The capacity feature's shapes, from the generated contract (npm run generate).
import type { ResponseOf } from '../../lib/types.ts';

export type CapacityOverview = ResponseOf<'/api/v1/capacity', 'get'>;
export type CapacitySettings = CapacityOverview['settings'];
