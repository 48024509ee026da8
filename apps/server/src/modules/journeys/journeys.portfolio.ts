import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { countPortfolio, findPortfolioPage, type TPortfolioRow } from './journeys.portfolio.repository.ts';
import type { TJourneyPortfolioItem, TJourneysExportQuery, TJourneysQuery } from './journeys.schemas.ts';

const toItem = (r: TPortfolioRow): TJourneyPortfolioItem => ({
  ...r,
  status: r.status as TJourneyPortfolioItem['status'],
  templateVersion: Number(r.templateVersion),
  lateMilestones: Number(r.lateMilestones ?? 0),
  daysLate: Number(r.daysLate ?? 0),
  checklistDone: Number(r.checklistDone ?? 0),
  checklistTotal: Number(r.checklistTotal ?? 0),
  openChallenges: Number(r.openChallenges ?? 0),
  openIssues: Number(r.openIssues ?? 0),
});

/** The portfolio of journeys: every account's journey by current milestone and lateness; filters, sort, paging, CSV. */
export function createJourneyPortfolio(deps: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => ({
    orgId: actor.orgId,
    ownerUserId: accountOwnerScope(actor),
    today: deps.clock.now().toISOString().slice(0, 10),
  });
  return {
    async list(actor: Actor, q: TJourneysQuery) {
      requirePermission(actor, 'journey:read');
      const s = scopeOf(actor);
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, counted] = await Promise.all([findPortfolioPage(deps.db, s, q, page), countPortfolio(deps.db, s, q)]);
      return { items: rows.map(toItem), total: counted.total, summary: counted.summary, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: TJourneysExportQuery) {
      requirePermission(actor, 'journey:read');
      requirePermission(actor, 'export:run');
      const s = scopeOf(actor);
      yield* inBatches(async (limit, offset) => (await findPortfolioPage(deps.db, s, q, { limit, offset })).map(toItem));
    },
  };
}
