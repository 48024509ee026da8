import { randomUUID } from 'node:crypto';

/**
 * Segment's HTTP tracking API, read without a schema library: the hot path checks only what an event needs to
 * be stored (Segment's own rules: a type, a userId or anonymousId, a track's event name, a group's groupId, an
 * alias's previousId, a readable timestamp, 32 KB at most) and keeps the rest as it came. Pure: no I/O.
 */

export const SEGMENT_TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type TSegmentType = (typeof SEGMENT_TYPES)[number];
const TYPES = new Set<string>(SEGMENT_TYPES);

/** Segment's documented limits: 32 KB per event (and per single call), 500 KB per batch request. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
const MAX_ID = 200;
const MAX_NAME = 200;
/** Events more than a day in the future are refused: their partition would not exist yet and they are clock errors. */
const FUTURE_MS = 24 * 3600 * 1000;
const EARLIEST = Date.UTC(2000, 0, 1);

/** One event as stored. `accountKey` is the groupId or the configured trait's value, when the event names one. */
export interface TUsageEvent {
  messageId: string;
  /** The event's time as toISOString gives it (UTC, milliseconds): its first ten characters are its day. */
  ts: string;
  type: TSegmentType;
  event: string | null;
  accountKey: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** properties (track, page, screen) or traits (identify, group), as JSON text; null when empty. */
  properties: string | null;
  /** identify: the e-mail trait, to link the user to a contact. */
  email: string | null;
}

export interface TEventError {
  index: number;
  messageId: string | null;
  field: string;
  code: string;
}

