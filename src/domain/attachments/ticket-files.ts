// Files uploaded straight onto a ticket: linking a batch of stored uploads in one
// transaction (counter + one event per file), or discarding a batch that failed half way.
import { removeUnusedFiles } from './store.js';
import type { Ctx } from '../context.js';
import { NotFoundError } from '../errors.js';
import { appendEvents, EventAction } from '../events.js';
import { resolveTicketId, type TicketKey } from '../tickets/find.js';
import { claimAttachments } from './claim.js';
import { authorize } from '../policy.js';

export async function attachToTicket(ctx: Ctx, key: TicketKey, attachmentIds: readonly number[], description?: string | null) {
  authorize(ctx, 'attachment.attach');
  const ticketId = await resolveTicketId(ctx, key);
  await ctx.db.$transaction(async (tx) => {
    const attached = await claimAttachments(tx, ctx, attachmentIds, { ticketId });
    if (description) await tx.attachment.updateMany({ where: { id: { in: [...attachmentIds] }, workspaceId: ctx.workspaceId }, data: { description } });
    await tx.ticket.update({ where: { id: ticketId }, data: { updatedAt: new Date() } });
    await appendEvents(
      tx,
      { workspaceId: ctx.workspaceId, ticketId, actor: ctx.actor },
      attached.map((a) => ({ action: EventAction.attachment, description: a.filename, data: { attachmentId: a.id } })),
    );
  });
  return ctx.db.attachment.findMany({ where: { id: { in: [...attachmentIds] }, workspaceId: ctx.workspaceId }, orderBy: { id: 'asc' } });
}

/** Removes uploads not yet linked to anything (the bytes stay: they are content-addressed and may be shared). */
export async function discardUploads(ctx: Ctx, attachmentIds: readonly number[]): Promise<void> {
  if (!attachmentIds.length) return;
  const where = { id: { in: [...attachmentIds] }, workspaceId: ctx.workspaceId, ticketId: null, messageId: null };
  const files = (await ctx.db.attachment.findMany({ where, select: { storagePath: true } })).map((r) => r.storagePath);
  await ctx.db.attachment.deleteMany({ where });
  await removeUnusedFiles(ctx, files);
}

/** Every attachment of the ticket (its own and its messages'), oldest first. */
export async function ticketAttachments(ctx: Ctx, key: TicketKey) {
  const ticketId = await resolveTicketId(ctx, key);
  return ctx.db.attachment.findMany({ where: { ticketId, workspaceId: ctx.workspaceId }, include: { uploader: { select: { name: true } } }, orderBy: { id: 'asc' } });
}

export async function ticketAttachment(ctx: Ctx, key: TicketKey, attachmentId: number) {
  const ticketId = await resolveTicketId(ctx, key);
  const wellFormed = Number.isSafeInteger(attachmentId) && attachmentId > 0 && attachmentId <= 2147483647;
  const a = wellFormed ? await ctx.db.attachment.findFirst({ where: { id: attachmentId, ticketId, workspaceId: ctx.workspaceId } }) : null;
  if (!a) throw new NotFoundError('attachment', attachmentId);
  return a;
}
