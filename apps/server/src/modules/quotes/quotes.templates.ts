import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { quotesMessages as m } from './quotes.messages.ts';
import {
  clearDefault,
  countDefaultTemplates,
  findSettings,
  findTemplate,
  insertTemplatesIfMissing,
  listTemplateRows,
  organisationName,
  saveSettings,
  type TTemplateRow,
  updateTemplateRow,
} from './quotes.repository.ts';
import type { TQuoteSettings, TQuoteTemplate, TQuoteTemplateInput, TQuoteTemplateUpdate, TUpdateQuoteSettings } from './quotes.schemas.ts';
import { DEFAULT_TEMPLATES, type TLang } from './quotes.words.ts';

export const DEFAULT_QUOTE_SETTINGS: TQuoteSettings = { maxDiscountPercent: 10, approveBelowList: true, linkValidDays: 30 };

export const toTemplateDto = (r: TTemplateRow): TQuoteTemplate => ({
  id: r.id,
  name: r.name,
  language: r.language as TLang,
  isDefault: r.isDefault,
  companyName: r.companyName,
  accentColor: r.accentColor,
  logoDataUrl: r.logoDataUrl,
  introText: r.introText,
  termsText: r.termsText,
  footerText: r.footerText,
  updatedAt: r.updatedAt.toISOString(),
});

export type QuoteTemplateService = ReturnType<typeof createQuoteTemplateService>;

/** Quote templates (the en/nl/da defaults made the first time they are needed) and the organisation's approval rules. */
export function createQuoteTemplateService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** Every organisation starts with one default template per language, made the first time quotes are used. */
  async function ensureDefaults(tx: Db, orgId: string) {
    if ((await countDefaultTemplates(tx, orgId)) >= 3) return;
    const companyName = await organisationName(tx, orgId);
    const now = clock.now();
    await insertTemplatesIfMissing(
      tx,
      (Object.keys(DEFAULT_TEMPLATES) as TLang[]).map((language) => ({
        orgId,
        id: newId(),
        language,
        isDefault: true,
        companyName,
        accentColor: '#1c7ed6',
        logoDataUrl: null,
        ...DEFAULT_TEMPLATES[language],
        createdAt: now,
        updatedAt: now,
      })),
    );
  }

  async function settingsOf(tx: Db, orgId: string): Promise<TQuoteSettings> {
    const row = await findSettings(tx, orgId);
    return row
      ? { maxDiscountPercent: Number(row.maxDiscountPercent), approveBelowList: row.approveBelowList, linkValidDays: row.linkValidDays }
      : DEFAULT_QUOTE_SETTINGS;
  }

  return {
    ensureDefaults,
    settingsOf,

    async list(actor: Actor) {
      requirePermission(actor, 'quote:read');
      await db.transaction((tx) => ensureDefaults(tx, actor.orgId));
      return { items: (await listTemplateRows(db, actor.orgId)).map(toTemplateDto) };
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'quote:read');
      const row = await findTemplate(db, actor.orgId, id);
      if (!row) throw notFound('QuoteTemplate');
      return toTemplateDto(row);
    },

    async create(actor: Actor, input: TQuoteTemplateInput) {
      requirePermission(actor, 'quote_settings:manage');
      requirePermission(actor, 'quote:read');
      const id = newId();
      await db.transaction(async (tx) => {
        await ensureDefaults(tx, actor.orgId);
        const now = clock.now();
        if (input.isDefault) await clearDefault(tx, actor.orgId, input.language, id);
        await insertTemplatesIfMissing(tx, [
          {
            ...input,
            logoDataUrl: input.logoDataUrl ?? null,
            footerText: input.footerText ?? '',
            orgId: actor.orgId,
            id,
            createdAt: now,
            updatedAt: now,
          },
        ]);
        await recordAudit(tx, clock, actor, { entityType: 'quote_template', entityId: id, action: 'created', after: { name: input.name } });
      });
      return this.get(actor, id);
    },

    async update(actor: Actor, id: string, input: TQuoteTemplateUpdate) {
      requirePermission(actor, 'quote_settings:manage');
      requirePermission(actor, 'quote:read');
      await db.transaction(async (tx) => {
        const before = await findTemplate(tx, actor.orgId, id);
        if (!before) throw notFound('QuoteTemplate');
        if (before.isDefault && input.isDefault === false) throw invalid('isDefault', m.quote_default_template);
        const language = input.language ?? before.language;
        if (before.isDefault && language !== before.language) throw invalid('language', m.quote_default_template);
        if (input.isDefault) await clearDefault(tx, actor.orgId, language, id);
        const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
        await updateTemplateRow(tx, actor.orgId, id, { ...set, footerText: input.footerText ?? before.footerText, updatedAt: clock.now() });
        await recordAudit(tx, clock, actor, {
          entityType: 'quote_template',
          entityId: id,
          action: 'updated',
          before: { name: before.name, language: before.language },
          after: { ...set, logoDataUrl: input.logoDataUrl === undefined ? undefined : input.logoDataUrl ? 'set' : null },
        });
      });
      return this.get(actor, id);
    },

    async getSettings(actor: Actor) {
      requirePermission(actor, 'quote:read');
      return settingsOf(db, actor.orgId);
    },

    async updateSettings(actor: Actor, input: TUpdateQuoteSettings) {
      requirePermission(actor, 'quote_settings:manage');
      return db.transaction(async (tx) => {
        const before = await settingsOf(tx, actor.orgId);
        const after = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as TQuoteSettings;
        await saveSettings(tx, actor.orgId, after, clock.now());
        await recordAudit(tx, clock, actor, { entityType: 'quote_settings', entityId: actor.orgId, action: 'updated', before, after });
        return after;
      });
    },
  };
}
