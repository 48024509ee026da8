import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { recordAudit } from '../audit/index.ts';
import { capacityPlansMessages as m } from './capacity-plans.messages.ts';
import { planCapacity, TEAMS, type TTeam } from './capacity-plans.plan.ts';
import * as repo from './capacity-plans.repository.ts';
import type {
  TCapacityOverview,
  TCapacityPeopleExportQuery,
  TCapacityPeopleQuery,
  TCapacityPerson,
  TCapacitySettings,
  TUpdateCapacitySettings,
} from './capacity-plans.schemas.ts';

/** The defaults before an organisation enters its own: hours per milestone by effort, per renewal and upsell, 12 % of ACV. */
export const DEFAULT_CAPACITY_SETTINGS = {
  lowEffortHours: 2,
  mediumEffortHours: 6,
  highEffortHours: 16,
  renewalHours: 4,
  upsellCsHours: 3,
  upsellPsHours: 8,
  csSpendPercent: 12,
  teamCostPerMonthCents: null as number | null,
};

/** The renewal stages still open (renewal-opportunities' OPEN_STAGES). */
const OPEN_RENEWAL_STAGES = ['upcoming', 'contacted', 'negotiating', 'quote_sent', 'quote_accepted'] as const;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

export type CapacityPlanService = ReturnType<typeof createCapacityPlanService>;

/** Business rules. Each method checks the permission first; a write and its audit entry commit in one transaction. */
export function createCapacityPlanService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function settingsOf(tx: Db, orgId: string) {
    const row = await repo.findSettings(tx, orgId);
    return row ?? { ...DEFAULT_CAPACITY_SETTINGS, orgId, updatedAt: null };
  }
  const toSettingsDto = (s: Awaited<ReturnType<typeof settingsOf>>, currency: string): TCapacitySettings => ({
    lowEffortHours: s.lowEffortHours,
    mediumEffortHours: s.mediumEffortHours,
    highEffortHours: s.highEffortHours,
    renewalHours: s.renewalHours,
    upsellCsHours: s.upsellCsHours,
    upsellPsHours: s.upsellPsHours,
    csSpendPercent: s.csSpendPercent,
    teamCostPerMonth: s.teamCostPerMonthCents === null ? null : s.teamCostPerMonthCents / 100,
    currency,
  });

  return {
    /** The team's people as a list: words of the name, the team, sort, paging. */
    async people(actor: Actor, q: TCapacityPeopleQuery) {
      requirePermission(actor, 'capacity:read');
      const { rows, total } = await repo.findPeoplePage(db, actor.orgId, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: rows.map((p) => ({ ...p, team: p.team as TTeam })), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every person of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportPeople(actor: Actor, q: TCapacityPeopleExportQuery) {
      requirePermission(actor, 'capacity:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) =>
        (await repo.findPeoplePage(db, actor.orgId, q, { limit, offset })).rows.map((p) => ({ ...p, team: p.team as TTeam })),
      );
    },

    /** The weeks ahead as CSV rows: per week and team the hours each source brings, the team's hours, and whether it is over. */
    async *exportWeeks(actor: Actor, q: { weeks: number }) {
      requirePermission(actor, 'export:run');
      const data = await this.overview(actor, q);
      yield data.weeks.flatMap((w) =>
        TEAMS.map((team) => ({ weekStart: w.weekStart, team, ...w.demand[team], capacity: w.capacity[team], over: w.over[team] })),
      );
    },

    /** The weeks ahead per team (demand against capacity), the team's hours, the settings and CS spend against ACV. */
    async overview(actor: Actor, q: { weeks: number }): Promise<TCapacityOverview> {
      requirePermission(actor, 'capacity:read');
      const today = clock.now().toISOString().slice(0, 10);
      const until = addDays(today, q.weeks * 7);
      const [settings, people, milestones, renewals, upsells, mrr] = await Promise.all([
        settingsOf(db, actor.orgId),
        repo.listPeople(db, actor.orgId),
        repo.findOpenMilestones(db, actor.orgId, until),
        repo.findOpenRenewalDueDays(db, actor.orgId, until, OPEN_RENEWAL_STAGES),
        repo.countUpsellCandidates(db, actor.orgId),
        repo.findCurrentMrr(db, actor.orgId, today),
      ]);
      const capacity: Record<TTeam, number> = { customer_success: 0, professional_services: 0 };
      for (const p of people) capacity[p.team as TTeam] += p.hoursPerWeek;
      const weeks = planCapacity({
        today,
        weeks: q.weeks,
        settings,
        milestones,
        renewalDueDays: renewals,
        upsellCandidates: upsells,
        capacity,
      });
      const acv = round2((mrr.mrrCents / 100) * 12);
      const actual = settings.teamCostPerMonthCents === null ? null : settings.teamCostPerMonthCents / 100;
      return {
        weeks,
        people: people.map((p) => ({ ...p, team: p.team as TTeam })),
        settings: toSettingsDto(settings, mrr.currency),
        csSpend: {
          currency: mrr.currency,
          acv,
          percent: settings.csSpendPercent,
          budgetPerMonth: round2((acv * settings.csSpendPercent) / 100 / 12),
          actualPerMonth: actual,
          actualPercent: actual === null || acv === 0 ? null : round2(((actual * 12) / acv) * 100),
        },
      };
    },

    async updateSettings(actor: Actor, patch: TUpdateCapacitySettings) {
      requirePermission(actor, 'capacity:manage');
      return db.transaction(async (tx) => {
        const before = await settingsOf(tx, actor.orgId);
        const { teamCostPerMonth, ...rest } = patch;
        const next = {
          ...DEFAULT_CAPACITY_SETTINGS,
          ...before,
          ...rest,
          ...(teamCostPerMonth !== undefined
            ? { teamCostPerMonthCents: teamCostPerMonth === null ? null : Math.round(teamCostPerMonth * 100) }
            : {}),
          orgId: actor.orgId,
          updatedAt: clock.now(),
        };
        await repo.upsertSettings(tx, next);
        await recordAudit(tx, clock, actor, {
          entityType: 'capacity_settings',
          entityId: actor.orgId,
          action: 'updated',
          before,
          after: next,
        });
        const { currency } = await repo.findCurrentMrr(tx, actor.orgId, clock.now().toISOString().slice(0, 10));
        return toSettingsDto(next, currency);
      });
    },

    /** Sets a person's hours per week and team (adds them to the capacity table). */
    async putPerson(actor: Actor, userId: string, input: { team: TTeam; hoursPerWeek: number }): Promise<TCapacityPerson> {
      requirePermission(actor, 'capacity:manage');
      return db.transaction(async (tx) => {
        if (!(await repo.findUserName(tx, actor.orgId, userId))) throw new AppError('NOT_FOUND', { entry: m.capacity_person_unknown });
        await repo.upsertPerson(tx, { orgId: actor.orgId, userId, ...input, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, { entityType: 'capacity_person', entityId: userId, action: 'updated', after: input });
        const person = (await repo.listPeople(tx, actor.orgId)).find((p) => p.userId === userId);
        if (!person) throw notFound('Person');
        return { ...person, team: person.team as TTeam };
      });
    },

    async removePerson(actor: Actor, userId: string) {
      requirePermission(actor, 'capacity:manage');
      await db.transaction(async (tx) => {
        if (!(await repo.deletePerson(tx, actor.orgId, userId))) throw notFound('Person');
        await recordAudit(tx, clock, actor, { entityType: 'capacity_person', entityId: userId, action: 'deleted' });
      });
    },
  };
}
