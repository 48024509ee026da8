// `customer365 journeys list`: the customer journeys with their current milestone and lateness, through the REST API.
import { type ApiOptions, connectApi, expectOk } from '../api.ts';
import { formatTable, readAllPages } from './list-table.ts';

/** What --status takes: a journey's status, or late / on_track (running journeys by lateness), or all. */
export const JOURNEY_STATUS_CHOICES = ['active', 'late', 'on_track', 'completed', 'replaced', 'stopped', 'all'] as const;
export type TJourneyStatusChoice = (typeof JOURNEY_STATUS_CHOICES)[number];

export interface TJourneysListOptions extends ApiOptions {
  status: TJourneyStatusChoice;
  q?: string;
  json?: boolean;
}

/** The keys of each journey, in this order: the contract scripts read (`--json`). */
export const JOURNEY_KEYS = [
  'id',
  'accountId',
  'accountName',
  'ownerName',
  'name',
  'status',
  'startedOn',
  'currentMilestone',
  'currentDueOn',
  'lateness',
  'lateMilestones',
  'daysLate',
  'checklistDone',
  'checklistTotal',
] as const;

export async function runJourneysList(opts: TJourneysListOptions) {
  const api = connectApi(opts);
  const byLateness = opts.status === 'late' || opts.status === 'on_track';
  const query = {
    q: opts.q,
    status: byLateness ? ('active' as const) : (opts.status as 'active' | 'completed' | 'replaced' | 'stopped' | 'all'),
    lateness: byLateness ? (opts.status as 'late' | 'on_track') : undefined,
    sort: 'daysLate' as const,
    order: 'desc' as const,
  };
  const items = await readAllPages(async (page, pageSize) =>
    expectOk('Reading the journeys', await api.client.GET('/api/v1/journeys', { params: { query: { ...query, page, pageSize } } })),
  );
  const journeys = items.map((j) => Object.fromEntries(JOURNEY_KEYS.map((k) => [k, j[k] ?? null])));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ journeys })}\n`);
    return;
  }
  const table = formatTable(
    ['Account', 'Journey', 'Milestone', 'Due', 'Late', 'Checklist', 'Owner'],
    items.map((j) => [
      j.accountName,
      j.name,
      j.currentMilestone ?? (j.lateness === 'done' ? 'done' : '—'),
      j.currentDueOn ?? '—',
      j.lateness === 'late' ? `${j.daysLate} d` : j.lateness === 'done' ? '—' : 'on track',
      `${j.checklistDone}/${j.checklistTotal}`,
      j.ownerName ?? '—',
    ]),
  );
  process.stdout.write(`${items.length} journey${items.length === 1 ? '' : 's'} (${opts.status})\n${table}\n`);
}
