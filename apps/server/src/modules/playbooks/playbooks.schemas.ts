import { z } from 'zod';
import { ROLES } from '../../platform/access/permissions.ts';
import { ZPageQuery, zInt, zIsoDate, zOptionalText, zPage, zText } from '../../platform/http/schemas.ts';

/**
 * The trigger catalogue. Event triggers fire when another module publishes (account created, milestone late, a churn
 * signal, a support request); daily ones are evaluated by the daily job over every account at once (renewal N days
 * out, low activity). `detractor` waits for surveys: nothing raises it until a survey module does.
 */
export const TRIGGERS = [
  'account_created',
  'milestone_late',
  'health_red',
  'usage_dropped',
  'detractor',
  'renewal_days_out',
  'low_activity',
  'downgrade_or_cancel',
  'champion_left',
  'support_requests_above',
] as const;
export type TTrigger = (typeof TRIGGERS)[number];
export const DAILY_TRIGGERS: readonly TTrigger[] = ['renewal_days_out', 'low_activity'];
/** Triggers whose parameter is a number of days, or a count of open requests. */
export const TRIGGER_PARAM: Partial<Record<TTrigger, 'days' | 'threshold'>> = {
  renewal_days_out: 'days',
  low_activity: 'days',
  support_requests_above: 'threshold',
};

export const ZTriggerParams = z.strictObject({ days: zInt(1, 730).optional(), threshold: zInt(0, 1000).optional() });

/** Fields a condition reads: the account's own, its ARR (reporting currency), health band, or a custom field (`custom:<key>`). */
export const CONDITION_FIELDS = ['segment', 'edition', 'market', 'lifecycleStage', 'owner', 'tag', 'arr', 'health'] as const;
export const zConditionField = z.union([z.enum(CONDITION_FIELDS), z.string().regex(/^custom:[a-z][a-z0-9_]{0,62}$/)]);
export const CONDITION_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'empty', 'not_empty'] as const;
export const ZCondition = z.strictObject({
  field: zConditionField,
  op: z.enum(CONDITION_OPS),
  value: z.union([z.string().max(200), z.number(), z.null()]).optional(),
});
export type TCondition = z.infer<typeof ZCondition>;

/** A text in the recipient's language: English always, Dutch and Danish when given. */
export const ZLocalText = (max: number) => z.strictObject({ en: zText(max), nl: zOptionalText(max), da: zOptionalText(max) });
export type TLocalText = { en: string; nl?: string | null; da?: string | null };

