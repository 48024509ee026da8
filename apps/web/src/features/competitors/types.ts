// The competitors feature's own shapes, from the generated contract.
import { valuesOf } from '../../lib/enums.ts';
import type { ResponseOf } from '../../lib/types.ts';

export type Competitor = ResponseOf<'/api/v1/competitors', 'get'>['items'][number];
export type CompetitorDetail = ResponseOf<'/api/v1/competitors/{id}', 'get'>;
export type CompetitorPlan = CompetitorDetail['plans'][number];
export type AccountCompetitor = ResponseOf<'/api/v1/accounts/{id}/competitors', 'get'>['items'][number];
export type LinkStatus = AccountCompetitor['status'];
export type Competition = ResponseOf<'/api/v1/competitors/comparison', 'get'>;

export const LINK_STATUSES = valuesOf<LinkStatus>({ uses: true, evaluating: true, lost_to: true, won_from: true });
export const LINK_COLORS: Record<LinkStatus, string> = { uses: 'orange', evaluating: 'yellow', lost_to: 'red', won_from: 'teal' };
