import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/access.ts';
import { createAuthCache } from './auth-cache.ts';

const actor = { userId: 'u', orgId: 'o' } as unknown as Actor;
const entry = (until: number, now: number, expiresAt = Number.POSITIVE_INFINITY) => ({
  actor,
  csrfToken: null,
  until,
  expiresAt,
  lastSeenAt: now,
});

describe('auth cache', () => {
  it('stays bounded: expired entries go first, then the oldest', () => {
    const cache = createAuthCache(100);
    for (let i = 0; i < 50; i++) cache.set(`expired:${i}`, entry(1_000, 0));
    for (let i = 0; i < 50; i++) cache.set(`live:${i}`, entry(10_000, 2_000));
    expect(cache.size).toBe(100);
    cache.set('newest', entry(10_000, 2_000));
    // The 50 expired entries were dropped; every live one is kept.
    expect(cache.size).toBe(51);
    expect(cache.get('expired:0')).toBeUndefined();
    expect(cache.get('live:0')).toBeDefined();
    expect(cache.get('newest')).toBeDefined();

    for (let i = 0; i < 200; i++) cache.set(`more:${i}`, entry(10_000, 2_000));
    expect(cache.size).toBeLessThanOrEqual(100);
    // Oldest live entries were evicted, the most recent kept.
    expect(cache.get('live:0')).toBeUndefined();
    expect(cache.get('more:199')).toBeDefined();
  });

  it('moves a refreshed key to the young end', () => {
    const cache = createAuthCache(10);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, entry(10_000, 0));
    cache.set('k0', entry(10_000, 0));
    cache.set('k10', entry(10_000, 0));
    expect(cache.get('k0')).toBeDefined();
    expect(cache.get('k1')).toBeUndefined();
  });

  it('serves an entry only within its cache time and before its credential expires, checked on every hit', () => {
    const cache = createAuthCache(10);
    cache.set('token', entry(5_000, 0, 2_000));
    expect(cache.fresh('token', 1_999)).toBeDefined();
    // The token expired at 2 s: refused at once, although the entry was cached until 5 s.
    expect(cache.fresh('token', 2_000)).toBeUndefined();
    expect(cache.get('token')).toBeUndefined();
    cache.set('session', entry(5_000, 0));
    expect(cache.fresh('session', 4_999)).toBeDefined();
    expect(cache.fresh('session', 5_000)).toBeUndefined();
  });
});
