import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import type { ContactService } from '../contacts/index.ts';
import { DEFAULT_PROGRAMME, fillPlaceholders, pickLang, renderNurtureEmail } from './nurture.emails.ts';
import { nurtureMessages as m } from './nurture.messages.ts';
import { findProgressPage } from './nurture.progress.repository.ts';
import {
  contactEnrolments,
  enrolAudience,
  ensureSettings,
  findContactFacts,
  findOptOut,
  findProgramme,
  insertProgramme,
  listProgrammeRows,
  marketNames,
  nameTaken,
  organisationFacts,
  programmeFigures,
  saveSettings,
  type TNurtureAudience,
  type TNurtureStep,
  type TProgrammeRow,
  updateProgramme,
} from './nurture.repository.ts';
import {
  NURTURE_PLACEHOLDERS,
  type TNurtureContactsExportQuery,
  type TNurtureContactsQuery,
  type TNurtureProgramme,
  type TNurtureProgrammeInput,
  type TNurtureSettings,
  type TUpdateNurtureProgramme,
} from './nurture.schemas.ts';
import { newSigningKey } from './nurture.token.ts';

/** Which status may follow which: a draft starts, a running programme pauses or ends, a paused one resumes or ends. */
const MOVES: Record<string, string[]> = {
  draft: ['running', 'ended'],
  running: ['paused', 'ended'],
  paused: ['running', 'ended'],
  ended: [],
};
const EMPTY_AUDIENCE: TNurtureAudience = { segment: null, edition: null, marketId: null, lifecycleStage: null, contactRole: null };

function checkPlaceholders(steps: TNurtureProgrammeInput['steps']) {
  steps.forEach((s, i) => {
    for (const part of ['subject', 'body'] as const)
      for (const lang of ['en', 'nl', 'da'] as const)
        for (const [, name] of s[part][lang].matchAll(/\{([^{}\s]{1,40})\}/g))
          if (!(NURTURE_PLACEHOLDERS as readonly string[]).includes(name ?? ''))
            throw invalid(`steps.${i}.${part}.${lang}`, m.nurture_step_unknown_placeholder, {
              name: `{${name}}`,
              known: NURTURE_PLACEHOLDERS.map((p) => `{${p}}`).join(', '),
            });
  });
}

/** Steps as stored: ids kept for steps that had one (their sends stay theirs), in order of their week. */
function normaliseSteps(input: TNurtureProgrammeInput['steps'], before: TNurtureStep[]): TNurtureStep[] {
  const known = new Set(before.map((s) => s.id));
  return input
    .map((s) => ({ id: s.id && known.has(s.id) ? s.id : newId(), weekOffset: s.weekOffset, subject: s.subject, body: s.body }))
    .sort((a, b) => a.weekOffset - b.weekOffset);
}

export type NurtureService = ReturnType<typeof createNurtureService>;

