// The Redis connection behind shared rate limits, and whether it can be used right now.
// Commands fail fast (short timeout, no offline queue) so an outage adds milliseconds, not
// seconds; a state change (up -> down, down -> up) is logged once, never per command.
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

export type RedisState = 'up' | 'down';

export class RedisLink {
  readonly redis: Redis;
  /** Undefined until the first connection attempt settles. */
  private state: RedisState | undefined;
  private probe: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    url: string,
    private readonly commandTimeoutMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.redis = new Redis(url, {
      commandTimeout: commandTimeoutMs,
      connectTimeout: 1000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Reconnect forever, at most once a second.
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    this.redis.on('ready', () => this.set('up'));
    // Handled here so ioredis never reports "Unhandled error event"; the state change is the log.
    this.redis.on('error', (err: Error) => this.set('down', err.message));
    this.redis.on('close', () => this.set('down', 'connection closed'));
  }

  get status(): RedisState {
    return this.state ?? 'down';
  }

  /** A command failed or timed out: use the fallback until Redis answers a PING again. */
  failed(err: unknown): void {
    this.set('down', err instanceof Error ? err.message : String(err));
    if (this.probe || this.closing) return;
    this.probe = setInterval(() => {
      if (this.redis.status !== 'ready') return; // the 'ready' event will bring it back
      this.redis.ping().then(
        () => this.set('up'),
        () => {},
      );
    }, 1000).unref();
  }

  private set(next: RedisState, reason?: string): void {
    if (this.closing || next === this.state) return;
    const first = this.state === undefined;
    this.state = next;
    if (next === 'up') {
      clearInterval(this.probe);
      this.probe = undefined;
      if (first) this.log.info('redis connected: rate limits shared through Redis');
      else this.log.warn('redis available again: rate limits shared through Redis');
    } else {
      this.log.warn({ reason }, 'redis unavailable: rate limits fall back to per-instance counters');
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.probe);
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}
