import { z } from 'zod';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';
import { newId } from './ids.ts';
import { defineJob, enqueueJob, enqueueJobs, type JobDefinition } from './jobs/queue.ts';

/**
 * Domain events: what happened in one module that others react to ("subscription changed → metrics →
 * health → playbook task"). Each module declares the events it publishes, with their payloads:
 * `declare module '../../platform/events.ts' { interface DomainEvents { 'account.updated': TAccountUpdated } }`.
 * A subscriber is listed in its module's definition. Publishing writes one job per subscriber in the
 * publisher's transaction, so an event exists only if the change commits, and is delivered at least once
 * by the job queue; handlers are idempotent (the event id is stable across retries).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the modules' declaration merging
export interface DomainEvents {}
export type TEventName = keyof DomainEvents & string;

export interface TEventMeta {
  /** Stable across redeliveries: a handler that must not act twice keys its work on it. */
  eventId: string;
  orgId: string;
  /** When the change happened (the publisher's clock). */
  occurredAt: string;
}

export interface TEventSubscriber<E extends TEventName = TEventName> {
  event: E;
  /** Unique name of the handler, e.g. "timeline.logAccountArchived"; it names the delivery job. */
  name: string;
  handle(payload: DomainEvents[E], meta: TEventMeta): Promise<void>;
}

/**
 * A projection keeps another module's read model in step with the change, inside the publisher's transaction
 * (the MRR of an account follows its subscription at once; the change and its projection commit together or
 * not at all). Use it only for derived data the owning module could rebuild at any time; reactions that send,
 * notify or may fail on their own are subscribers.
 */
export interface TEventProjection<E extends TEventName = TEventName> {
  event: E;
  name: string;
  apply(tx: Db, payload: DomainEvents[E], meta: TEventMeta): Promise<void>;
  /** The same for many events of one bulk write (`publishMany`) at once; without it, `apply` runs for each. */
  applyMany?(tx: Db, payloads: readonly DomainEvents[E][], meta: Omit<TEventMeta, 'eventId'>): Promise<void>;
}

export const project = <E extends TEventName>(
  event: E,
  name: string,
  apply: TEventProjection<E>['apply'],
  applyMany?: TEventProjection<E>['applyMany'],
): TEventProjection<E> => ({ event, name, apply, ...(applyMany ? { applyMany } : {}) });

export const subscribe = <E extends TEventName>(event: E, name: string, handle: TEventSubscriber<E>['handle']): TEventSubscriber<E> => ({
  event,
  name,
  handle,
});

const ZDelivery = z.object({ eventId: z.string(), orgId: z.string(), occurredAt: z.string(), payload: z.unknown() });
const jobName = (subscriber: { name: string }) => `event:${subscriber.name}`;

export interface EventBus {
  /** Publish inside the caller's transaction: one delivery job per subscriber of the event. */
  publish<E extends TEventName>(tx: Db, orgId: string, event: E, payload: DomainEvents[E]): Promise<string>;
  /**
   * Many events of one kind from one bulk write (an import's chunk), in its transaction: the same as publishing
   * each, but a projection with `applyMany` takes them at once and the delivery jobs go in with one statement per
   * 1,000. The event ids, in the order of `payloads`.
   */
  publishMany<E extends TEventName>(tx: Db, orgId: string, event: E, payloads: readonly DomainEvents[E][]): Promise<string[]>;
  /** The delivery jobs, for the worker. */
  jobs(): JobDefinition[];
  subscribersOf(event: TEventName): readonly TEventSubscriber[];
  /** Set once by the composition root, after every module's services exist (handlers call them). */
  setSubscribers(list: readonly TEventSubscriber[]): void;
  /** The in-transaction projections, set once by the composition root like the subscribers. */
  setProjections(list: readonly TEventProjection[]): void;
}

export function createEventBus(clock: Clock): EventBus {
  let subscribers: readonly TEventSubscriber[] = [];
  let projections: readonly TEventProjection[] = [];
  const of = (event: TEventName) => subscribers.filter((s) => s.event === event);
  return {
    async publish(tx, orgId, event, payload) {
      const eventId = newId();
      const occurredAt = clock.now().toISOString();
      for (const p of projections) if (p.event === event) await p.apply(tx, payload as never, { eventId, orgId, occurredAt });
      for (const s of of(event))
        await enqueueJob(tx, clock, jobName(s), { eventId, orgId, occurredAt, payload }, { orgId, dedupeKey: `${jobName(s)}:${eventId}` });
      return eventId;
    },
    async publishMany(tx, orgId, event, payloads) {
      if (!payloads.length) return [];
      const occurredAt = clock.now().toISOString();
      const eventIds = payloads.map(() => newId());
      for (const p of projections) {
        if (p.event !== event) continue;
        if (p.applyMany) await p.applyMany(tx, payloads as never, { orgId, occurredAt });
        else
          for (const [i, payload] of payloads.entries())
            await p.apply(tx, payload as never, { eventId: eventIds[i] as string, orgId, occurredAt });
      }
      // Event by event, each to every subscriber: the jobs in the order `publish` would have made them.
      const deliveries = payloads.flatMap((payload, i) => {
        const eventId = eventIds[i] as string;
        return of(event).map((s) => ({
          name: jobName(s),
          payload: { eventId, orgId, occurredAt, payload },
          opts: { orgId, dedupeKey: `${jobName(s)}:${eventId}` },
        }));
      });
      await enqueueJobs(tx, clock, deliveries);
      return eventIds;
    },
    jobs: () =>
      subscribers.map((s) =>
        defineJob({
          name: jobName(s),
          payload: ZDelivery,
          handler: (d) => s.handle(d.payload as never, { eventId: d.eventId, orgId: d.orgId, occurredAt: d.occurredAt }),
        }),
      ),
    subscribersOf: of,
    setSubscribers(list) {
      const names = new Set<string>();
      for (const s of list) {
        if (names.has(s.name)) throw new Error(`Event subscriber "${s.name}" is listed twice`);
        names.add(s.name);
      }
      subscribers = list;
    },
    setProjections(list) {
      const names = new Set(subscribers.map((s) => s.name));
      for (const p of list) {
        if (names.has(p.name)) throw new Error(`Event handler "${p.name}" is listed twice`);
        names.add(p.name);
      }
      projections = list;
    },
  };
}
