import type { Actor } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { enqueueEmails } from '../../platform/mail/outbox.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { TimelineService } from '../timeline/index.ts';
import { sendCustomerReminders } from './renewal-opportunities.customer.ts';
import {
  insertOpportunities,
  insertReminders,
  openDueTerms,
  refreshOpenOpportunities,
  remindersDue,
  type TNewOpportunity,
  type TOpenCandidate,
} from './renewal-opportunities.daily.repository.ts';
import { dayOf } from './renewal-opportunities.days.ts';
import { reminderSubject, renderReminderEmail } from './renewal-opportunities.emails.ts';
import type { TDailyRunResult, TRenewalSettings } from './renewal-opportunities.schemas.ts';

/** Category and risks of a renewal as it opens: a cancellation asked for or a red health score make it a churn risk. */
export function openingView(c: TOpenCandidate) {
  const riskReasons: string[] = [];
  if (c.band === 'red' || c.band === 'yellow') riskReasons.push(`health_${c.band}`);
  if (c.status === 'cancelling') riskReasons.push('cancel_requested');
  if (!c.owner_user_id) riskReasons.push('no_owner');
  const churnRisk = c.status === 'cancelling' || c.band === 'red';
  return {
    category: churnRisk ? 'churn_risk' : 'renew',
    likelihood: c.score === null ? null : Math.round(Number(c.score)),
    riskReasons,
  };
}

/** Opens renewals of these terms (those already open are skipped), with their timeline entries and `renewal.opened`. */
export async function openTerms(
  tx: Db,
  deps: { clock: Clock; timeline: TimelineService; events: EventBus },
  orgId: string,
  candidates: TOpenCandidate[],
  actor: Actor | null,
) {
  const now = deps.clock.now();
  const rows: TNewOpportunity[] = candidates.map((c) => {
    const v = openingView(c);
    return {
      id: newId(),
      account_id: c.account_id,
      subscription_id: c.subscription_id,
      term_no: c.term_no,
      currency: c.currency,
      term_last_day: c.last_day,
      due_on: c.due_on,
      owner_user_id: c.owner_user_id,
      category: v.category,
      target_cents: Math.round(Number(c.target_cents)),
      likelihood: v.likelihood,
      risk_reasons: v.riskReasons,
    };
  });
  return recordOpened(tx, deps, orgId, await insertOpportunities(tx, orgId, dayOf(now), now, rows), actor);
}

/** The timeline entries of renewals just opened and their `renewal.opened`. */
async function recordOpened(
  tx: Db,
  deps: { clock: Clock; timeline: TimelineService; events: EventBus },
  orgId: string,
  opened: { id: string; account_id: string; due_on: string }[],
  actor: Actor | null,
) {
  const now = deps.clock.now();
  if (opened.length) {
    // In chunks: a first run may open thousands at once.
    for (let i = 0; i < opened.length; i += 1000)
      await deps.timeline.recordEntries(
        tx,
        orgId,
        opened.slice(i, i + 1000).map((o) => ({
          accountId: o.account_id,
          kind: 'renewal' as const,
          occurredAt: now,
          subject: `Renewal opened, due ${o.due_on}`,
          data: { opportunityId: o.id, from: null, to: 'upcoming', dueOn: o.due_on, closeReason: null },
          sourceRef: `renewal:${o.id}:opened`,
          authorUserId: actor?.userId ?? null,
          source: 'renewal-opportunities',
        })),
      );
    await deps.events.publish(tx, orgId, 'renewal.opened', { opportunityIds: opened.map((o) => o.id) });
  }
  return opened;
}

/**
 * The daily run of one organisation, in one transaction: open the renewals whose lead time began (each term once),
 * refresh the open ones from health, close those whose outcome is known (renewed, cancelled, past the grace period), and send the reminders due today, each recorded (unique per term and offset)
 * in the same transaction as its outbox e-mail and its notification, so two runs at once send each one once.
 */
export function createRenewalDaily(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  timeline: TimelineService;
  notifications: NotificationService;
  publicUrl: string;
  settingsOf(tx: Db, orgId: string): Promise<TRenewalSettings>;
  closeFinished(tx: Db, orgId: string): Promise<number>;
}) {
  const { db, clock } = deps;
  return async function runDaily(orgId: string): Promise<TDailyRunResult> {
    return db.transaction(async (tx) => {
      const now = clock.now();
      const today = dayOf(now);
      const settings = await deps.settingsOf(tx, orgId);
      const maxLead = Math.max(settings.leadDays, ...settings.leadDaysRules.map((r) => r.days)) + 1;
      const lead = { leadDays: settings.leadDays, rules: settings.leadDaysRules };
      const opened = await recordOpened(tx, deps, orgId, await openDueTerms(tx, orgId, today, now, lead, maxLead), null);
      const refreshed = await refreshOpenOpportunities(tx, orgId, now);
      // Those renewed, cancelled or past the grace period close before any reminder goes out.
      const closed = await deps.closeFinished(tx, orgId);

      const due = await remindersDue(tx, orgId, today, settings.reminderOffsets, settings.overdueReminder);
      const inserted = await insertReminders(tx, orgId, today, now, due);
      const key = (r: { subscription_id: string; term_no: number; reminder: string }) => `${r.subscription_id}:${r.term_no}:${r.reminder}`;
      const mine = new Set(inserted.map(key));
      const toSend = due.filter((r) => mine.has(key(r)) && r.user_id);
      const mails = toSend.flatMap((r) => {
        const link = r.opportunity_id
          ? `${deps.publicUrl}/renewal-opportunities?renewal=${r.opportunity_id}`
          : `${deps.publicUrl}/accounts/${r.account_id}`;
        const facts = { accountName: r.account_name, dueOn: r.due_on, reminder: r.reminder, link };
        return r.email ? [{ orgId, to: r.email, ...renderReminderEmail(r.language, r.user_name ?? '', facts) }] : [];
      });
      await enqueueEmails(tx, clock, mails);
      const emails = mails.length;
      await deps.notifications.notify(
        tx,
        orgId,
        toSend.map((r) => ({
          userId: r.user_id as string,
          kind: 'renewal_reminder',
          data: {
            accountId: r.account_id,
            accountName: r.account_name,
            opportunityId: r.opportunity_id,
            dueOn: r.due_on,
            reminder: r.reminder,
          },
          subject: reminderSubject({ accountName: r.account_name, dueOn: r.due_on, reminder: r.reminder, link: '' }),
          link: r.opportunity_id ? `/renewal-opportunities?renewal=${r.opportunity_id}` : `/accounts/${r.account_id}`,
          sourceKey: `renewal_reminder:${key(r)}`,
        })),
      );
      const customerEmails = settings.customerEmails ? await sendCustomerReminders(tx, clock, orgId, settings.customerReminderOffsets) : 0;
      return { opened: opened.length, refreshed, closed, reminders: inserted.length, emails, customerEmails };
    });
  };
}
