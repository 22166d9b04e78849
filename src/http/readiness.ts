// What /readyz reports: draining (shutdown under way), the database, and Redis (degraded,
// not unready: rate limits fall back to per-instance counters).
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client.js';
import type { RedisLink } from './redis-link.js';

export interface ReadinessReport {
  ready: boolean;
  body: { status: 'ready' | 'unavailable'; message?: string; database: 'up' | 'down'; redis?: 'up' | 'degraded' };
}

export class Readiness {
  /** Set on SIGTERM: load balancers stop routing here while in-flight work finishes. */
  draining = false;
  redis: RedisLink | undefined;

  constructor(private readonly db: Db) {}

  async check(): Promise<ReadinessReport> {
    const database = await this.db.$queryRawUnsafe('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const redis: ReadinessReport['body']['redis'] = this.redis ? (this.redis.status === 'up' ? 'up' : 'degraded') : undefined;
    const body = { database, ...(redis ? { redis } : {}) };
    if (this.draining) return { ready: false, body: { status: 'unavailable', message: 'shutting down', ...body } };
    if (database === 'down') return { ready: false, body: { status: 'unavailable', message: 'database unreachable', ...body } };
    return { ready: true, body: { status: 'ready', ...body } };
  }
}
