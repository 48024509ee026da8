import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/bulk.ts';
import type { Db } from '../../platform/db/database.ts';
import type { TReadScope } from '../health/index.ts';
import { surveyResponses, surveys } from './surveys.table.ts';

/**
 * For each account as of its own day: its latest NPS answer (any NPS survey) and the day it was given, and its
 * NPS over the window's days up to that day (promoters − detractors over its answers, × 100). One statement for
 * every account in scope; an account without answers has no row (the measure is missing, not zero).
 */
export async function readAccountNps(db: Db, scope: TReadScope, windowDays: number) {
  return queryRows<{ account_id: string; latest: number; answered_on: string; n: number; promoters: number; detractors: number }>(
    db,
    sql`select k.account_id, l.score as latest, to_char(l.answered_at at time zone 'UTC', 'YYYY-MM-DD') as answered_on,
        w.n, w.promoters, w.detractors
      from unnest(${sql.param(scope.accountIds)}::uuid[], ${sql.param(scope.asOf)}::date[]) as k(account_id, as_of)
      join lateral (
        select r.score, r.answered_at from ${surveyResponses} r
        join ${surveys} s on s.org_id = r.org_id and s.id = r.survey_id and s.kind = 'nps'
        where r.org_id = ${scope.orgId} and r.account_id = k.account_id
          and r.answered_at < (k.as_of + 1)::timestamp at time zone 'UTC'
        order by r.answered_at desc, r.id desc limit 1
      ) l on true
      cross join lateral (
        select count(*)::int as n, (count(*) filter (where r.score >= 9))::int as promoters,
          (count(*) filter (where r.score <= 6))::int as detractors
        from ${surveyResponses} r
        join ${surveys} s on s.org_id = r.org_id and s.id = r.survey_id and s.kind = 'nps'
        where r.org_id = ${scope.orgId} and r.account_id = k.account_id
          and r.answered_at < (k.as_of + 1)::timestamp at time zone 'UTC'
          and r.answered_at >= (k.as_of + 1 - ${windowDays}::int)::timestamp at time zone 'UTC'
      ) w`,
  );
}
