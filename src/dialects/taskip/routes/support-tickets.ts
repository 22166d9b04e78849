// /api/public-v1/support-ticket: CRUD and bulk actions, envelope {data, status, msg}.
import { createTicket } from '../../../domain/tickets/create.js';
import { getTicket } from '../../../domain/tickets/find.js';
import { listTickets, type TicketFilter, type TicketSortField } from '../../../domain/tickets/list.js';
import { deleteTicket, deleteTickets, updateTicket, updateTickets } from '../../../domain/tickets/update.js';
import type { TicketPatch } from '../../../domain/tickets/patch.js';
import { NotFoundError, ValidationError } from '../../../domain/errors.js';
import type { Ctx } from '../../../domain/context.js';
import type { RouteKit, TaskipApp } from '../route.js';
import { ErrorBody } from '../errors.js';
import { BulkBody, CreateBody, IdParams, ListQuery, ListResponse, MsgResponse, TicketResponse, TicketWire, UpdateBody } from '../schemas.js';
import { ticketWire, ticketsWire, WIRE_TICKET } from '../mappers.js';
import { dayAfter, dayStart } from '../format.js';
import { categoryId, createInput, ticketChanges } from '../input.js';
import { PRIORITY_NAMES, PRIORITY_SORT_GROUPS, STATUS_NAMES, STATUS_SORT_GROUPS, prioritiesReadingAs, statusFromInt, statusFromName, statusesReadingAs, type StatusName, type PriorityName } from '../values.js';
import { z } from 'zod';
import { countTicketCreated } from '../../../http/metrics.js';

const SORT: Record<z.infer<typeof ListQuery>['sort'], TicketSortField> = { created_at: 'createdAt', updated_at: 'updatedAt', priority: 'priority', status: 'status' };
const P = '/api/public-v1/support-ticket';

async function listFilter(ctx: Ctx, q: z.infer<typeof ListQuery>): Promise<TicketFilter> {
  const f: TicketFilter = {};
  if (q.search) f.search = q.search;
  if (q.status) f.status = statusesReadingAs(/^\d$/.test(q.status) ? STATUS_NAMES[Number(q.status)] : (q.status as StatusName));
  if (q.priority) f.priority = prioritiesReadingAs(/^\d$/.test(q.priority) ? PRIORITY_NAMES[Number(q.priority)] : (q.priority as PriorityName));
  if (q.assigned_to) f.assigneeId = q.assigned_to;
  if (q.client_id) f.organizationId = q.client_id;
  // An unknown category matches no ticket (an empty id list).
  if (q.category) f.queueId = (await categoryId(ctx, q.category)) ?? [];
  if (q.date_from) f.createdFrom = dayStart(q.date_from);
  // date_to is inclusive: the whole of that day.
  if (q.date_to) f.createdTo = new Date(dayAfter(q.date_to).getTime() - 1);
  return f;
}

/** A bulk action on ids that are not all tickets of the workspace names the first unknown one. */
async function naming<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFoundError && err.entity === 'ticket') throw ValidationError.field('ticket_ids', `The selected ticket id ${err.key} is invalid.`);
    throw err;
  }
}

export function supportTicketRoutes(app: TaskipApp, { op, scope }: RouteKit) {
  app.get(P, op('Get all support tickets', { querystring: ListQuery, response: { 200: ListResponse } }), async (req, reply) => {
    const { ctx, base } = scope(req);
    const q = req.query;
    // By priority: a ticket without one sorts with the normal ones, as it reads.
    const sortGroups = q.sort === 'priority' ? PRIORITY_SORT_GROUPS : q.sort === 'status' ? STATUS_SORT_GROUPS : undefined;
    const page = await listTickets(ctx, await listFilter(ctx, q), { shape: WIRE_TICKET, sort: SORT[q.sort], sortGroups, order: q.order, page: q.page, perPage: q.limit, withTotal: true });
    reply.header('x-total-count', String(page.total));
    return { data: ticketsWire(page.tickets, base), status: 200 };
  });

  app.post(P, { ...op('Create a new support ticket', { body: CreateBody, response: { 201: TicketResponse } }), config: { idempotent: true } }, async (req, reply) => {
    const { ctx, base } = scope(req);
    const ticket = await createTicket(ctx, await createInput(ctx, req.body));
    countTicketCreated(req);
    return reply.status(201).send({ data: ticketWire(ticket, base), status: 201, msg: 'SupportTicket stored successfully' });
  });

  app.post(`${P}/bulk-actions`, op('Perform bulk operations', { body: BulkBody, response: { 200: MsgResponse, 409: ErrorBody } }), async (req) => {
    const { ctx } = scope(req);
    const { action, parameters: p = {} } = req.body;
    const ids = [...new Set(req.body.ticket_ids)];
    if (action === 'delete') {
      await naming(deleteTickets(ctx, ids));
      return { msg: 'SupportTicket deleted successfully' };
    }
    let patch: TicketPatch;
    if (action === 'status_update') {
      if (p.status === undefined) throw ValidationError.field('parameters.status', 'The parameters.status field is required.');
      const status = typeof p.status === 'number' ? statusFromInt(p.status) : statusFromName(p.status);
      if (status === 'resolved' && !p.resolution_notes?.trim()) {
        throw ValidationError.field('parameters.resolution_notes', 'The resolution notes field is required when status is resolved.');
      }
      patch = { status, ...(p.resolution_notes !== undefined ? { resolutionNotes: p.resolution_notes } : {}) };
    } else if (action === 'assign') {
      if (p.assigned_to === undefined) throw ValidationError.field('parameters.assigned_to', 'The parameters.assigned_to field is required.');
      patch = { assigneeId: p.assigned_to };
    } else {
      if (!p.tags?.length) throw ValidationError.field('parameters.tags', 'The parameters.tags field is required.');
      patch = { addLabels: p.tags };
    }
    await naming(updateTickets(ctx, ids, patch, { lockClosed: true }));
    return { msg: 'SupportTicket updated successfully' };
  });

  app.get(`${P}/:id`, op('Get a specific support ticket', { params: IdParams, response: { 200: TicketWire } }), async (req) => {
    const { ctx, base } = scope(req);
    // The vendor answers this one with the bare ticket object.
    return ticketWire(await getTicket(ctx, { id: req.params.id }, { shape: WIRE_TICKET }), base);
  });

  app.put(`${P}/:id`, op('Update a support ticket (partial)', { params: IdParams, body: UpdateBody, response: { 200: TicketResponse, 409: ErrorBody } }), async (req) => {
    const { ctx, base } = scope(req);
    const { ticket } = await updateTicket(ctx, { id: req.params.id }, await ticketChanges(ctx, req.body), { lockClosed: true });
    return { data: ticketWire(ticket, base), status: 201, msg: 'SupportTicket stored successfully' };
  });

  app.delete(`${P}/:id`, op('Delete a support ticket with its replies, notes, attachments and history', { params: IdParams, response: { 200: MsgResponse } }), async (req) => {
    await deleteTicket(scope(req).ctx, { id: req.params.id });
    return { msg: 'SupportTicket deleted successfully', status: 200 };
  });
}
