// Rate limiting: @fastify/rate-limit registered once, off by default, enabled per route
// by each dialect with its own limits and keys. With REDIS_URL the counters live in Redis
// so every instance shares them; while Redis is down each instance counts on its own.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { RedisLink } from './redis-link.js';
import { failoverStore } from './rate-limit-store.js';

/** Returns the Redis link (for readiness) when REDIS_URL is set. */
export async function registerRateLimit(app: FastifyInstance, redisUrl: string | undefined, commandTimeoutMs: number): Promise<RedisLink | undefined> {
  // ioredis is loaded only when there is a Redis to talk to (a few MB an embedded desk does not need).
  const link = redisUrl ? new (await import('./redis-link.js')).RedisLink(redisUrl, commandTimeoutMs, app.log) : undefined;
  if (link) app.addHook('onClose', () => link.close());
  await app.register(rateLimit, {
    global: false,
    ...(link ? { store: failoverStore(link, 'polydesk-rl:') } : {}),
    // A failing store must not take the API down with it.
    skipOnError: true,
  });
  return link;
}

/**
 * Key by the authenticated person (whatever token or JWT they use: minting more credentials
 * must not multiply an allowance), else by client address.
 */
export const byPerson = (req: FastifyRequest): string => (req.principal ? `u${req.principal.userId}` : `ip${req.ip}`);
export const byIp = (req: FastifyRequest): string => `ip${req.ip}`;

/** `max` and `timeWindow` may be functions of the request (e.g. one limit for anonymous callers, another per token). */
export function limit(
  opts: { max: NonNullable<RateLimitOptions['max']>; timeWindow: NonNullable<RateLimitOptions['timeWindow']>; key?: (req: FastifyRequest) => string; group: string } & Omit<Partial<RateLimitOptions>, 'max' | 'timeWindow'>,
): RateLimitOptions {
  const { group, key, ...rest } = opts;
  // Runs after the dialect's auth hook so the key can use the principal.
  return { hook: 'preHandler', keyGenerator: (req) => `${group}:${(key ?? byPerson)(req)}`, ...rest };
}