export function createNurtureService(deps: { db: Db; clock: Clock; contacts: ContactService }) {
  const { db, clock } = deps;

  /** The organisation's settings and its "Onboarding tips" draft, made the first time either is needed. */
  async function ensureDefaults(tx: Db, orgId: string) {
    const now = clock.now();
    const settings = await ensureSettings(tx, orgId, newSigningKey(), now);
    await insertProgramme(tx, {
      orgId,
      id: newId(),
      name: DEFAULT_PROGRAMME.name,
      status: 'draft',
      audience: { ...EMPTY_AUDIENCE, lifecycleStage: 'onboarding' },
      steps: DEFAULT_PROGRAMME.steps.map((s) => ({ id: newId(), ...s })),
      isDefault: true,
      createdAt: now,
      updatedAt: now,
    });
    return settings;
  }

  async function toDtos(orgId: string, rows: TProgrammeRow[]): Promise<TNurtureProgramme[]> {
    const [figures, markets] = await Promise.all([programmeFigures(db, orgId), marketNames(db, orgId)]);
    return rows.map((r) => {
      const f = figures.get(r.id) ?? { enrolled: 0, sent: 0, unsubscribed: 0, failed: 0, byStep: [] };
      return {
        id: r.id,
        name: r.name,
        status: r.status as TNurtureProgramme['status'],
        audience: { ...EMPTY_AUDIENCE, ...r.audience, marketName: r.audience.marketId ? (markets.get(r.audience.marketId) ?? null) : null },
        steps: r.steps,
        isDefault: r.isDefault,
        startedAt: r.startedAt?.toISOString() ?? null,
        figures: { enrolled: f.enrolled, sent: f.sent, unsubscribed: f.unsubscribed, failed: f.failed },
        sentByStep: r.steps.map((s) => ({ stepId: s.id, sent: f.byStep.find((b) => b.stepId === s.id)?.sent ?? 0 })),
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      };
    });
  }

  async function one(orgId: string, id: string) {
    const row = await findProgramme(db, orgId, id);
    if (!row) throw notFound('Nurture programme');
    const [dto] = await toDtos(orgId, [row]);
    if (!dto) throw notFound('Nurture programme');
    return dto;
  }

  async function checkAudience(orgId: string, a: TNurtureAudience) {
    if (a.marketId && !(await marketNames(db, orgId)).has(a.marketId)) throw invalid('audience.marketId', m.nurture_unknown_market);
  }

  async function progressPage(actor: Actor, id: string, q: TNurtureContactsExportQuery, limit: number, offset: number) {
    if (!(await findProgramme(db, actor.orgId, id))) throw notFound('Nurture programme');
    return findProgressPage(db, actor.orgId, id, q, { limit, offset });
  }
  const progressDto = (r: Awaited<ReturnType<typeof findProgressPage>>['rows'][number], orgLang: string) => ({
    ...r,
    name: `${r.firstName} ${r.lastName}`.trim(),
    language: pickLang(r.language, orgLang),
  });

  return {
    ensureDefaults,

    async list(actor: Actor) {
      requirePermission(actor, 'nurture:read');
      await db.transaction((tx) => ensureDefaults(tx, actor.orgId));
      return { items: await toDtos(actor.orgId, await listProgrammeRows(db, actor.orgId)) };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'nurture:read');
      return one(actor.orgId, id);
    },

    async create(actor: Actor, input: TNurtureProgrammeInput) {
      requirePermission(actor, 'nurture:write');
      checkPlaceholders(input.steps);
      await checkAudience(actor.orgId, input.audience);
      const id = newId();
      await db.transaction(async (tx) => {
        await ensureDefaults(tx, actor.orgId);
        if (await nameTaken(tx, actor.orgId, input.name, null)) throw conflict('name', m.nurture_name_taken);
        const now = clock.now();
        const steps = normaliseSteps(input.steps, []);
        await insertProgramme(tx, {
          orgId: actor.orgId,
          id,
          name: input.name,
          audience: input.audience,
          steps,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'nurture_programme',
          entityId: id,
          action: 'created',
          after: { ...input, steps },
        });
      });
      return one(actor.orgId, id);
    },

    /** Edit a programme, or move its status: starting (or resuming) enrols its audience at once. */
    async update(actor: Actor, id: string, input: TUpdateNurtureProgramme) {
      requirePermission(actor, 'nurture:write');
      if (input.steps) checkPlaceholders(input.steps);
      if (input.audience) await checkAudience(actor.orgId, input.audience);
      await db.transaction(async (tx) => {
        const before = await findProgramme(tx, actor.orgId, id);
        if (!before) throw notFound('Nurture programme');
        if (before.status === 'ended') throw conflict('status', m.nurture_programme_ended);
        if (input.name && (await nameTaken(tx, actor.orgId, input.name, id))) throw conflict('name', m.nurture_name_taken);
        const status = input.status ?? before.status;
        if (status !== before.status && !MOVES[before.status]?.includes(status))
          throw conflict('status', m.nurture_status_move, { from: before.status, to: status });
        const now = clock.now();
        const after = await updateProgramme(tx, actor.orgId, id, {
          name: input.name ?? before.name,
          audience: input.audience ?? before.audience,
          steps: input.steps ? normaliseSteps(input.steps, before.steps) : before.steps,
          status,
          startedAt: status === 'running' && !before.startedAt ? now : before.startedAt,
          updatedAt: now,
        });
        if (after?.status === 'running') await enrolAudience(tx, actor.orgId, after, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'nurture_programme',
          entityId: id,
          action: status !== before.status ? `status_${status}` : 'updated',
          before: { name: before.name, status: before.status, audience: before.audience, steps: before.steps },
          after: { name: after?.name, status: after?.status, audience: after?.audience, steps: after?.steps },
        });
      });
      return one(actor.orgId, id);
    },

    async getSettings(actor: Actor): Promise<TNurtureSettings> {
      requirePermission(actor, 'nurture:read');
      const s = await db.transaction((tx) => ensureDefaults(tx, actor.orgId));
      return { maxPerWindow: s.maxPerWindow, window: s.window as TNurtureSettings['window'] };
    },

    async updateSettings(actor: Actor, input: TNurtureSettings): Promise<TNurtureSettings> {
      requirePermission(actor, 'nurture:write');
      await db.transaction(async (tx) => {
        const before = await ensureDefaults(tx, actor.orgId);
        await saveSettings(tx, actor.orgId, input, clock.now());
        await recordAudit(tx, clock, actor, {
          entityType: 'nurture_settings',
          entityId: actor.orgId,
          action: 'updated',
          before: { maxPerWindow: before.maxPerWindow, window: before.window },
          after: input,
        });
      });
      return input;
    },

    /** A step as a contact would receive it (a sample contact when none is named), with the unsubscribe footer. */
    async preview(actor: Actor, input: { language: 'en' | 'nl' | 'da'; subject: string; body: string; contactId?: string }) {
      requirePermission(actor, 'nurture:read');
      const org = await organisationFacts(db, actor.orgId);
      const contact = input.contactId ? await findContactFacts(db, actor.orgId, input.contactId) : null;
      if (input.contactId && !contact) throw invalid('contactId', m.nurture_unknown_contact);
      const facts = {
        firstName: contact?.firstName ?? 'Anna',
        lastName: contact?.lastName ?? 'Jansen',
        accountName: contact?.accountName ?? 'Example Ltd',
        organisationName: org?.name ?? '',
      };
      const l = input.language;
      const mail = renderNurtureEmail(
        { subject: { en: input.subject, nl: input.subject, da: input.subject }, body: { en: input.body, nl: input.body, da: input.body } },
        l,
        facts,
        '…/unsubscribe/…',
      );
      return { subject: fillPlaceholders(input.subject, facts), text: mail.text };
    },

    async contacts(actor: Actor, id: string, q: TNurtureContactsQuery) {
      requirePermission(actor, 'nurture:read');
      const org = await organisationFacts(db, actor.orgId);
      const { total, rows } = await progressPage(actor, id, q, q.pageSize, (q.page - 1) * q.pageSize);
      return { items: rows.map((r) => progressDto(r, org?.defaultLanguage ?? 'en')), total, page: q.page, pageSize: q.pageSize };
    },

    async *exportContacts(actor: Actor, id: string, q: TNurtureContactsExportQuery) {
      requirePermission(actor, 'nurture:read');
      requirePermission(actor, 'export:run');
      const org = await organisationFacts(db, actor.orgId);
      yield* inBatches(async (limit, offset) =>
        (await progressPage(actor, id, q, limit, offset)).rows.map((r) => progressDto(r, org?.defaultLanguage ?? 'en')),
      );
    },

    /** A contact's standing: unsubscribed or not, and the programmes they are in. */
    async ofContact(actor: Actor, contactId: string) {
      requirePermission(actor, 'nurture:read');
      // The contacts module answers 404 for a contact this person may not see (another organisation's, an account not theirs).
      await deps.contacts.get(actor, contactId);
      const [optOut, programmes] = await Promise.all([
        findOptOut(db, actor.orgId, contactId),
        contactEnrolments(db, actor.orgId, contactId),
      ]);
      return { unsubscribedAt: optOut?.unsubscribedAt.toISOString() ?? null, programmes };
    },
  };
}
