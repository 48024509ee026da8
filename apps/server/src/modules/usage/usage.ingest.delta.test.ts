import { describe, expect, it } from 'vitest';
import { batchDelta, eventCopyText, type TBatchColumns } from './usage.ingest.delta.ts';

// The COPY path's delta, computed in the process: the same aggregates WRITE_EVENTS_SQL makes from its RETURNING.
const A = '019a0000-0000-7000-8000-00000000000a';
const B = '019a0000-0000-7000-8000-00000000000b';

function cols(rows: [string, string, string, string | null, string | null, string | null, string | null, string | null][]): TBatchColumns {
  const c: TBatchColumns = {
    messageId: [],
    ts: [],
    type: [],
    event: [],
    accountId: [],
    groupKey: [],
    userId: [],
    anonymousId: [],
    properties: [],
  };
  for (const [messageId, ts, type, event, accountId, groupKey, userId, anonymousId] of rows) {
    c.messageId.push(messageId);
    c.ts.push(ts);
    c.type.push(type);
    c.event.push(event);
    c.accountId.push(accountId);
    c.groupKey.push(groupKey);
    c.userId.push(userId);
    c.anonymousId.push(anonymousId);
    c.properties.push(null);
  }
  return c;
}

describe('batch delta', () => {
  it('aggregates activity per account, UTC day and event, per user, and first/last seen; keeps unknown keys apart', () => {
    const d = batchDelta(
      cols([
        ['1', '2026-11-20T23:59:00.000Z', 'track', 'Login', A, null, 'u1', null],
        ['2', '2026-11-20T10:00:00.000Z', 'track', 'Login', A, null, 'u1', null],
        ['3', '2026-11-21T00:01:00.000Z', 'page', 'page:Home', A, null, null, 'anon-1'],
        ['4', '2026-11-21T08:00:00.000Z', 'identify', null, B, null, 'u2', null], // not activity
        ['5', '2026-11-21T09:00:00.000Z', 'track', 'Login', null, 'acme', 'u3', null],
        ['6', '2026-11-21T07:00:00.000Z', 'track', 'Login', null, 'acme', 'u3', null],
        ['7', '2026-11-21T07:30:00.000Z', 'track', 'Login', null, null, 'u4', null],
      ]),
    );
    expect(JSON.parse(d.dailyEvents as string)).toEqual([
      { a: A, d: '2026-11-20', e: 'Login', n: 2 },
      { a: A, d: '2026-11-21', e: 'page:Home', n: 1 },
    ]);
    expect(JSON.parse(d.dailyUsers)).toEqual([
      { a: A, d: '2026-11-20', u: 'u1', n: 2 },
      { a: A, d: '2026-11-21', u: 'anon-1', n: 1 },
    ]);
    expect(JSON.parse(d.activity as string)).toEqual([{ a: A, f: '2026-11-20T10:00:00.000Z', l: '2026-11-21T00:01:00.000Z', n: 3 }]);
    expect(d.accounts).toEqual([A]);
    expect(d.keys).toEqual({
      kind: ['group', 'user'],
      key: ['acme', 'u4'],
      events: [2, 1],
      first: ['2026-11-21T07:00:00.000Z', '2026-11-21T07:30:00.000Z'],
      last: ['2026-11-21T09:00:00.000Z', '2026-11-21T07:30:00.000Z'],
    });
  });

  it('writes no delta when no event is activity of a known account', () => {
    const d = batchDelta(cols([['1', '2026-11-21T08:00:00.000Z', 'identify', null, B, null, 'u2', null]]));
    expect(d.dailyEvents).toBeNull();
    expect(d.activity).toBeNull();
    expect(d.accounts).toEqual([]);
  });

  it('escapes COPY text: tabs, line breaks and backslashes in values, \\N for null', () => {
    const c = cols([['m\t1', '2026-11-21T08:00:00.000Z', 'track', 'a\\b\nc', null, null, 'u1', null]]);
    c.properties[0] = '{"q":"x\\"y"}';
    expect(eventCopyText('org', 'src', c, '2026-11-21T08:00:01.000Z')).toBe(
      'org\tsrc\tm\\t1\t2026-11-21T08:00:00.000Z\ttrack\ta\\\\b\\nc\t\\N\t\\N\tu1\t\\N\t{"q":"x\\\\"y"}\t2026-11-21T08:00:01.000Z\n',
    );
  });
});
