import { milestoneStatus } from './journeys.plan.ts';
import type { checklistOf, logsOf, milestonesOf, TJourneyRow } from './journeys.repository.ts';
import type { TJourney } from './journeys.schemas.ts';

type TParts = {
  milestones: Awaited<ReturnType<typeof milestonesOf>>;
  checklist: Awaited<ReturnType<typeof checklistOf>>;
  logs: Awaited<ReturnType<typeof logsOf>>;
};
type TMilestoneDto = TJourney['milestones'][number];

/** A journey as the API shows it: its milestones with their status today, checklists and logs. */
export function toJourneyDto(j: TJourneyRow, accountName: string, parts: TParts, today: string): TJourney {
  return {
    id: j.id,
    accountId: j.accountId,
    accountName,
    templateId: j.templateId,
    templateVersion: j.templateVersion,
    name: j.name,
    cause: j.cause as TJourney['cause'],
    startedOn: j.startedOn,
    status: j.status as TJourney['status'],
    endedAt: j.endedAt?.toISOString() ?? null,
    milestones: parts.milestones.map(({ milestone: x, completedByName }) => ({
      id: x.id,
      position: x.position,
      key: x.key,
      name: x.name,
      startsOn: x.startsOn,
      dueOn: x.dueOn,
      successCriteria: x.successCriteria,
      responsibleRole: x.responsibleRole,
      effort: x.effort as TMilestoneDto['effort'],
      status: milestoneStatus(x, today),
      completedAt: x.completedAt?.toISOString() ?? null,
      completedByName,
      checklist: parts.checklist
        .filter((c) => c.item.milestoneId === x.id)
        .map(({ item, doneByName }) => ({
          id: item.id,
          label: item.label,
          done: !!item.doneAt,
          doneAt: item.doneAt?.toISOString() ?? null,
          doneByName,
        })),
      logs: parts.logs
        .filter((l) => l.entry.milestoneId === x.id)
        .map(({ entry, ownerName }) => ({
          id: entry.id,
          kind: entry.kind as 'challenge',
          body: entry.body,
          ownerUserId: entry.ownerUserId,
          ownerName,
          state: entry.state as 'open',
          createdAt: entry.createdAt.toISOString(),
          resolvedAt: entry.resolvedAt?.toISOString() ?? null,
        })),
    })),
  };
}
