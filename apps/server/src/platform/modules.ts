import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { TConfig } from '../config/config.ts';
import type { Actor } from './access/access.ts';
import type { TFixtureMaker, TRouteSpec } from './access/route-spec.ts';
import type { Clock } from './clock.ts';
import type { Database, Db } from './db/database.ts';
import type { EventBus, TEventProjection, TEventSubscriber } from './events.ts';
import type { JobDefinition } from './jobs/queue.ts';
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
}

/** What a module's demo contribution gets: the assembled modules on the demo's clock, and the demo team. */
export interface TDemoContext extends ModuleContext {
  orgId: string;
  /** The demo organisation's people, as actors: admin, VP customer success, CSM, customer success engineer. */
  actors: Record<'admin' | 'vp' | 'csm' | 'cse', Actor>;
  /** The active accounts, by name. */
  accountIds: string[];
  /** Sets the demo clock to `days` before now at `hour` (UTC): the month is replayed in order. */
  at(days: number, hour: number): void;
}

/**
 * What a module adds to the demo organisation, so a newcomer sees the feature in use: run through the module's
 * own services at the end of the demo's month (db/seed/demo-activity.ts), in list order.
 */
export interface TDemoContribution {
  activity(demo: TDemoContext): Promise<void>;
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
  /** Its routes as the access-matrix and bad-input suites must test them (`<module>.access.ts`). */
  accessMatrix?: Record<string, TRouteSpec>;
  /** The fixtures its routes' `:id` names, made in each test organisation after the built-in ones. */
  accessFixtures?: Record<string, (make: TFixtureMaker) => Promise<string>>;
  /** Routes anyone may call without signing in, as "METHOD /url". */
  publicRoutes?: string[];
  demo?: TDemoContribution;
}

export const defineModule = <TServices extends Partial<ServiceRegistry>>(def: ModuleDefinition<TServices>): ModuleDefinition<TServices> =>
  def;
