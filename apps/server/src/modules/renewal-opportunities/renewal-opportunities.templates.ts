import { type Actor, requirePermission } from '../../platform/access/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { recordAudit } from '../audit/index.ts';
import {
  deleteEmailTemplate,
  findEmailTemplates,
  organisationFacts,
  saveEmailTemplate,
} from './renewal-opportunities.customer.repository.ts';
import { renderCustomerEmail, SAMPLE_FACTS, templatesWith } from './renewal-opportunities.customer-emails.ts';
import {
  RENEWAL_EMAIL_PLACEHOLDERS,
  type TPreviewRenewalEmail,
  type TPutRenewalEmailTemplate,
  type TRenewalEmailTemplate,
} from './renewal-opportunities.schemas.ts';

type TKey = Pick<TRenewalEmailTemplate, 'kind' | 'language'>;

/** The customer e-mails' templates: an admin reads, rewords, resets and previews them (en, nl, da). */
export function createRenewalEmailTemplateService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const all = async (tx: Db, orgId: string) => templatesWith(await findEmailTemplates(tx, orgId));
  const one = async (tx: Db, orgId: string, k: TKey) =>
    (await all(tx, orgId)).find((t) => t.kind === k.kind && t.language === k.language) as TRenewalEmailTemplate;
  return {
    async listEmailTemplates(actor: Actor) {
      requirePermission(actor, 'renewal_settings:manage');
      return { items: await all(db, actor.orgId), placeholders: [...RENEWAL_EMAIL_PLACEHOLDERS] };
    },

    async putEmailTemplate(actor: Actor, k: TKey, input: TPutRenewalEmailTemplate) {
      requirePermission(actor, 'renewal_settings:manage');
      return db.transaction(async (tx) => {
        const before = await one(tx, actor.orgId, k);
        await saveEmailTemplate(tx, {
          orgId: actor.orgId,
          kind: k.kind,
          language: k.language,
          subject: input.subject,
          body: input.body,
          updatedAt: clock.now(),
        });
        const entityId = `${k.kind}:${k.language}`;
        await recordAudit(tx, clock, actor, {
          entityType: 'renewal_email_template',
          entityId,
          action: 'updated',
          before,
          after: { subject: input.subject, body: input.body },
        });
        return one(tx, actor.orgId, k);
      });
    },

    /** Back to the built-in text. */
    async resetEmailTemplate(actor: Actor, k: TKey) {
      requirePermission(actor, 'renewal_settings:manage');
      return db.transaction(async (tx) => {
        const before = await one(tx, actor.orgId, k);
        await deleteEmailTemplate(tx, actor.orgId, k.kind, k.language);
        const entityId = `${k.kind}:${k.language}`;
        await recordAudit(tx, clock, actor, { entityType: 'renewal_email_template', entityId, action: 'reset', before, after: null });
        return one(tx, actor.orgId, k);
      });
    },

    /** The text as a contact would read it, with sample facts (the organisation's own name). */
    async previewEmail(actor: Actor, input: TPreviewRenewalEmail) {
      requirePermission(actor, 'renewal_settings:manage');
      const org = await organisationFacts(db, actor.orgId);
      return renderCustomerEmail(input, input.language, { ...SAMPLE_FACTS, organisationName: org.name });
    },
  };
}
