import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { withBulkTransaction } from '../../platform/db/bulk.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import { invalid } from '../../platform/errors.ts';
import type { AccountService } from '../accounts/index.ts';
import type { ChurnSignalService } from '../churn-signals/index.ts';
import { bandOf, parseYesNo, scoreAccount, type TBands, type TScorecardMeasure } from './health.engine.ts';
import { confusionAtBands, inTestShare, liftByDecile, summarise, type TLabelled } from './health.evaluate.ts';
import { fitScorecard } from './health.fit.ts';
import { accountsToScore, scopeAccounts, type TScopeAccount } from './health.inputs.repository.ts';
import type { MeasureRegistry, THealthMeasureDef, TMeasureReading, TReadings, TTimings } from './health.measures.ts';
import { healthMessages as m } from './health.messages.ts';
import {
  findScore,
  latestBands,
  latestPulse,
  scorecardVersionDates,
  scorecardVersionsByKey,
  scoreHistory,
  scoreOn,
  type TScorecardRow,
  type TScoreWrite,
  writeScores,
} from './health.repository.ts';
import { compactResult, explainMeasures } from './health.results.ts';
import type { TAccountHealth, TEvaluateRequest, TEvaluation, TRecomputeResult, TSaveScorecard, TScorecard } from './health.schemas.ts';
import type { TFitSummary } from './health.table.ts';

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;

