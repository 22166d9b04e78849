// Reply drafts: one per ticket and agent, saved while a reply is being written. Draft
// attachments stay off the ticket until a reply claims them.
import type { Prisma } from '../generated/prisma/client.js';
import type { Ctx } from './context.js';
import { NotFoundError } from './errors.js';
import { authorize } from './policy.js';
import { claimAttachments } from './attachments/claim.js';
import { resolveTicketId, type TicketKey } from './tickets/find.js';

export const draftInclude = {
  user: { select: { id: true, name: true, email: true, role: true, pictureUrl: true } },
  attachments: { orderBy: { id: 'asc' } },
} satisfies Prisma.DraftInclude;
export type DraftView = Prisma.DraftGetPayload<{ include: typeof draftInclude }>;

export interface DraftInput {
  bodyText?: string;
  bodyHtml?: string | null;
  cc?: string[];
  bcc?: string[];
  /** Replaces the draft's attachments when given. */
  attachmentIds?: number[];
}

function actorId(ctx: Ctx): number {
  authorize(ctx, 'draft.write');
  return ctx.actor!.userId;
}

/** The caller's draft on the ticket, or null. */
export async function findDraft(ctx: Ctx, key: TicketKey): Promise<{ ticketId: number; draft: DraftView | null }> {
  const userId = actorId(ctx);
  const ticketId = await resolveTicketId(ctx, key);
  const draft = await ctx.db.draft.findUnique({ where: { ticketId_userId: { ticketId, userId } }, include: draftInclude });
  return { ticketId, draft };
}

/**
 * Saves the caller's draft. `create` makes or replaces it (unset fields reset);
 * `update` changes only the given fields of an existing draft (NotFound without one).
 */
export async function saveDraft(ctx: Ctx, key: TicketKey, input: DraftInput, mode: 'create' | 'update'): Promise<DraftView> {
  const userId = actorId(ctx);
  const ticketId = await resolveTicketId(ctx, key);
  const id = await ctx.db.$transaction(async (tx) => {
    const existing = await tx.draft.findUnique({ where: { ticketId_userId: { ticketId, userId } }, select: { id: true } });
    if (!existing && mode === 'update') throw new NotFoundError('draft');
    const replace = mode === 'create';
    const data = {
      bodyText: input.bodyText ?? (replace ? '' : undefined),
      bodyHtml: input.bodyHtml !== undefined ? input.bodyHtml : replace ? null : undefined,
      cc: input.cc ?? (replace ? [] : undefined),
      bcc: input.bcc ?? (replace ? [] : undefined),
    };
    const draft = existing
      ? await tx.draft.update({ where: { id: existing.id }, data, select: { id: true } })
      : await tx.draft.create({ data: { ticketId, userId, bodyText: data.bodyText ?? '', bodyHtml: data.bodyHtml ?? null, cc: data.cc ?? [], bcc: data.bcc ?? [] }, select: { id: true } });
    const ids = input.attachmentIds ?? (replace ? [] : undefined);
    if (ids !== undefined) {
      await tx.attachment.updateMany({ where: { draftId: draft.id, id: { notIn: ids } }, data: { draftId: null } });
      if (ids.length) await claimAttachments(tx, ctx, ids, { ticketId, draftId: draft.id });
    }
    return draft.id;
  });
  return ctx.db.draft.findUniqueOrThrow({ where: { id }, include: draftInclude });
}

export async function deleteDraft(ctx: Ctx, key: TicketKey): Promise<void> {
  const userId = actorId(ctx);
  const ticketId = await resolveTicketId(ctx, key);
  const { count } = await ctx.db.draft.deleteMany({ where: { ticketId, userId } });
  if (!count) throw new NotFoundError('draft');
}

export interface QuotedMessage {
  authorName: string | null;
  authorEmail: string | null;
  at: Date;
  text: string;
  html: string | null;
}

/** What a new draft quotes: the latest reply, else the ticket's own content. Two queries at most. */
export async function lastPublicMessage(ctx: Ctx, ticketId: number): Promise<QuotedMessage> {
  const reply = await ctx.db.message.findFirst({
    where: { ticketId, workspaceId: ctx.workspaceId, kind: 'reply' },
    orderBy: { id: 'desc' },
    select: { createdAt: true, bodyText: true, bodyHtml: true, authorName: true, author: { select: { name: true, email: true } } },
  });
  if (reply) return { authorName: reply.authorName ?? reply.author?.name ?? null, authorEmail: reply.author?.email ?? null, at: reply.createdAt, text: reply.bodyText, html: reply.bodyHtml };
  const t = await ctx.db.ticket.findFirstOrThrow({
    where: { id: ticketId, workspaceId: ctx.workspaceId },
    select: { createdAt: true, descriptionText: true, descriptionHtml: true, requester: { select: { name: true, email: true } } },
  });
  return { authorName: t.requester?.name ?? null, authorEmail: t.requester?.email ?? null, at: t.createdAt, text: t.descriptionText, html: t.descriptionHtml };
}
