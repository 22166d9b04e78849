// Linking uploaded attachments to a ticket, message or draft, inside the caller's transaction.
// An upload is owned: only its uploader may attach it, and only while nothing else uses it
// (a draft's files stay the draft's until its author sends them). Every refusal reads the
// same, so the answer tells nothing about ids of other workspaces or other people.
import type { Prisma } from '../../generated/prisma/client.js';
import type { Actor, Tx } from '../context.js';
import { ValidationError } from '../errors.js';

export const unavailable = (id: number) => ValidationError.field('attachment_ids', `attachment ${id} is not available`);

type Link = { ticketId: number; messageId?: number; draftId?: number };
type Row = { id: number; ticketId: number | null; messageId: number | null; draftId: number | null; uploaderId: number | null; filename: string; draft: { userId: number; ticketId: number } | null };

const FREE = { ticketId: null, messageId: null, draftId: null } satisfies Prisma.AttachmentWhereInput;

/** How row `r` may be claimed for `link` by `actor`: from which state, or not at all. */
function claimFrom(r: Row, actor: Actor | null, link: Link): 'free' | 'draft' | 'here' | null {
  if (!actor || r.uploaderId !== actor.userId) return null;
  if (r.ticketId == null && r.messageId == null && r.draftId == null) return 'free';
  if (link.draftId !== undefined) return r.draftId === link.draftId ? 'here' : null;
  // Sending a draft: the author's own draft on this very ticket hands its files over.
  if (r.draftId != null && r.draft?.userId === actor.userId && r.draft.ticketId === link.ticketId && r.ticketId == null) return 'draft';
  if (link.messageId === undefined && r.ticketId === link.ticketId && r.messageId == null && r.draftId == null) return 'here';
  return null;
}

export async function claimAttachments(tx: Tx, ctx: { workspaceId: number; actor: Actor | null }, ids: readonly number[], link: Link) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const bad = unique.find((id) => !Number.isSafeInteger(id) || id <= 0 || id > 2147483647);
  if (bad !== undefined) throw unavailable(bad);
  const rows: Row[] = await tx.attachment.findMany({
    where: { id: { in: unique }, workspaceId: ctx.workspaceId },
    select: { id: true, ticketId: true, messageId: true, draftId: true, uploaderId: true, filename: true, draft: { select: { userId: true, ticketId: true } } },
  });
  const from = new Map<number, ReturnType<typeof claimFrom>>();
  for (const id of unique) {
    const r = rows.find((x) => x.id === id);
    const how = r ? claimFrom(r, ctx.actor, link) : null;
    if (!how) throw unavailable(id);
    from.set(id, how);
  }
  const data: Prisma.AttachmentUncheckedUpdateManyInput =
    link.draftId !== undefined ? { draftId: link.draftId } : { ticketId: link.ticketId, draftId: null, ...(link.messageId ? { messageId: link.messageId } : {}) };
  // Each group is moved only from the state it was checked in: a concurrent claim makes the count fall short.
  for (const how of ['free', 'draft'] as const) {
    const group = unique.filter((id) => from.get(id) === how);
    if (!group.length) continue;
    const where: Prisma.AttachmentWhereInput = how === 'free' ? { id: { in: group }, ...FREE } : { id: { in: group }, ticketId: null, messageId: null, draft: { userId: ctx.actor!.userId, ticketId: link.ticketId } };
    const { count } = await tx.attachment.updateMany({ where, data });
    if (count !== group.length) throw unavailable(group[0]);
  }
  const newlyOnTicket = link.draftId === undefined ? rows.filter((r) => r.ticketId == null).length : 0;
  if (newlyOnTicket) await tx.ticket.update({ where: { id: link.ticketId }, data: { attachmentCount: { increment: newlyOnTicket } } });
  return rows.filter((r) => from.get(r.id) !== 'here');
}
