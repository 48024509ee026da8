import type { Logger } from 'pino';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { enqueueEmails, type TOutgoingEmail } from '../../platform/mail/outbox.ts';
import type { TimelineService } from '../timeline/index.ts';
import { pickLang, renderNurtureEmail, renderUnsubscribePage, type TLang } from './nurture.emails.ts';
import {
  claimSends,
  dueSends,
  enrolAudience,
  ensureSettings,
  findContactFacts,
  findProgramme,
  findSettings,
  insertOptOut,
  linkOutbox,
  lockSettings,
  organisationFacts,
  runningProgrammes,
  sendsSince,
} from './nurture.repository.ts';
import { dayNumber, newSigningKey, readUnsubscribe, signUnsubscribe, verifyUnsubscribe } from './nurture.token.ts';

const WINDOW_MS = { minute: 60_000, hour: 3_600_000 } as const;

/** The start of the sending window `now` falls in (windows are whole minutes or whole hours of UTC). */
export const windowStart = (now: Date, window: string) => {
  const ms = WINDOW_MS[window === 'minute' ? 'minute' : 'hour'];
  return new Date(Math.floor(now.getTime() / ms) * ms);
};

export type NurtureSender = ReturnType<typeof createNurtureSender>;

/**
 * What the jobs and the public unsubscribe page do: enrol audiences, send due steps within the organisation's
 * allowance, unsubscribe a contact by a signed link.
 */
export function createNurtureSender(deps: { db: Db; clock: Clock; logger: Logger; publicUrl: string; timeline: TimelineService }) {
  const { db, clock } = deps;

  /** Unsubscribe a contact (once): never sent nurture e-mail again, and a timeline entry on their account. */
  async function unsubscribe(orgId: string, contactId: string, programmeId: string | null) {
    const contact = await findContactFacts(db, orgId, contactId);
    if (!contact) return false;
    return db.transaction(async (tx) => {
      const now = clock.now();
      const programme = programmeId ? await findProgramme(tx, orgId, programmeId) : null;
      if (!(await insertOptOut(tx, orgId, contactId, programme ? programme.id : null, now))) return false;
      const name = `${contact.firstName} ${contact.lastName}`.trim();
      await deps.timeline.recordEntry(tx, orgId, {
        accountId: contact.accountId,
        kind: 'nurture',
        occurredAt: now,
        subject: `${name} unsubscribed from nurture e-mail${programme ? ` (${programme.name})` : ''}`,
        data: {
          event: 'unsubscribed',
          contactId,
          contactName: name,
          programmeId: programme?.id ?? null,
          programmeName: programme?.name ?? null,
        },
        sourceRef: `nurture_unsubscribe:${contactId}`,
        authorUserId: null,
        source: 'nurture',
      });
      return true;
    });
  }

  return {
    unsubscribe,

    /** Enrol the contacts that joined the running programmes' audiences (of some accounts, or all). */
    async enrol(orgId: string, accountIds?: string[]) {
      return db.transaction(async (tx) => {
        let joined = 0;
        for (const p of await runningProgrammes(tx, orgId)) joined += await enrolAudience(tx, orgId, p, clock.now(), accountIds);
        return joined;
      });
    },

    /**
     * One sending run of an organisation, in one transaction under its settings row's lock (a second worker waits,
     * then sees these sends): at most the window's remaining allowance of due steps, each a unique send row and
     * its outbox e-mail written together, so a step reaches a contact once however often this runs.
     */
    async sendDue(orgId: string): Promise<{ sent: number; allowance: number }> {
      await ensureSettings(db, orgId, newSigningKey(), clock.now());
      return db.transaction(async (tx) => {
        const settings = await lockSettings(tx, orgId);
        if (!settings) return { sent: 0, allowance: 0 };
        const now = clock.now();
        const allowance = Math.max(0, settings.maxPerWindow - (await sendsSince(tx, orgId, windowStart(now, settings.window))));
        if (allowance === 0) return { sent: 0, allowance };
        const due = await dueSends(tx, orgId, now, allowance);
        if (due.length === 0) return { sent: 0, allowance };
        const org = await organisationFacts(tx, orgId);
        const langOf = (d: (typeof due)[number]) => pickLang(d.language, org?.defaultLanguage);
        const claimed = await claimSends(
          tx,
          orgId,
          due.map((d) => ({ programmeId: d.programmeId, contactId: d.contactId, stepId: d.stepId, language: langOf(d) })),
          now,
        );
        const isClaimed = new Set(claimed.map((c) => `${c.programmeId}:${c.contactId}:${c.stepId}`));
        const programmes = new Map<string, Awaited<ReturnType<typeof findProgramme>>>();
        const mails: (TOutgoingEmail & { key: (typeof due)[number] })[] = [];
        for (const d of due) {
          if (!isClaimed.has(`${d.programmeId}:${d.contactId}:${d.stepId}`)) continue;
          if (!programmes.has(d.programmeId)) programmes.set(d.programmeId, await findProgramme(tx, orgId, d.programmeId));
          const step = programmes.get(d.programmeId)?.steps.find((s) => s.id === d.stepId);
          if (!step) continue;
          const token = signUnsubscribe(settings.signingKey, {
            orgId,
            contactId: d.contactId,
            programmeId: d.programmeId,
            issuedDay: dayNumber(now),
          });
          const facts = { firstName: d.firstName, lastName: d.lastName, accountName: d.accountName, organisationName: org?.name ?? '' };
          mails.push({
            orgId,
            to: d.email,
            ...renderNurtureEmail(step, langOf(d), facts, `${deps.publicUrl}/unsubscribe/${token}`),
            key: d,
          });
        }
        const ids = await enqueueEmails(
          tx,
          clock,
          mails.map(({ key: _key, ...mail }) => mail),
        );
        await linkOutbox(
          tx,
          orgId,
          mails.map((mail, i) => ({
            programmeId: mail.key.programmeId,
            contactId: mail.key.contactId,
            stepId: mail.key.stepId,
            outboxId: ids[i] ?? '',
          })),
        );
        return { sent: mails.length, allowance };
      });
    },

    /** The page behind a link: null (404) when the link is not ours, tampered with or expired. */
    async unsubscribePage(token: string, confirm: boolean): Promise<string | null> {
      const claim = readUnsubscribe(token);
      if (!claim) return null;
      const settings = await findSettings(db, claim.orgId);
      if (!settings || !verifyUnsubscribe(settings.signingKey, claim, dayNumber(clock.now()))) return null;
      const contact = await findContactFacts(db, claim.orgId, claim.contactId);
      const org = await organisationFacts(db, claim.orgId);
      if (!contact || !org) return null;
      const lang: TLang = pickLang(contact.language, org.defaultLanguage);
      if (!confirm) return renderUnsubscribePage(lang, org.name, 'ask');
      await unsubscribe(claim.orgId, claim.contactId, claim.programmeId);
      return renderUnsubscribePage(lang, org.name, 'done');
    },
  };
}