export const ASSIGNEES = ['owner', ...ROLES] as const;
export const SET_FIELDS = ['segment', 'edition', 'lifecycleStage', 'tag'] as const;
export const ZAction = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('task'),
    title: zText(200),
    notes: zOptionalText(2000),
    dueInDays: zInt(0, 365),
    assignee: z.enum(ASSIGNEES),
    priority: z.enum(['low', 'normal', 'high']).default('normal'),
  }),
  z.strictObject({
    type: z.literal('email'),
    to: z.enum(['owner', 'contacts', 'champions']),
    subject: ZLocalText(200),
    body: ZLocalText(5000),
  }),
  z.strictObject({ type: z.literal('journey'), templateId: z.uuid().nullable().default(null) }),
  z.strictObject({
    type: z.literal('set_field'),
    field: z.union([z.enum(SET_FIELDS), z.string().regex(/^custom:[a-z][a-z0-9_]{0,62}$/)]),
    value: z.string().max(200),
  }),
  z.strictObject({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);
export type TAction = z.infer<typeof ZAction>;

export const ZPlaybook = z.object({
  id: z.uuid(),
  preset: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  trigger: z.enum(TRIGGERS),
  triggerParams: ZTriggerParams,
  conditions: z.array(ZCondition),
  actions: z.array(ZAction),
  /** Shown to those who may change playbooks: the key their webhook receiver checks the signature with. */
  webhookSecret: z.string().optional().describe('The webhook signing secret: only on one playbook, to those who may change it'),
  runs: z.int().describe('How many times it fired'),
  lastFiredAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlaybook = z.infer<typeof ZPlaybook>;

/** The fields of a playbook as a request gives them (strict, like every request body: unknown fields are a 400 naming the field). */
const playbookFields = {
  name: zText(200),
  description: zOptionalText(2000),
  enabled: z.boolean(),
  trigger: z.enum(TRIGGERS),
  triggerParams: ZTriggerParams,
  conditions: z.array(ZCondition).max(20),
  actions: z.array(ZAction).min(1).max(10),
};
export const ZCreatePlaybookRequest = z.strictObject({
  ...playbookFields,
  enabled: playbookFields.enabled.default(true),
  triggerParams: playbookFields.triggerParams.default({}),
  conditions: playbookFields.conditions.default([]),
});
export type TCreatePlaybook = z.input<typeof ZCreatePlaybookRequest>;
export type TCreatePlaybookParsed = z.output<typeof ZCreatePlaybookRequest>;
/** A change: only the fields given change (no defaults, so a missing field keeps its value). */
export const ZUpdatePlaybookRequest = z.strictObject(playbookFields).partial();
export type TUpdatePlaybook = z.output<typeof ZUpdatePlaybookRequest>;

/** The list: search words, trigger, enabled, sort and order, paging; the CSV export takes the same without paging. */
export const PLAYBOOK_SORTS = ['name', 'trigger', 'runs', 'lastFiredAt', 'createdAt'] as const;
export const ZPlaybooksQuery = ZPageQuery.extend({
  q: z.string().max(200).optional(),
  trigger: z.enum(TRIGGERS).optional(),
  enabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(PLAYBOOK_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TPlaybooksQuery = z.infer<typeof ZPlaybooksQuery>;
export const ZPlaybooksExportQuery = ZPlaybooksQuery.omit({ page: true, pageSize: true });
export type TPlaybooksExportQuery = z.infer<typeof ZPlaybooksExportQuery>;
export const ZPlaybooksPage = zPage(ZPlaybook);

/** The run log of a playbook, newest first. */
export const ZPlaybookRun = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  accountName: z.string(),
  causeKey: z.string(),
  trigger: z.enum(TRIGGERS),
  outcome: z.record(z.string(), z.number()),
  webhookStatus: z.string().nullable(),
  firedAt: z.string(),
});
export type TPlaybookRun = z.infer<typeof ZPlaybookRun>;
/** The run log's list: the account's name, the webhook's delivery, the days it fired in, sort and order, paging; the CSV the same without paging. */
export const PLAYBOOK_RUN_SORTS = ['firedAt', 'account'] as const;
export const WEBHOOK_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const ZPlaybookRunsQuery = ZPageQuery.extend({
  q: z.string().max(200).optional().describe("Words in the account's name"),
  webhookStatus: z.enum(WEBHOOK_STATUSES).optional(),
  firedFrom: zIsoDate.optional().describe('Fired on or after this day (UTC)'),
  firedTo: zIsoDate.optional().describe('Fired on or before this day (UTC)'),
  sort: z.enum(PLAYBOOK_RUN_SORTS).default('firedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TPlaybookRunsQuery = z.infer<typeof ZPlaybookRunsQuery>;
export const ZPlaybookRunsExportQuery = ZPlaybookRunsQuery.omit({ page: true, pageSize: true });
export type TPlaybookRunsExportQuery = z.infer<typeof ZPlaybookRunsExportQuery>;
export const ZPlaybookRunsPage = zPage(ZPlaybookRun);

/** A dry run: the accounts that would match now (daily triggers: those due today; event triggers: the conditions alone). */
export const ZDryRunRequest = ZCreatePlaybookRequest.pick({ trigger: true, triggerParams: true, conditions: true });
export type TDryRunRequest = z.output<typeof ZDryRunRequest>;
export const ZDryRunResult = z.object({
  total: z.int(),
  accounts: z.array(z.object({ id: z.uuid(), name: z.string(), ownerName: z.string().nullable() })),
});
export type TDryRunResult = z.infer<typeof ZDryRunResult>;

/** One signal: a trigger fired for an account, for a cause (its key makes it run once). */
export interface TSignal {
  accountId: string;
  causeKey: string;
  /** For support_requests_above: the account's open requests with this one. */
  count?: number;
}
