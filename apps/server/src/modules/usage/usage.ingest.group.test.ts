import { describe, expect, it } from 'vitest';
import { mergeUsers } from './usage.ingest.group.ts';

describe('the users of a group of batches', () => {
  it('keeps one row per user, the later batch winning and an earlier value kept where the later has none', () => {
    const merged = mergeUsers([
      { users: { userId: ['u1', 'u2'], groupKey: ['acme', 'globex'], email: ['u1@acme.test', null] } },
      { users: null },
      { users: { userId: ['u2', 'u1'], groupKey: ['initech', null], email: [null, null] } },
    ]);
    expect(merged).toEqual({ userId: ['u1', 'u2'], groupKey: ['acme', 'initech'], email: ['u1@acme.test', null] });
    expect(mergeUsers([{ users: null }])).toBeNull();
  });
});
