import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../platform/errors.ts';
import { inBatches } from '../../platform/http/csv.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { asJourneyLang, defaultJourney } from './journeys.default.ts';
import { journeysMessages as m } from './journeys.messages.ts';
import type { TStoredMilestone } from './journeys.plan.ts';
import {
  countTemplates,
  findDefaultTemplate,
  findTemplate,
  findTemplatesPage,
  findTemplateVersion,
  insertTemplate,
  insertTemplateVersion,
  lockTemplate,
  organisationLanguage,
  type TTemplateRow,
  templateNameTaken,
  templatesWithTrigger,
  updateTemplateRow,
} from './journeys.templates.repository.ts';
import type {
  TJourneyTemplate,
  TJourneyTemplateExportQuery,
  TJourneyTemplateListQuery,
  TJourneyTemplateSummary,
  TJourneyTrigger,
  TMilestoneDefinition,
  TSaveJourneyTemplate,
} from './journeys.templates.schemas.ts';

const slug = (name: string) =>
  `m_${name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')}`.slice(0, 40);

/** The milestones as stored: keys made and checked, durations within their weeks, in order of their due week. */
export function normaliseMilestones(input: TMilestoneDefinition[]): TStoredMilestone[] {
  const seen = new Set<string>();
  const out = input.map((d, i) => {
    const key = d.key ?? slug(d.name);
    if (seen.has(key)) throw invalid(`milestones.${i}.key`, m.journey_milestone_key_twice, { key });
    seen.add(key);
    const durationWeeks = d.durationWeeks ?? 1;
    if (durationWeeks > d.week) throw invalid(`milestones.${i}.durationWeeks`, m.journey_duration_too_long, { week: d.week });
    return {
      key,
      name: d.name,
      week: d.week,
      durationWeeks,
      checklist: d.checklist,
      successCriteria: d.successCriteria ?? null,
      responsibleRole: d.responsibleRole ?? null,
      effort: d.effort,
    };
  });
  return out
    .map((x, i) => ({ x, i }))
    .sort((a, b) => a.x.week - b.x.week || a.i - b.i)
    .map(({ x }) => x);
}

type TEffort = TJourneyTemplate['milestones'][number]['effort'];

const toSummary = (r: Awaited<ReturnType<typeof findTemplatesPage>>[number]): TJourneyTemplateSummary => ({
  id: r.template.id,
  name: r.template.name,
  description: r.template.description,
  isDefault: r.template.isDefault,
  triggers: r.template.triggers as TJourneyTrigger[],
  version: r.template.currentVersion,
  currentVersion: r.template.currentVersion,
  activeJourneys: Number(r.activeJourneys),
  milestoneCount: Number(r.milestoneCount),
  weeks: Number(r.weeks),
  updatedAt: r.template.updatedAt.toISOString(),
  archivedAt: r.template.archivedAt?.toISOString() ?? null,
});

export type JourneyTemplateService = ReturnType<typeof createJourneyTemplateService>;

