// Webhook endpoints and their deliveries (/admin/v1/webhooks). The secret is shown once,
// on create and on rotation.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/outbox.js';
import { newSecret, sealSecret } from '../webhooks/secrets.js';
import { TargetError, validateTarget } from '../webhooks/target.js';
import { IntId, PathId, WorkspaceQuery, adminCtx } from './scope.js';

const EventType = z.enum(['*', ...WEBHOOK_EVENT_TYPES]);
const Url = z.string().min(1).max(2000);
const Create = z
  .object({
    url: Url,
    events: z.array(EventType).min(1).max(10).default(['*']),
    description: z.string().max(500).default(''),
    enabled: z.boolean().default(true),
  })
  .strict();
const Update = z
  .object({ url: Url, events: z.array(EventType).min(1).max(10), description: z.string().max(500), enabled: z.boolean() })
  .partial()
  .strict();
const DeliveryParams = z.object({ id: PathId, deliveryId: PathId });
const DeliveriesQuery = WorkspaceQuery.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) });

const select = { id: true, url: true, events: true, description: true, enabled: true, createdAt: true, updatedAt: true } as const;

export const webhookRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const cfg = app.config.webhooks;

  async function target(url: string): Promise<string> {
    try {
      return (await validateTarget(url, cfg.allowPrivate)).toString();
    } catch (err) {
      if (err instanceof TargetError) throw ValidationError.field('url', err.message);
      throw err;
    }
  }
  async function endpoint(workspaceId: number, id: number) {
    const e = await app.db.webhookEndpoint.findFirst({ where: { id, workspaceId }, select });
    if (!e) throw new NotFoundError('webhook', id);
    return e;
  }
  const unique = (events: string[]) => (events.includes('*') ? ['*'] : [...new Set(events)]);

  app.post('/webhooks', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Create } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const url = await target(req.body.url);
    const secret = newSecret();
    const e = await app.db.webhookEndpoint.create({
      data: { workspaceId, url, events: unique(req.body.events), description: req.body.description, enabled: req.body.enabled, secret: sealSecret(secret, cfg.secretKey) },
      select,
    });
    return reply.status(201).send({ id: e.id, url: e.url, events: e.events, description: e.description, enabled: e.enabled, secret, createdAt: e.createdAt });
  });

  app.get('/webhooks', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { webhooks: await app.db.webhookEndpoint.findMany({ where: { workspaceId }, select, orderBy: { id: 'asc' } }) };
  });

  app.get('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return endpoint(workspaceId, req.params.id);
  });

  app.patch('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Update } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    await endpoint(workspaceId, req.params.id);
    const { url, events, ...rest } = req.body;
    return app.db.webhookEndpoint.update({
      where: { id: req.params.id },
      data: { ...rest, ...(url !== undefined ? { url: await target(url) } : {}), ...(events ? { events: unique(events) } : {}) },
      select,
    });
  });

  app.delete('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    const { count } = await app.db.webhookEndpoint.deleteMany({ where: { id: req.params.id, workspaceId } });
    if (!count) throw new NotFoundError('webhook', req.params.id);
    return reply.status(204).send();
  });

  // The old secret stops signing at once.
  app.post('/webhooks/:id/rotate-secret', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    await endpoint(workspaceId, req.params.id);
    const secret = newSecret();
    await app.db.webhookEndpoint.update({ where: { id: req.params.id }, data: { secret: sealSecret(secret, cfg.secretKey) } });
    return { id: req.params.id, secret };
  });

  app.get('/webhooks/:id/deliveries', { schema: { tags, params: IntId, querystring: DeliveriesQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    await endpoint(workspaceId, req.params.id);
    const rows = await app.db.webhookDelivery.findMany({
      where: { endpointId: req.params.id },
      orderBy: { id: 'desc' },
      take: req.query.limit,
      include: { event: { select: { eventId: true, type: true, createdAt: true } } },
    });
    return {
      deliveries: rows.map((d) => ({
        id: d.id,
        eventId: d.event.eventId,
        type: d.event.type,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
        deliveredAt: d.deliveredAt,
        createdAt: d.createdAt,
      })),
    };
  });

  // One more attempt now, for a failed (or waiting) delivery.
  app.post('/webhooks/:id/deliveries/:deliveryId/retry', { schema: { tags, params: DeliveryParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await endpoint(workspaceId, req.params.id);
    const d = await app.db.webhookDelivery.findFirst({ where: { id: req.params.deliveryId, endpointId: req.params.id }, select: { status: true } });
    if (!d) throw new NotFoundError('delivery', req.params.deliveryId);
    if (d.status === 'delivered') throw new ConflictError('this delivery has already been delivered');
    await app.db.webhookDelivery.updateMany({
      where: { id: req.params.deliveryId, status: { not: 'delivered' } },
      data: { status: 'pending', nextAttemptAt: new Date(), leaseUntil: null },
    });
    return reply.status(202).send({ id: req.params.deliveryId, status: 'pending' });
  });
};
