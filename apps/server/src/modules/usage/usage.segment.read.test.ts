import { describe, expect, it } from 'vitest';
import { isEventError, isoTime, MAX_EVENT_BYTES, overEventLimit, readEvent } from './usage.segment.ts';

const rule = { accountMapping: 'group_id' as const, accountTrait: null };
const receivedAt = new Date('2026-12-05T09:00:00.000Z');

describe('reading a Segment event', () => {
  it('keeps a time already in toISOString form as it came, and formats every other readable time as toISOString would', () => {
    for (const text of [
      '2026-11-20T10:00:00.000Z',
      '2026-02-28T23:59:59.999Z',
      '2026-02-29T00:00:00.000Z',
      '2026-02-30T00:00:00.000Z',
      '2026-04-31T10:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
      '2026-11-20T10:00:00Z',
      '2026-11-20T11:00:00+01:00',
      '2026-11-20',
    ])
      expect(isoTime(text, Date.parse(text))).toBe(new Date(Date.parse(text)).toISOString());
    const e = readEvent(
      { type: 'track', userId: 'u', event: 'x', timestamp: '2026-02-30T00:00:00.000Z' },
      0,
      null,
      rule,
      receivedAt,
      false,
    );
    expect(isEventError(e) ? null : e.ts).toBe('2026-03-02T00:00:00.000Z');
    const now = readEvent({ type: 'track', userId: 'u', event: 'x' }, 0, null, rule, receivedAt, false);
    expect(isEventError(now) ? null : now.ts).toBe('2026-12-05T09:00:00.000Z');
  });

  it('refuses an event over 32 KB exactly at the limit, whatever its strings, numbers and nesting', () => {
    const base = { type: 'track', userId: 'u', event: 'x', properties: { big: '' } };
    const sized = (n: number) => ({ ...base, properties: { big: 'a'.repeat(n) } });
    const overhead = Buffer.byteLength(JSON.stringify(sized(0)));
    expect(overEventLimit(sized(MAX_EVENT_BYTES - overhead))).toBe(false);
    expect(overEventLimit(sized(MAX_EVENT_BYTES - overhead + 1))).toBe(true);
    // Characters that need escapes or several bytes: the bound is passed, the exact size decides.
    const escaped = { ...base, properties: { q: '"\\\u0001é€😀'.repeat(700) } };
    expect(overEventLimit(escaped)).toBe(Buffer.byteLength(JSON.stringify(escaped)) > MAX_EVENT_BYTES);
    const numbers = { ...base, properties: { n: Array.from({ length: 1500 }, (_, i) => -0.0000012345678901234567 * (i + 1)) } };
    expect(overEventLimit(numbers)).toBe(Buffer.byteLength(JSON.stringify(numbers)) > MAX_EVENT_BYTES);
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(overEventLimit({ ...base, properties: deep })).toBe(false);
    const r = readEvent({ ...sized(MAX_EVENT_BYTES), messageId: 'm' }, 3, null, rule, receivedAt, true);
    expect(r).toEqual({ index: 3, messageId: 'm', field: 'event', code: 'usage_event_too_large' });
  });
});
