// The nurture feature's shapes, from the generated contract (npm run generate).
import type { BodyOf, QueryOf, ResponseOf } from '../../lib/types.ts';

export type Programme = ResponseOf<'/api/v1/nurture/programmes/{id}', 'get'>;
export type ProgrammeStatus = Programme['status'];
export type ProgrammeInput = BodyOf<'/api/v1/nurture/programmes', 'post'>;
export type StepInput = ProgrammeInput['steps'][number];
export type ContactProgress = ResponseOf<'/api/v1/nurture/programmes/{id}/contacts', 'get'>['items'][number];
export type ProgressState = ContactProgress['state'];
export type ProgressSort = NonNullable<QueryOf<'/api/v1/nurture/programmes/{id}/contacts', 'get'>['sort']>;
export type NurtureSettings = ResponseOf<'/api/v1/nurture/settings', 'get'>;
export const PROGRAMME_STATUSES: ProgrammeStatus[] = ['draft', 'running', 'paused', 'ended'];
export const PROGRESS_STATES: ProgressState[] = ['active', 'completed', 'unsubscribed', 'failed'];
export const STATUS_COLORS: Record<ProgrammeStatus, string> = { draft: 'gray', running: 'teal', paused: 'yellow', ended: 'dark' };
export const STATE_COLORS: Record<ProgressState, string> = { active: 'blue', completed: 'teal', unsubscribed: 'gray', failed: 'red' };
