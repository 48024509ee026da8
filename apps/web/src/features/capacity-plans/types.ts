// The capacity feature's shapes, from the generated contract (npm run generate).
import type { ResponseOf } from '../../lib/types.ts';

export type CapacityOverview = ResponseOf<'/api/v1/capacity', 'get'>;
export type CapacitySettings = CapacityOverview['settings'];
export type CapacityPerson = ResponseOf<'/api/v1/capacity/people', 'get'>['items'][number];

export const TEAMS = ['customer_success', 'professional_services'] as const;
export type Team = (typeof TEAMS)[number];
