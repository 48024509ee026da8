import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import { accounts } from '../accounts/index.ts';
import { churnSignals } from '../churn-signals/index.ts';
import { contacts } from '../contacts/index.ts';
import { customFields } from '../custom-fields/index.ts';
import { healthPulses } from '../health/index.ts';
import { apiTokens, users } from '../identity/index.ts';
import { imports } from '../imports/index.ts';
import { journeyChecklistItems, journeys } from '../journeys/index.ts';
import { markets, organisations } from '../organisations/index.ts';
import { quotes } from '../quotes/index.ts';
import { renewalOpportunities } from '../renewal-opportunities/index.ts';
import { subscriptions } from '../subscriptions/index.ts';
import { successObjectives } from '../success-plans/index.ts';
import { supportRequests } from '../support/index.ts';
import { surveyResponses } from '../surveys/index.ts';
import { tasks } from '../tasks/index.ts';
import { orderOf, type TAuditPage, type TAuditRow } from './audit.repository.ts';
import type { TAuditFilter } from './audit.schemas.ts';

/**
 * A page of entries with the name of the item each is about, in one query: the page is cut first, then each
 * entry is joined to the table of its entity type by primary key (org_id, id), so a page of 200 costs at most
 * 200 index lookups per type whatever the size of the log. Each joined table is pinned to the organisation itself. An item that is gone keeps the name its entry
 * recorded, if it recorded one (a deleted contact's or market's before-image). Names are what people see in lists:
 * a subscription's reference and account ("SUB-0042 · Aarhus Vindkraft"), a renewal's account, a quote's reference,
 * a support request's number and subject, a task's or objective's title, a journey's name and account, a churn
 * signal's, a CSM pulse's or a survey answer's account, a person's capacity by the person, a journey log entry by
 * its text.
 */
