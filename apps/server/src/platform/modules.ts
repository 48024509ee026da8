import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TConfig } from '../config/config.ts';
import type { Actor } from './access/access.ts';
import type { TFixtureMaker, TRouteSpec } from './access/route-spec.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/database.ts';
import type { EventBus, TEventProjection, TEventSubscriber } from './events.ts';
import type { JobDefinition } from './jobs/queue.ts';
import type { TMailAttachmentRenderers } from './mail/attachments.ts';
import type { Mailer } from './mail/outbox.ts';
import type { TMessage } from './messages.ts';

/**
 * The services of every module, by module name. A module adds its own next to its definition:
 * `declare module '../../platform/modules.ts' { interface ServiceRegistry { accounts: AccountService } }`,
 * so a later module's `services(ctx)` finds `ctx.services.accounts` typed.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging
export interface ServiceRegistry {}

/** What the composition root hands each module. */
export interface ModuleContext {
  config: TConfig;
  database: Database;
  db: Db;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  /** Publishes domain events in a transaction (platform/events.ts). */
  events: EventBus;
  /** The services of the modules before this one in the list (modules/index.ts). */
  services: ServiceRegistry;
  /** Every module's e-mail attachment renderers by kind (filled once all services are built; mail/attachments.ts). */
  mailAttachments: TMailAttachmentRenderers;
  /** Every module's `secretLinkPaths`: where admins read the outbox, these links' credentials are masked. */
  secretLinkPaths: readonly string[];
}

/**
 * The demo's random numbers: one seeded sequence (platform/demo-random.ts), so the demo is the same on every
 * machine. The base steps draw from it in list order, a customer's contacts and interactions right after it.
 */
export interface TDemoRandom {
  next(): number;
  pick<T>(xs: readonly T[]): T;
  int(lo: number, hi: number): number;
}

/**
 * What a module's base step gets: the demo organisation and its team (made by db/seed/demo.ts), inside the one
 * transaction every base step writes in. Base rows are written through the module's own repository with
 * their own dates (an account made two years ago says so), not through services: those would date and audit
 * them today, and on PGlite a service call inside this transaction would wait for it forever.
 */
export interface TDemoBase {
  orgId: string;
  /** The transaction of the base steps. */
  db: Db;
  /** The demo's today; base rows are dated back from it. */
  now: Date;
  random: TDemoRandom;
  /** The demo team by e-mail address. */
  people: ReadonlyMap<string, Actor>;
}

/** One of the demo's customers, as the accounts module made it: what the modules after it add to. */
export interface TDemoCustomer {
  id: string;
  name: string;
  domain: string;
  marketCode: string;
  /** The language its people speak (the market's). */
  language: string;
  createdAt: Date;
  /** Filled by the contacts module's `customer` step, for the timeline's interactions with them. */
  contactIds: string[];
}

/** What a module's month and activity steps get: the assembled modules on the demo's clock, and the demo team. */
export interface TDemoContext extends ModuleContext {
  orgId: string;
  /** The demo organisation's people, as actors: admin, VP customer success, CSM, customer success engineer. */
  actors: Record<'admin' | 'vp' | 'csm' | 'cse', Actor>;
  /** The whole demo team by e-mail address. */
  people: ReadonlyMap<string, Actor>;
  /** The active accounts, by name (in `activity`: those still active after the month). */
  accountIds: string[];
  /** Sets the demo clock to `days` before now at `hour` (UTC). */
  at(days: number, hour: number): void;
  /** Moves the demo clock on (a person takes a minute between two clicks). */
  advance(ms: number): void;
}

