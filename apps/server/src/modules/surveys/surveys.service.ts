import type { Readable } from 'node:stream';
import { type Actor, accountOwnerScope, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import type { TUiLanguage } from '../../platform/messages.ts';
import type { AccountService } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { importResult, readAnswersCsv } from './surveys.import.ts';
import { surveysMessages as m } from './surveys.messages.ts';
import { categoryOf, monthsBefore, SCORE_RANGE, TRAILING_MONTHS, type TSurveyKind, tally, trendWithTrailing } from './surveys.nps.ts';
import {
  countResponses,
  countSurveys,
  deleteSurveyRow,
  findAccountsByKey,
  findContactAccounts,
  findContactsByEmail,
  findResponseIdBySourceRef,
  findResponsesByIds,
  findResponsesPage,
  findSurveyById,
  findSurveysPage,
  insertResponses,
  insertSurvey,
  type TResponseListRow,
  type TSurveyListRow,
  type TSurveyRow,
  tallyResponses,
} from './surveys.repository.ts';
import type {
  TCreateSurvey,
  TRecordResponse,
  TResponsesExportQuery,
  TResponsesQuery,
  TScoreReport,
  TScoreReportQuery,
  TSurvey,
  TSurveyListItem,
  TSurveyResponse,
  TSurveysExportQuery,
  TSurveysQuery,
} from './surveys.schemas.ts';

export function toSurveyDto(r: TSurveyRow): TSurvey {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as TSurveyKind,
    question: r.question,
    createdByUserId: r.createdByUserId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const toSurveyListItem = (r: TSurveyListRow): TSurveyListItem => {
  const t = tally(r.kind as TSurveyKind, r);
  return { ...toSurveyDto(r), ...t, lastAnsweredAt: r.lastAnsweredAt ? new Date(r.lastAnsweredAt).toISOString() : null };
};

export const toResponseDto = (r: TResponseListRow): TSurveyResponse => ({
  id: r.id,
  surveyId: r.surveyId,
  surveyName: r.surveyName,
  kind: r.kind as TSurveyKind,
  accountId: r.accountId,
  accountName: r.accountName,
  contactId: r.contactId,
  contactName: r.contactName,
  score: r.score,
  category: categoryOf(r.kind as TSurveyKind, r.score),
  comment: r.comment,
  answeredAt: r.answeredAt.toISOString(),
  source: r.source as TSurveyResponse['source'],
  createdAt: r.createdAt.toISOString(),
});

const scopeOf = (actor: Actor) => ({ orgId: actor.orgId, ownerUserId: accountOwnerScope(actor) });

/** One answer ready to store: its account resolved, its score checked. */
export interface TNewAnswer {
  accountId: string;
  contactId: string | null;
  score: number;
  comment: string | null;
  answeredAt: Date;
  sourceRef: string | null;
}

export type SurveyService = ReturnType<typeof createSurveyService>;

/** Business rules. Each method checks the permission first; a write, its audit entry and its events commit in one transaction. */
export function createSurveyService(deps: { db: Db; clock: Clock; events: EventBus; accounts: AccountService }) {
  const { db, clock } = deps;

  async function getSurveyRow(tx: Db, actor: Actor, id: string) {
    const row = await findSurveyById(tx, actor.orgId, id);
    if (!row) throw notFound('Survey');
    return row;
  }

  /**
   * Stores the answers (an answer whose source_ref the survey has is skipped) and publishes `survey.answered`
   * for each one written, in the caller's transaction. Returns the ids written.
   */
  async function storeAnswers(tx: Db, actor: Actor, survey: TSurveyRow, answers: TNewAnswer[], source: TSurveyResponse['source']) {
    const now = clock.now();
    const rows = await insertResponses(
      tx,
      answers.map((a) => ({
        orgId: actor.orgId,
        id: newId(),
        surveyId: survey.id,
        ...a,
        source,
        createdByUserId: actor.userId,
        createdAt: now,
      })),
    );
    const kind = survey.kind as TSurveyKind;
    await deps.events.publishMany(
      tx,
      actor.orgId,
      'survey.answered',
      rows.map((r) => ({
        responseId: r.id,
        surveyId: survey.id,
        kind,
        accountId: r.accountId,
        contactId: r.contactId,
        score: r.score,
        category: categoryOf(kind, r.score),
        answeredAt: r.answeredAt.toISOString(),
        source,
      })),
    );
    return rows.map((r) => r.id);
  }

  /** The answer's account: the contact's own (and the given account must be it), else the given account. */
  async function resolveRespondent(tx: Db, actor: Actor, input: Pick<TRecordResponse, 'accountId' | 'contactId'>) {
    let accountId = input.accountId;
    if (input.contactId) {
      const contactAccount = (await findContactAccounts(tx, actor.orgId, [input.contactId])).get(input.contactId);
      if (!contactAccount) throw invalid('contactId', m.survey_contact_unknown);
      if (accountId && accountId !== contactAccount) throw invalid('contactId', m.survey_contact_other_account);
      accountId = contactAccount;
    }
    if (!accountId) throw invalid('accountId', m.survey_respondent_required);
    const account = await deps.accounts.requireVisible(actor, accountId, tx);
    if (account.archivedAt) throw invalid('accountId', m.survey_account_archived);
    return accountId;
  }

  return {
    storeAnswers,

    async list(actor: Actor, q: TSurveysQuery) {
      requirePermission(actor, 'survey:read');
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findSurveysPage(db, scopeOf(actor), q, page), countSurveys(db, actor.orgId, q)]);
      return { items: rows.map(toSurveyListItem), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportRows(actor: Actor, q: TSurveysExportQuery) {
      requirePermission(actor, 'survey:read');
      requirePermission(actor, 'export:run');
      yield* inBatches(async (limit, offset) => (await findSurveysPage(db, scopeOf(actor), q, { limit, offset })).map(toSurveyListItem));
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'survey:read');
      return toSurveyDto(await getSurveyRow(db, actor, id));
    },

    async create(actor: Actor, input: TCreateSurvey) {
      requirePermission(actor, 'survey:manage');
      return db.transaction(async (tx) => {
        const now = clock.now();
        const row = await insertSurvey(tx, {
          orgId: actor.orgId,
          id: newId(),
          name: input.name,
          kind: input.kind,
          question: input.question ?? null,
          createdByUserId: actor.userId,
          createdAt: now,
          updatedAt: now,
        });
        const dto = toSurveyDto(row);
        await recordAudit(tx, clock, actor, { entityType: 'survey', entityId: dto.id, action: 'created', after: dto });
        return dto;
      });
    },

    async remove(actor: Actor, id: string) {
      requirePermission(actor, 'survey:manage');
      await db.transaction(async (tx) => {
        const before = await getSurveyRow(tx, actor, id);
        await deleteSurveyRow(tx, actor.orgId, id);
        await recordAudit(tx, clock, actor, { entityType: 'survey', entityId: id, action: 'deleted', before: toSurveyDto(before) });
      });
    },

    /**
     * Records one answer (by API, or by hand in the UI: an API token's request is 'api'). The same sourceRef sent
     * again records nothing and answers the stored answer.
     */
    async record(actor: Actor, surveyId: string, input: TRecordResponse): Promise<TSurveyResponse> {
      requirePermission(actor, 'survey_response:write');
      const id = await db.transaction(async (tx) => {
        const survey = await getSurveyRow(tx, actor, surveyId);
        const range = SCORE_RANGE[survey.kind as TSurveyKind];
        if (input.score < range.min || input.score > range.max) throw invalid('score', m.survey_score_out_of_range, range);
        const answeredAt = input.answeredAt ? new Date(input.answeredAt) : clock.now();
        if (answeredAt.getTime() > clock.now().getTime() + 5 * 60_000) throw invalid('answeredAt', m.survey_answer_in_future);
        const accountId = await resolveRespondent(tx, actor, input);
        const answer = { accountId, contactId: input.contactId ?? null, score: input.score, comment: input.comment || null, answeredAt };
        const [written] = await storeAnswers(
          tx,
          actor,
          survey,
          [{ ...answer, sourceRef: input.sourceRef ?? null }],
          actor.tokenScopes ? 'api' : 'manual',
        );
        const stored = written ?? (input.sourceRef ? await findResponseIdBySourceRef(tx, actor.orgId, surveyId, input.sourceRef) : null);
        if (!stored) throw notFound('SurveyResponse');
        if (written)
          await recordAudit(tx, clock, actor, {
            entityType: 'survey_response',
            entityId: written,
            action: 'created',
            after: { surveyId, ...answer },
          });
        return stored;
      });
      const [row] = await findResponsesByIds(db, actor.orgId, [id]);
      if (!row) throw notFound('SurveyResponse');
      return toResponseDto(row);
    },

    /**
     * Answers from a CSV file (surveys.import.ts), in one transaction: rows whose account or contact is unknown (or
     * not the actor's to see) or whose score or date is wrong are refused and listed; the others are recorded.
     */
    async importCsv(actor: Actor, surveyId: string, open: () => Promise<Readable>, lang: TUiLanguage) {
      requirePermission(actor, 'survey_response:write');
      const survey = await getSurveyRow(db, actor, surveyId);
      const { rows, errors } = await readAnswersCsv(await open(), SCORE_RANGE[survey.kind as TSurveyKind]);
      const byKey = await findAccountsByKey(db, actor.orgId, [...new Set(rows.flatMap((r) => (r.account ? [r.account] : [])))]);
      const byEmail = await findContactsByEmail(db, actor.orgId, [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))]);
      const visible = new Map<string, boolean>();
      const mayView = async (accountId: string) => {
        if (!actor.ownAccountsOnly) return true;
        if (!visible.has(accountId))
          visible.set(
            accountId,
            await deps.accounts.requireVisible(actor, accountId).then(
              () => true,
              (e) => (e instanceof AppError && e.code === 'NOT_FOUND' ? false : Promise.reject(e)),
            ),
          );
        return visible.get(accountId) ?? false;
      };
      const received = rows.length + errors.length;
      const answers: TNewAnswer[] = [];
      const now = clock.now();
      for (const r of rows) {
        const contact = r.email ? byEmail.get(r.email) : undefined;
        const accountId = contact?.accountId ?? (r.account ? byKey.get(r.account) : null);
        if (!accountId || !(await mayView(accountId))) {
          errors.push({ row: r.row, field: r.email && !r.account ? 'contact_email' : 'account', code: m.survey_csv_unknown_account.code });
          continue;
        }
        if (r.answeredAt && r.answeredAt.getTime() > now.getTime() + 5 * 60_000) {
          errors.push({ row: r.row, field: 'answered_at', code: m.survey_answer_in_future.code });
          continue;
        }
        const { score, comment, sourceRef } = r;
        answers.push({ accountId, contactId: contact?.id ?? null, score, comment, answeredAt: r.answeredAt ?? now, sourceRef });
      }
      errors.sort((a, b) => a.row - b.row);
      const written = await db.transaction(async (tx) => {
        const ids = await storeAnswers(tx, actor, survey, answers, 'import');
        await recordAudit(tx, clock, actor, {
          entityType: 'survey',
          entityId: surveyId,
          action: 'imported',
          after: { recorded: ids.length },
        });
        return ids.length;
      });
      return importResult(received, written, errors, lang);
    },

    async listResponses(actor: Actor, q: TResponsesQuery) {
      requirePermission(actor, 'survey:read');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findResponsesPage(db, scopeOf(actor), q, page), countResponses(db, scopeOf(actor), q)]);
      return { items: rows.map(toResponseDto), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportResponses(actor: Actor, q: TResponsesExportQuery) {
      requirePermission(actor, 'survey:read');
      requirePermission(actor, 'export:run');
      if (q.accountId) await deps.accounts.requireVisible(actor, q.accountId);
      yield* inBatches(async (limit, offset) => (await findResponsesPage(db, scopeOf(actor), q, { limit, offset })).map(toResponseDto));
    },

    /** The survey's figure over the range (default: the last 12 months), by month and by account segment. */
    async report(actor: Actor, surveyId: string, q: TScoreReportQuery): Promise<TScoreReport> {
      requirePermission(actor, 'survey:read');
      const survey = await getSurveyRow(db, actor, surveyId);
      const kind = survey.kind as TSurveyKind;
      const today = clock.now().toISOString().slice(0, 10);
      const to = q.to ?? today;
      const start = new Date(`${to}T00:00:00Z`);
      start.setUTCDate(1);
      start.setUTCMonth(start.getUTCMonth() - 11);
      const from = q.from ?? start.toISOString().slice(0, 10);
      if (from > to) throw invalid('from', m.survey_range_backwards);
      const range = { from, to, segment: q.segment };
      // The trailing figures read whole months from two months earlier, so the range's first months have theirs.
      const firstMonth = from.slice(0, 7);
      const monthsRange = { ...range, from: `${monthsBefore(firstMonth, TRAILING_MONTHS - 1)}-01` };
      const [all, months, wholeMonths, segments] = await Promise.all([
        tallyResponses(db, scopeOf(actor), surveyId, range, 'none'),
        tallyResponses(db, scopeOf(actor), surveyId, range, 'month'),
        tallyResponses(db, scopeOf(actor), surveyId, monthsRange, 'month'),
        tallyResponses(db, scopeOf(actor), surveyId, range, 'segment'),
      ]);
      const none = { promoters: 0, passives: 0, detractors: 0 };
      return {
        surveyId,
        kind,
        from,
        to,
        overall: tally(kind, all[0] ?? none),
        trend: trendWithTrailing(
          kind,
          months.map((r) => ({ ...r, month: String(r.key) })),
          wholeMonths.map((r) => ({ ...r, month: String(r.key) })),
          firstMonth,
          to.slice(0, 7),
        ),
        bySegment: segments.map((r) => ({ segment: r.key ?? null, ...tally(kind, r) })),
      };
    },
  };
}
