import type { Actor } from '../../platform/access/access.ts';

/** Sessions and tokens are cached this long per instance; revocation reaches other instances within it. */
export const AUTH_CACHE_MS = 5_000;

/** Most sessions and tokens kept in one process's auth cache; beyond it the oldest entries go first. */
export const AUTH_CACHE_MAX_ENTRIES = 10_000;

export interface AuthCacheEntry {
  actor: Actor;
  csrfToken: string | null;
  /** Until when the entry may be used without asking the database again. */
  until: number;
  /** When the credential itself stops being valid (token expiry, session expiry): checked on every hit. */
  expiresAt: number;
  lastSeenAt: number;
}

export type AuthCache = ReturnType<typeof createAuthCache>;

/**
 * The short-lived cache of resolved sessions and API tokens. Bounded: a long-running server sees many sessions
 * come and go, and an entry is only worth keeping for AUTH_CACHE_MS anyway. A Map iterates in insertion order,
 * so the first keys are the oldest.
 */
export function createAuthCache(maxEntries = AUTH_CACHE_MAX_ENTRIES) {
  const entries = new Map<string, AuthCacheEntry>();
  return {
    get: (key: string) => entries.get(key),
    /** The entry when it may still be used at `now`: within the cache time and before the credential expires. */
    fresh(key: string, now: number): AuthCacheEntry | undefined {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.until > now && hit.expiresAt > now) return hit;
      entries.delete(key);
      return undefined;
    },
    set(key: string, entry: AuthCacheEntry) {
      entries.delete(key);
      entries.set(key, entry);
      if (entries.size <= maxEntries) return;
      // Expired entries first, then the oldest until a tenth of the room is free again.
      for (const [k, e] of entries) if (e.until <= entry.lastSeenAt || e.expiresAt <= entry.lastSeenAt) entries.delete(k);
      for (const k of entries.keys()) {
        if (entries.size <= maxEntries * 0.9) break;
        entries.delete(k);
      }
    },
    delete: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
