// Replies (public, to the requester) and notes (internal). Posting one updates the ticket's
// counters, activity time, answered state and first response time in the same transaction.
import type { Prisma } from '../generated/prisma/client.js';
import { isStaff, type Ctx } from './context.js';
import type { StatusValue } from './canonical.js';
import { NotFoundError, ValidationError } from './errors.js';
import { appendEvents, EventAction } from './events.js';
import { claimAttachments } from './attachments/claim.js';
import { removeUnusedFiles } from './attachments/store.js';
import { resolveTicketId, loadTicket, type FindOptions, type TicketKey } from './tickets/find.js';
import { applyPatch, loadForPatch, patchActions, type TicketPatch } from './tickets/patch.js';
import { authorize, type Action } from './policy.js';
import { requireVisible } from './visibility.js';

export interface MessageInput {
  kind: 'reply' | 'note';
  bodyText: string;
  bodyHtml?: string | null;
  /** Author user; defaults to the acting user. */
  authorId?: number | null;
  authorName?: string | null;
  authorType?: string | null;
  cc?: string[];
  bcc?: string[];
  attachmentIds?: number[];
  /** Mark this reply as the ticket's solution. */
  isSolution?: boolean;
  minutes?: number;
  /** Further changes made with the message (status, close, auto-assign). */
  patch?: TicketPatch;
  /** Assign the actor when the ticket has no assignee (Sympoq auto_assign). */
  autoAssign?: boolean;
}

export const messageInclude = {
  author: { select: { id: true, name: true, email: true, role: true, pictureUrl: true } },
  attachments: { orderBy: { id: 'asc' } },
  ticket: { select: { id: true, uuid: true, replyCount: true, noteCount: true } },
} satisfies Prisma.MessageInclude;
export type MessageView = Prisma.MessageGetPayload<{ include: typeof messageInclude }>;

export const BODY_MAX = 1_000_000;

/** What posting this message needs: its kind, and the ticket changes made with it. */
function messageActions(input: MessageInput): Action[] {
  const patch: TicketPatch = { ...input.patch, ...(input.isSolution ? { solution: input.bodyText } : {}), ...(input.autoAssign ? { assigneeId: 0 } : {}) };
  return [input.kind === 'reply' ? 'message.reply' : 'message.note', ...(Object.keys(patch).length ? patchActions(patch) : [])];
}

function checkMessageInput(ctx: Ctx, input: MessageInput): void {
  authorize(ctx, ...messageActions(input));
  if (!input.bodyText.trim() && !input.bodyHtml?.trim() && !input.attachmentIds?.length) {
    throw ValidationError.field('text', 'message text is required');
  }
  if (input.bodyText.length > BODY_MAX) throw ValidationError.field('text', 'message is too long');
}

/** Writes one message with its counters, events and patch; caller owns the transaction. */
async function writeMessage(tx: Prisma.TransactionClient, ctx: Ctx, ticketId: number, input: MessageInput): Promise<number> {
  const authorId = input.authorId !== undefined ? input.authorId : (ctx.actor?.userId ?? null);
  const author = authorId != null ? await tx.user.findFirst({ where: { id: authorId, workspaceId: ctx.workspaceId }, select: { id: true, name: true, role: true } }) : null;
  if (authorId != null && !author) throw ValidationError.field('author', `user ${authorId} does not exist in this workspace`);
  // Posting as another member of staff is impersonation; as the requester (a customer) it is recording their message.
  if (author && author.id !== ctx.actor?.userId && isStaff(author.role)) authorize(ctx, 'message.on_behalf');
  const fromStaff = author ? isStaff(author.role) : input.authorType === 'team_member' || input.authorType === 'system';
  const now = new Date();
  const minutes = input.minutes ?? 0;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 100000) throw ValidationError.field('minutes', 'minutes must be a whole number from 0 to 100000');
  const message = await tx.message.create({
    data: {
      workspaceId: ctx.workspaceId,
      ticketId,
      kind: input.kind,
      authorId,
      authorName: input.authorName ?? null,
      authorType: input.authorType ?? (fromStaff ? 'team_member' : 'client'),
      bodyText: input.bodyText,
      bodyHtml: input.bodyHtml ?? null,
      cc: input.cc ?? [],
      bcc: input.bcc ?? [],
      isSolution: input.isSolution ?? false,
      minutes,
      createdAt: now,
    },
    select: { id: true },
  });
  const current = await loadForPatch(tx, ticketId);
  const data: Prisma.TicketUpdateInput = { lastActivityAt: now, updatedAt: now };
  if (input.kind === 'reply') {
    data.replyCount = { increment: 1 };
    data.unanswered = !fromStaff;
    if (fromStaff && !current.firstResponseAt) data.firstResponseAt = now;
  } else data.noteCount = { increment: 1 };
  if (minutes) data.minutesSpent = { increment: minutes };
  await tx.ticket.update({ where: { id: ticketId }, data });
  if (input.attachmentIds?.length) {
    const attached = await claimAttachments(tx, ctx, input.attachmentIds, { ticketId, messageId: message.id });
    await appendEvents(tx, { workspaceId: ctx.workspaceId, ticketId, actor: ctx.actor }, attached.map((a) => ({ action: EventAction.attachment, description: a.filename, data: { attachmentId: a.id, messageId: message.id } })));
  }
  await appendEvents(tx, { workspaceId: ctx.workspaceId, ticketId, actor: ctx.actor, actorName: input.authorName ?? author?.name ?? null }, [
    {
      action: input.kind === 'reply' ? EventAction.replied : EventAction.noted,
      description: input.bodyText,
      data: { messageId: message.id },
      minutes: minutes || null,
    },
  ]);
  const patch: TicketPatch = { ...input.patch };
  if (input.isSolution) patch.solution = input.bodyText;
  if (input.autoAssign && current.assigneeId == null && ctx.actor && patch.assigneeId === undefined) patch.assigneeId = ctx.actor.userId;
  if (Object.keys(patch).length) await applyPatch(tx, ctx, { ...current, ...(await loadForPatch(tx, ticketId)) }, patch);
  return message.id;
}

