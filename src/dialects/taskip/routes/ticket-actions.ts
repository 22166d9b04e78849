// /api/public-v1/ticket/{id}/...: assign, status update and replies, envelope
// {success, message, data}.
import { addMessage } from '../../../domain/messages.js';
import { resolveTicketId } from '../../../domain/tickets/find.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import { ValidationError } from '../../../domain/errors.js';
import type { MessageInput } from '../../../domain/messages.js';
import type { Ctx } from '../../../domain/context.js';
import type { RouteKit, TaskipApp } from '../route.js';
import { ErrorBody } from '../errors.js';
import { AddReplyBody, AddReplyResponse, AssignBody, AssignResponse, IdParams, TicketStatusBody, TicketStatusResponse } from '../schemas.js';
import { iso, isoOrNull } from '../format.js';
import { statusFromName, statusToName } from '../values.js';

const P = '/api/public-v1/ticket/:id';

/** Who a reply is from: the caller (team_member), the ticket's requester (client) or nobody (system). */
async function author(ctx: Ctx, ticketId: number, type: 'team_member' | 'client' | 'system'): Promise<Pick<MessageInput, 'authorId' | 'authorName' | 'authorType'>> {
  if (type === 'team_member') return { authorType: type };
  if (type === 'system') return { authorId: null, authorName: 'System', authorType: type };
  const t = await ctx.db.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { requesterId: true } });
  return { authorId: t.requesterId, authorName: t.requesterId ? null : 'Client', authorType: type };
}

export function ticketActionRoutes(app: TaskipApp, { op, scope }: RouteKit) {
  app.post(`${P}/assign`, op('Assign ticket to team member', { params: IdParams, body: AssignBody, response: { 200: AssignResponse, 409: ErrorBody } }), async (req) => {
    const { ctx } = scope(req);
    const { assigned_to, reason } = req.body;
    const { ticket, before } = await updateTicket(ctx, { id: req.params.id }, { assigneeId: assigned_to }, { lockClosed: true, notes: reason ? { assigned: reason } : {} });
    return {
      success: true as const,
      message: 'Ticket assigned successfully',
      data: {
        ticket_id: ticket.id,
        previous_assignee: before.assigneeName,
        new_assignee: ticket.assignee?.name ?? '',
        assigned_at: iso(ticket.assignedAt ?? ticket.updatedAt),
        reason: reason ?? null,
      },
    };
  });

  app.post(`${P}/status-update`, op('Update ticket status (resolution_notes required for resolved)', { params: IdParams, body: TicketStatusBody, response: { 200: TicketStatusResponse } }), async (req) => {
    const { ctx } = scope(req);
    const { status, resolution_notes } = req.body;
    if (status === 'resolved' && !resolution_notes?.trim()) {
      throw ValidationError.field('resolution_notes', 'The resolution notes field is required when status is resolved.');
    }
    const patch = { status: statusFromName(status), ...(resolution_notes !== undefined ? { resolutionNotes: resolution_notes } : {}) };
    const { ticket, before } = await updateTicket(ctx, { id: req.params.id }, patch);
    return {
      success: true as const,
      message: 'Ticket status updated successfully',
      data: {
        ticket_id: ticket.id,
        old_status: statusToName(before.status),
        new_status: statusToName(ticket.status),
        resolution_notes: ticket.resolutionNotes,
        actual_resolution_time: isoOrNull(ticket.closedAt),
        updated_at: iso(ticket.updatedAt),
      },
    };
  });

  app.post(`${P}/add-reply`, { ...op('Add reply to ticket (is_private makes it an internal note)', { params: IdParams, body: AddReplyBody, response: { 201: AddReplyResponse } }), config: { idempotent: true } }, async (req, reply) => {
    const { ctx } = scope(req);
    const b = req.body;
    const ticketId = await resolveTicketId(ctx, { id: req.params.id });
    const type = b.author_type ?? 'team_member';
    const { message } = await addMessage(ctx, { id: ticketId }, { kind: b.is_private ? 'note' : 'reply', bodyText: b.message, ...(await author(ctx, ticketId, type)) });
    return reply.status(201).send({
      success: true as const,
      message: 'Reply added successfully',
      data: {
        reply_id: message.id,
        ticket_id: ticketId,
        message: message.bodyText,
        author: message.author?.name ?? message.authorName ?? '',
        author_type: message.authorType ?? type,
        is_private: message.kind === 'note',
        created_at: iso(message.createdAt),
      },
    });
  });
}