export interface TAccountRule {
  accountMapping: 'group_id' | 'trait';
  accountTrait: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Segment id: a string or a number (Segment takes both), trimmed to something storable. */
function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v.length > 0 && v.length <= MAX_ID ? v : null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function accountKeyOf(raw: Record<string, unknown>, type: TSegmentType, rule: TAccountRule): string | null {
  const context = isObject(raw.context) ? raw.context : null;
  if (rule.accountMapping === 'trait' && rule.accountTrait) {
    const t = rule.accountTrait;
    const traits = isObject(raw.traits) ? raw.traits : null;
    const own = type === 'identify' || type === 'group' ? idOf(traits?.[t]) : null;
    const ctxTraits = context && isObject(context.traits) ? context.traits : null;
    return own ?? idOf(ctxTraits?.[t]) ?? null;
  }
  if (type === 'group') return idOf(raw.groupId);
  return idOf(context?.groupId) ?? idOf(raw.groupId);
}

function nameOf(raw: Record<string, unknown>, type: TSegmentType): string | null | undefined {
  if (type === 'track') {
    const e = raw.event;
    return typeof e === 'string' && e.length > 0 && e.length <= MAX_NAME ? e : undefined;
  }
  if (type === 'page' || type === 'screen') {
    const n = raw.name;
    return typeof n === 'string' && n.length <= MAX_NAME ? `${type}:${n}` : `${type}:`;
  }
  return null;
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * A readable time as toISOString gives it: the text itself when it is already in that form and names the instant
 * it reads as (a day up to 28 and an hour below 24: Date.parse rolls 2026-02-30 or 24:00 over to the next day, so
 * those are formatted again), else formatted from `ms` (what Date.parse made of it).
 */
export function isoTime(text: string, ms: number): string {
  if (text.length === 24 && ISO_UTC.test(text)) {
    const d0 = text.charCodeAt(8);
    const h0 = text.charCodeAt(11);
    // '0'..'2' are 48..50, '8' is 56, '4' is 52.
    const dayOk = d0 < 50 || (d0 === 50 && text.charCodeAt(9) <= 56);
    const hourOk = h0 < 50 || text.charCodeAt(12) < 52;
    if (dayOk && hourOk) return text;
  }
  return new Date(ms).toISOString();
}

/**
 * An upper bound of Buffer.byteLength(JSON.stringify(v)) for a value JSON.parse made, walked without building the
 * text (every character of a string counted as the 6 bytes of its longest escape); Infinity past `budget` or deep
 * nesting, where the caller measures exactly.
 */
function jsonBytesBound(v: unknown, budget: number, depth = 0): number {
  if (typeof v === 'string') return 6 * v.length + 2;
  if (typeof v !== 'object' || v === null) return 32;
  if (depth > 32) return Number.POSITIVE_INFINITY;
  let n = 2;
  if (Array.isArray(v)) {
    for (const x of v) {
      n += jsonBytesBound(x, budget - n, depth + 1) + 1;
      if (n > budget) return Number.POSITIVE_INFINITY;
    }
    return n;
  }
  for (const k in v) {
    n += 6 * k.length + 4 + jsonBytesBound((v as Record<string, unknown>)[k], budget - n, depth + 1);
    if (n > budget) return Number.POSITIVE_INFINITY;
  }
  return n;
}

/** Whether an event's JSON is over Segment's 32 KB: exactly, unless the cheap bound already says it is not. */
export function overEventLimit(raw: unknown): boolean {
  if (jsonBytesBound(raw, MAX_EVENT_BYTES) <= MAX_EVENT_BYTES) return false;
  return Buffer.byteLength(JSON.stringify(raw)) > MAX_EVENT_BYTES;
}

const failure = (index: number, messageId: string | null, field: string, code: string): TEventError => ({ index, messageId, field, code });

/**
 * One raw event to a stored one, or the field that is wrong with it. `type` is the endpoint's (track …) or,
 * in a batch, the event's own. `checkSize` is false when the whole body is under the event limit.
 */
export function readEvent(
  raw: unknown,
  index: number,
  endpointType: TSegmentType | null,
  rule: TAccountRule,
  receivedAt: Date,
  checkSize: boolean,
): TUsageEvent | TEventError {
  if (!isObject(raw)) return failure(index, null, 'event', 'usage_event_not_object');
  const messageIdRaw = raw.messageId;
  const givenId = idOf(messageIdRaw);
  if (messageIdRaw !== undefined && messageIdRaw !== null && !givenId) return failure(index, givenId, 'messageId', 'usage_event_bad_id');
  const typeRaw = endpointType ?? raw.type;
  if (typeof typeRaw !== 'string' || !TYPES.has(typeRaw)) return failure(index, givenId, 'type', 'usage_event_bad_type');
  const type = typeRaw as TSegmentType;
  const userId = idOf(raw.userId);
  const anonymousId = idOf(raw.anonymousId);
  if (!userId && !anonymousId) return failure(index, givenId, 'userId', 'usage_event_no_user');
  const event = nameOf(raw, type);
  if (event === undefined) return failure(index, givenId, 'event', 'usage_event_no_name');
  if (type === 'group' && !idOf(raw.groupId)) return failure(index, givenId, 'groupId', 'usage_event_no_group');
  if (type === 'alias' && !idOf(raw.previousId)) return failure(index, givenId, 'previousId', 'usage_event_no_previous');
  let ts: string | null = null;
  const tsRaw = raw.timestamp ?? raw.originalTimestamp;
  if (tsRaw !== undefined && tsRaw !== null) {
    const ms = typeof tsRaw === 'string' ? Date.parse(tsRaw) : Number.NaN;
    if (Number.isNaN(ms)) return failure(index, givenId, 'timestamp', 'usage_event_bad_timestamp');
    if (ms < EARLIEST || ms > receivedAt.getTime() + FUTURE_MS) return failure(index, givenId, 'timestamp', 'usage_event_timestamp_range');
    ts = isoTime(tsRaw as string, ms);
  }
  const isTraits = type === 'identify' || type === 'group';
  const bag = isTraits ? raw.traits : raw.properties;
  if (bag !== undefined && bag !== null && !isObject(bag))
    return failure(index, givenId, isTraits ? 'traits' : 'properties', 'usage_event_not_object');
  const properties = bag && Object.keys(bag).length ? JSON.stringify(bag) : null;
  if (checkSize && overEventLimit(raw)) return failure(index, givenId, 'event', 'usage_event_too_large');
  const email = type === 'identify' && isObject(bag) && typeof bag.email === 'string' ? bag.email.trim().toLowerCase() : null;
  return {
    messageId: givenId ?? randomUUID(),
    ts: ts ?? receivedAt.toISOString(),
    type,
    event,
    accountKey: accountKeyOf(raw, type, rule),
    userId,
    anonymousId,
    properties,
    email: email && email.length <= 320 ? email : null,
  };
}

export const isEventError = (e: TUsageEvent | TEventError): e is TEventError => 'code' in e;

/** The write key of a request: HTTP basic auth's user (Segment's way), or `writeKey` in the body. */
export function writeKeyOf(authorization: string | undefined, body: unknown): string | null {
  if (authorization) {
    const m = /^Basic\s+(\S+)$/i.exec(authorization);
    if (!m?.[1]) return null;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon >= 0 ? decoded.slice(0, colon) : decoded;
    return user || null;
  }
  return isObject(body) && typeof body.writeKey === 'string' && body.writeKey ? body.writeKey : null;
}

/** The events of a request body: a batch's `batch` array, or the one event of a single call. */
export function eventsOfBody(body: unknown, endpointType: TSegmentType | null): unknown[] | null {
  if (!isObject(body)) return null;
  if (endpointType) return [body];
  return Array.isArray(body.batch) ? body.batch : null;
}
