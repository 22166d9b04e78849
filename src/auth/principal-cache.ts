// A short, bounded, per-process cache of resolved principals, so the hot path does not
// look the token up on every request. Revocation: the instance that handles an admin
// change (token revoked, user changed or removed) clears its cache at once; every other
// instance serves a cached principal for at most `ttlMs` after it was loaded, so a revoked
// token is refused everywhere within ttlMs (default 5 s) with no cross-instance messaging.
// Keys are token hashes or grant ids, never secrets; failed lookups are not cached.
import type { Principal } from './principal.js';

export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): Principal | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e.principal;
  }

  /** Caches until min(now + ttl, the credential's own expiry). */
  set(key: string, principal: Principal, expiresAt: Date | null, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    const until = Math.min(now + this.ttlMs, expiresAt ? expiresAt.getTime() : Infinity);
    this.entries.delete(key);
    // Map order is insertion order: the first key is the oldest entry.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, until });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