/** A network listener besides the HTTP server (the support module's inbound SMTP receiver). */
export interface TListener {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** One dated piece of the demo's month: run with the clock at `days` before now, `hour` (UTC). */
export interface TDemoStep {
  days: number;
  hour: number;
  run(): Promise<void>;
}

/**
 * What a module adds to the demo organisation (its definition's `demo`, in `<module>.demo.ts`), so a newcomer
 * sees the feature in use. db/seed/demo.ts runs the parts in this order, each over the module list in order:
 * 1. `base`: the module's records as they stood before the demo's month (markets, custom fields), in the base
 *    transaction; then `customers` (the accounts module) makes the customers one at a time, and after each one
 *    every module's `customer` adds its part (contacts, interactions), all drawing from `demo.random`;
 * 2. `month`: the module's dated work in the demo's month (an update, an import, an invitation), planned on the
 *    organisation as it stood before the month; the steps of all modules then run in date order, through the
 *    services, so an audit log, a history and an import tell one story;
 * 3. `activity`: what it adds after the month, through its services (a catalogue, three years of subscriptions).
 * A module implements only the parts it needs; most need only `activity`.
 */
export interface TDemoContribution {
  base?(demo: TDemoBase): Promise<void>;
  customers?(demo: TDemoBase): AsyncIterable<TDemoCustomer>;
  customer?(demo: TDemoBase, customer: TDemoCustomer): Promise<void>;
  month?(demo: TDemoContext): Promise<TDemoStep[]>;
  activity?(demo: TDemoContext): Promise<void>;
}

/**
 * One module, as the composition root assembles it: everything a module adds to the product is listed here,
 * so adding a module is one entry in modules/index.ts (and one in the web's feature list).
 */
export interface ModuleDefinition<TServices extends Partial<ServiceRegistry> = Partial<ServiceRegistry>> {
  /** The folder's name. */
  name: string;
  /** The module's Drizzle tables (drizzle-kit finds every `*.table.ts` by itself; listed here for the tenancy checks). */
  tables: Record<string, unknown>;
  /** Its permissions and the roles that hold them (`definePermissions` in `<module>.permissions.ts`). */
  permissions: Record<string, readonly string[]>;
  /** Its message catalogue (`defineMessages` in `<module>.messages.ts`). */
  messages?: Record<string, TMessage>;
  /** Builds its services; their names join ServiceRegistry. */
  services?(ctx: ModuleContext): TServices;
  /** Registers its HTTP routes (schemas and one-line handlers calling the services). */
  routes?(app: FastifyInstance, ctx: ModuleContext): void;
  /** Its background jobs (zod payload, optional cron). */
  jobs?(ctx: ModuleContext): JobDefinition[];
  /** Its handlers of other modules' domain events (delivered through the job queue). */
  subscribers?(ctx: ModuleContext): TEventSubscriber[];
  /** Its read models kept in step with other modules' events inside their transaction (platform/events.ts). */
  projections?(ctx: ModuleContext): TEventProjection[];
  /** The files its e-mails carry by reference, rendered at delivery, by kind (mail/attachments.ts). */
  mailAttachments?(ctx: ModuleContext): TMailAttachmentRenderers;
  /**
   * The paths of the links its e-mails carry whose next segment is a credential of the recipient (`/q/` for a
   * quote's customer link): the outbox shows them masked to admins; the delivered e-mail keeps them.
   */
  secretLinkPaths?: string[];
  /** Its listeners besides HTTP: started with the server (not in a worker-only process), stopped on shutdown. */
  listeners?(ctx: ModuleContext): TListener[];
  /** Its routes as the access-matrix and bad-input suites must test them (`<module>.access.ts`). */
  accessMatrix?: Record<string, TRouteSpec>;
  /** The fixtures its routes' `:id` names, made in each test organisation after the built-in ones. */
  accessFixtures?: Record<string, (make: TFixtureMaker) => Promise<string>>;
  /** Routes anyone may call without signing in, as "METHOD /url". */
  publicRoutes?: string[];
  /** Its part of the demo organisation (`<module>.demo.ts`; TDemoContribution above). */
  demo?: TDemoContribution;
}

export const defineModule = <TServices extends Partial<ServiceRegistry>>(def: ModuleDefinition<TServices>): ModuleDefinition<TServices> =>
  def;
