// Permanently deleting a ticket from the trash (SupportBee: admins only, trashed tickets only).
import type { Ctx } from '../context.js';
import { ValidationError } from '../errors.js';
import { authorize } from '../policy.js';
import { resolveTicketId, type TicketKey } from './find.js';
import { removeUnusedFiles, ticketFiles } from '../attachments/store.js';
import { appendTicketsDeleted } from '../outbox.js';

export async function purgeTrashedTicket(ctx: Ctx, key: TicketKey): Promise<void> {
  authorize(ctx, 'ticket.delete');
  const id = await resolveTicketId(ctx, key);
  // The trashed condition sits in the DELETE itself, so a concurrent restore cannot be lost.
  const files = await ticketFiles(ctx, [id]);
  await ctx.db.$transaction(async (tx) => {
    await appendTicketsDeleted(tx, ctx.workspaceId, [id]);
    const { count } = await tx.ticket.deleteMany({ where: { id, workspaceId: ctx.workspaceId, trashed: true } });
    // Throwing rolls the ticket.deleted event back with it.
    if (!count) throw ValidationError.field('ticket', 'only trashed tickets can be deleted');
  });
  await removeUnusedFiles(ctx, files);
}
