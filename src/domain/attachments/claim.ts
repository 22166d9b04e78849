// Linking uploaded attachments to a ticket, message or draft, inside the caller's transaction.
import type { Tx } from '../context.js';
import { ValidationError } from '../errors.js';

export async function claimAttachments(
  tx: Tx,
  workspaceId: number,
  ids: readonly number[],
  link: { ticketId: number; messageId?: number; draftId?: number },
) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await tx.attachment.findMany({ where: { id: { in: unique }, workspaceId }, select: { id: true, ticketId: true, filename: true } });
  const missing = unique.find((id) => !rows.some((r) => r.id === id));
  if (missing !== undefined) throw ValidationError.field('attachment_ids', `attachment ${missing} does not exist`);
  const foreign = rows.find((r) => r.ticketId != null && r.ticketId !== link.ticketId);
  if (foreign) throw ValidationError.field('attachment_ids', `attachment ${foreign.id} belongs to another ticket`);
  if (link.draftId !== undefined) {
    // Draft attachments belong to the ticket only once the draft is sent.
    await tx.attachment.updateMany({ where: { id: { in: unique } }, data: { draftId: link.draftId } });
    return rows;
  }
  await tx.attachment.updateMany({
    where: { id: { in: unique } },
    data: { ticketId: link.ticketId, draftId: null, ...(link.messageId ? { messageId: link.messageId } : {}) },
  });
  const newlyOnTicket = rows.filter((r) => r.ticketId == null).length;
  if (newlyOnTicket) await tx.ticket.update({ where: { id: link.ticketId }, data: { attachmentCount: { increment: newlyOnTicket } } });
  return rows;
}