/** Journey templates: the default one made when first needed, versions published on every edit. */
export function createJourneyTemplateService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /**
   * The organisation's default journey ("Customer365"), made from the documents' year the first time it is needed, in
   * the organisation's default language (en, nl or da; it is an ordinary template afterwards, edited in any language).
   */
  async function ensureDefault(tx: Db, orgId: string): Promise<TTemplateRow> {
    const found = await findDefaultTemplate(tx, orgId);
    if (found) return found;
    const now = clock.now();
    const DEFAULT_JOURNEY = defaultJourney(asJourneyLang(await organisationLanguage(tx, orgId)));
    const id = newId();
    const made = await insertTemplate(tx, {
      orgId,
      id,
      name: DEFAULT_JOURNEY.name,
      description: DEFAULT_JOURNEY.description,
      isDefault: true,
      triggers: DEFAULT_JOURNEY.triggers,
      currentVersion: 1,
      createdAt: now,
      updatedAt: now,
    });
    if (made)
      await insertTemplateVersion(tx, { orgId, templateId: id, version: 1, milestones: DEFAULT_JOURNEY.milestones, createdAt: now });
    const row = await findDefaultTemplate(tx, orgId);
    if (!row) throw new Error('the default journey template could not be made');
    return row;
  }

  async function toDto(tx: Db, orgId: string, id: string, version?: number): Promise<TJourneyTemplate> {
    const found = await findTemplate(tx, orgId, id);
    if (!found) throw notFound('Journey template');
    const v = await findTemplateVersion(tx, orgId, id, version ?? found.template.currentVersion);
    if (!v) throw notFound('Journey template version');
    const t = found.template;
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      isDefault: t.isDefault,
      triggers: t.triggers as TJourneyTrigger[],
      version: v.version.version,
      currentVersion: t.currentVersion,
      milestones: v.version.milestones.map((x) => ({ ...x, effort: x.effort as TEffort })),
      activeJourneys: Number(found.activeJourneys),
      versionCreatedAt: v.version.createdAt.toISOString(),
      versionCreatedByName: v.createdByName,
      updatedAt: t.updatedAt.toISOString(),
      archivedAt: t.archivedAt?.toISOString() ?? null,
    };
  }

  async function checkName(tx: Db, orgId: string, name: string, exceptId: string | null) {
    if (await templateNameTaken(tx, orgId, name, exceptId)) throw conflict('name', m.journey_template_name_taken);
  }

  return {
    ensureDefault,

    /** The templates in use (or the archived ones): words, trigger, sort, paging; the default one is made first. */
    async list(actor: Actor, q: TJourneyTemplateListQuery) {
      requirePermission(actor, 'journey:read');
      await db.transaction((tx) => ensureDefault(tx, actor.orgId));
      const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
      const [rows, total] = await Promise.all([findTemplatesPage(db, actor.orgId, q, page), countTemplates(db, actor.orgId, q)]);
      return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
    },

    /** Every template of the list with the same filters and order, a batch at a time, for the CSV export. */
    async *exportRows(actor: Actor, q: TJourneyTemplateExportQuery) {
      requirePermission(actor, 'journey:read');
      requirePermission(actor, 'export:run');
      await db.transaction((tx) => ensureDefault(tx, actor.orgId));
      yield* inBatches(async (limit, offset) => (await findTemplatesPage(db, actor.orgId, q, { limit, offset })).map(toSummary));
    },

    async get(actor: Actor, id: string, version?: number) {
      requirePermission(actor, 'journey:read');
      return toDto(db, actor.orgId, id, version);
    },

    async create(actor: Actor, input: TSaveJourneyTemplate) {
      requirePermission(actor, 'journey_template:manage');
      const milestones = normaliseMilestones(input.milestones);
      const id = newId();
      await db.transaction(async (tx) => {
        await checkName(tx, actor.orgId, input.name, null);
        const now = clock.now();
        const base = { name: input.name, description: input.description ?? null, triggers: input.triggers };
        await insertTemplate(tx, { orgId: actor.orgId, id, ...base, currentVersion: 1, createdAt: now, updatedAt: now });
        await insertTemplateVersion(tx, {
          orgId: actor.orgId,
          templateId: id,
          version: 1,
          milestones,
          createdByUserId: actor.userId,
          createdAt: now,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'journey_template',
          entityId: id,
          action: 'created',
          after: { ...base, milestones },
        });
      });
      return toDto(db, actor.orgId, id);
    },

    /** Publishes a new version; the journeys running keep the version they started with. */
    async update(actor: Actor, id: string, input: TSaveJourneyTemplate) {
      requirePermission(actor, 'journey_template:manage');
      const milestones = normaliseMilestones(input.milestones);
      await db.transaction(async (tx) => {
        const before = await lockTemplate(tx, actor.orgId, id);
        if (!before) throw notFound('Journey template');
        await checkName(tx, actor.orgId, input.name, id);
        const now = clock.now();
        const version = before.currentVersion + 1;
        await insertTemplateVersion(tx, {
          orgId: actor.orgId,
          templateId: id,
          version,
          milestones,
          createdByUserId: actor.userId,
          createdAt: now,
        });
        const set = { name: input.name, description: input.description ?? null, triggers: input.triggers, currentVersion: version };
        await updateTemplateRow(tx, actor.orgId, id, { ...set, updatedAt: now });
        await recordAudit(tx, clock, actor, {
          entityType: 'journey_template',
          entityId: id,
          action: 'published',
          after: { ...set, milestones },
        });
      });
      return toDto(db, actor.orgId, id);
    },

    /**
     * Archives a template (`archived: true`) or takes it back in use: an archived one starts no new journey, by hand,
     * by a playbook or by its triggers; the journeys running it keep going. The default one stays in use.
     */
    async setArchived(actor: Actor, id: string, archived: boolean) {
      requirePermission(actor, 'journey_template:manage');
      await db.transaction(async (tx) => {
        const before = await lockTemplate(tx, actor.orgId, id);
        if (!before) throw notFound('Journey template');
        if (archived && before.isDefault) throw invalid('isDefault', m.journey_template_default_archived);
        if (Boolean(before.archivedAt) === archived) return;
        const now = clock.now();
        await updateTemplateRow(tx, actor.orgId, id, { archivedAt: archived ? now : null, updatedAt: now });
        await recordAudit(tx, clock, actor, {
          entityType: 'journey_template',
          entityId: id,
          action: archived ? 'archived' : 'restored',
          before: { archivedAt: before.archivedAt?.toISOString() ?? null },
          after: { archivedAt: archived ? now.toISOString() : null },
        });
      });
      return toDto(db, actor.orgId, id);
    },

    /** Whether a template can start journeys now: it exists and is not archived. */
    async startable(tx: Db, orgId: string, templateId: string): Promise<boolean> {
      const found = await findTemplate(tx, orgId, templateId);
      return Boolean(found && !found.template.archivedAt);
    },

    /** The template to start (the default when none is named) and its current version's milestones, or 400 naming templateId. */
    async forStart(tx: Db, orgId: string, templateId: string | null) {
      const template = templateId ? (await findTemplate(tx, orgId, templateId))?.template : await ensureDefault(tx, orgId);
      if (!template || template.archivedAt) throw invalid('templateId', m.journey_unknown_template);
      const v = await findTemplateVersion(tx, orgId, template.id, template.currentVersion);
      if (!v) throw invalid('templateId', m.journey_unknown_template);
      return { template, version: template.currentVersion, milestones: v.version.milestones };
    },

    /** The templates a cause starts by itself (the default one is made first, so a new organisation has it). */
    async withTrigger(tx: Db, orgId: string, trigger: TJourneyTrigger) {
      await ensureDefault(tx, orgId);
      return templatesWithTrigger(tx, orgId, trigger);
    },
  };
}
