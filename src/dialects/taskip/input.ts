// TaskIP request bodies -> domain inputs.
import type { Ctx } from '../../domain/context.js';
import { ValidationError } from '../../domain/errors.js';
import type { CreateTicketInput } from '../../domain/tickets/create.js';
import type { TicketPatch } from '../../domain/tickets/patch.js';
import type { TicketWrite } from './schemas.js';
import { priorityFromInt, statusFromInt } from './values.js';

/** A category (queue) name of the workspace -> its id; unknown names are a 422 on `category`. */
export async function categoryId(ctx: Ctx, name: string): Promise<number | null> {
  const q = await ctx.db.queue.findFirst({ where: { workspaceId: ctx.workspaceId, name: { equals: name.trim(), mode: 'insensitive' } }, select: { id: true } });
  return q?.id ?? null;
}

async function requireCategory(ctx: Ctx, name: string | null | undefined): Promise<number | null | undefined> {
  if (name === undefined || name === null || !name.trim()) return name === undefined ? undefined : null;
  const id = await categoryId(ctx, name);
  if (id === null) throw ValidationError.field('category', 'The selected category is invalid.');
  return id;
}

/** The fields create and update share; only fields present in the body are set. */
export async function ticketChanges(ctx: Ctx, b: TicketWrite): Promise<TicketPatch> {
  const patch: TicketPatch = {};
  if (b.subject !== undefined) patch.subject = b.subject;
  if (b.description !== undefined) patch.descriptionText = b.description ?? '';
  if (b.status !== undefined) patch.status = statusFromInt(b.status);
  if (b.priority !== undefined) patch.priority = priorityFromInt(b.priority);
  if (b.attachment != null) patch.attachmentIds = [b.attachment];
  if (b.created_by !== undefined) patch.creatorId = b.created_by;
  if (b.user_id !== undefined) patch.requesterId = b.user_id;
  if (b.client_id !== undefined) patch.organizationId = b.client_id;
  if (b.assigned_to !== undefined) patch.assigneeId = b.assigned_to;
  const queueId = await requireCategory(ctx, b.category);
  if (queueId !== undefined) patch.queueId = queueId;
  return patch;
}

export async function createInput(ctx: Ctx, b: TicketWrite): Promise<CreateTicketInput> {
  const p = await ticketChanges(ctx, b);
  return {
    subject: p.subject,
    descriptionText: p.descriptionText ?? '',
    status: p.status ?? 'open',
    priority: p.priority,
    source: 'api',
    creatorId: p.creatorId,
    requesterId: p.requesterId,
    organizationId: p.organizationId,
    assigneeId: p.assigneeId,
    queueId: p.queueId,
    attachmentIds: p.attachmentIds,
  };
}
