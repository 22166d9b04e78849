// /api/public-v1/support-ticket/... routes keyed by the ticket's uuid: replies, notes,
// priority and status.
import { addMessage, deleteMessage } from '../../../domain/messages.js';
import { updateTicket } from '../../../domain/tickets/update.js';
import type { RouteKit, TaskipApp } from '../route.js';
import { ErrorBody } from '../errors.js';
import { MsgResponse, NoteBody, NoteParams, NoteResponse, PriorityBody, ReplyBody, ReplyResponse, StatusBody, TicketResponse, UuidParams } from '../schemas.js';
import { messageWire, ticketWire } from '../mappers.js';
import { priorityFromInt, statusFromInt } from '../values.js';

const P = '/api/public-v1/support-ticket';

export function ticketUuidRoutes(app: TaskipApp, { op, scope }: RouteKit) {
  app.post(`${P}/reply/:uuid`, { ...op('Reply to support ticket (optionally changing its status)', { params: UuidParams, body: ReplyBody, response: { 201: ReplyResponse } }), config: { idempotent: true } }, async (req, reply) => {
    const { ctx, base } = scope(req);
    const b = req.body;
    const { message } = await addMessage(ctx, { uuid: req.params.uuid }, {
      kind: 'reply',
      bodyText: b.description,
      attachmentIds: b.attachment != null ? [b.attachment] : undefined,
      patch: b.status !== undefined ? { status: statusFromInt(b.status) } : undefined,
    });
    return reply.status(201).send({ msg: 'Reply added successfully', status: 201, reply: messageWire(message, base) });
  });

  app.post(`${P}/:uuid/priority`, op('Update ticket priority', { params: UuidParams, body: PriorityBody, response: { 200: TicketResponse, 409: ErrorBody } }), async (req) => {
    const { ctx, base } = scope(req);
    const { ticket } = await updateTicket(ctx, { uuid: req.params.uuid }, { priority: priorityFromInt(req.body.priority) }, { lockClosed: true });
    return { data: ticketWire(ticket, base), status: 200, msg: 'SupportTicket priority updated successfully' };
  });

  app.post(`${P}/status-update/:uuid`, op('Update ticket status', { params: UuidParams, body: StatusBody, response: { 200: TicketResponse } }), async (req) => {
    const { ctx, base } = scope(req);
    const b = req.body;
    const patch = { status: statusFromInt(b.status), ...(b.resolution_notes !== undefined ? { resolutionNotes: b.resolution_notes } : {}) };
    const { ticket } = await updateTicket(ctx, { uuid: req.params.uuid }, patch);
    return { data: ticketWire(ticket, base), status: 200, msg: 'SupportTicket status updated successfully' };
  });

  app.post(`${P}/:uuid/note-store`, { ...op('Add ticket note', { params: UuidParams, body: NoteBody, response: { 201: NoteResponse } }), config: { idempotent: true } }, async (req, reply) => {
    const { ctx, base } = scope(req);
    const b = req.body;
    const { message } = await addMessage(ctx, { uuid: req.params.uuid }, {
      kind: 'note',
      bodyText: (b.note ?? b.description ?? '').trim(),
      attachmentIds: b.attachment != null ? [b.attachment] : undefined,
    });
    return reply.status(201).send({ msg: 'Note added successfully', status: 201, note: messageWire(message, base) });
  });

  app.delete(`${P}/:uuid/note-delete/:id`, op('Delete ticket note', { params: NoteParams, response: { 200: MsgResponse } }), async (req) => {
    await deleteMessage(scope(req).ctx, { uuid: req.params.uuid }, req.params.id, 'note');
    return { msg: 'Note deleted successfully', status: 200 };
  });
}
