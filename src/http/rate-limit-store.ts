// A @fastify/rate-limit store that counts in Redis while Redis is up and in this instance's
// memory while it is down, so limits keep applying (per instance) through an outage and are
// shared again once Redis is back.
import { createRequire } from 'node:module';
import type { FastifyRateLimitOptions, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisLink } from './redis-link.js';

type Result = { current: number; ttl: number };
type Callback = (err: Error | null, res?: Result) => void;
interface Store {
  incr(key: string, cb: Callback, timeWindow: number, max: number): void;
  read?(key: string, cb: Callback, timeWindow: number, max: number): void;
  child(routeOptions: unknown): Store;
}
type StoreCtor = new (...args: unknown[]) => Store;

const require = createRequire(import.meta.url);
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as StoreCtor;
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as StoreCtor;

class FailoverStore implements Store {
  constructor(
    private readonly link: RedisLink,
    private readonly shared: Store,
    private readonly local: Store,
  ) {}

  incr(key: string, cb: Callback, timeWindow: number, max: number): void {
    this.call('incr', key, cb, timeWindow, max);
  }

  read(key: string, cb: Callback, timeWindow: number, max: number): void {
    this.call('read', key, cb, timeWindow, max);
  }

  private call(op: 'incr' | 'read', key: string, cb: Callback, timeWindow: number, max: number): void {
    if (this.link.status !== 'up') return this.local[op]!(key, cb, timeWindow, max);
    this.shared[op]!(
      key,
      (err, res) => {
        if (!err) return cb(null, res);
        this.link.failed(err);
        this.local[op]!(key, cb, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: unknown): Store {
    return new FailoverStore(this.link, this.shared.child(routeOptions), this.local.child(routeOptions));
  }
}

/** The `store` option: @fastify/rate-limit instantiates it with its global parameters. */
export function failoverStore(link: RedisLink, nameSpace: string): FastifyRateLimitStoreCtor {
  return class extends FailoverStore {
    // The plugin passes its resolved global parameters, these two among them.
    constructor(params: FastifyRateLimitOptions & { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      super(
        link,
        new RedisStore(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff), link.redis, nameSpace),
        new LocalStore(Boolean(params.continueExceeding), Boolean(params.exponentialBackoff)),
      );
    }
  };
}