export async function addMessage(ctx: Ctx, key: TicketKey, input: MessageInput, opts: FindOptions = {}) {
  checkMessageInput(ctx, input);
  const ticketId = await resolveTicketId(ctx, key, opts);
  await requireVisible(ctx, ticketId);
  const messageId = await ctx.db.$transaction((tx) => writeMessage(tx, ctx, ticketId, input));
  const message = await ctx.db.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude });
  return { message, ticket: await loadTicket(ctx.db, ctx.workspaceId, ticketId) };
}

/** Several messages on one ticket in one transaction (e.g. a reply and a note posted together). */
export async function addMessages(ctx: Ctx, key: TicketKey, inputs: readonly MessageInput[], opts: FindOptions = {}) {
  for (const input of inputs) checkMessageInput(ctx, input);
  const ticketId = await resolveTicketId(ctx, key, opts);
  await requireVisible(ctx, ticketId);
  const ids = await ctx.db.$transaction(async (tx) => {
    const out: number[] = [];
    for (const input of inputs) out.push(await writeMessage(tx, ctx, ticketId, input));
    return out;
  });
  const messages = await ctx.db.message.findMany({ where: { id: { in: ids } }, include: messageInclude, orderBy: { id: 'asc' } });
  return { messages, ticket: await loadTicket(ctx.db, ctx.workspaceId, ticketId) };
}

export async function listMessages(ctx: Ctx, key: TicketKey, kind?: 'reply' | 'note', opts: FindOptions = {}): Promise<MessageView[]> {
  const ticketId = await resolveTicketId(ctx, key, opts);
  return ctx.db.message.findMany({ where: { ticketId, workspaceId: ctx.workspaceId, ...(kind ? { kind } : {}) }, include: messageInclude, orderBy: { id: 'asc' } });
}

export async function getMessage(ctx: Ctx, key: TicketKey, messageId: number, kind?: 'reply' | 'note'): Promise<MessageView> {
  const ticketId = await resolveTicketId(ctx, key);
  if (!Number.isSafeInteger(messageId) || messageId <= 0 || messageId > 2147483647) throw new NotFoundError(kind ?? 'message', messageId);
  const m = await ctx.db.message.findFirst({ where: { id: messageId, ticketId, workspaceId: ctx.workspaceId, ...(kind ? { kind } : {}) }, include: messageInclude });
  if (!m) throw new NotFoundError(kind ?? 'message', messageId);
  return m;
}

export async function deleteMessage(ctx: Ctx, key: TicketKey, messageId: number, kind?: 'reply' | 'note'): Promise<void> {
  authorize(ctx, 'message.delete');
  const m = await getMessage(ctx, key, messageId, kind);
  const files = m.attachments.map((a) => a.storagePath);
  await ctx.db.$transaction(async (tx) => {
    await tx.message.delete({ where: { id: m.id } });
    const removedAttachments = m.attachments.length;
    await tx.ticket.update({
      where: { id: m.ticketId },
      data: {
        ...(m.kind === 'reply' ? { replyCount: { decrement: 1 } } : { noteCount: { decrement: 1 } }),
        ...(removedAttachments ? { attachmentCount: { decrement: removedAttachments } } : {}),
        updatedAt: new Date(),
      },
    });
    await appendEvents(tx, { workspaceId: ctx.workspaceId, ticketId: m.ticketId, actor: ctx.actor }, [
      { action: EventAction.messageDeleted, description: m.kind, data: { messageId: m.id, kind: m.kind } },
    ]);
  });
  await removeUnusedFiles(ctx, files);
}

export type { StatusValue };
