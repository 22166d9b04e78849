// Small workspace catalog lookups dialects need around tickets: labels, team memberships,
// and the attachments of ticket descriptions (for a whole page of tickets at once).
import type { Db } from '../db/client.js';
import type { Ctx } from './context.js';
import { NotFoundError } from './errors.js';
import type { EventActionValue } from './events.js';

export function listLabels(ctx: Ctx) {
  return ctx.db.label.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: 'asc' }, select: { id: true, name: true, color: true } });
}

/** Ids of the teams the user belongs to, within the workspace. */
export async function teamIdsOf(ctx: Ctx, userId: number): Promise<number[]> {
  const rows = await ctx.db.teamMember.findMany({ where: { userId, team: { workspaceId: ctx.workspaceId } }, select: { teamId: true } });
  return rows.map((r) => r.teamId);
}

/** Attachments of the tickets' own content (not of replies, notes or drafts), by ticket id. One query. */
export async function ticketContentAttachments(ctx: Ctx, ticketIds: readonly number[]) {
  const rows = ticketIds.length
    ? await ctx.db.attachment.findMany({ where: { workspaceId: ctx.workspaceId, ticketId: { in: [...ticketIds] }, messageId: null, draftId: null }, orderBy: { id: 'asc' } })
    : [];
  const byTicket = new Map<number, typeof rows>();
  for (const a of rows) {
    const list = byTicket.get(a.ticketId!) ?? [];
    list.push(a);
    byTicket.set(a.ticketId!, list);
  }
  return byTicket;
}

/** A label of the workspace by name (case-insensitive), or NotFound. */
export async function findLabel(ctx: Ctx, name: string) {
  const label = await ctx.db.label.findFirst({ where: { workspaceId: ctx.workspaceId, name: { equals: name.trim(), mode: 'insensitive' } }, select: { id: true, name: true, color: true } });
  if (!label) throw new NotFoundError('label', name);
  return label;
}

/** The latest event of this kind on the ticket (e.g. the current assignment), or null. */
export function lastEvent(ctx: Ctx, ticketId: number, action: EventActionValue) {
  return ctx.db.ticketEvent.findFirst({ where: { workspaceId: ctx.workspaceId, ticketId, action }, orderBy: { id: 'desc' }, select: { id: true, createdAt: true } });
}

/** The workspace with this slug, or NotFound (anonymous callers name their desk this way). */
export async function workspaceBySlug(db: Db, slug: string): Promise<number> {
  const ws = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!ws) throw new NotFoundError('company', slug);
  return ws.id;
}

/** The queue kind that takes tickets (CRM departments of other kinds hold projects). */
export const TICKET_QUEUE_KIND = 'ticket';