export async function selectNamedPage(db: Db, orgId: string, page: TAuditPage, q: TAuditFilter): Promise<TAuditRow[]> {
  // The entry's id as a key of the entity type's table; a CASE, so ids of other types are never cast.
  const idOf = (entityType: string) => sql`case when ${page.entityType} = ${entityType} then ${page.entityId}::uuid end`;
  const stored = (key: string) => sql`coalesce(${page.after} ->> ${key}, ${page.before} ->> ${key})`;
  // The account a subscription or a renewal belongs to: part of their names ("SUB-0042 · Aarhus Vindkraft").
  const ownerAccount = alias(accounts, 'owner_account');
  const entityName = sql<string | null>`coalesce(
    ${accounts.name},
    nullif(trim(${contacts.firstName} || ' ' || ${contacts.lastName}), ''),
    ${users.name},
    ${apiTokens.name},
    ${markets.name},
    ${customFields.label},
    ${imports.fileName},
    ${organisations.name},
    ${subscriptions.reference} || coalesce(' · ' || ${ownerAccount.name}, ''),
    case when coalesce(${renewalOpportunities.id}, ${churnSignals.id}, ${healthPulses.id}, ${surveyResponses.id}) is not null
      then ${ownerAccount.name} end,
    ${journeys.name} || coalesce(' · ' || ${ownerAccount.name}, ''),
    ${journeyChecklistItems.label},
    ${tasks.title},
    ${successObjectives.title},
    '#' || ${supportRequests.number} || ' ' || ${supportRequests.subject},
    'Q-' || lpad(${quotes.number}::text, 4, '0'),
    ${stored('name')},
    nullif(trim(concat_ws(' ', ${stored('firstName')}, ${stored('lastName')})), ''),
    ${stored('label')},
    ${stored('fileName')},
    ${stored('title')},
    ${stored('accountName')},
    ${stored('description')},
    left(${stored('body')}, 80)
  )`;
  return (
    db
      .select({
        orgId: page.orgId,
        id: page.id,
        at: page.at,
        actorUserId: page.actorUserId,
        actorLabel: page.actorLabel,
        entityType: page.entityType,
        entityId: page.entityId,
        action: page.action,
        before: page.before,
        after: page.after,
        requestId: page.requestId,
        entityName,
      })
      .from(page)
      .leftJoin(accounts, and(eq(accounts.orgId, orgId), eq(accounts.id, idOf('account'))))
      .leftJoin(contacts, and(eq(contacts.orgId, orgId), eq(contacts.id, idOf('contact'))))
      // A person's capacity is kept under the person's user id.
      .leftJoin(users, and(eq(users.orgId, orgId), sql`${users.id} = coalesce(${idOf('user')}, ${idOf('capacity_person')})`))
      .leftJoin(apiTokens, and(eq(apiTokens.orgId, orgId), eq(apiTokens.id, idOf('api_token'))))
      .leftJoin(markets, and(eq(markets.orgId, orgId), eq(markets.id, idOf('market'))))
      .leftJoin(customFields, and(eq(customFields.orgId, orgId), eq(customFields.id, idOf('custom_field'))))
      .leftJoin(imports, and(eq(imports.orgId, orgId), eq(imports.id, idOf('import'))))
      .leftJoin(organisations, and(eq(organisations.id, orgId), eq(organisations.id, idOf('organisation'))))
      .leftJoin(subscriptions, and(eq(subscriptions.orgId, orgId), eq(subscriptions.id, idOf('subscription'))))
      .leftJoin(renewalOpportunities, and(eq(renewalOpportunities.orgId, orgId), eq(renewalOpportunities.id, idOf('renewal_opportunity'))))
      .leftJoin(journeys, and(eq(journeys.orgId, orgId), eq(journeys.id, idOf('journey'))))
      .leftJoin(
        journeyChecklistItems,
        and(eq(journeyChecklistItems.orgId, orgId), eq(journeyChecklistItems.id, idOf('journey_checklist_item'))),
      )
      .leftJoin(churnSignals, and(eq(churnSignals.orgId, orgId), eq(churnSignals.id, idOf('churn_signal'))))
      .leftJoin(healthPulses, and(eq(healthPulses.orgId, orgId), eq(healthPulses.id, idOf('health_pulse'))))
      .leftJoin(surveyResponses, and(eq(surveyResponses.orgId, orgId), eq(surveyResponses.id, idOf('survey_response'))))
      .leftJoin(
        ownerAccount,
        and(
          eq(ownerAccount.orgId, orgId),
          sql`${ownerAccount.id} = coalesce(${subscriptions.accountId}, ${renewalOpportunities.accountId}, ${journeys.accountId},
          ${churnSignals.accountId}, ${healthPulses.accountId}, ${surveyResponses.accountId})`,
        ),
      )
      .leftJoin(tasks, and(eq(tasks.orgId, orgId), eq(tasks.id, idOf('task'))))
      .leftJoin(successObjectives, and(eq(successObjectives.orgId, orgId), eq(successObjectives.id, idOf('success_objective'))))
      .leftJoin(supportRequests, and(eq(supportRequests.orgId, orgId), eq(supportRequests.id, idOf('support_request'))))
      .leftJoin(quotes, and(eq(quotes.orgId, orgId), eq(quotes.id, idOf('quote'))))
      .orderBy(...orderOf(page, q))
  );
}

/**
 * The names of the people, accounts, contacts and markets an entry's before and after point at (an owner, a country
 * manager, a pulse's account …), each looked up in the organisation only: an id of another organisation, or of an
 * item that is gone, gets no name.
 */
export async function selectReferencedNames(db: Db, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (!ids.length) return names;
  const list = [...ids];
  const [u, a, c, m] = await Promise.all([
    db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(and(eq(users.orgId, orgId), inArray(users.id, list))),
    db
      .select({ id: accounts.id, name: accounts.name })
      .from(accounts)
      .where(and(eq(accounts.orgId, orgId), inArray(accounts.id, list))),
    db
      .select({ id: contacts.id, name: sql<string>`trim(${contacts.firstName} || ' ' || ${contacts.lastName})` })
      .from(contacts)
      .where(and(eq(contacts.orgId, orgId), inArray(contacts.id, list))),
    db
      .select({ id: markets.id, name: markets.name })
      .from(markets)
      .where(and(eq(markets.orgId, orgId), inArray(markets.id, list))),
  ]);
  for (const row of [...u, ...a, ...c, ...m]) if (row.name) names.set(row.id, row.name);
  return names;
}
