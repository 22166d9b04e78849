// The delivery worker, one per instance. Each round:
//  1. fan-out: outbox events not yet fanned out (one instance at a time, in id order) get
//     their body (payload in its envelope) fixed and one delivery row per subscribed endpoint;
//  2. claim due deliveries with FOR UPDATE SKIP LOCKED and a lease (so instances never take
//     the same one, and a crashed instance's claims come back when the lease ends), only
//     the oldest pending one per endpoint and ticket (per-ticket order);
//  3. send each, then record delivered / retry at the next step of the schedule / failed.
// The database decides everything, so any number of instances share the queue.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { sweepIdempotencyKeys } from '../http/idempotency.js';
import { deliveriesTotal, oldestUndeliveredAge, queueDepth } from './metrics.js';
import { openSecret } from './secrets.js';
import { send } from './send.js';

type WebhookConfig = Config['webhooks'];

const FANOUT_LOCK = 7_305_161_616; // pg advisory lock key of the fan-out step
const BATCH = 20;
const FANOUT_BATCH = 100;
const BUSY_PAUSE_MS = 50;
const SWEEP_EVERY_MS = 60_000;
const STATS_EVERY_MS = 5_000;
const STATS_BUSY_EVERY_MS = 1_000;

/** Delay before retry number `attempt` (1-based), with ±20 % jitter; null when the schedule is exhausted. */
export function retryDelayMs(schedule: readonly number[], attempt: number, random = Math.random): number | null {
  const base = schedule[attempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.8 + 0.4 * random()));
}

interface OutboxRow {
  id: number;
  eventId: string;
  workspaceId: number;
  type: string;
  ticketId: number;
  messageId: number | null;
  changes: string[];
  payload: string;
  createdAt: Date;
}

export class WebhookWorker {
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private lastSweep = 0;
  private lastStats = 0;
  private statsStale = false;
  private backlog = false;