/** The scores: recompute (all accounts, or some), the account's health tab, and the evaluation against churn. */
export function createScoring(deps: {
  db: Db;
  database: Database;
  clock: Clock;
  registry: MeasureRegistry;
  accounts: AccountService;
  scorecardsOf: (orgId: string, tx?: Db) => Promise<TScorecardRow[]>;
  bandsOf: (orgId: string, tx?: Db) => Promise<TBands>;
  saveVersion: (
    actor: Actor,
    id: string,
    input: TSaveScorecard & { fit?: TFitSummary | null },
    before: TScorecardRow | null,
  ) => Promise<TScorecard>;
  currentOf: (orgId: string, id: string) => Promise<TScorecardRow>;
  /** Raises a churn signal in the write's transaction (the churn-signals module). */
  raiseSignal: ChurnSignalService['raise'];
}) {
  const { db, clock, registry } = deps;

  /** Reads the given measures for the accounts in scope, each as of its own day. */
  async function readFor(
    orgId: string,
    accounts: { accountId: string; asOf: string }[],
    keys: string[],
    every = false,
    timings?: TTimings,
  ): Promise<TReadings> {
    const scope = { orgId, accountIds: accounts.map((a) => a.accountId), asOf: accounts.map((a) => a.asOf), every };
    return registry.read(db, scope, [...new Set(keys)], timings);
  }

  /**
   * Scores the organisation's accounts (or the given ones) with their segment's scorecard (or the default) as of
   * today, and stores each as its latest score and today's history row. Set-based reads, batched writes.
   */
  async function recompute(orgId: string, accountIds: string[] | null = null, timings?: TTimings): Promise<TRecomputeResult> {
    let t0 = performance.now();
    const lap = (name: string) => {
      const t = performance.now();
      if (timings) timings[name] = t - t0;
      t0 = t;
    };
    const today = clock.now().toISOString().slice(0, 10);
    const [cards, bands, defs] = await Promise.all([
      db.transaction((tx) => deps.scorecardsOf(orgId, tx)),
      deps.bandsOf(orgId),
      registry.measures(db, orgId),
    ]);
    const interval = new Map(defs.map((d) => [d.key, d.expectedIntervalDays]));
    const fallback = cards.find((c) => c.segment === null) as TScorecardRow;
    const bySegment = new Map(cards.filter((c) => c.segment !== null).map((c) => [c.segment as string, c]));
    const accounts = await accountsToScore(db, orgId, today, accountIds);
    lap('scorecards and accounts');
    const readings = await readFor(
      orgId,
      accounts,
      cards.flatMap((c) => c.measures.map((x) => x.source)),
      accountIds === null,
      timings,
    );
    lap('reads (side by side)');
    // Days from each observation day to today, once per distinct day (not twice per measure and account).
    const ageOf = new Map<string, number>();
    const age = (d: string) => {
      const n = ageOf.get(d) ?? daysBetween(d, today);
      ageOf.set(d, n);
      return n;
    };
    // Each scorecard's measures' readings and intervals, looked up once; then one look-up per account and measure.
    const perCard = new Map(
      cards.map((c) => [
        c.id,
        { maps: c.measures.map((x) => readings.get(x.source)), every: c.measures.map((x) => interval.get(x.source) ?? null) },
      ]),
    );
    const counts = { red: 0, yellow: 0, green: 0 };
    const rows: TScoreWrite[] = accounts.map((a) => {
      const card = (a.segment && bySegment.get(a.segment)) || fallback;
      const { maps, every } = perCard.get(card.id) as { maps: (Map<string, TMeasureReading> | undefined)[]; every: (number | null)[] };
      const got = maps.map((m) => m?.get(a.accountId));
      const r = scoreAccount(card.measures, (_, i) => got[i]?.value);
      const band = bandOf(r.score, bands);
      if (band) counts[band]++;
      // Stored compact: the source and weight are the scorecard version's (health.results.ts explains it back).
      const results = r.measures.map((x, i) => {
        const observedOn = got[i]?.observedOn ?? null;
        const days = every[i] ?? null;
        return compactResult(x.value, x.points, observedOn, days !== null && observedOn !== null && age(observedOn) > days);
      });
      return { accountId: a.accountId, scorecardId: card.id, scorecardVersion: card.version, score: r.score, band, results };
    });
    lap('scoring');
    // A transaction that can COPY (a full recompute stages its scores with COPY: health.repository.ts).
    await withBulkTransaction(deps.database, async ({ db: tx, copy }) => {
      // Only the accounts now red can have turned red: their bands before are read, not every account's.
      const red = rows.filter((r) => r.band === 'red').map((r) => r.accountId);
      const before = red.length ? await latestBands(tx, orgId, red) : new Map<string, { band: string | null; card: string }>();
      await writeScores(tx, orgId, today, clock.now(), rows, copy, timings);
      // Health turned red (from yellow or green; a first score is no turn): a churn signal, once a day per account.
      // Only under the scorecard version that gave the band before: a new version re-bands accounts because the
      // model changed, not the customer (the history shows that version's marker instead).
      for (const r of rows) {
        const was = before.get(r.accountId);
        if (r.band === 'red' && was?.band && was.band !== 'red' && was.card === `${r.scorecardId}:${r.scorecardVersion}`)
          await deps.raiseSignal(tx, orgId, {
            accountId: r.accountId,
            kind: 'health_red',
            occurredAt: clock.now(),
            details: { from: was.band, score: r.score },
            sourceRef: `health_red:${r.accountId}:${today}`,
          });
      }
    });
    lap('writes');
    return { accounts: accounts.length, scored: rows.filter((r) => r.score !== null).length, ...counts };
  }

  /** Outcome or split value of an account: a custom field read as yes/no, or the churn the subscriptions show. */
  function outcomeOf(field: string, a: TScopeAccount): boolean | null {
    if (field === 'churned') return a.hadSubscription ? a.churned : null;
    return parseYesNo(a.custom[field]);
  }

  async function requireField(orgId: string, field: string, name: string) {
    if (name === 'outcome' && field === 'churned') return;
    const defs = await registry.measures(db, orgId);
    if (!defs.some((d) => d.key === `custom.${field}`)) throw invalid(name, m.health_unknown_field, { field });
  }

  /**
   * The accounts whose outcome is known, each read as of the day before its churn (or today), with its part of the
   * split, and every candidate input's value: what the evaluation scores and the fitter fits on.
   */
  async function labelledRows(actor: Actor, q: TEvaluateRequest) {
    if (q.testField && q.testShare !== undefined) throw invalid('testShare', m.health_split_both);
    if (q.save && !q.fit) throw invalid('save', m.health_save_needs_fit);
    await requireField(actor.orgId, q.outcome, 'outcome');
    if (q.testField) await requireField(actor.orgId, q.testField, 'testField');
    const today = clock.now().toISOString().slice(0, 10);
    const card = q.scorecardId
      ? await deps.currentOf(actor.orgId, q.scorecardId)
      : ((await db.transaction((tx) => deps.scorecardsOf(actor.orgId, tx))).find((c) => c.segment === null) as TScorecardRow);
    const all = await scopeAccounts(db, actor.orgId, { today, beforeChurn: true, accountIds: null });
    const labelled = all.flatMap((a) => {
      const y = outcomeOf(q.outcome, a);
      if (y === null) return [];
      const test = q.testField
        ? parseYesNo(a.custom[q.testField]) === true
        : q.testShare !== undefined
          ? inTestShare(a.accountId, q.testShare, q.seed ?? 1)
          : true;
      const train = q.testField || q.testShare !== undefined ? !test : true;
      return [{ a, y, test, train }];
    });
    const excluded = new Set([q.outcome, q.testField].filter(Boolean).map((f) => `custom.${f}`));
    const defs = (await registry.measures(db, actor.orgId)).filter((d) => !excluded.has(d.key));
    const readings = await readFor(
      actor.orgId,
      labelled.map((l) => l.a),
      [...defs.map((d) => d.key), ...card.measures.map((x) => x.source)],
    );
    return { card, labelled, defs, readings };
  }

  return {
    recompute,

    /** Recomputes the actor's organisation now (what the nightly job does). */
    async recomputeAll(actor: Actor) {
      requirePermission(actor, 'health:configure');
      return recompute(actor.orgId);
    },

    /** Rescores one account now: other modules call it when an event moves an input (freshness). */
    async recomputeAccount(actor: Actor, accountId: string) {
      requirePermission(actor, 'health:read');
      await deps.accounts.requireVisible(actor, accountId);
      return recompute(actor.orgId, [accountId]);
    },

    /** The account's Health tab: measures with value, points and weight, the change since a week ago, the history with version markers. */
    async ofAccount(actor: Actor, accountId: string): Promise<TAccountHealth> {
      requirePermission(actor, 'health:read');
      await deps.accounts.requireVisible(actor, accountId);
      const today = clock.now().toISOString().slice(0, 10);
      let latest = await findScore(db, actor.orgId, accountId);
      if (!latest) {
        await recompute(actor.orgId, [accountId]);
        latest = await findScore(db, actor.orgId, accountId);
      }
      const since = addDays(today, -365);
      const [defs, current, changes, inForce, weekAgo, versions] = await Promise.all([
        registry.measures(db, actor.orgId),
        deps.scorecardsOf(actor.orgId),
        scoreHistory(db, actor.orgId, accountId, since),
        scoreOn(db, actor.orgId, accountId, since),
        scoreOn(db, actor.orgId, accountId, addDays(today, -7)),
        scorecardVersionDates(db, actor.orgId),
      ]);
      // Each stored score is explained with the scorecard version it names (a week ago's may be an older one).
      const scored = [latest, weekAgo].flatMap((r) => (r ? [{ id: r.scorecardId, version: r.scorecardVersion }] : []));
      const cards = await scorecardVersionsByKey(db, actor.orgId, scored);
      const cardOf = (r: { scorecardId: string; scorecardVersion: number }) =>
        cards.find((c) => c.id === r.scorecardId && c.version === r.scorecardVersion);
      const explain = (r: typeof latest) => (r ? explainMeasures(cardOf(r)?.measures ?? [], r.measureResults) : []);
      const labels = new Map(defs.map((d) => [d.key, d.label]));
      const before = new Map(explain(weekAgo).map((x) => [x.source, x.points]));
      const history = daily([...(inForce && inForce.day < since ? [inForce] : []), ...changes], since, today);
      const first = history[0]?.day ?? today;
      const card = latest ? current.find((c) => c.id === latest.scorecardId) : undefined;
      const pulse = await latestPulse(db, actor.orgId, accountId);
      return {
        accountId,
        score: latest?.score ?? null,
        band: (latest?.band as TAccountHealth['band']) ?? null,
        scorecard: latest ? { id: latest.scorecardId, version: latest.scorecardVersion, name: card?.name ?? '' } : null,
        computedAt: latest?.computedAt.toISOString() ?? null,
        measures: explain(latest).map((x) => ({
          ...x,
          label: labels.get(x.source) ?? null,
          pointsWeekAgo: before.get(x.source) ?? null,
        })),
        weekAgo: weekAgo ? { day: weekAgo.day, score: weekAgo.score, band: weekAgo.band } : null,
        history: history.map((h) => ({ day: h.day, score: h.score, band: h.band, scorecardVersion: h.scorecardVersion })),
        versionMarkers: versions
          .map((v) => ({ day: v.createdAt.toISOString().slice(0, 10), name: v.name, version: v.version, id: v.id }))
          .filter((v) => v.day >= first && v.version > 1 && (!latest || v.id === latest.scorecardId))
          .map(({ id: _id, ...v }) => v),
        pulse: pulse
          ? {
              value: pulse.value,
              reason: pulse.reason,
              expiresOn: pulse.expiresOn,
              createdAt: pulse.createdAt.toISOString(),
              createdByName: pulse.createdByName,
            }
          : null,
      };
    },

    /**
     * The rows the evaluation and the fitter see (outcome, part of the split, every candidate's value), for
     * studying the fitter outside the product (bench/health-fit.ts).
     */
    async evaluationRows(actor: Actor, q: TEvaluateRequest) {
      requirePermission(actor, 'health:configure');
      const { labelled, defs, readings } = await labelledRows(actor, q);
      return {
        candidates: defs.map((d) => ({ key: d.key, kind: d.kind })),
        rows: labelled.map((l) => ({
          churned: l.y,
          test: l.test,
          train: l.train,
          values: Object.fromEntries(
            defs.flatMap((d) => {
              const v = readings.get(d.key)?.get(l.a.accountId)?.value;
              return v === undefined ? [] : [[d.key, v]];
            }),
          ),
        })),
      };
    },

    /**
     * Does the scorecard predict churn? Scores every account whose outcome is known as of the day before its churn
     * (or today), reports AUC, lift by decile and the confusion at the band boundaries on the test part; with `fit`,
     * fits a scorecard on the training part and reports its figures (and saves it as a new version with `save`).
     */
    async evaluate(actor: Actor, q: TEvaluateRequest): Promise<TEvaluation> {
      requirePermission(actor, 'health:configure');
      const { card, labelled, defs, readings } = await labelledRows(actor, q);
      const bands = await deps.bandsOf(actor.orgId);
      const valuesOf = (accountId: string) => (s: string) => readings.get(s)?.get(accountId)?.value;
      const assess = (measures: TScorecardMeasure[], part: 'test' | 'train') =>
        labelled
          .filter((l) => l[part])
          .flatMap((l): TLabelled[] => {
            const s = scoreAccount(measures, valuesOf(l.a.accountId)).score;
            return s === null ? [] : [{ score: s, churned: l.y }];
          });
      const split = q.testField
        ? { kind: 'field' as const, field: q.testField, share: null, seed: null }
        : q.testShare !== undefined
          ? { kind: 'share' as const, field: null, share: q.testShare, seed: q.seed ?? 1 }
          : { kind: 'none' as const, field: null, share: null, seed: null };
      const unfitted = { test: summarise(assess(card.measures, 'test')), train: summarise(assess(card.measures, 'train')) };
      let measures = card.measures;
      let dropped: { name: string; why: string }[] = [];
      let crossValidation: TFitSummary['crossValidation'] = null;
      if (q.fit) {
        const trainRows = labelled.filter((l) => l.train).map((l) => ({ churned: l.y, value: valuesOf(l.a.accountId) }));
        const fit = fitScorecard(
          defs.map((d) => ({ key: d.key, kind: d.kind })),
          trainRows,
        );
        measures = fit.measures;
        dropped = fit.dropped.map((d) => ({ name: d.key, why: d.why }));
        crossValidation = fit.crossValidation;
      }
      const testRows = assess(measures, 'test');
      const result = { test: summarise(testRows), train: summarise(assess(measures, 'train')) };
      let saved: TScorecard | null = null;
      if (q.fit && q.save) {
        const fit: TFitSummary = {
          outcome: q.outcome,
          split,
          ...result,
          unfittedTestAuc: unfitted.test.auc,
          candidates: defs.length,
          dropped,
          crossValidation,
        };
        saved = await deps.saveVersion(actor, card.id, { name: card.name, segment: card.segment, measures, explanation: null, fit }, card);
      }
      return {
        outcome: q.outcome,
        split,
        fitted: !!q.fit,
        test: { ...result.test, lift: liftByDecile(testRows), confusion: confusionAtBands(testRows, bands) },
        train: result.train,
        inputs: measures.map((x) => ({ name: x.source, label: labelOf(defs, x.source), weight: x.weight, thresholds: x.thresholds })),
        unfitted: q.fit ? unfitted : null,
        dropped,
        candidates: defs.length,
        crossValidation,
        saved,
      };
    },
  };
}

/**
 * The score of every day from the first known (or `since`) to `today`: the history holds the changes only, so each
 * day carries the latest row on or before it (what the chart draws, one point a day as the nightly recompute scores).
 */
function daily<T extends { day: string }>(rows: T[], since: string, today: string): T[] {
  const out: T[] = [];
  let i = 0;
  let current: T | undefined;
  const start = rows[0] ? (rows[0].day > since ? rows[0].day : since) : today;
  for (let d = start; d <= today; d = addDays(d, 1)) {
    while (i < rows.length && (rows[i] as T).day <= d) current = rows[i++];
    if (current) out.push({ ...current, day: d });
  }
  return out;
}

const labelOf = (defs: THealthMeasureDef[], key: string) => defs.find((d) => d.key === key)?.label.en ?? key;
