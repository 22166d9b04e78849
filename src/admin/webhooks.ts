// Webhook endpoints and their deliveries (/admin/v1/webhooks). The secret is shown once,
// on create and on rotation.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/outbox.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listDeliveries, listEndpoints, retryDelivery, rotateSecret, updateEndpoint } from '../webhooks/endpoints.js';
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

export const webhookRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['admin'];
  const settings = app.config.webhooks;

  app.post('/webhooks', { config: { idempotent: true }, schema: { tags, querystring: WorkspaceQuery, body: Create } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    return reply.status(201).send(await createEndpoint(app.db, settings, workspaceId, req.body));
  });
  app.get('/webhooks', { schema: { tags, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { webhooks: await listEndpoints(app.db, workspaceId) };
  });
  app.get('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return getEndpoint(app.db, workspaceId, req.params.id);
  });
  app.patch('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery, body: Update } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return updateEndpoint(app.db, settings, workspaceId, req.params.id, req.body);
  });
  app.delete('/webhooks/:id', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    await deleteEndpoint(app.db, workspaceId, req.params.id);
    return reply.status(204).send();
  });
  app.post('/webhooks/:id/rotate-secret', { schema: { tags, params: IntId, querystring: WorkspaceQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return rotateSecret(app.db, settings, workspaceId, req.params.id);
  });
  app.get('/webhooks/:id/deliveries', { schema: { tags, params: IntId, querystring: DeliveriesQuery } }, async (req) => {
    const { workspaceId } = await adminCtx(req);
    return { deliveries: await listDeliveries(app.db, workspaceId, req.params.id, req.query.limit) };
  });
  app.post('/webhooks/:id/deliveries/:deliveryId/retry', { schema: { tags, params: DeliveryParams, querystring: WorkspaceQuery } }, async (req, reply) => {
    const { workspaceId } = await adminCtx(req);
    return reply.status(202).send(await retryDelivery(app.db, workspaceId, req.params.id, req.params.deliveryId));
  });
};