  constructor(
    private readonly db: Db,
    private readonly cfg: WebhookConfig,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** Runs a round now (or right after the current one). */
  kick(): void {
    if (!this.round) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.round?.catch(() => {});
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.round = this.runRound()
        .catch((err) => {
          if (!this.stopped) this.log.error({ err }, 'webhook worker round failed');
          return 0;
        })
        .then((done) => {
          this.round = null;
          // A full batch means more is waiting: go on at once. Some work: look again shortly,
          // so a steady stream of changes is taken in batches rather than one round each.
          this.schedule(this.backlog ? 0 : done ? Math.min(BUSY_PAUSE_MS, this.cfg.pollMs) : this.cfg.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** One round; returns how much work it did (0 = idle). */
  async runRound(): Promise<number> {
    const fanned = await this.fanOut();
    const claimed = await this.claim();
    this.backlog = fanned >= FANOUT_BATCH || claimed.length >= BATCH;
    await Promise.all(claimed.map((d) => this.deliver(d)));
    const now = Date.now();
    const busy = fanned > 0 || claimed.length > 0;
    // Gauges follow activity within a second, and settle once the queue goes quiet; a busy
    // queue does not pay two counts per round.
    if (now - this.lastStats >= (busy || this.statsStale ? STATS_BUSY_EVERY_MS : STATS_EVERY_MS)) {
      this.lastStats = now;
      await this.stats();
      this.statsStale = busy;
    } else if (busy) this.statsStale = true;
    if (now - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now;
      await this.sweep();
    }
    return fanned + claimed.length;
  }

  async fanOut(): Promise<number> {
    return this.db.$transaction(async (tx) => {
      const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${FANOUT_LOCK}) AS locked`);
      if (!locked) return 0;
      const events = await tx.$queryRaw<OutboxRow[]>`
        SELECT id, "eventId", "workspaceId", type, "ticketId", "messageId", changes, payload, "createdAt"
        FROM "OutboxEvent" WHERE "fannedOutAt" IS NULL ORDER BY id LIMIT ${FANOUT_BATCH}`;
      if (!events.length) return 0;
      const workspaceIds = [...new Set(events.map((e) => e.workspaceId))];
      const [workspaces, endpoints] = await Promise.all([
        tx.workspace.findMany({ where: { id: { in: workspaceIds } }, select: { id: true, slug: true } }),
        tx.webhookEndpoint.findMany({ where: { workspaceId: { in: workspaceIds }, enabled: true }, select: { id: true, workspaceId: true, events: true } }),
      ]);
      const slugs = new Map(workspaces.map((w) => [w.id, w.slug]));
      // The whole batch in two statements, whatever its size: its deliveries, then every
      // event marked fanned out (with its body when someone subscribed).
      const deliveries: { endpointId: number; eventId: number; ticketId: number }[] = [];
      const fanned: { id: number; body: string | null }[] = [];
      for (const e of events) {
        const subscribers = endpoints.filter((ep) => ep.workspaceId === e.workspaceId && (ep.events.includes('*') || ep.events.includes(e.type)));
        let body: string | null = null;
        if (subscribers.length) {
          body = JSON.stringify({ id: e.eventId, type: e.type, createdAt: e.createdAt.toISOString(), workspace: slugs.get(e.workspaceId) ?? null, data: JSON.parse(e.payload) });
          for (const ep of subscribers) deliveries.push({ endpointId: ep.id, eventId: e.id, ticketId: e.ticketId });
        }
        fanned.push({ id: e.id, body });
      }
      if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries, skipDuplicates: true });
      await tx.$executeRawUnsafe(
        `UPDATE "OutboxEvent" o SET "fannedOutAt" = now(), body = v.body FROM json_to_recordset($1::json) AS v(id int, body text) WHERE o.id = v.id`,
        JSON.stringify(fanned),
      );
      return events.length;
    });
  }

  async claim(): Promise<{ id: number; attempts: number }[]> {
    const leaseMs = 2 * this.cfg.timeoutMs + 1000;
    return this.db.$queryRaw<{ id: number; attempts: number }[]>`
      UPDATE "WebhookDelivery" SET "leaseUntil" = now() + make_interval(secs => ${leaseMs / 1000}::float8), attempts = attempts + 1
      WHERE id IN (
        SELECT d.id FROM "WebhookDelivery" d
        WHERE d.status = 'pending' AND d."nextAttemptAt" <= now() AND (d."leaseUntil" IS NULL OR d."leaseUntil" < now())
          AND EXISTS (SELECT 1 FROM "WebhookEndpoint" e WHERE e.id = d."endpointId" AND e.enabled)
          AND NOT EXISTS (
            SELECT 1 FROM "WebhookDelivery" p
            WHERE p."endpointId" = d."endpointId" AND p."ticketId" = d."ticketId" AND p.status = 'pending' AND p."eventId" < d."eventId")
        ORDER BY d."nextAttemptAt", d."eventId"
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, attempts`;
  }

  private async deliver(claimed: { id: number; attempts: number }): Promise<void> {
    const d = await this.db.webhookDelivery.findUnique({
      where: { id: claimed.id },
      select: { event: { select: { eventId: true, body: true } }, endpoint: { select: { url: true, secret: true } } },
    });
    if (!d) return;
    let result;
    try {
      result = await send({
        url: d.endpoint.url,
        secret: openSecret(d.endpoint.secret, this.cfg.secretKey),
        eventId: d.event.eventId,
        body: d.event.body ?? '{}',
        timeoutMs: this.cfg.timeoutMs,
        allowPrivate: this.cfg.allowPrivate,
        signal: this.abort.signal,
      });
    } catch (err) {
      result = { ok: false, statusCode: null, error: (err as Error).message };
    }
    if (this.stopped && !result.ok) {
      // Shutting down: hand the delivery back without spending an attempt.
      await this.db.webhookDelivery.updateMany({ where: { id: claimed.id, status: 'pending' }, data: { leaseUntil: null, attempts: { decrement: 1 } } }).catch(() => {});
      return;
    }
    if (result.ok) {
      deliveriesTotal.inc({ outcome: 'delivered' });
      await this.db.webhookDelivery.updateMany({
        where: { id: claimed.id, status: 'pending' },
        data: { status: 'delivered', deliveredAt: new Date(), lastStatusCode: result.statusCode, lastError: null, leaseUntil: null },
      });
      return;
    }
    const delay = retryDelayMs(this.cfg.retryScheduleMs, claimed.attempts);
    deliveriesTotal.inc({ outcome: delay === null ? 'failed' : 'retry' });
    await this.db.webhookDelivery.updateMany({
      where: { id: claimed.id, status: 'pending' },
      data: {
        status: delay === null ? 'failed' : 'pending',
        lastStatusCode: result.statusCode,
        lastError: result.error?.slice(0, 500) ?? null,
        leaseUntil: null,
        nextAttemptAt: new Date(Date.now() + (delay ?? 0)),
      },
    });
  }

  private async stats(): Promise<void> {
    const [row] = await this.db.$queryRaw<{ depth: bigint; oldest: Date | null }[]>`
      SELECT
        (SELECT count(*) FROM "WebhookDelivery" WHERE status = 'pending') + (SELECT count(*) FROM "OutboxEvent" WHERE "fannedOutAt" IS NULL) AS depth,
        LEAST(
          (SELECT min(o."createdAt") FROM "WebhookDelivery" d JOIN "OutboxEvent" o ON o.id = d."eventId" WHERE d.status = 'pending'),
          (SELECT min("createdAt") FROM "OutboxEvent" WHERE "fannedOutAt" IS NULL)) AS oldest`;
    queueDepth.set(Number(row.depth));
    oldestUndeliveredAge.set(row.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0);
  }

  private async sweep(): Promise<void> {
    await sweepIdempotencyKeys(this.db);
    // Old events whose deliveries are all settled (delivered or failed) go, with their deliveries.
    const before = new Date(Date.now() - this.cfg.retentionMs);
    await this.db.outboxEvent.deleteMany({
      where: { createdAt: { lt: before }, fannedOutAt: { not: null }, deliveries: { none: { status: 'pending' } } },
    });
  }
}

export function startWebhookWorker(app: FastifyInstance, db: Db, cfg: WebhookConfig): WebhookWorker {
  const worker = new WebhookWorker(db, cfg, app.log);
  app.decorate('webhookWorker', worker);
  app.addHook('onReady', async () => worker.start());
  app.addHook('onClose', async () => worker.stop());
  return worker;
}

declare module 'fastify' {
  interface FastifyInstance {
    webhookWorker?: WebhookWorker;
  }
}
