// Updating and deleting tickets by any identity.
import type { Ctx } from '../context.js';
import type { EventInput } from '../events.js';
import { loadTicket, resolveTicketId, type FindOptions, type TicketKey } from './find.js';
import { applyPatch, loadForPatch, patchActions, type PatchOptions, type TicketPatch } from './patch.js';
import { authorize } from '../policy.js';
import type { TicketView } from './view.js';
import { removeUnusedFiles, ticketFiles } from '../attachments/store.js';
import { appendTicketsDeleted } from '../outbox.js';

export interface UpdateResult {
  ticket: TicketView;
  /** The ticket as it was, for dialects that report previous values. */
  before: { status: TicketView['status']; assigneeId: number | null; assigneeName: string | null; priority: TicketView['priority'] };
  events: EventInput[];
}

export async function updateTicket(ctx: Ctx, key: TicketKey, patch: TicketPatch, opts: PatchOptions & FindOptions = {}): Promise<UpdateResult> {
  authorize(ctx, ...patchActions(patch));
  const id = await resolveTicketId(ctx, key, opts);
  const { before, events } = await ctx.db.$transaction(async (tx) => {
    const current = await loadForPatch(tx, id);
    const events = await applyPatch(tx, ctx, current, patch, opts);
    return {
      events,
      before: { status: current.status, assigneeId: current.assigneeId, assigneeName: current.assignee?.name ?? null, priority: current.priority },
    };
  });
  return { ticket: await loadTicket(ctx.db, ctx.workspaceId, id), before, events };
}

/** Deletes the ticket with its messages, labels, values, events and attachment rows (cascade). */
export async function deleteTicket(ctx: Ctx, key: TicketKey, opts: FindOptions = {}): Promise<void> {
  authorize(ctx, 'ticket.delete');
  const id = await resolveTicketId(ctx, key, opts);
  const files = await ticketFiles(ctx, [id]);
  await ctx.db.$transaction(async (tx) => {
    await appendTicketsDeleted(tx, ctx.workspaceId, [id]);
    await tx.ticket.delete({ where: { id } });
  });
  await removeUnusedFiles(ctx, files);
}

/** Applies one patch to many tickets atomically: one unknown id changes nothing. */
export async function updateTickets(ctx: Ctx, ids: readonly number[], patch: TicketPatch, opts: PatchOptions = {}): Promise<void> {
  authorize(ctx, ...patchActions(patch));
  await ctx.db.$transaction(async (tx) => {
    for (const id of ids) {
      const current = await loadForPatch(tx, await resolveTicketId({ db: tx, workspaceId: ctx.workspaceId }, { id }));
      await applyPatch(tx, ctx, current, patch, opts);
    }
  });
}

export async function deleteTickets(ctx: Ctx, ids: readonly number[]): Promise<number> {
  authorize(ctx, 'ticket.delete');
  const files = await ticketFiles(ctx, ids);
  const count = await ctx.db.$transaction(async (tx) => {
    for (const id of ids) await resolveTicketId({ db: tx, workspaceId: ctx.workspaceId }, { id });
    await appendTicketsDeleted(tx, ctx.workspaceId, ids);
    return (await tx.ticket.deleteMany({ where: { workspaceId: ctx.workspaceId, id: { in: [...ids] } } })).count;
  });
  await removeUnusedFiles(ctx, files);
  return count;
}
