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
  ts: Date;
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
  if (!isObject(raw)) return { index, messageId: null, field: 'event', code: 'usage_event_not_object' };
  const messageIdRaw = raw.messageId;
  const givenId = idOf(messageIdRaw);
  const fail = (field: string, code: string): TEventError => ({ index, messageId: givenId, field, code });
  if (messageIdRaw !== undefined && messageIdRaw !== null && !givenId) return fail('messageId', 'usage_event_bad_id');
  const typeRaw = endpointType ?? raw.type;
  if (typeof typeRaw !== 'string' || !TYPES.has(typeRaw)) return fail('type', 'usage_event_bad_type');
  const type = typeRaw as TSegmentType;
  const userId = idOf(raw.userId);
  const anonymousId = idOf(raw.anonymousId);
  if (!userId && !anonymousId) return fail('userId', 'usage_event_no_user');
  const event = nameOf(raw, type);
  if (event === undefined) return fail('event', 'usage_event_no_name');
  if (type === 'group' && !idOf(raw.groupId)) return fail('groupId', 'usage_event_no_group');
  if (type === 'alias' && !idOf(raw.previousId)) return fail('previousId', 'usage_event_no_previous');
  let ts = receivedAt;
  const tsRaw = raw.timestamp ?? raw.originalTimestamp;
  if (tsRaw !== undefined && tsRaw !== null) {
    const ms = typeof tsRaw === 'string' ? Date.parse(tsRaw) : Number.NaN;
    if (Number.isNaN(ms)) return fail('timestamp', 'usage_event_bad_timestamp');
    if (ms < EARLIEST || ms > receivedAt.getTime() + FUTURE_MS) return fail('timestamp', 'usage_event_timestamp_range');
    ts = new Date(ms);
  }
  const bag = type === 'identify' || type === 'group' ? raw.traits : raw.properties;
  if (bag !== undefined && bag !== null && !isObject(bag))
    return fail(type === 'identify' || type === 'group' ? 'traits' : 'properties', 'usage_event_not_object');
  const properties = bag && Object.keys(bag).length ? JSON.stringify(bag) : null;
  if (checkSize && Buffer.byteLength(JSON.stringify(raw)) > MAX_EVENT_BYTES) return fail('event', 'usage_event_too_large');
  const email = type === 'identify' && isObject(bag) && typeof bag.email === 'string' ? bag.email.trim().toLowerCase() : null;
  return {
    messageId: givenId ?? randomUUID(),
    ts,
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
