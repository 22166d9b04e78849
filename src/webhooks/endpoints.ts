// Managing webhook endpoints and their deliveries, shared by the admin API and the CLI.
// Everything is scoped to one workspace.
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import { newSecret, sealSecret } from './secrets.js';
import { TargetError, validateTarget } from './target.js';

type Settings = Pick<Config['webhooks'], 'allowPrivate' | 'secretKey'>;

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string;
  enabled?: boolean;
}

const select = { id: true, url: true, events: true, description: true, enabled: true, createdAt: true, updatedAt: true } as const;

async function target(url: string, s: Settings): Promise<string> {
  try {
    return (await validateTarget(url, s.allowPrivate)).toString();
  } catch (err) {
    if (err instanceof TargetError) throw ValidationError.field('url', err.message);
    throw err;
  }
}

/** `*` subsumes every type. */
const normalize = (events: string[]) => (events.includes('*') ? ['*'] : [...new Set(events)]);

export async function getEndpoint(db: Db, workspaceId: number, id: number) {
  const e = await db.webhookEndpoint.findFirst({ where: { id, workspaceId }, select });
  if (!e) throw new NotFoundError('webhook', id);
  return e;
}

export const listEndpoints = (db: Db, workspaceId: number) => db.webhookEndpoint.findMany({ where: { workspaceId }, select, orderBy: { id: 'asc' } });

/** The new endpoint with its secret (the only time it is shown). */
export async function createEndpoint(db: Db, s: Settings, workspaceId: number, input: EndpointInput) {
  const url = await target(input.url, s);
  const secret = newSecret();
  const e = await db.webhookEndpoint.create({
    data: { workspaceId, url, events: normalize(input.events), description: input.description ?? '', enabled: input.enabled ?? true, secret: sealSecret(secret, s.secretKey) },
    select,
  });
  return { id: e.id, url: e.url, events: e.events, description: e.description, enabled: e.enabled, secret, createdAt: e.createdAt };
}

export async function updateEndpoint(db: Db, s: Settings, workspaceId: number, id: number, input: Partial<EndpointInput>) {
  await getEndpoint(db, workspaceId, id);
  const { url, events, ...rest } = input;
  return db.webhookEndpoint.update({
    where: { id },
    data: { ...rest, ...(url !== undefined ? { url: await target(url, s) } : {}), ...(events ? { events: normalize(events) } : {}) },
    select,
  });
}

export async function deleteEndpoint(db: Db, workspaceId: number, id: number): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { id, workspaceId } });
  if (!count) throw new NotFoundError('webhook', id);
}

/** A new secret; the old one stops signing at once. */
export async function rotateSecret(db: Db, s: Settings, workspaceId: number, id: number) {
  await getEndpoint(db, workspaceId, id);
  const secret = newSecret();
  await db.webhookEndpoint.update({ where: { id }, data: { secret: sealSecret(secret, s.secretKey) } });
  return { id, secret };
}

/** Newest first. */
export async function listDeliveries(db: Db, workspaceId: number, id: number, limit: number) {
  await getEndpoint(db, workspaceId, id);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId: id },
    orderBy: { id: 'desc' },
    take: limit,
    include: { event: { select: { eventId: true, type: true } } },
  });
  return rows.map((d) => ({
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
  }));
}

/** One more attempt now, for a failed (or waiting) delivery. */
export async function retryDelivery(db: Db, workspaceId: number, id: number, deliveryId: number) {
  await getEndpoint(db, workspaceId, id);
  const d = await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: id }, select: { status: true } });
  if (!d) throw new NotFoundError('delivery', deliveryId);
  if (d.status === 'delivered') throw new ConflictError('this delivery has already been delivered');
  await db.webhookDelivery.updateMany({ where: { id: deliveryId, status: { not: 'delivered' } }, data: { status: 'pending', nextAttemptAt: new Date(), leaseUntil: null } });
  return { id: deliveryId, status: 'pending' as const };
}
